// The dashboard's chart over time: drafts, sends, edited sends and drafts with failed checks, one
// point a week, as an inline SVG line chart built with DOM calls (no chart library). Accessible: the
// SVG is an image with a title and a description, each point has a title, and the same numbers are in
// a table below it.
import { el } from "./format";
import type { WeekActivity } from "./types";

const SVG = "http://www.w3.org/2000/svg";

export type SeriesKey = "drafts" | "sent" | "edited" | "failedChecks";

/** The four lines, in drawing order, with the words people see. */
export const SERIES: readonly { key: SeriesKey; label: string }[] = [
  { key: "drafts", label: "Drafts" },
  { key: "sent", label: "Sent" },
  { key: "edited", label: "Sent with changes" },
  { key: "failedChecks", label: "With failed checks" },
];

export const CHART = { width: 640, height: 220, left: 36, right: 12, top: 12, bottom: 30 } as const;

/** The top of the y axis: the largest value rounded up to 1, 2 or 5 times a power of ten (at least 1). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** "16 Nov" for a week starting on 2026-11-16. */
export function weekLabel(weekStart: string): string {
  const d = new Date(`${weekStart}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? weekStart : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** The x and y of each week's value of one series, inside the chart's margins. */
export function points(weeks: readonly WeekActivity[], key: SeriesKey, max: number): { x: number; y: number; value: number }[] {
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const step = weeks.length > 1 ? plotW / (weeks.length - 1) : 0;
  return weeks.map((w, i) => {
    const value = w[key];
    return {
      x: round(CHART.left + (weeks.length > 1 ? i * step : plotW / 2)),
      y: round(CHART.top + plotH - (value / max) * plotH),
      value,
    };
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The chart and its table for the weeks of a dashboard; `idPrefix` keeps ids unique on the page. */
export function activityChart(weeks: readonly WeekActivity[], idPrefix = "activity"): HTMLElement {
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const title = "Drafts, sends, edited sends and failed checks per week";
  const totals = Object.fromEntries(SERIES.map((s) => [s.key, weeks.reduce((n, w) => n + w[s.key], 0)])) as Record<SeriesKey, number>;
  const description = weeks.length
    ? `${weeks.length} weeks from the week of ${weekLabel(weeks[0]!.weekStart)} to the week of ${weekLabel(weeks[weeks.length - 1]!.weekStart)}: ` +
      SERIES.map((s) => `${s.label.toLowerCase()} ${totals[s.key]}`).join(", ") + ". The table below has each week's numbers."
    : "No weeks in this period.";

  const max = niceMax(Math.max(0, ...weeks.flatMap((w) => SERIES.map((s) => w[s.key]))));
  const svg = svgEl("svg", {
    class: "activity-chart",
    viewBox: `0 0 ${CHART.width} ${CHART.height}`,
    role: "img",
    "aria-labelledby": `${titleId} ${descId}`,
    "data-testid": "activity-chart",
  });
  svg.append(svgEl("title", { id: titleId }, title), svgEl("desc", { id: descId }, description));

  // Gridlines and y labels at 0, half and the top.
  const axis = svgEl("g", { class: "chart-axis", "aria-hidden": "true" });
  for (const value of [0, max / 2, max]) {
    const y = points([{ weekStart: "", drafts: value, sent: 0, edited: 0, failedChecks: 0 }], "drafts", max)[0]!.y;
    axis.append(
      svgEl("line", { class: "chart-grid", x1: CHART.left, x2: CHART.width - CHART.right, y1: y, y2: y }),
      svgEl("text", { class: "chart-label", x: CHART.left - 6, y: y + 4, "text-anchor": "end" }, Number.isInteger(value) ? String(value) : value.toFixed(1)),
    );
  }
  // Week labels along the bottom; every other one when there are many.
  const every = weeks.length > 14 ? Math.ceil(weeks.length / 7) : weeks.length > 8 ? 2 : 1;
  const xs = points(weeks, "drafts", max);
  weeks.forEach((w, i) => {
    if (i % every !== 0) return;
    axis.append(svgEl("text", { class: "chart-label", x: xs[i]!.x, y: CHART.height - CHART.bottom + 16, "text-anchor": "middle" }, weekLabel(w.weekStart)));
  });
  svg.append(axis);

  for (const s of SERIES) {
    const pts = points(weeks, s.key, max);
    const group = svgEl("g", { class: `chart-series series-${s.key}`, "data-series": s.key });
    if (pts.length > 1) group.append(svgEl("polyline", { points: pts.map((p) => `${p.x},${p.y}`).join(" "), fill: "none" }));
    pts.forEach((p, i) => {
      const dot = svgEl("circle", { cx: p.x, cy: p.y, r: 3, "data-week": weeks[i]!.weekStart, "data-value": p.value });
      dot.append(svgEl("title", {}, `${s.label}, week of ${weekLabel(weeks[i]!.weekStart)}: ${p.value}`));
      group.append(dot);
    });
    svg.append(group);
  }

  const legend = el(
    "ul",
    { className: "chart-legend", "aria-hidden": "true" },
    ...SERIES.map((s) => el("li", { className: `series-${s.key}` }, el("span", { className: "swatch" }), s.label)),
  );
  const table = el(
    "table",
    { className: "mini-table", testid: "activity-table" },
    el("caption", {}, "Per week"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Week of"), ...SERIES.map((s) => el("th", { scope: "col", className: "num" }, s.label)))),
    el(
      "tbody",
      {},
      ...weeks.map((w) =>
        el("tr", { "data-week": w.weekStart }, el("th", { scope: "row" }, weekLabel(w.weekStart)), ...SERIES.map((s) => el("td", { className: "num", "data-series": s.key }, String(w[s.key])))),
      ),
    ),
  );
  return el(
    "figure",
    { className: "activity", testid: "activity" },
    svg,
    legend,
    el("details", { className: "activity-table" }, el("summary", {}, "The numbers as a table"), table),
  );
}
