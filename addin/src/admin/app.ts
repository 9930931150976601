// The admin page's controller: sign-in states, then the catalog on the left, the centre view (a
// document, the facts, the packs or the conflicts) and the live preview on the right, with the
// address's hash naming the centre view. The parts are in their own files: the document panel and
// its saving, the banner, the top bar, export and import, and kind creation and retirement.
import { AdminApiError, type AdminApi } from "./api";
import { ADMIN_ROLE, mayAdminister, readClaims, type TokenProvider } from "./auth";
import { Banner } from "./banner";
import { kindOfPath } from "./catalog-paths";
import { CatalogView, type Selection } from "./catalog-view";
import { ConflictsView } from "./conflicts-view";
import { DocumentPanel } from "./document-panel";
import { DocumentSaving } from "./document-saving";
import { el, replace } from "./dom";
import { FactsView } from "./facts-view";
import { adminHeader } from "./header";
import { createKind, retireKind, type KindActionsOptions } from "./kind-actions";
import { PacksView } from "./packs-view";
import { PreviewPanel, type PreviewSource } from "./preview-panel";
import { defaultDownload, exportZip, importZip, type TransferOptions } from "./transfer";
import type { Problem } from "./types";
import { parseKind } from "./alternatives-form";
import { forbiddenCard, signInCard } from "../shared/signin-view";

export { kindOfPath } from "./catalog-paths";

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

const TOKEN_COMMAND = "dotnet user-jwts create --project api --role TemplateAdmin -o token";

export class AdminApp {
  private readonly win: Window;
  private readonly confirm: (message: string) => boolean;
  private readonly download: (blob: Blob, name: string) => void;

  // Built when signed in.
  private banner!: Banner;
  private layout!: HTMLElement;
  private centre!: HTMLElement;
  private catalog!: CatalogView;
  private preview!: PreviewPanel;
  private panel!: DocumentPanel;
  private saving!: DocumentSaving;
  private facts!: FactsView;
  private packs!: PacksView;
  private conflicts!: ConflictsView;
  private welcomeView!: HTMLElement;
  private view: View = "welcome";
  private openSeq = 0;
  private unloadGuard = false;
  private started = false;

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
      this.banner.show(`The catalog could not be loaded: ${messageOf(e)}`, "error", () => void this.start());
      return;
    }
    this.started = true;
    await this.route(this.win.location.hash);
    if (this.view === "welcome") await this.preview.update();
  }

  get hasUnsavedChanges(): boolean {
    if (!this.started) return false;
    return this.panel.editor.dirty || this.facts.dirty;
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

  private readonly fail = (e: unknown, what: string): void => {
    if (this.handleAuthError(e)) return;
    this.banner.show(`${what}: ${messageOf(e)}`, "error");
  };

  // ---- the frame ------------------------------------------------------------------------------

  private header(token: string | null, full = false): HTMLElement {
    return adminHeader(token, full, {
      onExport: () => void exportZip(this.transfer()),
      onImport: (file) => void importZip(this.transfer(), file),
      onSignOut: () => this.signOut(),
    });
  }

  private transfer(): TransferOptions {
    return {
      api: this.options.api,
      confirm: this.confirm,
      download: this.download,
      banner: (content, tone) => this.banner.show(content, tone),
      fail: this.fail,
      onImported: async (imported) => {
        await this.reloadCatalog();
        const doc = this.panel.doc;
        if (doc && imported.some((d) => d.path === doc.path) && !this.panel.editor.dirty) await this.openDocument(doc.path, true);
      },
    };
  }

  private kindActions(): KindActionsOptions {
    return {
      api: this.options.api,
      confirm: this.confirm,
      banner: (content, tone) => this.banner.show(content, tone),
      fail: this.fail,
      handleAuthError: this.handleAuthError,
      reloadCatalog: () => this.reloadCatalog(),
      openDocument: (path) => this.openDocument(path),
      onRetired: (kind) => {
        if (this.panel.doc && kindOfPath(this.panel.doc.path) === kind) {
          this.panel.close();
          this.showView("welcome");
          void this.preview.update();
        }
      },
    };
  }

  private buildMain(token: string): void {
    this.banner = new Banner();
    this.catalog = new CatalogView({
      onOpen: (path) => void this.openDocument(path),
      onFacts: () => void this.openFacts(),
      onPacks: () => void this.openPacks(),
      onConflicts: () => void this.openConflicts(),
      onCreateKind: (request) => createKind(this.kindActions(), request),
      onRetireKind: (kind) => void retireKind(this.kindActions(), kind),
    });
    this.preview = new PreviewPanel({
      api: this.options.api,
      source: () => this.previewSource(),
      onGoTo: (p) => this.goTo(p),
      onOpen: (p) => void this.openAt(p),
      onError: this.handleAuthError,
      delayMs: this.options.previewDelayMs,
    });
    this.panel = new DocumentPanel({
      api: this.options.api,
      onSave: () => void this.saving.save(),
      onValidate: () => void this.saving.validate(),
      onRestore: (entry) => void this.saving.restore(entry),
      onEdited: () => {
        if (this.view === "document") this.preview.schedule();
      },
      onOpenProblem: (p) => void this.openAt(p),
      onError: this.handleAuthError,
    });
    this.saving = new DocumentSaving({
      api: this.options.api,
      panel: this.panel,
      confirm: this.confirm,
      fail: this.fail,
      onSaved: (kindDefinition) => {
        if (kindDefinition) this.preview.forgetExamples(kindDefinition);
        this.preview.refreshNow();
        void this.reloadCatalog();
      },
      onReloaded: () => this.preview.refreshNow(),
    });
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
        if (this.panel.doc?.path === path && !this.panel.editor.dirty) void this.openDocument(path, true);
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
    replace(this.options.root, this.header(token, true), this.banner.root, this.layout);
    this.view = "welcome";
  }

  private showView(view: View): void {
    this.view = view;
    this.layout.dataset.view = view;
    const root =
      view === "document"
        ? this.panel.root
        : view === "facts"
          ? this.facts.root
          : view === "packs"
            ? this.packs.root
            : view === "conflicts"
              ? this.conflicts.root
              : this.welcomeView;
    if (this.centre.firstChild !== root) replace(this.centre, root);
    if (view !== "facts") this.facts.reset();
    if (view === "document") this.panel.editor.view.requestMeasure();
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

  // ---- the centre views -------------------------------------------------------------------------

  private async openDocument(path: string, force = false): Promise<boolean> {
    const panel = this.panel;
    if (panel.doc?.path === path && !force) {
      this.showView("document");
      this.catalog.select({ type: "document", path });
      this.setHash(`doc=${path}`);
      void this.preview.update();
      return true;
    }
    if (!force && panel.editor.dirty && panel.doc && !this.confirm(`Discard your unsaved changes to ${panel.doc.path}?`)) return false;
    const mine = ++this.openSeq;
    this.catalog.select({ type: "document", path });
    this.setHash(`doc=${path}`);
    this.showView("document");
    panel.showLoading(path);
    try {
      const loaded = await this.options.api.document(path);
      if (mine !== this.openSeq) return false;
      panel.load(loaded.value, loaded.etag);
      void this.preview.update();
      return true;
    } catch (e) {
      if (mine !== this.openSeq) return false;
      this.fail(e, `${path} could not be opened`);
      return false;
    }
  }

  private previewSource(): PreviewSource | null {
    const doc = this.panel.doc;
    if (this.view === "document" && doc) {
      const path = doc.path;
      const kind = kindOfPath(path);
      const dirty = this.panel.editor.dirty;
      let examples: string[] | null = null;
      if (dirty && kind && path === `${kind}/kind.json`) {
        const parsed = parseKind(this.panel.editor.text);
        if (parsed.ok && Array.isArray(parsed.kind.examples)) examples = parsed.kind.examples.map((e) => (typeof e === "string" ? e : ""));
      }
      return { fixedKind: kind, changes: dirty ? [{ path, content: this.panel.editor.text }] : [], path, examples };
    }
    if (this.view === "facts") return { fixedKind: null, changes: this.facts.changes(), path: null };
    // On landing (and beside the packs) the preview shows the saved catalog's draft for the kind in
    // its select, so the column is never empty before the admin opens something.
    if (this.view === "welcome" || this.view === "packs") return { fixedKind: null, changes: [], path: null };
    return null;
  }

  private goTo(problem: Problem): void {
    if (this.view !== "document") return;
    this.panel.goTo(problem);
  }

  private async openAt(problem: Problem): Promise<void> {
    if (!problem.path) return;
    if (await this.openDocument(problem.path)) this.goTo(problem);
  }

  private async openPacks(): Promise<void> {
    this.catalog.select({ type: "packs" } satisfies Selection);
    this.setHash("packs");
    this.showView("packs");
    void this.preview.update();
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
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
