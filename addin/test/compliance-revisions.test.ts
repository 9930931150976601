import { describe, expect, it } from "vitest";
import { activityChart, CHART, niceMax, points, SERIES, weekLabel } from "../src/compliance/activity-chart";
import { DashboardView } from "../src/compliance/dashboard-view";
import { DetailView, revisionNote } from "../src/compliance/detail-view";
import { DraftList } from "../src/compliance/list-view";
import type { Dashboard, DraftDetail, DraftSummary, WeekActivity } from "../src/compliance/types";

const weeks: WeekActivity[] = [
  { weekStart: "2026-11-02", drafts: 0, sent: 0, edited: 0, failedChecks: 0 },
  { weekStart: "2026-11-09", drafts: 4, sent: 2, edited: 1, failedChecks: 1 },
  { weekStart: "2026-11-16", drafts: 6, sent: 3, edited: 2, failedChecks: 3 },
];

const summary: DraftSummary = {
  id: "d1", createdAtUtc: "2026-11-19T14:00:00Z", userId: "sam", userName: "Sam Carter", customerDomain: "x.com", fromName: "Priya",
  fromEmail: "priya@x.com", subject: "Budget", kind: "discount", audience: "finance", flags: ["threat"], status: "sent",
  sentAtUtc: "2026-11-19T14:15:00Z", sentUnchanged: true, failedChecks: [], sentWarned: false, review: "none", comments: 0, templateVersion: 1,
  revisions: 3, latestAtUtc: "2026-11-19T14:20:00Z",
};

describe("the chart over time", () => {
  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 6, 7, 10, 11, 45, 120].map(niceMax)).toEqual([1, 1, 5, 10, 10, 10, 20, 50, 200]);
  });

  it("places the weeks left to right and the values bottom to top inside the margins", () => {
    const pts = points(weeks, "drafts", 10);
    expect(pts.map((p) => p.x)).toEqual([CHART.left, (CHART.left + CHART.width - CHART.right) / 2, CHART.width - CHART.right]);
    const bottom = CHART.height - CHART.bottom;
    expect(pts[0]!.y).toBe(bottom);
    expect(pts[2]!.y).toBeCloseTo(bottom - 0.6 * (bottom - CHART.top), 1);
  });

  it("draws one line per series with a titled point per week, named for screen readers, and the same numbers in a table", () => {
    const figure = activityChart(weeks, "t");
    document.body.replaceChildren(figure);
    const svg = figure.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    const labelled = svg.getAttribute("aria-labelledby")!.split(" ");
    expect(labelled.map((id) => document.getElementById(id)!.tagName.toLowerCase())).toEqual(["title", "desc"]);
    expect(document.getElementById("t-title")!.textContent).toContain("per week");
    expect(document.getElementById("t-desc")!.textContent).toContain("drafts 10, sent 5, sent with changes 3, with failed checks 4");
    for (const s of SERIES) {
      const group = svg.querySelector(`g[data-series=${s.key}]`)!;
      expect(group.querySelectorAll("polyline")).toHaveLength(1);
      const dots = Array.from(group.querySelectorAll("circle"));
      expect(dots.map((d) => Number(d.getAttribute("data-value")))).toEqual(weeks.map((w) => w[s.key]));
      expect(dots[1]!.querySelector("title")!.textContent).toBe(`${s.label}, week of ${weekLabel("2026-11-09")}: ${weeks[1]![s.key]}`);
    }
    const rows = Array.from(figure.querySelectorAll("[data-testid=activity-table] tbody tr"));
    expect(rows.map((r) => r.getAttribute("data-week"))).toEqual(weeks.map((w) => w.weekStart));
    expect(rows[2]!.querySelector("[data-series=edited]")!.textContent).toBe("2");
  });

  it("is on the dashboard when the API sends weeks, with the drafts counted as emails", async () => {
    const dashboard: Dashboard = {
      fromUtc: "2026-11-02T00:00:00Z", toUtc: "2026-11-20T00:00:00Z", drafts: 10, sent: 5, shareSentUnchanged: 0.4, shareWithFailedChecks: 0.4,
      perWeek: [], pressureByDomain: [], failedChecks: [], revisions: 22, weeks,
    };
    const view = new DashboardView({ load: async () => dashboard, onError: () => false });
    document.body.replaceChildren(view.element);
    await view.load();
    expect(view.element.querySelector("[data-testid=stat-drafts]")!.textContent).toContain("one per email; 22 texts generated");
    expect(view.element.querySelectorAll("svg.activity-chart g[data-series]")).toHaveLength(4);
    const older = new DashboardView({ load: async () => ({ ...dashboard, weeks: undefined }), onError: () => false });
    await older.load();
    expect(older.element.querySelector("svg.activity-chart")).toBeNull();
  });
});

describe("a draft drafted more than once", () => {
  const detail: DraftDetail = {
    summary,
    generated: { text: "Second text", audience: "technical", category: "discount" },
    sent: { text: "Second text", revision: 2 },
    diff: [{ op: "same", text: "Second text" }],
    records: [
      { seq: 7, type: "sent", draftId: "d1", atUtc: "2026-11-19T14:15:00Z", user: { id: "sam", name: "Sam Carter" }, payload: { revision: 2 }, hash: "a".repeat(64), prevHash: "b".repeat(64) },
    ],
    revisions: [
      { number: 1, atUtc: "2026-11-19T14:00:00Z", seq: 3, generated: { text: "First text", audience: "commercial", category: "discount", checks: { saysNo: true, offersAlternative: false } }, inserted: false, sent: false, discarded: false },
      { number: 2, atUtc: "2026-11-19T14:05:00Z", seq: 4, generated: { text: "Second text", audience: "technical", category: "discount", checks: { saysNo: true } }, inserted: true, sent: true, discarded: false },
      { number: 3, atUtc: "2026-11-19T14:20:00Z", seq: 8, generated: { text: "<b>Third</b> text", audience: "finance", category: "discount" }, inserted: false, sent: false, discarded: false },
    ],
    generatedRevision: 2,
  };

  it("lists every revision in order with its time, kind, audience, checks, fate and text, and says which one is compared", () => {
    const view = new DetailView({ canAct: true, act: async () => {}, onClose: () => {}, onAuthError: () => false });
    view.show(detail);
    const items = Array.from(view.element.querySelectorAll("[data-testid=revision]"));
    expect(items.map((i) => i.getAttribute("data-number"))).toEqual(["1", "2", "3"]);
    expect(items.map((i) => i.querySelector("[data-col=audience]")!.textContent)).toEqual(["commercial", "technical", "finance"]);
    expect(items[0]!.querySelector("[data-col=checks]")!.textContent).toContain("Failed:");
    expect(items[1]!.querySelector("[data-col=fate]")!.textContent).toBe("inserted, sent");
    expect(items[1]!.getAttribute("data-shown")).toBe("true");
    // Texts are text: markup from a draft is shown, not parsed.
    expect(items[2]!.querySelector("[data-testid=revision-text]")!.textContent).toBe("<b>Third</b> text");
    expect(items[2]!.querySelector("b")).toBeNull();
    expect(view.element.querySelector("[data-testid=generated-caption]")!.textContent).toBe("Generated (draft 2 of 3)");
    expect(view.element.querySelector("[data-testid=timeline-record] .rev")!.textContent).toBe("draft 2");
  });

  it("puts the review actions before the texts, so they are on the first screen", () => {
    const view = new DetailView({ canAct: true, act: async () => {}, onClose: () => {}, onAuthError: () => false });
    view.show(detail);
    const actions = view.element.querySelector("[data-testid=actions]")!;
    const texts = view.element.querySelector("[data-testid=generated-text]")!;
    expect(actions.compareDocumentPosition(texts) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("says nothing about revisions for a draft made once, or from an API without them", () => {
    expect(revisionNote({ ...detail, revisions: [detail.revisions![0]!] })).toBeNull();
    expect(revisionNote({ ...detail, revisions: undefined })).toBeNull();
    const view = new DetailView({ canAct: false, act: async () => {}, onClose: () => {}, onAuthError: () => false });
    view.show({ ...detail, revisions: undefined, generatedRevision: undefined });
    expect(view.element.querySelector("[data-testid=revisions]")).toBeNull();
    expect(view.element.querySelector("[data-testid=generated-caption]")!.textContent).toBe("Generated");
  });
});

describe("the list counts emails", () => {
  it("shows how often a draft was drafted, and nothing for one drafted once", () => {
    const list = new DraftList({ showUser: true, onOpen: () => {}, onPage: () => {}, onCount: () => {} });
    list.show({ items: [summary, { ...summary, id: "d2", revisions: 1 }, { ...summary, id: "d3", revisions: undefined }], skip: 0, take: 50, hasMore: false, total: 3 });
    const cells = Array.from(list.element.querySelectorAll("[data-testid=draft-row]")).map((r) => r.querySelector("[data-col=revisions]")?.textContent ?? null);
    expect(cells).toEqual(["Drafted 3 times", null, null]);
    expect(list.element.querySelector("caption")!.textContent).toContain("one per email");
  });
});
