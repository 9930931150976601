// The dashboard: drafts per kind and audience per week (a table, with an inline SVG bar per week),
// the share sent unchanged, the share with failed checks, failed checks by name, and threats and
// abuse per customer domain, and a chart of drafts, sends, edits and failed checks over time. Counts
// are of drafts, one per customer email and user however often it was re-drafted. No chart library:
// a few SVG rectangles and lines.
import { activityChart } from "./activity-chart";
import { nextDay } from "./filters";
import { el, formatUtc, percent, replace } from "./format";
import { checkLabel, type Dashboard, type WeekCount } from "./types";

const SVG = "http://www.w3.org/2000/svg";

/** A horizontal bar as inline SVG: value out of max, with an accessible title. */
export function bar(value: number, max: number, title: string, width = 120, height = 12): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "bar");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  const back = document.createElementNS(SVG, "rect");
  back.setAttribute("class", "bar-back");
  back.setAttribute("width", String(width));
  back.setAttribute("height", String(height));
  back.setAttribute("rx", "2");
  const fill = document.createElementNS(SVG, "rect");
  fill.setAttribute("class", "bar-fill");
  fill.setAttribute("width", String(max > 0 ? Math.max(value > 0 ? 1 : 0, Math.round((value / max) * width)) : 0));
  fill.setAttribute("height", String(height));
  fill.setAttribute("rx", "2");
  svg.append(back, fill);
  return svg;
}

/** The per-week counts as a pivot: one row per kind and audience, one column per week. */
export function pivotWeeks(perWeek: readonly WeekCount[]): { weeks: string[]; rows: { kind: string; audience: string; counts: number[]; total: number }[]; totals: number[] } {
  const weeks = [...new Set(perWeek.map((w) => w.weekStart))].sort();
  const byKey = new Map<string, { kind: string; audience: string; counts: number[]; total: number }>();
  for (const w of perWeek) {
    const key = `${w.kind}\u0000${w.audience}`;
    let row = byKey.get(key);
    if (!row) {
      row = { kind: w.kind, audience: w.audience, counts: weeks.map(() => 0), total: 0 };
      byKey.set(key, row);
    }
    const i = weeks.indexOf(w.weekStart);
    row.counts[i] = (row.counts[i] ?? 0) + w.count;
    row.total += w.count;
  }
  const rows = [...byKey.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.audience.localeCompare(b.audience));
  const totals = weeks.map((_, i) => rows.reduce((n, r) => n + (r.counts[i] ?? 0), 0));
  return { weeks, rows, totals };
}

export interface DashboardViewOptions {
  load: (from: string, to: string) => Promise<Dashboard>;
  onError: (e: unknown) => boolean;
}

export class DashboardView {
  readonly element: HTMLElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private sequence = 0;
  loaded = false;

  constructor(private readonly options: DashboardViewOptions) {
    this.from = el("input", { type: "date", id: "dash-from", testid: "dash-from" });
    this.to = el("input", { type: "date", id: "dash-to", testid: "dash-to" });
    const form = el(
      "form",
      { className: "toolbar dash-range", "aria-label": "Dashboard period" },
      el("div", { className: "field" }, el("label", { for: "dash-from" }, "From (UTC)"), this.from),
      el("div", { className: "field" }, el("label", { for: "dash-to" }, "To (inclusive)"), this.to),
      el("button", { type: "submit", className: "primary small", testid: "dash-apply" }, "Show"),
      el("span", { className: "small muted" }, "Empty: the last 12 weeks."),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.load();
    });
    this.status = el("p", { className: "list-status", role: "status", testid: "dash-status" });
    this.body = el("div", { className: "dash-body", testid: "dash-body" });
    this.element = el("section", { className: "panel dashboard", testid: "dashboard", "aria-labelledby": "dash-title" }, el("h2", { id: "dash-title" }, "Dashboard"), form, this.status, this.body);
  }

  async load(): Promise<void> {
    const seq = ++this.sequence;
    this.status.dataset.state = "loading";
    replace(this.status, "Loading…");
    const from = this.from.value;
    const to = this.to.value ? nextDay(this.to.value) : "";
    try {
      const dashboard = await this.options.load(from, to);
      if (seq !== this.sequence) return;
      this.loaded = true;
      this.status.dataset.state = "ok";
      replace(this.status);
      this.show(dashboard);
    } catch (e) {
      if (seq !== this.sequence) return;
      if (this.options.onError(e)) return;
      this.status.dataset.state = "error";
      replace(this.status, `The dashboard could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  show(d: Dashboard): void {
    const stat = (name: string, value: string, testid: string, hint?: string) =>
      el("div", { className: "stat", testid }, el("div", { className: "stat-value" }, value), el("div", { className: "stat-name" }, name), hint ? el("div", { className: "stat-hint" }, hint) : null);
    const pivot = pivotWeeks(d.perWeek);
    const maxWeek = Math.max(0, ...pivot.totals);
    const maxCheck = Math.max(0, ...d.failedChecks.map((c) => c.count));
    replace(
      this.body,
      el("p", { className: "small muted", testid: "dash-period" }, `${formatUtc(d.fromUtc)} to ${formatUtc(d.toUtc)} UTC`),
      el(
        "div",
        { className: "stats" },
        stat("Drafts", String(d.drafts), "stat-drafts", typeof d.revisions === "number" ? `one per email; ${d.revisions} texts generated` : undefined),
        stat("Sent", String(d.sent), "stat-sent"),
        stat("Sent unchanged", percent(d.shareSentUnchanged ?? d.sharedSentUnchanged), "stat-unchanged", "of the sent drafts"),
        stat("With failed checks", percent(d.shareWithFailedChecks), "stat-failed", "of all drafts (the sent text when sent)"),
      ),
      d.weeks
        ? el("section", { "aria-labelledby": "dash-activity-title" }, el("h3", { id: "dash-activity-title" }, "Over time, per week"), activityChart(d.weeks, "dash-activity"))
        : null,
      el("h3", {}, "Drafts per kind and audience, per week"),
      pivot.weeks.length === 0
        ? el("p", { className: "muted" }, "No drafts in this period.")
        : el(
            "div",
            { className: "table-wrap" },
            el(
              "table",
              { className: "mini-table dash-table", testid: "dash-weeks" },
              el(
                "thead",
                {},
                el("tr", {}, el("th", { scope: "col" }, "Kind"), el("th", { scope: "col" }, "Audience"), ...pivot.weeks.map((w) => el("th", { scope: "col", className: "num" }, `Week of ${w}`)), el("th", { scope: "col", className: "num" }, "Total")),
              ),
              el(
                "tbody",
                {},
                ...pivot.rows.map((r) =>
                  el(
                    "tr",
                    { "data-kind": r.kind, "data-audience": r.audience },
                    el("th", { scope: "row" }, r.kind),
                    el("td", {}, r.audience),
                    ...r.counts.map((c, i) => el("td", { className: "num", "data-week": pivot.weeks[i] }, c ? String(c) : "·")),
                    el("td", { className: "num total" }, String(r.total)),
                  ),
                ),
              ),
              el(
                "tfoot",
                {},
                el(
                  "tr",
                  {},
                  el("th", { scope: "row", colSpan: 2 }, "All"),
                  ...pivot.totals.map((t, i) =>
                    el("td", { className: "num" }, el("div", { className: "week-total" }, String(t)), bar(t, maxWeek, `${t} drafts in the week of ${pivot.weeks[i]}`, 48, 8)),
                  ),
                  el("td", { className: "num total" }, String(pivot.totals.reduce((a, b) => a + b, 0))),
                ),
              ),
            ),
          ),
      el(
        "div",
        { className: "dash-grid" },
        el(
          "section",
          { "aria-labelledby": "dash-checks-title" },
          el("h3", { id: "dash-checks-title" }, "Failed checks"),
          el(
            "table",
            { className: "mini-table", testid: "dash-checks" },
            el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Check"), el("th", { scope: "col", className: "num" }, "Drafts"), el("th", { scope: "col" }, el("span", { className: "visually-hidden" }, "Bar")))),
            el(
              "tbody",
              {},
              ...d.failedChecks.map((c) =>
                el("tr", { "data-check": c.key }, el("th", { scope: "row" }, checkLabel(c.key)), el("td", { className: "num" }, String(c.count)), el("td", {}, bar(c.count, maxCheck, `${c.count} drafts failed ${checkLabel(c.key)}`))),
              ),
            ),
          ),
        ),
        el(
          "section",
          { "aria-labelledby": "dash-domains-title" },
          el("h3", { id: "dash-domains-title" }, "Threats and abuse per customer domain"),
          d.pressureByDomain.length === 0
            ? el("p", { className: "muted", testid: "dash-domains-empty" }, "No threats or abusive emails in this period.")
            : el(
                "table",
                { className: "mini-table", testid: "dash-domains" },
                el(
                  "thead",
                  {},
                  el("tr", {}, el("th", { scope: "col" }, "Domain"), el("th", { scope: "col", className: "num" }, "Threats"), el("th", { scope: "col", className: "num" }, "Abusive"), el("th", { scope: "col", className: "num" }, "Drafts")),
                ),
                el(
                  "tbody",
                  {},
                  ...d.pressureByDomain.map((p) =>
                    el(
                      "tr",
                      { "data-domain": p.domain },
                      el("th", { scope: "row" }, p.domain),
                      el("td", { className: "num", "data-col": "threats" }, String(p.threats)),
                      el("td", { className: "num", "data-col": "abusive" }, String(p.abusive)),
                      el("td", { className: "num", "data-col": "drafts" }, String(p.drafts)),
                    ),
                  ),
                ),
              ),
        ),
      ),
    );
  }
}
