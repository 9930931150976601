// The list of drafts: one row per draft, that is per customer email and account manager however often
// it was re-drafted (newest first, as the API orders them), paging below.
import { editedLabel, el, failedChips, flagBadges, label, replace, reviewBadge, STATUS_LABELS, timeEl } from "./format";
import type { DraftPage, DraftSummary } from "./types";

export interface DraftListOptions {
  showUser: boolean;
  onOpen: (id: string) => void;
  onPage: (skip: number) => void;
  onCount: (count: boolean) => void;
}

export class DraftList {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly caption: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly countBox: HTMLInputElement;
  private readonly range: HTMLElement;
  private readonly status: HTMLElement;
  private page: DraftPage | null = null;
  private selected: string | null = null;

  constructor(private readonly options: DraftListOptions) {
    const th = (main: string, sub?: string) => el("th", { scope: "col" }, main, sub ? el("span", { className: "th-sub" }, sub) : null);
    const headers = [
      th("Date (UTC)", options.showUser ? "User" : undefined),
      th("Subject", "Customer"),
      th("Kind", "Audience"),
      th("Flags"),
      th("Status", "Sent as"),
      th("Failed checks"),
      th("Review"),
    ];
    this.body = el("tbody", { testid: "draft-rows" });
    this.caption = el("caption", { className: "visually-hidden" }, "Drafts (one per email), newest first");
    const table = el(
      "table",
      { className: "draft-table", testid: "draft-table" },
      this.caption,
      el("thead", {}, el("tr", {}, ...headers)),
      this.body,
    );
    this.prev = el("button", { type: "button", className: "small", testid: "page-prev", onclick: () => this.go(-1) }, "‹ Previous");
    this.next = el("button", { type: "button", className: "small", testid: "page-next", onclick: () => this.go(1) }, "Next ›");
    this.countBox = el("input", { type: "checkbox", id: "count-total", testid: "count-total" });
    this.countBox.addEventListener("change", () => this.options.onCount(this.countBox.checked));
    this.range = el("span", { className: "page-range", testid: "page-range", "aria-live": "polite" });
    this.status = el("p", { className: "list-status", testid: "list-status", role: "status" });
    this.element = el(
      "section",
      { className: "panel list-panel", "aria-label": "Drafts", testid: "draft-list" },
      this.status,
      el("div", { className: "table-wrap" }, table),
      el(
        "div",
        { className: "pager" },
        this.prev,
        this.range,
        this.next,
        el("label", { className: "check", for: "count-total" }, this.countBox, "Count all"),
      ),
    );
    this.prev.disabled = true;
    this.next.disabled = true;
  }

  setCount(count: boolean): void {
    this.countBox.checked = count;
  }

  loading(): void {
    this.element.setAttribute("aria-busy", "true");
    replace(this.status, "Loading drafts…");
    this.status.dataset.state = "loading";
  }

  error(message: string): void {
    this.element.removeAttribute("aria-busy");
    this.status.dataset.state = "error";
    replace(this.status, message);
  }

  show(page: DraftPage): void {
    this.page = page;
    this.element.removeAttribute("aria-busy");
    this.status.dataset.state = page.items.length === 0 ? "empty" : "ok";
    replace(this.status, page.items.length === 0 ? (page.skip > 0 ? "No more drafts on this page." : "No drafts match these filters.") : "");
    replace(this.body, ...page.items.map((d) => this.row(d)));
    const first = page.items.length === 0 ? 0 : page.skip + 1;
    const last = page.skip + page.items.length;
    const total = typeof page.total === "number" ? ` of ${page.total}` : page.hasMore ? " (more)" : "";
    replace(this.range, page.items.length === 0 ? (typeof page.total === "number" ? `0 of ${page.total}` : "") : `${first}–${last}${total}`);
    this.prev.disabled = page.skip <= 0;
    this.next.disabled = !page.hasMore;
    this.markSelected();
  }

  select(id: string | null): void {
    this.selected = id;
    this.markSelected();
  }

  /** Replaces one row with a newer summary (after a reviewer action). */
  update(summary: DraftSummary): void {
    if (!this.page) return;
    const index = this.page.items.findIndex((d) => d.id === summary.id);
    if (index < 0) return;
    this.page.items[index] = summary;
    const old = this.body.querySelector(`tr[data-id="${cssEscape(summary.id)}"]`);
    if (old) old.replaceWith(this.row(summary));
    this.markSelected();
  }

  private go(direction: number): void {
    if (!this.page) return;
    const skip = Math.max(0, this.page.skip + direction * this.page.take);
    this.options.onPage(skip);
  }

  private markSelected(): void {
    for (const row of Array.from(this.body.rows)) {
      const on = row.dataset.id === this.selected;
      row.classList.toggle("selected", on);
      const open = row.querySelector<HTMLButtonElement>("button.open-draft");
      if (on) open?.setAttribute("aria-current", "true");
      else open?.removeAttribute("aria-current");
    }
  }

  private row(d: DraftSummary): HTMLTableRowElement {
    const open = el(
      "button",
      { type: "button", className: "link open-draft", testid: "open-draft", title: "Open this draft" },
      d.subject || "(no subject)",
    );
    open.addEventListener("click", () => this.options.onOpen(d.id));
    const row = el(
      "tr",
      { testid: "draft-row", "data-id": d.id },
      el(
        "td",
        { className: "date" },
        el("div", { "data-col": "date" }, timeEl(d.createdAtUtc)),
        this.options.showUser ? el("div", { className: "sub", "data-col": "user", title: d.userId }, d.userName) : null,
      ),
      el(
        "td",
        { className: "subject" },
        el("div", { "data-col": "subject" }, open),
        el("div", { className: "sub" }, el("span", { "data-col": "domain", title: d.fromEmail }, d.customerDomain), ` · ${d.fromName}`),
      ),
      el(
        "td",
        {},
        el("div", { "data-col": "kind" }, d.kind),
        el("div", { className: "sub", "data-col": "audience" }, d.audience),
        (d.revisions ?? 1) > 1 ? el("div", { className: "sub", "data-col": "revisions", title: "Kind and audience are the latest draft's" }, `Drafted ${d.revisions} times`) : null,
      ),
      el("td", { "data-col": "flags" }, flagBadges(d.flags)),
      el(
        "td",
        {},
        el("div", { "data-col": "status" }, label(STATUS_LABELS, d.status), d.sentWarned ? el("span", { className: "warned", title: "The sender was asked to confirm" }, " (warned)") : null),
        d.sentUnchanged === null ? null : el("div", { className: `sub edited-${d.sentUnchanged ? "no" : "yes"}`, "data-col": "edited" }, editedLabel(d.sentUnchanged)),
      ),
      el("td", { "data-col": "checks" }, d.failedChecks.length ? failedChips(d.failedChecks) : el("span", { className: "muted" }, "—")),
      el(
        "td",
        { "data-col": "review" },
        reviewBadge(d.review),
        d.comments > 0 ? el("div", { className: "sub comments" }, `${d.comments} comment${d.comments === 1 ? "" : "s"}`) : null,
      ),
    );
    row.addEventListener("click", (e) => {
      if ((e.target as HTMLElement | null)?.closest("button, a, input")) return;
      this.options.onOpen(d.id);
    });
    return row;
  }
}

/** CSS.escape where it exists (browsers); a plain fallback for ids (letters, digits, dashes). */
function cssEscape(value: string): string {
  return typeof CSS !== "undefined" && typeof CSS.escape === "function" ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
}
