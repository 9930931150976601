// The compliance page's controller: sign-in states, the drafts tab (filters in the address, list,
// detail with the reviewer actions), export, the chain indicator, the dashboard and template changes.
// Reviewers see everything; an account manager sees "your drafts", read only.
import { ComplianceApiError, isAbort, type ComplianceApi } from "./api";
import { MANAGER_ROLE, modeOf, readClaims, REVIEWER_ROLE, type Mode, type TokenProvider } from "./auth";
import { ChainStatus } from "./chain-status";
import { DashboardView } from "./dashboard-view";
import { DetailView } from "./detail-view";
import { FilterBar } from "./filter-bar";
import { apiQuery, applyPreset, filterQuery, parseState, stateToSearch, type Filters, type Preset, type Tab, type ViewState } from "./filters";
import { el, label, messageOf, RECORD_LABELS, replace } from "./format";
import { DraftList } from "./list-view";
import { TEMPLATE_CHANGED, TemplateChangesView } from "./template-changes-view";
import type { ReviewAction } from "./types";
import { forbiddenCard, signInCard } from "../shared/signin-view";

export interface ComplianceAppOptions {
  root: HTMLElement;
  api: ComplianceApi;
  tokens: TokenProvider;
  window?: Window;
  download?: (blob: Blob, name: string) => void;
  /** Today, for the "last week" preset. */
  now?: () => Date;
}

const TOKEN_COMMAND = "dotnet user-jwts create --project api --role ComplianceReviewer -o token";
const MANAGER_COMMAND = "dotnet user-jwts create --project api --role AccountManager --name \"Sam Carter\" -o token";

const TAB_LABELS: Record<Tab, string> = { drafts: "Drafts", dashboard: "Dashboard", templates: "Template changes" };

export class ComplianceApp {
  private readonly win: Window;
  private readonly download: (blob: Blob, name: string) => void;
  private readonly now: () => Date;

  private mode: Mode = "none";
  private state: ViewState = parseState("");
  private filterBar!: FilterBar;
  private list!: DraftList;
  private detail!: DetailView;
  private chain: ChainStatus | null = null;
  private dashboard: DashboardView | null = null;
  private templates: TemplateChangesView | null = null;
  private tabButtons: Partial<Record<Tab, HTMLButtonElement>> = {};
  private tabPanels: Partial<Record<Tab, HTMLElement>> = {};
  private layout!: HTMLElement;
  private listKey: string | null = null;
  private listController: AbortController | null = null;
  private listSeq = 0;
  private detailSeq = 0;
  /** The draft the detail pane shows or is loading. */
  private detailId: string | null = null;
  private popListener: (() => void) | null = null;
  private signedIn = false;

  constructor(private readonly options: ComplianceAppOptions) {
    this.win = options.window ?? window;
    this.download = options.download ?? defaultDownload;
    this.now = options.now ?? (() => new Date());
  }

  /** The page's mode once signed in (reviewer or manager). */
  get currentMode(): Mode {
    return this.mode;
  }

  async start(): Promise<void> {
    this.signedIn = false;
    const token = await this.options.tokens.getToken();
    if (!token) {
      this.showSignIn("none");
      return;
    }
    let mode = modeOf(token);
    if (mode === null) {
      // Not a readable JWT: ask the API. The log is for reviewers only.
      try {
        await this.options.api.log({ take: 1 });
        mode = "reviewer";
      } catch (e) {
        if (e instanceof ComplianceApiError && e.kind === "notAllowed") mode = "manager";
        else if (this.handleAuthError(e)) return;
        else mode = "reviewer";
      }
    }
    if (mode === "none") {
      this.showForbidden();
      return;
    }
    this.mode = mode;
    this.signedIn = true;
    this.buildMain(token);
    if (!this.popListener) {
      this.popListener = () => {
        if (!this.signedIn) return;
        this.state = this.normalise(parseState(this.win.location.search));
        this.render();
      };
      this.win.addEventListener("popstate", this.popListener);
    }
    this.state = this.normalise(parseState(this.win.location.search));
    this.replaceUrl();
    void this.options.api.kinds().then(
      (kinds) => this.filterBar.setKinds(kinds),
      () => undefined,
    );
    this.render();
  }

  // ---- signed-out and wrong-role states ----------------------------------------------------------

  private showSignIn(reason: "none" | "refused"): void {
    this.signedIn = false;
    const copy = {
      needs: `Compliance review needs the ${REVIEWER_ROLE} role. An ${MANAGER_ROLE} sees their own drafts.`,
      tokenCommand: TOKEN_COMMAND,
      pagePath: "/compliance/",
    };
    replace(
      this.options.root,
      this.header(null),
      el("main", { className: "state-page" }, signInCard(this.options.tokens, reason, copy, () => void this.start())),
    );
  }

  private showForbidden(): void {
    this.signedIn = false;
    this.listController?.abort();
    void this.options.tokens.getToken().then((token) => {
      const name = token ? readClaims(token)?.name : undefined;
      const copy = {
        title: `Your account does not have the ${REVIEWER_ROLE} role`,
        needs: `Reviewing drafts needs the ${REVIEWER_ROLE} role; an ${MANAGER_ROLE} may read their own drafts.`,
        tokenCommand: TOKEN_COMMAND + "\n" + MANAGER_COMMAND,
      };
      replace(
        this.options.root,
        this.header(token),
        el("main", { className: "state-page" }, forbiddenCard(this.options.tokens, name, copy, () => this.signOut())),
      );
    });
  }

  private signOut(): void {
    this.listController?.abort();
    this.options.tokens.clear();
    this.showSignIn("none");
  }

  /** 401 → signed out, 403 → wrong role. True when handled. */
  readonly handleAuthError = (e: unknown): boolean => {
    if (!(e instanceof ComplianceApiError)) return false;
    if (e.kind === "signedOut") {
      this.listController?.abort();
      this.options.tokens.clear();
      this.showSignIn("refused");
      return true;
    }
    if (e.kind === "notAllowed") {
      this.showForbidden();
      return true;
    }
    return false;
  };

  // ---- the frame ------------------------------------------------------------------------------

  private header(token: string | null): HTMLElement {
    const name = token ? readClaims(token)?.name : undefined;
    const actions = el("div", { className: "header-actions" });
    if (token) {
      actions.append(
        el("span", { className: "mode-tag", testid: "mode" }, this.signedInMode() === "manager" ? "Account manager" : this.signedInMode() === "reviewer" ? "Compliance reviewer" : ""),
        name ? el("span", { className: "user", testid: "user" }, name) : "",
        el("button", { type: "button", className: "secondary small on-dark", testid: "signout", onclick: () => this.signOut() }, "Sign out"),
      );
    }
    const title = this.signedInMode() === "manager" ? "Your drafts" : "Compliance review";
    return el("header", { className: "topbar" }, el("h1", {}, "OutlookSayNo ", el("span", { className: "thin" }, title)), actions);
  }

  private signedInMode(): Mode | null {
    return this.signedIn ? this.mode : null;
  }

  private buildMain(token: string): void {
    const reviewer = this.mode === "reviewer";
    this.filterBar = new FilterBar({
      showUser: reviewer,
      onChange: (filters) => this.applyFilters(filters),
      onPreset: (preset) => this.preset(preset),
      onExport: reviewer ? () => void this.exportCsv() : undefined,
    });
    this.list = new DraftList({
      showUser: reviewer,
      onOpen: (id) => this.update({ draft: id }),
      onPage: (skip) => this.update({ skip }),
      onCount: (count) => this.update({ count }),
    });
    this.detail = new DetailView({
      canAct: reviewer,
      act: (id, type, comment) => this.act(id, type, comment),
      onClose: () => this.update({ draft: null }),
      onAuthError: this.handleAuthError,
    });
    this.layout = el("div", { className: "drafts-layout", "data-detail": "closed" }, this.list.element, this.detail.element);
    const draftsPanel = el(
      "div",
      { className: "tab-panel", id: "panel-drafts", role: reviewer ? "tabpanel" : undefined, "aria-labelledby": reviewer ? "tab-drafts" : undefined, testid: "panel-drafts" },
      reviewer ? null : el("p", { className: "mode-note", testid: "manager-note" }, "You see the drafts you made, what you sent and how they were judged. Review actions, export and the dashboard are for compliance reviewers."),
      this.filterBar.element,
      this.layout,
    );
    this.tabPanels = { drafts: draftsPanel };
    this.tabButtons = {};

    let nav: HTMLElement | null = null;
    if (reviewer) {
      this.chain = new ChainStatus(() => this.options.api.verify(), this.handleAuthError);
      this.dashboard = new DashboardView({ load: (from, to) => this.options.api.dashboard(from, to), onError: this.handleAuthError });
      this.templates = new TemplateChangesView({ load: (after, take) => this.options.api.log({ after, take, type: TEMPLATE_CHANGED }), onError: this.handleAuthError });
      this.tabPanels.dashboard = el("div", { className: "tab-panel", id: "panel-dashboard", role: "tabpanel", "aria-labelledby": "tab-dashboard", testid: "panel-dashboard" }, this.dashboard.element);
      this.tabPanels.templates = el("div", { className: "tab-panel", id: "panel-templates", role: "tabpanel", "aria-labelledby": "tab-templates", testid: "panel-templates" }, this.templates.element);
      const tablist = el("div", { className: "tabs", role: "tablist", "aria-label": "Views" });
      for (const tab of ["drafts", "dashboard", "templates"] as const) {
        const button = el(
          "button",
          { type: "button", role: "tab", id: `tab-${tab}`, "aria-controls": `panel-${tab}`, testid: `tab-${tab}`, onclick: () => this.update({ tab }) },
          TAB_LABELS[tab],
        );
        button.addEventListener("keydown", (e) => this.tabKeys(e, tab));
        this.tabButtons[tab] = button;
        tablist.appendChild(button);
      }
      nav = el("nav", { className: "subbar" }, tablist, this.chain.element);
    } else {
      this.chain = null;
      this.dashboard = null;
      this.templates = null;
    }
    this.listKey = null;
    this.detailId = null;
    replace(
      this.options.root,
      this.header(token),
      nav,
      el("main", { className: "main", testid: reviewer ? "reviewer-main" : "manager-main" }, ...Object.values(this.tabPanels)),
    );
  }

  private tabKeys(e: KeyboardEvent, tab: Tab): void {
    const tabs: Tab[] = ["drafts", "dashboard", "templates"];
    const i = tabs.indexOf(tab);
    const next = e.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(i + tabs.length - 1) % tabs.length] : null;
    if (!next) return;
    e.preventDefault();
    this.update({ tab: next });
    this.tabButtons[next]?.focus();
  }

  // ---- state and the address -------------------------------------------------------------------

  /** What this mode may show: an account manager has only the drafts tab and no user filter. */
  private normalise(state: ViewState): ViewState {
    if (this.mode !== "manager") return state;
    return { ...state, tab: "drafts", filters: { ...state.filters, user: "" } };
  }

  private update(change: Partial<ViewState>): void {
    this.state = this.normalise({ ...this.state, ...change, filters: change.filters ?? this.state.filters });
    this.pushUrl();
    this.render();
  }

  private applyFilters(filters: Filters): void {
    this.update({ filters, skip: 0 });
  }

  private preset(preset: Preset): void {
    const filters = applyPreset(this.filterBar.read(), preset, this.now());
    this.update({ filters, skip: 0 });
  }

  private pushUrl(): void {
    const url = this.win.location.pathname + stateToSearch(this.state);
    if (url !== this.win.location.pathname + this.win.location.search) this.win.history.pushState(null, "", url);
  }

  private replaceUrl(): void {
    this.win.history.replaceState(null, "", this.win.location.pathname + stateToSearch(this.state) + this.win.location.hash);
  }

  /** Shows the state: the tab, the filters, the list (fetched when its query changed) and the draft. */
  private render(): void {
    const tab = this.state.tab;
    for (const [name, panel] of Object.entries(this.tabPanels)) panel.hidden = name !== tab;
    for (const [name, button] of Object.entries(this.tabButtons)) {
      button.setAttribute("aria-selected", String(name === tab));
      button.tabIndex = name === tab ? 0 : -1;
    }
    if (tab === "dashboard" && this.dashboard && !this.dashboard.loaded) void this.dashboard.load();
    if (tab === "templates" && this.templates && !this.templates.loaded) void this.templates.load();
    if (tab !== "drafts") return;
    this.filterBar.set(this.state.filters);
    this.list.setCount(this.state.count);
    void this.loadList();
    this.list.select(this.state.draft);
    this.layout.dataset.detail = this.state.draft ? "open" : "closed";
    if (this.state.draft) {
      if (this.detailId !== this.state.draft) void this.openDraft(this.state.draft);
    } else {
      this.detailSeq++;
      this.detailId = null;
      this.detail.hide();
    }
  }

  // ---- the list and the detail -------------------------------------------------------------------

  private async loadList(force = false): Promise<void> {
    const query = apiQuery(this.state);
    const key = query.toString();
    if (!force && key === this.listKey) return;
    this.listKey = key;
    this.listController?.abort();
    const controller = new AbortController();
    this.listController = controller;
    const seq = ++this.listSeq;
    this.list.loading();
    try {
      const page = await this.options.api.drafts(query, controller.signal);
      if (seq !== this.listSeq) return;
      this.list.show(page);
    } catch (e) {
      if (seq !== this.listSeq || isAbort(e)) return;
      if (this.handleAuthError(e)) return;
      this.listKey = null;
      this.list.error(`The drafts could not be loaded: ${messageOf(e)}`);
    }
  }

  private async openDraft(id: string, note?: string): Promise<void> {
    const seq = ++this.detailSeq;
    this.detailId = id;
    this.detail.loading(id);
    try {
      const detail = await this.options.api.draft(id);
      if (seq !== this.detailSeq) return;
      this.detail.show(detail, note);
      this.list.update(detail.summary);
    } catch (e) {
      if (seq !== this.detailSeq) return;
      if (this.handleAuthError(e)) return;
      this.detail.error(`The draft could not be loaded: ${messageOf(e)}`);
    }
  }

  private async act(id: string, type: ReviewAction, comment: string): Promise<void> {
    const record = await this.options.api.act(id, type, comment);
    const done = `${label(RECORD_LABELS, record.type)} (record ${record.seq}).`;
    await Promise.all([this.openDraft(id, done), this.loadList(true)]);
  }

  // ---- export ------------------------------------------------------------------------------------

  private async exportCsv(): Promise<void> {
    const status = this.filterBar.exportStatus;
    this.filterBar.setExporting(true);
    status.dataset.state = "loading";
    replace(status, "Exporting…");
    try {
      const { blob, filename } = await this.options.api.exportCsv(filterQuery(this.state.filters));
      this.download(blob, filename);
      status.dataset.state = "ok";
      replace(status, `Downloaded ${filename}`);
    } catch (e) {
      if (this.handleAuthError(e)) return;
      status.dataset.state = "error";
      replace(status, `Export failed: ${messageOf(e)}`);
    } finally {
      this.filterBar.setExporting(false);
    }
  }
}

/** Saves a blob through a temporary link with a download name. */
export function defaultDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
