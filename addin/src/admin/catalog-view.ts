// The catalog on the left: kinds (each with its templates and definition), partials, settings,
// conflicts; "New kind" and "Retire kind".
import { el, replace } from "./dom";
import type { Catalog, KindSummary, NewKindRequest, Problem } from "./types";
import { renderProblems } from "./problems";

export type Selection = { type: "document"; path: string } | { type: "facts" } | { type: "packs" } | { type: "conflicts" } | null;

export interface CatalogViewOptions {
  onOpen: (path: string) => void;
  onFacts: () => void;
  onPacks: () => void;
  onConflicts: () => void;
  onCreateKind: (request: NewKindRequest) => Promise<Problem[] | null>;
  onRetireKind: (kind: KindSummary) => void;
}

const AUDIENCE_ORDER = ["commercial", "technical", "finance"];

export class CatalogView {
  readonly root: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly formArea: HTMLElement;
  private readonly expanded = new Set<string>();
  private catalog: Catalog | null = null;
  private selection: Selection = null;

  constructor(private readonly options: CatalogViewOptions) {
    this.tree = el("div", { className: "catalog-tree" });
    this.formArea = el("div");
    this.root = el(
      "nav",
      { className: "panel catalog-panel", testid: "catalog", "aria-label": "Templates catalog" },
      el(
        "div",
        { className: "panel-head" },
        el("h2", {}, "Catalog"),
        el("button", { type: "button", className: "secondary small", testid: "new-kind", onclick: () => this.toggleNewKind() }, "New kind"),
      ),
      this.formArea,
      this.tree,
    );
  }

  get current(): Catalog | null {
    return this.catalog;
  }

  show(catalog: Catalog): void {
    this.catalog = catalog;
    this.render();
  }

  select(selection: Selection): void {
    this.selection = selection;
    if (selection?.type === "document") {
      const kind = selection.path.includes("/") && !selection.path.startsWith("_partials/") ? selection.path.split("/")[0]! : null;
      if (kind) this.expanded.add(kind);
    }
    this.render();
  }

  private isSelected(path: string): boolean {
    return this.selection?.type === "document" && this.selection.path === path;
  }

  private docButton(path: string, label: string, version: number | undefined, extra?: string): HTMLElement {
    return el(
      "li",
      {},
      el(
        "button",
        {
          type: "button",
          className: "doc-link",
          testid: `doc-${path}`,
          "aria-current": this.isSelected(path) ? "true" : undefined,
          title: path,
          onclick: () => this.options.onOpen(path),
        },
        el("span", { className: "doc-label" }, label),
        extra ? el("span", { className: "muted" }, ` ${extra}`) : null,
        version !== undefined ? el("span", { className: "version" }, `v${version}`) : null,
      ),
    );
  }

  private render(): void {
    const catalog = this.catalog;
    if (!catalog) {
      replace(this.tree, el("p", { className: "muted" }, "Loading the catalog…"));
      return;
    }
    const kinds = catalog.kinds.map((kind) => this.renderKind(kind));
    const partials = catalog.partials.map((p) => this.docButton(p.path, p.name, p.version));
    const docVersion = (path: string) => catalog.documents.find((d) => d.path === path)?.version;
    const settings = [
      el(
        "li",
        {},
        el(
          "button",
          {
            type: "button",
            className: "doc-link",
            testid: "open-facts",
            "aria-current": this.selection?.type === "facts" ? "true" : undefined,
            onclick: () => this.options.onFacts(),
          },
          el("span", { className: "doc-label" }, "Facts"),
          el("span", { className: "muted" }, " table"),
          docVersion("facts.json") !== undefined ? el("span", { className: "version" }, `v${docVersion("facts.json")}`) : null,
        ),
      ),
      catalog.setup
        ? el(
            "li",
            {},
            el(
              "button",
              {
                type: "button",
                className: "doc-link",
                testid: "open-packs",
                "aria-current": this.selection?.type === "packs" ? "true" : undefined,
                onclick: () => this.options.onPacks(),
              },
              el("span", { className: "doc-label" }, "Business packs"),
              el("span", { className: "muted" }, ` ${catalog.packs?.find((p) => p.id === catalog.setup?.pack)?.title ?? ""}`),
            ),
          )
        : null,
      this.docButton("flags.json", "Flags", docVersion("flags.json"), "flags.json"),
      this.docButton("audiences.json", "Audiences", docVersion("audiences.json"), "audiences.json"),
    ];
    const conflicts = el(
      "button",
      {
        type: "button",
        className: "doc-link",
        testid: "open-conflicts",
        "aria-current": this.selection?.type === "conflicts" ? "true" : undefined,
        onclick: () => this.options.onConflicts(),
      },
      el("span", { className: "doc-label" }, "Folder conflicts"),
      catalog.conflicts > 0
        ? el("span", { className: "badge", testid: "conflicts-badge", "aria-label": `${catalog.conflicts} unresolved` }, String(catalog.conflicts))
        : el("span", { className: "muted" }, " none"),
    );
    const retired = catalog.retiredKinds ?? [];
    replace(
      this.tree,
      el("h3", {}, "Kinds"),
      el("div", { className: "kind-list" }, ...kinds),
      el("h3", {}, "Partials"),
      el("ul", { className: "doc-list" }, ...partials),
      el("h3", {}, "Settings"),
      el("ul", { className: "doc-list" }, ...settings),
      el("h3", {}, "Conflicts"),
      conflicts,
      retired.length > 0 ? el("h3", {}, "Retired kinds") : null,
      retired.length > 0 ? el("ul", { className: "doc-list retired" }, ...retired.map((r) => el("li", { className: "muted" }, `${r.id} (v${r.version})`))) : null,
      el("p", { className: "muted small" }, `Catalog version ${catalog.catalogVersion}`),
    );
  }

  private renderKind(kind: KindSummary): HTMLElement {
    const templates = [...kind.templates].sort((a, b) => AUDIENCE_ORDER.indexOf(a.audience) - AUDIENCE_ORDER.indexOf(b.audience));
    const details = el(
      "details",
      { className: "kind", testid: `kind-${kind.id}`, open: this.expanded.has(kind.id) },
      el(
        "summary",
        {},
        el("span", { className: "kind-title" }, kind.title),
        el("span", { className: "muted" }, ` ${kind.id} · ${kind.examples} example${kind.examples === 1 ? "" : "s"}`),
      ),
      el(
        "ul",
        { className: "doc-list" },
        ...templates.map((t) => this.docButton(t.path, capitalise(t.audience), t.version)),
        this.docButton(kind.definition.path, "Definition", kind.definition.version, "kind.json"),
      ),
      kind.id === "other"
        ? null
        : el(
            "button",
            { type: "button", className: "link danger small", testid: `retire-${kind.id}`, onclick: () => this.options.onRetireKind(kind) },
            "Retire kind",
          ),
    );
    details.addEventListener("toggle", () => {
      if (details.open) this.expanded.add(kind.id);
      else this.expanded.delete(kind.id);
    });
    return details;
  }

  private toggleNewKind(): void {
    if (this.formArea.firstChild) {
      replace(this.formArea);
      return;
    }
    const kinds = this.catalog?.kinds ?? [];
    const id = el("input", { id: "new-kind-id", testid: "new-kind-id", type: "text", required: true, pattern: "[a-z][a-z0-9_]*", placeholder: "e.g. free_training" });
    const title = el("input", { id: "new-kind-title", testid: "new-kind-title", type: "text", required: true });
    const copyFrom = el(
      "select",
      { id: "new-kind-copy", testid: "new-kind-copy" },
      el("option", { value: "" }, "Nothing (start empty)"),
      ...kinds.filter((k) => k.refusable).map((k) => el("option", { value: k.id }, `${k.title} (${k.id})`)),
    );
    const messages = el("div");
    const submit = el("button", { type: "submit", className: "primary small" }, "Create");
    const form = el(
      "form",
      { className: "new-kind-form", testid: "new-kind-form", "aria-label": "New kind" },
      el("div", { className: "field" }, el("label", { for: "new-kind-id" }, "Id (folder name)"), id),
      el("div", { className: "field" }, el("label", { for: "new-kind-title" }, "Title"), title),
      el("div", { className: "field" }, el("label", { for: "new-kind-copy" }, "Copy templates from"), copyFrom),
      messages,
      el(
        "div",
        { className: "toolbar" },
        submit,
        el("button", { type: "button", className: "secondary small", onclick: () => replace(this.formArea) }, "Cancel"),
      ),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const request: NewKindRequest = { id: id.value.trim(), title: title.value.trim() };
      if (copyFrom.value) request.copyFrom = copyFrom.value;
      submit.disabled = true;
      try {
        const problems = await this.options.onCreateKind(request);
        if (problems) replace(messages, renderProblems(problems, { path: null, title: "The kind was not created", testid: "new-kind-problems" }));
        else replace(this.formArea);
      } finally {
        submit.disabled = false;
      }
    });
    replace(this.formArea, form);
    id.focus();
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
