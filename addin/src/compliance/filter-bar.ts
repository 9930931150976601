// The filters bar: every filter the API takes, two quick presets, and (for reviewers) the CSV export.
// Selects and dates apply at once; text fields when they change (Enter or leaving the field).
import { emptyFilters, FILTER_KEYS, type FilterKey, type Filters, type Preset } from "./filters";
import { el, FLAG_LABELS, label, REVIEW_LABELS, STATUS_LABELS } from "./format";
import { AUDIENCES, CHECKS, checkLabel, FLAGS, REVIEWS, STATUSES, type KindRef } from "./types";

export interface FilterBarOptions {
  showUser: boolean;
  onChange: (filters: Filters) => void;
  onPreset: (preset: Preset) => void;
  /** Present for reviewers: the export button. */
  onExport?: () => void;
}

type Control = HTMLInputElement | HTMLSelectElement;

export class FilterBar {
  readonly element: HTMLFormElement;
  private readonly controls = {} as Record<FilterKey, Control>;
  private readonly kind: HTMLSelectElement;
  private readonly exportButton: HTMLButtonElement | null = null;
  readonly exportStatus: HTMLElement;

  constructor(private readonly options: FilterBarOptions) {
    const opt = (value: string, text: string) => el("option", { value }, text);
    const select = (key: FilterKey, anyText: string, values: readonly string[], text: (v: string) => string) =>
      el("select", { id: `filter-${key}`, name: key, testid: `filter-${key}` }, opt("", anyText), ...values.map((v) => opt(v, text(v))));
    const input = (key: FilterKey, type: string, placeholder?: string) =>
      el("input", { id: `filter-${key}`, name: key, type, testid: `filter-${key}`, placeholder, autocomplete: "off", spellcheck: "false" });

    this.kind = select("kind", "Any kind", [], (v) => v);
    const controls: Record<FilterKey, Control> = {
      q: input("q", "search", "Subject, sender or the ask"),
      user: input("user", "text", "User id or name"),
      domain: input("domain", "text", "example.com"),
      kind: this.kind,
      audience: select("audience", "Any audience", AUDIENCES, (v) => v),
      flag: select("flag", "Any or none", FLAGS, (v) => label(FLAG_LABELS, v)),
      failedCheck: select("failedCheck", "Any", CHECKS, (v) => checkLabel(v)),
      status: select("status", "Any status", STATUSES, (v) => label(STATUS_LABELS, v)),
      edited: select("edited", "Any", ["false", "true"], (v) => (v === "true" ? "Sent with changes" : "Sent unchanged")),
      review: select("review", "Any", REVIEWS, (v) => label(REVIEW_LABELS, v)),
      from: input("from", "date"),
      to: input("to", "date"),
    };
    Object.assign(this.controls, controls);

    const labels: Record<FilterKey, string> = {
      q: "Search",
      user: "User",
      domain: "Customer domain",
      kind: "Kind",
      audience: "Audience",
      flag: "Flag",
      failedCheck: "Failed check",
      status: "Status",
      edited: "Edited",
      review: "Review",
      from: "From (UTC)",
      to: "To (inclusive)",
    };
    const field = (key: FilterKey, extra = "") =>
      key === "user" && !options.showUser ? null : el("div", { className: `field ${extra}`.trim() }, el("label", { for: `filter-${key}` }, labels[key]), this.controls[key]);

    for (const key of FILTER_KEYS) {
      const control = this.controls[key];
      control.addEventListener("change", () => this.options.onChange(this.read()));
    }

    this.exportStatus = el("span", { className: "export-status small", testid: "export-status", role: "status" });
    if (options.onExport) {
      this.exportButton = el("button", { type: "button", testid: "export", onclick: () => options.onExport?.() }, "Export CSV");
    }

    this.element = el(
      "form",
      { className: "filters", testid: "filters", role: "search", "aria-label": "Filter drafts" },
      el(
        "div",
        { className: "filter-grid" },
        field("q", "wide"),
        field("user"),
        field("domain"),
        field("kind"),
        field("audience"),
        field("flag"),
        field("failedCheck"),
        field("status"),
        field("edited"),
        field("review"),
        field("from"),
        field("to"),
      ),
      el(
        "div",
        { className: "toolbar filter-actions" },
        el("button", { type: "submit", className: "primary small", testid: "filter-apply" }, "Apply"),
        el("button", { type: "button", className: "small", testid: "filter-clear", onclick: () => this.clearAll() }, "Clear"),
        el("span", { className: "sep", "aria-hidden": "true" }),
        el("span", { className: "small muted" }, "Quick:"),
        el("button", { type: "button", className: "small preset", testid: "preset-no-alternative", onclick: () => options.onPreset("sentWithoutAlternative") }, "Sent without an alternative"),
        el("button", { type: "button", className: "small preset", testid: "preset-last-week", onclick: () => options.onPreset("lastWeek") }, "Last week"),
        el("span", { className: "spacer" }),
        this.exportStatus,
        this.exportButton,
      ),
    );
    this.element.addEventListener("submit", (e) => {
      e.preventDefault();
      this.options.onChange(this.read());
    });
  }

  read(): Filters {
    const filters = emptyFilters();
    for (const key of FILTER_KEYS) filters[key] = this.controls[key].value.trim();
    return filters;
  }

  set(filters: Filters): void {
    for (const key of FILTER_KEYS) {
      const control = this.controls[key];
      const value = filters[key];
      if (control instanceof HTMLSelectElement && value && !Array.from(control.options).some((o) => o.value === value)) {
        control.appendChild(el("option", { value }, value));
      }
      control.value = value;
    }
  }

  /** The kinds for the kind select (keeps the current choice). */
  setKinds(kinds: KindRef[]): void {
    const current = this.kind.value;
    const options = [el("option", { value: "" }, "Any kind"), ...kinds.map((k) => el("option", { value: k.id }, k.title ? `${k.id} — ${k.title}` : k.id))];
    if (current && !kinds.some((k) => k.id === current)) options.push(el("option", { value: current }, current));
    this.kind.replaceChildren(...options);
    this.kind.value = current;
  }

  setExporting(busy: boolean): void {
    if (this.exportButton) this.exportButton.disabled = busy;
  }

  private clearAll(): void {
    this.set(emptyFilters());
    this.options.onChange(emptyFilters());
  }
}
