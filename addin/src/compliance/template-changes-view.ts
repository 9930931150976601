// Template changes: the template_changed records of the log, oldest first, a page at a time
// (the log is read by sequence number: "after" the last one shown).
import { el, messageOf, replace, shortHash, timeEl } from "./format";
import type { LogRecord, TemplateChangePayload } from "./types";

export const TEMPLATE_CHANGED = "template_changed";

export interface TemplateChangesOptions {
  load: (after: number, take: number) => Promise<LogRecord[]>;
  onError: (e: unknown) => boolean;
  pageSize?: number;
}

export class TemplateChangesView {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly status: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly range: HTMLElement;
  private readonly pageSize: number;
  /** The "after" of each page shown so far; the last is the current page. */
  private cursors: number[] = [0];
  private hasMore = false;
  private sequence = 0;
  loaded = false;

  constructor(private readonly options: TemplateChangesOptions) {
    this.pageSize = options.pageSize ?? 50;
    this.body = el("tbody", { testid: "template-rows" });
    this.status = el("p", { className: "list-status", role: "status", testid: "templates-status" });
    this.prev = el("button", { type: "button", className: "small", testid: "templates-prev", onclick: () => void this.back() }, "‹ Previous");
    this.next = el("button", { type: "button", className: "small", testid: "templates-next", onclick: () => void this.forward() }, "Next ›");
    this.range = el("span", { className: "page-range", testid: "templates-range" });
    this.prev.disabled = true;
    this.next.disabled = true;
    this.element = el(
      "section",
      { className: "panel", testid: "template-changes", "aria-labelledby": "templates-title" },
      el("h2", { id: "templates-title" }, "Template changes"),
      el("p", { className: "small muted" }, "Every version of every template document, as the log recorded it: seeded from the folder, edited, restored or imported."),
      this.status,
      el(
        "div",
        { className: "table-wrap" },
        el(
          "table",
          { className: "draft-table", testid: "template-table" },
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              ...["Record", "When (UTC)", "Who", "Path", "Version", "Origin", "Comment", "SHA-256"].map((h) => el("th", { scope: "col" }, h)),
            ),
          ),
          this.body,
        ),
      ),
      el("div", { className: "pager" }, this.prev, this.range, this.next),
    );
  }

  /** Loads the first page. */
  async load(): Promise<void> {
    this.cursors = [0];
    await this.show();
  }

  private async forward(): Promise<void> {
    const last = this.body.rows[this.body.rows.length - 1]?.dataset.seq;
    if (!this.hasMore || !last) return;
    this.cursors.push(Number(last));
    await this.show();
  }

  private async back(): Promise<void> {
    if (this.cursors.length <= 1) return;
    this.cursors.pop();
    await this.show();
  }

  private async show(): Promise<void> {
    const seq = ++this.sequence;
    const after = this.cursors[this.cursors.length - 1] ?? 0;
    this.status.dataset.state = "loading";
    replace(this.status, "Loading…");
    try {
      // One more than a page tells whether there is a next page.
      const records = await this.options.load(after, this.pageSize + 1);
      if (seq !== this.sequence) return;
      this.loaded = true;
      this.hasMore = records.length > this.pageSize;
      const page = records.slice(0, this.pageSize);
      replace(this.body, ...page.map((r) => this.row(r)));
      this.status.dataset.state = page.length ? "ok" : "empty";
      replace(this.status, page.length ? "" : "No template changes recorded.");
      const start = (this.cursors.length - 1) * this.pageSize;
      replace(this.range, page.length ? `${start + 1}–${start + page.length}${this.hasMore ? " (more)" : ""}` : "");
      this.prev.disabled = this.cursors.length <= 1;
      this.next.disabled = !this.hasMore;
    } catch (e) {
      if (seq !== this.sequence) return;
      if (this.options.onError(e)) return;
      this.status.dataset.state = "error";
      replace(this.status, `The template changes could not be loaded: ${messageOf(e)}`);
    }
  }

  private row(r: LogRecord): HTMLTableRowElement {
    const p = (typeof r.payload === "object" && r.payload !== null ? r.payload : {}) as TemplateChangePayload;
    const content =
      typeof p.content === "string"
        ? el("details", { className: "content" }, el("summary", {}, "content"), el("pre", { className: "source" }, p.content))
        : null;
    return el(
      "tr",
      { testid: "template-row", "data-seq": String(r.seq), "data-path": p.path ?? "" },
      el("td", { className: "mono" }, `#${r.seq}`),
      el("td", { className: "nowrap" }, timeEl(r.atUtc)),
      el("td", { title: r.user?.id ?? "" }, r.user?.name ?? ""),
      el("td", { className: "mono path", "data-col": "path" }, p.path ?? "", content),
      el("td", { className: "num", "data-col": "version" }, p.version !== undefined ? String(p.version) : ""),
      el("td", { "data-col": "origin" }, p.origin ?? ""),
      el("td", { className: "comment", "data-col": "comment" }, p.comment ?? ""),
      el("td", { className: "mono", title: p.sha256 ?? "" }, shortHash(p.sha256)),
    );
  }
}
