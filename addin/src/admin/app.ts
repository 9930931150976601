// The admin page's controller: sign-in states, the catalog, the document editor with save /
// validate / conflict handling, history, alternatives, facts, conflicts, export and import.
import { AdminApiError, etagFor, versionFromEtag, type AdminApi } from "./api";
import { ADMIN_ROLE, mayAdminister, readClaims, type TokenProvider } from "./auth";
import { AlternativesForm, parseKind } from "./alternatives-form";
import { CatalogView, type Selection } from "./catalog-view";
import { ConflictsView } from "./conflicts-view";
import { lineDiff, renderDiff } from "./diff";
import { append, clear, el, replace } from "./dom";
import { DocumentEditor } from "./editor";
import { FactsView } from "./facts-view";
import { PacksView } from "./packs-view";
import { HistoryView } from "./history-view";
import { PreviewPanel, type PreviewSource } from "./preview-panel";
import { renderProblems } from "./problems";
import { forbiddenCard, signInCard } from "../shared/signin-view";
import type { HistoryEntry, KindSummary, NewKindRequest, Problem, TemplateDocument } from "./types";

export interface AdminAppOptions {
  root: HTMLElement;
  api: AdminApi;
  tokens: TokenProvider;
  window?: Window;
  confirm?: (message: string) => boolean;
  download?: (blob: Blob, name: string) => void;
  previewDelayMs?: number;
}

type View = "welcome" | "document" | "facts" | "packs" | "conflicts";
type Tab = "edit" | "history" | "alternatives";

interface OpenDocument {
  path: string;
  id: number;
  version: number;
  etag: string;
}

const TOKEN_COMMAND = "dotnet user-jwts create --project api --role TemplateAdmin -o token";

/** The kind a document belongs to (`discount/commercial.scriban` → `discount`); null for partials and settings. */
export function kindOfPath(path: string): string | null {
  const slash = path.indexOf("/");
  if (slash < 0 || path.startsWith("_partials/")) return null;
  return path.slice(0, slash);
}

export class AdminApp {
  private readonly win: Window;
  private readonly confirm: (message: string) => boolean;
  private readonly download: (blob: Blob, name: string) => void;

  // Built when signed in.
  private banner!: HTMLElement;
  private layout!: HTMLElement;
  private centre!: HTMLElement;
  private catalog!: CatalogView;
  private preview!: PreviewPanel;
  private editor!: DocumentEditor;
  private history!: HistoryView;
  private alternatives!: AlternativesForm;
  private facts!: FactsView;
  private packs!: PacksView;
  private conflicts!: ConflictsView;
  private docView!: HTMLElement;
  private welcomeView!: HTMLElement;
  private doc: OpenDocument | null = null;
  private view: View = "welcome";
  private tab: Tab = "edit";
  private openSeq = 0;
  private saving = false;
  private unloadGuard = false;
  private started = false;

  // Document view parts.
  private docPath!: HTMLElement;
  private docVersion!: HTMLElement;
  private dirtyMark!: HTMLElement;
  private cursorLabel!: HTMLElement;
  private saveButton!: HTMLButtonElement;
  private saveStatus!: HTMLElement;
  private comment!: HTMLInputElement;
  private messages!: HTMLElement;
  private tabButtons!: Record<Tab, HTMLButtonElement>;
  private tabPanels!: Record<Tab, HTMLElement>;

  constructor(private readonly options: AdminAppOptions) {
    this.win = options.window ?? window;
    this.confirm = options.confirm ?? ((m) => this.win.confirm(m));
    this.download = options.download ?? defaultDownload;
  }

  async start(): Promise<void> {
    if (!this.unloadGuard) {
      this.unloadGuard = true;
      this.win.addEventListener("beforeunload", (event) => {
        if (!this.hasUnsavedChanges) return;
        event.preventDefault();
        event.returnValue = "";
      });
    }
    const token = await this.options.tokens.getToken();
    if (!token) {
      this.showSignIn("none");
      return;
    }
    if (!mayAdminister(token)) {
      this.showForbidden();
      return;
    }
    this.buildMain(token);
    try {
      const catalog = await this.options.api.catalog();
      this.catalog.show(catalog);
      this.preview.setKinds(catalog.kinds);
      this.preview.setPacks(catalog.packs ?? [], catalog.setup?.pack ?? null);
    } catch (e) {
      if (this.handleAuthError(e)) return;
      this.showBanner(`The catalog could not be loaded: ${messageOf(e)}`, "error", () => void this.start());
      return;
    }
    this.started = true;
    await this.route(this.win.location.hash);
  }

  get hasUnsavedChanges(): boolean {
    if (!this.started) return false;
    return this.editor.dirty || this.facts.dirty;
  }

  // ---- signed-out and wrong-role states ----------------------------------------------------------

  private showSignIn(reason: "none" | "refused"): void {
    this.started = false;
    const copy = { needs: `Template administration needs the ${ADMIN_ROLE} role.`, tokenCommand: TOKEN_COMMAND, pagePath: "/admin/" };
    replace(
      this.options.root,
      this.header(null),
      el("main", { className: "state-page" }, signInCard(this.options.tokens, reason, copy, () => void this.start())),
    );
  }

  private showForbidden(): void {
    this.started = false;
    void this.options.tokens.getToken().then((token) => {
      const name = token ? readClaims(token)?.name : undefined;
      const copy = {
        title: `Your account does not have the ${ADMIN_ROLE} role`,
        needs: `Editing templates, facts and kinds needs the ${ADMIN_ROLE} role.`,
        tokenCommand: TOKEN_COMMAND,
      };
      replace(
        this.options.root,
        this.header(token),
        el("main", { className: "state-page" }, forbiddenCard(this.options.tokens, name, copy, () => this.signOut())),
      );
    });
  }

  private signOut(): void {
    if (this.hasUnsavedChanges && !this.confirm("Sign out and lose your unsaved changes?")) return;
    this.options.tokens.clear();
    this.preview?.cancel();
    this.showSignIn("none");
  }

  /** 401 → signed out, 403 → wrong role. True when handled. */
  private readonly handleAuthError = (e: unknown): boolean => {
    if (!(e instanceof AdminApiError)) return false;
    if (e.kind === "signedOut") {
      this.preview?.cancel();
      this.options.tokens.clear();
      this.showSignIn("refused");
      return true;
    }
    if (e.kind === "notAllowed") {
      this.preview?.cancel();
      this.showForbidden();
      return true;
    }
    return false;
  };

  private fail(e: unknown, what: string): void {
    if (this.handleAuthError(e)) return;
    this.showBanner(`${what}: ${messageOf(e)}`, "error");
  }

  // ---- the frame ------------------------------------------------------------------------------

  private header(token: string | null, full = false): HTMLElement {
    const name = token ? readClaims(token)?.name : undefined;
    const actions = el("div", { className: "header-actions" });
    if (token && full) {
      const file = el("input", { type: "file", accept: ".zip,application/zip", id: "import-file", testid: "import-file", hidden: true });
      file.addEventListener("change", () => {
        const chosen = file.files?.[0];
        file.value = "";
        if (chosen) void this.importZip(chosen);
      });
      append(
        actions,
        el("button", { type: "button", className: "secondary small on-dark", testid: "export", onclick: () => void this.exportZip() }, "Export zip"),
        el("button", { type: "button", className: "secondary small on-dark", testid: "import", onclick: () => file.click() }, "Import zip…"),
        file,
      );
    }
    if (token) {
      append(
        actions,
        name ? el("span", { className: "user", testid: "user" }, name) : null,
        el("button", { type: "button", className: "secondary small on-dark", testid: "signout", onclick: () => this.signOut() }, "Sign out"),
      );
    }
    return el("header", { className: "topbar" }, el("h1", {}, "OutlookSayNo ", el("span", { className: "thin" }, "Template admin")), actions);
  }

  private buildMain(token: string): void {
    this.banner = el("div", { className: "banner", testid: "banner", hidden: true });
    this.catalog = new CatalogView({
      onOpen: (path) => void this.openDocument(path),
      onFacts: () => void this.openFacts(),
      onPacks: () => void this.openPacks(),
      onConflicts: () => void this.openConflicts(),
      onCreateKind: (request) => this.createKind(request),
      onRetireKind: (kind) => void this.retireKind(kind),
    });
    this.preview = new PreviewPanel({
      api: this.options.api,
      source: () => this.previewSource(),
      onGoTo: (p) => this.goTo(p),
      onOpen: (p) => void this.openAt(p),
      onError: this.handleAuthError,
      delayMs: this.options.previewDelayMs,
    });
    this.buildDocView();
    this.history = new HistoryView({ api: this.options.api, onRestore: (entry) => void this.restore(entry), onError: this.handleAuthError });
    this.tabPanels.history.appendChild(this.history.root);
    this.alternatives = new AlternativesForm({ read: () => this.editor.text, write: (text) => this.editor.replaceAll(text) });
    this.tabPanels.alternatives.appendChild(this.alternatives.root);
    this.facts = new FactsView({
      api: this.options.api,
      onEdit: () => this.preview.schedule(),
      onSaved: () => {
        this.preview.refreshNow();
        void this.reloadCatalog();
      },
      onError: this.handleAuthError,
      onEditAsText: () => void this.openDocument("facts.json"),
    });
    this.packs = new PacksView({
      api: this.options.api,
      onSaved: () => {
        this.preview.refreshNow();
        void this.reloadCatalog();
      },
      onError: this.handleAuthError,
      onOpen: (path) => void this.openDocument(path),
    });
    this.conflicts = new ConflictsView({
      api: this.options.api,
      onResolved: (path) => {
        void this.reloadCatalog();
        if (this.doc?.path === path && !this.editor.dirty) void this.openDocument(path, true);
      },
      onError: this.handleAuthError,
    });
    this.welcomeView = el(
      "section",
      { className: "welcome", testid: "welcome" },
      el("h2", {}, "Templates, partials, facts and kinds"),
      el("p", {}, "Choose a template, a partial or a setting in the catalog. Every save is a new version; the live preview renders your unsaved text for the three audiences."),
    );
    this.centre = el("main", { className: "panel centre", testid: "centre" }, this.welcomeView);
    this.layout = el("div", { className: "layout", "data-view": "welcome" }, this.catalog.root, this.centre, this.preview.root);
    replace(this.options.root, this.header(token, true), this.banner, this.layout);
    this.view = "welcome";
    this.doc = null;
  }

  private buildDocView(): void {
    this.docPath = el("h2", { className: "doc-path", testid: "doc-path" });
    this.docVersion = el("span", { className: "muted", testid: "doc-version" });
    this.dirtyMark = el("span", { className: "dirty", testid: "dirty", hidden: true }, "● Unsaved changes");
    this.cursorLabel = el("span", { className: "muted cursor", testid: "cursor", "aria-live": "off" });
    this.saveStatus = el("span", { className: "save-status", testid: "save-status", role: "status", "aria-live": "polite", "data-state": "idle" });
    this.comment = el("input", { type: "text", id: "save-comment", testid: "comment", placeholder: "What changed, and why (optional)" });
    this.saveButton = el("button", { type: "button", className: "primary", testid: "save", disabled: true, onclick: () => void this.save() }, "Save");
    this.messages = el("div", { className: "messages" });
    const host = el("div", { className: "editor-host", testid: "editor" });
    this.editor = new DocumentEditor(host, {
      onChange: (_text, dirty) => this.onEdited(dirty),
      onCursor: (line, column) => (this.cursorLabel.textContent = `Ln ${line}, Col ${column}`),
      onSave: () => void this.save(),
    });

    const tab = (name: Tab, label: string) =>
      el(
        "button",
        { type: "button", role: "tab", id: `tab-${name}`, testid: `tab-${name}`, "aria-controls": `panel-${name}`, onclick: () => this.selectTab(name) },
        label,
      );
    this.tabButtons = { edit: tab("edit", "Edit"), history: tab("history", "History"), alternatives: tab("alternatives", "Alternatives") };
    const editPanel = el(
      "div",
      { role: "tabpanel", id: "panel-edit", "aria-labelledby": "tab-edit", className: "tabpanel edit-panel" },
      el(
        "div",
        { className: "toolbar" },
        el("button", { type: "button", className: "secondary small", testid: "undo", title: "Undo (Ctrl+Z)", onclick: () => this.editor.undo() }, "Undo"),
        el("button", { type: "button", className: "secondary small", testid: "redo", title: "Redo (Ctrl+Y)", onclick: () => this.editor.redo() }, "Redo"),
        el("button", { type: "button", className: "secondary small", testid: "validate", onclick: () => void this.validate() }, "Validate"),
        el("span", { className: "spacer" }),
        el("label", { for: "save-comment", className: "visually-hidden" }, "Comment"),
        this.comment,
        this.saveButton,
      ),
      el("div", { className: "status-row" }, this.saveStatus, el("span", { className: "spacer" }), this.cursorLabel),
      this.messages,
      host,
    );
    this.tabPanels = {
      edit: editPanel,
      history: el("div", { role: "tabpanel", id: "panel-history", "aria-labelledby": "tab-history", className: "tabpanel", hidden: true }),
      alternatives: el("div", { role: "tabpanel", id: "panel-alternatives", "aria-labelledby": "tab-alternatives", className: "tabpanel", hidden: true }),
    };
    this.docView = el(
      "section",
      { className: "doc-view", "aria-labelledby": "doc-path" },
      el("div", { className: "doc-head" }, this.docPath, this.docVersion, this.dirtyMark),
      el("div", { className: "tabs", role: "tablist", "aria-label": "Document" }, this.tabButtons.edit, this.tabButtons.history, this.tabButtons.alternatives),
      this.tabPanels.edit,
      this.tabPanels.history,
      this.tabPanels.alternatives,
    );
    this.docPath.id = "doc-path";
  }

  private showView(view: View): void {
    this.view = view;
    this.layout.dataset.view = view;
    const root =
      view === "document"
        ? this.docView
        : view === "facts"
          ? this.facts.root
          : view === "packs"
            ? this.packs.root
            : view === "conflicts"
              ? this.conflicts.root
              : this.welcomeView;
    if (this.centre.firstChild !== root) replace(this.centre, root);
    if (view !== "facts") this.facts.reset();
    if (view === "document") this.editor.view.requestMeasure();
  }

  private setHash(hash: string): void {
    const url = new URL(this.win.location.href);
    url.hash = hash;
    this.win.history.replaceState(this.win.history.state, "", url.pathname + url.search + url.hash);
  }

  private async route(hash: string): Promise<void> {
    const value = decodeURIComponent(hash.replace(/^#/, ""));
    if (value.startsWith("doc=")) await this.openDocument(value.slice(4));
    else if (value === "facts") await this.openFacts();
    else if (value === "packs") await this.openPacks();
    else if (value === "conflicts") await this.openConflicts();
  }

  private showBanner(content: string | Node, tone: "error" | "info", retry?: () => void): void {
    replace(
      this.banner,
      el("div", { className: "banner-content" }, content),
      retry ? el("button", { type: "button", className: "secondary small", testid: "banner-retry", onclick: () => (this.hideBanner(), retry()) }, "Try again") : null,
      el("button", { type: "button", className: "link small", "aria-label": "Dismiss", testid: "banner-dismiss", onclick: () => this.hideBanner() }, "Dismiss"),
    );
    this.banner.className = `banner banner-${tone}`;
    this.banner.setAttribute("role", tone === "error" ? "alert" : "status");
    this.banner.dataset.tone = tone;
    this.banner.hidden = false;
  }

  private hideBanner(): void {
    this.banner.hidden = true;
    clear(this.banner);
  }

  private async reloadCatalog(): Promise<void> {
    try {
      const catalog = await this.options.api.catalog();
      this.catalog.show(catalog);
      this.preview.setKinds(catalog.kinds);
      this.preview.setPacks(catalog.packs ?? [], catalog.setup?.pack ?? null);
    } catch (e) {
      this.fail(e, "The catalog could not be reloaded");
    }
  }

  // ---- documents ------------------------------------------------------------------------------

  private async openDocument(path: string, force = false): Promise<boolean> {
    if (this.doc?.path === path && !force) {
      this.showView("document");
      this.catalog.select({ type: "document", path });
      this.setHash(`doc=${path}`);
      void this.preview.update();
      return true;
    }
    if (!force && this.editor.dirty && this.doc && !this.confirm(`Discard your unsaved changes to ${this.doc.path}?`)) return false;
    const mine = ++this.openSeq;
    this.catalog.select({ type: "document", path });
    this.setHash(`doc=${path}`);
    this.showView("document");
    this.docPath.textContent = path;
    this.docVersion.textContent = "loading…";
    try {
      const loaded = await this.options.api.document(path);
      if (mine !== this.openSeq) return false;
      this.loadIntoEditor(loaded.value, loaded.etag);
      void this.preview.update();
      return true;
    } catch (e) {
      if (mine !== this.openSeq) return false;
      this.fail(e, `${path} could not be opened`);
      return false;
    }
  }

  private loadIntoEditor(doc: TemplateDocument, etag: string | null): void {
    this.doc = { path: doc.path, id: doc.id, version: doc.version, etag: etag ?? etagFor(doc.version) };
    this.editor.load(doc.path, doc.content);
    this.docPath.textContent = doc.path;
    this.docVersion.textContent = `version ${doc.version}`;
    this.comment.value = "";
    clear(this.messages);
    this.setSaveStatus("", "idle");
    this.onEdited(false);
    this.history.reset();
    const isKind = doc.path.endsWith("/kind.json");
    this.tabButtons.alternatives.hidden = !isKind;
    this.selectTab(this.tab === "alternatives" && !isKind ? "edit" : this.tab);
  }

  private selectTab(tab: Tab): void {
    this.tab = tab;
    for (const name of Object.keys(this.tabButtons) as Tab[]) {
      const selected = name === tab;
      this.tabButtons[name].setAttribute("aria-selected", String(selected));
      this.tabButtons[name].tabIndex = selected ? 0 : -1;
      this.tabPanels[name].hidden = !selected;
    }
    if (tab === "history" && this.doc && this.history.currentPath !== this.doc.path) void this.history.load(this.doc.path);
    if (tab === "alternatives") this.alternatives.refresh();
    if (tab === "edit") this.editor.view.requestMeasure();
  }

  private onEdited(dirty: boolean): void {
    this.dirtyMark.hidden = !dirty;
    this.saveButton.disabled = !dirty || this.saving;
    if (dirty && (this.saveStatus.dataset.state === "saved" || this.saveStatus.dataset.state === "idle")) this.setSaveStatus("", "idle");
    if (this.view === "document") this.preview.schedule();
  }

  private setSaveStatus(text: string, state: string): void {
    this.saveStatus.textContent = text;
    this.saveStatus.dataset.state = state;
  }

  private previewSource(): PreviewSource | null {
    if (this.view === "document" && this.doc) {
      const path = this.doc.path;
      const kind = kindOfPath(path);
      const dirty = this.editor.dirty;
      let examples: string[] | null = null;
      if (dirty && kind && path === `${kind}/kind.json`) {
        const parsed = parseKind(this.editor.text);
        if (parsed.ok && Array.isArray(parsed.kind.examples)) examples = parsed.kind.examples.map((e) => (typeof e === "string" ? e : ""));
      }
      return { fixedKind: kind, changes: dirty ? [{ path, content: this.editor.text }] : [], path, examples };
    }
    if (this.view === "facts") return { fixedKind: null, changes: this.facts.changes(), path: null };
    return null;
  }

  private goTo(problem: Problem): void {
    if (this.view !== "document") return;
    this.selectTab("edit");
    this.editor.goTo(problem);
  }

  private async openAt(problem: Problem): Promise<void> {
    if (!problem.path) return;
    if (await this.openDocument(problem.path)) this.goTo(problem);
  }

  private showProblems(problems: Problem[], title: string): void {
    this.editor.setProblems(problems);
    replace(
      this.messages,
      renderProblems(problems, { path: this.doc?.path ?? null, onGoTo: (p) => this.goTo(p), onOpen: (p) => void this.openAt(p), title }),
    );
  }

  private async save(): Promise<void> {
    const doc = this.doc;
    if (!doc || this.saving || !this.editor.dirty) return;
    this.saving = true;
    this.saveButton.disabled = true;
    const snapshot = this.editor.view.state.doc;
    const content = snapshot.toString();
    this.setSaveStatus("Saving…", "saving");
    try {
      const result = await this.options.api.saveDocument(doc.path, content, doc.etag, this.comment.value.trim() || undefined);
      if (this.doc !== doc) return;
      if (result.ok) {
        const saved = result.value;
        const version = saved?.version ?? versionFromEtag(result.etag) ?? doc.version + 1;
        this.doc = { path: doc.path, id: saved?.id ?? doc.id, version, etag: result.etag ?? etagFor(version) };
        this.editor.setBaseline(snapshot);
        this.editor.setProblems([]);
        clear(this.messages);
        this.comment.value = "";
        this.docVersion.textContent = `version ${version}`;
        this.setSaveStatus(`Saved version ${version}.`, "saved");
        const kind = kindOfPath(doc.path);
        if (kind && doc.path === `${kind}/kind.json`) this.preview.forgetExamples(kind);
        this.history.reset();
        if (this.tab === "history") void this.history.load(doc.path);
        this.preview.refreshNow();
        void this.reloadCatalog();
      } else if (result.reason === "conflict") {
        this.setSaveStatus("Not saved: someone else saved a newer version.", "conflict");
        await this.showConflict(result.currentVersion);
      } else {
        this.setSaveStatus(`Not saved: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`, "invalid");
        this.showProblems(result.problems, "The document was not saved");
      }
    } catch (e) {
      this.setSaveStatus("Not saved.", "error");
      this.fail(e, "The document was not saved");
    } finally {
      this.saving = false;
      this.saveButton.disabled = !this.editor.dirty;
    }
  }

  private async showConflict(currentVersion: number | null): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const diffArea = el("div");
    const theirs = async (): Promise<{ value: TemplateDocument; etag: string | null } | null> => {
      try {
        return await this.options.api.document(doc.path);
      } catch (e) {
        this.fail(e, "The current version could not be loaded");
        return null;
      }
    };
    const versionText = currentVersion !== null ? `version ${currentVersion}` : "a newer version";
    replace(
      this.messages,
      el(
        "div",
        { className: "conflict-banner", testid: "conflict-banner", role: "alert" },
        el("p", {}, `Someone saved ${versionText} while you were editing. Your changes are not saved.`),
        el(
          "div",
          { className: "toolbar" },
          el(
            "button",
            {
              type: "button",
              className: "primary small",
              testid: "load-theirs",
              onclick: async () => {
                const current = await theirs();
                if (current && this.doc === doc) {
                  this.loadIntoEditor(current.value, current.etag);
                  this.setSaveStatus(`Loaded version ${current.value.version}; your changes were discarded.`, "idle");
                  this.preview.refreshNow();
                }
              },
            },
            "Load theirs",
          ),
          el(
            "button",
            {
              type: "button",
              className: "secondary small",
              testid: "show-conflict-diff",
              onclick: async () => {
                const current = await theirs();
                if (!current) return;
                replace(
                  diffArea,
                  renderDiff(lineDiff(current.value.content, this.editor.text), {
                    caption: `Their version ${current.value.version} (removed lines) against your text (added lines)`,
                    testid: "conflict-diff",
                  }),
                );
              },
            },
            "Show diff",
          ),
          el(
            "button",
            {
              type: "button",
              className: "secondary small danger",
              testid: "overwrite",
              onclick: async () => {
                const current = await theirs();
                if (!current || this.doc !== doc) return;
                if (!this.confirm(`Replace version ${current.value.version} with your text?`)) return;
                this.doc = { ...doc, id: current.value.id, version: current.value.version, etag: current.etag ?? etagFor(current.value.version) };
                this.docVersion.textContent = `version ${current.value.version} (yours is based on ${doc.version})`;
                await this.save();
              },
            },
            "Overwrite with mine",
          ),
        ),
        diffArea,
      ),
    );
  }

  private async validate(): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    this.setSaveStatus("Validating…", "validating");
    try {
      const result = await this.options.api.validate([{ path: doc.path, content: this.editor.text }]);
      if (this.doc !== doc) return;
      const problems = result.problems ?? [];
      if (result.valid && problems.length === 0) {
        this.editor.setProblems([]);
        replace(this.messages, el("p", { className: "ok", testid: "valid", role: "status" }, "No problems found."));
        this.setSaveStatus(this.editor.dirty ? "Valid; not saved yet." : "Valid.", "valid");
      } else {
        this.showProblems(problems, result.valid ? "Warnings" : `${problems.length} problem${problems.length === 1 ? "" : "s"}`);
        this.setSaveStatus(result.valid ? "Valid, with warnings." : "Not valid.", "invalid");
      }
    } catch (e) {
      this.setSaveStatus("", "idle");
      this.fail(e, "Validation failed");
    }
  }

  private async restore(entry: HistoryEntry): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    if (this.editor.dirty && !this.confirm("Restoring replaces your unsaved changes. Continue?")) return;
    try {
      const result = await this.options.api.restore(entry.id, doc.etag, `Restored version ${entry.version}`);
      if (this.doc !== doc) return;
      if (result.ok) {
        const loaded = await this.options.api.document(doc.path);
        this.loadIntoEditor(loaded.value, loaded.etag);
        this.setSaveStatus(`Restored version ${entry.version} as version ${loaded.value.version}.`, "saved");
        await this.history.load(doc.path);
        this.preview.refreshNow();
        void this.reloadCatalog();
      } else if (result.reason === "conflict") {
        this.selectTab("edit");
        this.setSaveStatus("Not restored: someone else saved a newer version.", "conflict");
        await this.showConflict(result.currentVersion);
      } else {
        this.selectTab("edit");
        this.setSaveStatus(`Not restored: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`, "invalid");
        this.showProblems(result.problems, `Version ${entry.version} cannot be restored`);
      }
    } catch (e) {
      this.fail(e, "The version was not restored");
    }
  }

  // ---- facts, conflicts, kinds --------------------------------------------------------------------

  private async openPacks(): Promise<void> {
    this.catalog.select({ type: "packs" } satisfies Selection);
    this.setHash("packs");
    this.showView("packs");
    await this.packs.load();
  }

  private async openFacts(): Promise<void> {
    this.catalog.select({ type: "facts" } satisfies Selection);
    this.setHash("facts");
    this.showView("facts");
    await this.facts.load();
    await this.preview.update();
  }

  private async openConflicts(): Promise<void> {
    this.catalog.select({ type: "conflicts" });
    this.setHash("conflicts");
    this.showView("conflicts");
    this.preview.cancel();
    await this.conflicts.load();
  }

  private async createKind(request: NewKindRequest): Promise<Problem[] | null> {
    try {
      const result = await this.options.api.createKind(request);
      if (!result.ok) return result.reason === "invalid" ? result.problems : [{ message: "The kind changed meanwhile; try again." }];
      await this.reloadCatalog();
      await this.openDocument(`${request.id}/kind.json`);
      this.showBanner(`Created the kind ${request.id}.`, "info");
      return null;
    } catch (e) {
      if (this.handleAuthError(e)) return null;
      return [{ message: messageOf(e) }];
    }
  }

  private async retireKind(kind: KindSummary): Promise<void> {
    if (!this.confirm(`Retire the kind “${kind.title}” (${kind.id})? It will no longer be classified or drafted. Its history is kept.`)) return;
    try {
      const result = await this.options.api.retireKind(kind.id, etagFor(kind.definition.version));
      if (result.ok) {
        this.showBanner(`Retired the kind ${kind.id}.`, "info");
        if (this.doc && kindOfPath(this.doc.path) === kind.id) {
          this.doc = null;
          this.editor.load("", "");
          this.showView("welcome");
        }
      } else if (result.reason === "conflict") {
        this.showBanner(`${kind.definition.path} changed since the catalog was loaded. The catalog is reloaded; try again.`, "error");
      } else {
        this.showBanner(renderProblems(result.problems, { path: null, title: `The kind ${kind.id} was not retired` }), "error");
      }
    } catch (e) {
      this.fail(e, "The kind was not retired");
    }
    await this.reloadCatalog();
  }

  // ---- export and import ------------------------------------------------------------------------

  private async exportZip(): Promise<void> {
    try {
      const blob = await this.options.api.exportZip();
      const stamp = new Date().toISOString().slice(0, 10);
      this.download(blob, `outlooksayno-templates-${stamp}.zip`);
    } catch (e) {
      this.fail(e, "The export failed");
    }
  }

  private async importZip(file: File): Promise<void> {
    if (!this.confirm(`Import ${file.name}? Every document that differs becomes a new version.`)) return;
    try {
      const result = await this.options.api.importZip(file);
      if (result.ok) {
        const imported = result.value?.imported ?? [];
        const unchanged = result.value?.unchanged;
        const unchangedCount = Array.isArray(unchanged) ? unchanged.length : (unchanged ?? 0);
        this.showBanner(`Imported ${imported.length} document${imported.length === 1 ? "" : "s"}; ${unchangedCount} unchanged.`, "info");
        await this.reloadCatalog();
        if (this.doc && imported.some((d) => d.path === this.doc!.path) && !this.editor.dirty) await this.openDocument(this.doc.path, true);
      } else if (result.reason === "invalid") {
        this.showBanner(renderProblems(result.problems, { path: null, title: `${file.name} was not imported` }), "error");
      } else {
        this.showBanner("The import conflicts with a newer change. Reload and try again.", "error");
      }
    } catch (e) {
      this.fail(e, "The import failed");
    }
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function defaultDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

