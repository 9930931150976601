// Business packs: which kind of supplier this business is (the facts and alternatives its replies argue
// with), and packs for particular customer domains. Saves setup.json with If-Match, through the same
// save gate as any document.
import type { AdminApi } from "./api";
import { clear, el, replace } from "./dom";
import { renderProblems } from "./problems";
import type { PackSummary } from "./types";

export const SETUP_PATH = "setup.json";

export interface SetupDraft {
  pack: string;
  domains: { domain: string; pack: string }[];
}

/** setup.json as the view writes it: the business's pack, then one line per domain. */
export function setupJson(setup: SetupDraft): string {
  const rows = setup.domains.map((d, i) => `    ${JSON.stringify(d.domain.trim().toLowerCase())}: ${JSON.stringify(d.pack)}${i + 1 < setup.domains.length ? "," : ""}\n`);
  return `{\n  "pack": ${JSON.stringify(setup.pack)},\n  "domains": {${rows.length > 0 ? "\n" + rows.join("") + "  " : ""}}\n}\n`;
}

/** What is wrong with the rows before anything is sent: empty, malformed or repeated domains. */
export function setupProblems(setup: SetupDraft): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of setup.domains) {
    const domain = row.domain.trim().toLowerCase();
    if (!domain) problems.push("Every row needs a domain, such as customer.example.");
    else if (domain.includes("@") || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) problems.push(`"${row.domain.trim()}" is not an email domain such as customer.example.`);
    else if (seen.has(domain)) problems.push(`${domain} is listed twice.`);
    seen.add(domain);
  }
  return problems;
}

export interface PacksViewOptions {
  api: AdminApi;
  onSaved: () => void;
  onError: (error: unknown) => boolean;
  onOpen: (path: string) => void;
}

export class PacksView {
  readonly root: HTMLElement;
  private readonly choices: HTMLElement;
  private readonly domainRows: HTMLTableSectionElement;
  private readonly status: HTMLElement;
  private readonly messages: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly addButton: HTMLButtonElement;
  private packs: PackSummary[] = [];
  private setup: SetupDraft = { pack: "", domains: [] };
  private etag: string | null = null;
  private saving = false;

  constructor(private readonly options: PacksViewOptions) {
    this.choices = el("div", { className: "pack-choices", role: "radiogroup", "aria-labelledby": "packs-business" });
    this.domainRows = el("tbody");
    this.status = el("span", { className: "save-status", testid: "packs-status", role: "status", "aria-live": "polite" });
    this.messages = el("div", { className: "messages" });
    // Both wait for the load: a row added before it would be replaced by the saved setup.
    this.saveButton = el("button", { type: "button", className: "primary", testid: "packs-save", disabled: true, onclick: () => void this.save() }, "Save");
    this.addButton = el("button", { type: "button", className: "secondary", testid: "packs-add-domain", disabled: true, onclick: () => this.addDomain() }, "Add a customer domain");
    this.root = el(
      "section",
      { className: "packs-view", "aria-labelledby": "packs-title" },
      el("h2", { id: "packs-title" }, "Business packs"),
      el("p", { className: "muted" }, "A pack is the kind of supplier a reply speaks as: the facts it may cite and the alternatives it offers. A reply never cites a fact its pack does not have."),
      el("h3", { id: "packs-business" }, "This business is"),
      this.choices,
      el("h3", {}, "Customers with another pack"),
      el("p", { className: "muted" }, "A customer's email domain (and its subdomains) can use another pack, for a business that sells, say, software to some customers and services to others."),
      el(
        "table",
        { className: "domains-table", testid: "packs-domains" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Customer domain"), el("th", { scope: "col" }, "Pack"), el("th", { scope: "col" }, el("span", { className: "visually-hidden" }, "Remove")))),
        this.domainRows,
      ),
      el(
        "div",
        { className: "toolbar" },
        this.addButton,
        el("span", { className: "spacer" }),
        this.status,
        this.saveButton,
      ),
      this.messages,
    );
  }

  async load(): Promise<void> {
    this.setStatus("Loading…", "loading");
    clear(this.messages);
    this.saveButton.disabled = true;
    this.addButton.disabled = true;
    try {
      const [catalog, setup] = await Promise.all([this.options.api.catalog(), this.options.api.document(SETUP_PATH)]);
      this.packs = catalog.packs ?? [];
      const parsed = JSON.parse(setup.value.content ?? "{}") as { pack?: string; domains?: Record<string, string> };
      this.setup = { pack: parsed.pack ?? "", domains: Object.entries(parsed.domains ?? {}).map(([domain, pack]) => ({ domain, pack })) };
      this.etag = setup.etag;
      this.render();
      this.saveButton.disabled = false;
      this.addButton.disabled = false;
      this.setStatus("", "idle");
    } catch (e) {
      if (!this.options.onError(e)) this.setStatus(`The packs could not be loaded: ${e instanceof Error ? e.message : String(e)}`, "error");
    }
  }

  private render(): void {
    replace(
      this.choices,
      ...this.packs.map((p) =>
        el(
          "label",
          { className: "pack-choice", testid: `pack-${p.id}` },
          el("input", {
            type: "radio",
            name: "business-pack",
            value: p.id,
            checked: this.setup.pack === p.id,
            onchange: () => (this.setup.pack = p.id),
          }),
          el(
            "span",
            {},
            el("strong", {}, p.title),
            el("span", { className: "muted" }, ` ${p.description}`),
            el("details", {}, el("summary", {}, `${p.facts.length} facts`), el("ul", {}, ...p.facts.map((f) => el("li", {}, f)))),
            el("button", { type: "button", className: "link small", onclick: () => this.options.onOpen(p.document.path) }, "Edit the pack as text"),
          ),
        ),
      ),
    );
    replace(this.domainRows, ...this.setup.domains.map((row, i) => this.domainRow(row, i)));
  }

  private domainRow(row: { domain: string; pack: string }, index: number): HTMLTableRowElement {
    const domain = el("input", {
      type: "text",
      value: row.domain,
      placeholder: "customer.example",
      "aria-label": "Customer domain",
      testid: "packs-domain",
      oninput: (e: Event) => (row.domain = (e.target as HTMLInputElement).value),
    });
    const pack = el(
      "select",
      { "aria-label": "Pack", testid: "packs-domain-pack", onchange: (e: Event) => (row.pack = (e.target as HTMLSelectElement).value) },
      ...this.packs.map((p) => el("option", { value: p.id, selected: p.id === row.pack }, p.title)),
    );
    const remove = el(
      "button",
      { type: "button", className: "link", "aria-label": `Remove ${row.domain || "this domain"}`, onclick: () => (this.setup.domains.splice(index, 1), this.render()) },
      "Remove",
    );
    return el("tr", {}, el("td", {}, domain), el("td", {}, pack), el("td", {}, remove));
  }

  private addDomain(): void {
    this.setup.domains.push({ domain: "", pack: this.packs.find((p) => p.id !== this.setup.pack)?.id ?? this.setup.pack });
    this.render();
    const inputs = this.domainRows.querySelectorAll("input");
    inputs[inputs.length - 1]?.focus();
  }

  private async save(): Promise<void> {
    if (this.saving) return;
    clear(this.messages);
    const problems = setupProblems(this.setup);
    if (problems.length > 0) {
      this.setStatus(`Not saved: ${problems[0]}`, "invalid");
      return;
    }
    if (!this.etag) {
      this.setStatus("Not saved: reload first.", "error");
      return;
    }
    this.saving = true;
    this.saveButton.disabled = true;
    this.setStatus("Saving… (every reply is checked against the new packs)", "saving");
    try {
      const result = await this.options.api.saveDocument(SETUP_PATH, setupJson(this.setup), this.etag);
      if (result.ok) {
        this.etag = result.etag;
        this.setStatus(`Saved version ${result.value.version}.`, "saved");
        this.options.onSaved();
      } else if (result.reason === "conflict") {
        this.setStatus("Not saved: someone changed the packs since you loaded them. Reload to see theirs.", "conflict");
      } else {
        this.setStatus(`Not saved: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}.`, "invalid");
        replace(this.messages, renderProblems(result.problems, { path: SETUP_PATH, title: "The packs were not saved" }));
      }
    } catch (e) {
      if (!this.options.onError(e)) this.setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`, "error");
    } finally {
      this.saving = false;
      this.saveButton.disabled = false;
    }
  }

  private setStatus(text: string, state: string): void {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }
}
