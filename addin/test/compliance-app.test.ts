import { describe, expect, it, vi } from "vitest";
import { ComplianceApi } from "../src/compliance/api";
import { ComplianceApp } from "../src/compliance/app";
import { devTokenProvider, TOKEN_KEY } from "../src/compliance/auth";
import type { DraftDetail, DraftSummary } from "../src/compliance/types";

const jwt = (payload: object) => ["e30", btoa(JSON.stringify(payload)).replace(/=+$/, ""), "sig"].join(".");
const REVIEWER = jwt({ name: "Rita Review", role: "ComplianceReviewer" });
const MANAGER = jwt({ name: "Sam Carter", role: "AccountManager" });
const ADMIN = jwt({ name: "Tara Admin", role: "TemplateAdmin" });

const GENERATED = "Hi Priya,\n\nWe can't lower the price by 15%.\n\nHere is what we can do instead:\n\n- Three-year price lock\n\nBest regards,\nSam";
const SENT = "Hi Priya,\n\nWe can't lower the price by 15%.\n\nBest regards,\nSam\n\n<script>window.hacked = true</script>";

const summary = (id: string, extra: Partial<DraftSummary> = {}): DraftSummary => ({
  id,
  createdAtUtc: "2026-11-19T14:00:00Z",
  userId: "sam.carter",
  userName: "Sam Carter",
  customerDomain: "northwind-foods.com",
  fromName: "Priya Nair",
  fromEmail: "priya.nair@northwind-foods.com",
  subject: `Budget 2027 <img src=x onerror=alert(1)> ${id}`,
  kind: "discount",
  audience: "commercial",
  flags: [],
  status: "sent",
  sentAtUtc: "2026-11-19T14:15:00Z",
  sentUnchanged: false,
  failedChecks: ["offersAlternative"],
  sentWarned: true,
  review: "none",
  comments: 0,
  templateVersion: 1,
  ...extra,
});

function detailOf(s: DraftSummary): DraftDetail {
  return {
    summary: s,
    generated: {
      text: GENERATED,
      checks: { saysNo: true, givesReason: true, citesData: true, offersAlternative: true, respectful: true },
      checkNotes: [],
      template: { id: "discount/commercial", version: 1, sha256: "1c9ae86239b97d5e" },
      dataPoints: [{ name: "requestedDiscountPercent", label: "Requested discount", value: "15%", source: "email" }],
      alternatives: ["multi-year"],
      ask: { quote: "Could you reduce the price by 15%?" },
    },
    sent: {
      text: SENT,
      to: [{ name: "Priya Nair", email: "priya.nair@northwind-foods.com" }],
      cc: [],
      checks: { saysNo: true, givesReason: true, citesData: true, offersAlternative: false, respectful: true },
      checkNotes: ["No alternative is offered."],
      unchanged: false,
      warned: true,
    },
    diff: [
      { op: "same", text: "Hi Priya,\n\nWe can't lower the price by 15%.\n\n" },
      { op: "remove", text: "Here is what we can do instead:\n\n- Three-year price lock\n\n" },
      { op: "same", text: "Best regards,\nSam" },
      { op: "add", text: "\n\n<script>window.hacked = true</script>" },
    ],
    records: [
      { seq: 20, type: "generated", draftId: s.id, atUtc: "2026-11-19T14:00:00Z", user: { id: "sam.carter", name: "Sam Carter" }, payload: {}, hash: "a".repeat(64), prevHash: "0".repeat(64) },
      { seq: 22, type: "sent", draftId: s.id, atUtc: "2026-11-19T14:15:00Z", user: { id: "sam.carter", name: "Sam Carter" }, payload: {}, hash: "b".repeat(64), prevHash: "a".repeat(64) },
      ...(s.review !== "none"
        ? [{ seq: 40, type: s.review, draftId: s.id, atUtc: "2026-11-25T09:00:00Z", user: { id: "rita.review", name: "Rita Review" }, payload: { comment: "Looked at it" }, hash: "c".repeat(64), prevHash: "b".repeat(64) }]
        : []),
    ],
  };
}

type Handler = (url: URL, init: RequestInit) => Response | undefined;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers } });

/** A fake API with two drafts; the reviewer's actions change the first one's review. */
function fakeApi(extra: Handler = () => undefined) {
  const drafts = [summary("d1"), summary("d2", { review: "escalated", failedChecks: [], sentUnchanged: true })];
  const calls: { method: string; url: URL; init: RequestInit }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ method: init.method ?? "GET", url, init });
    const answer = extra(url, init);
    if (answer) return answer;
    const path = url.pathname;
    if (path === "/api/templates") return json(200, { kinds: [{ id: "discount", title: "Discount or lower price" }], retiredKinds: [] });
    if (path === "/api/compliance/drafts") {
      const review = url.searchParams.get("review");
      const items = drafts.filter((d) => !review || d.review === review);
      return json(200, { items, skip: 0, take: 50, hasMore: false, total: url.searchParams.get("count") ? items.length : null });
    }
    const one = path.match(/^\/api\/compliance\/drafts\/([^/]+)$/);
    if (one) {
      const d = drafts.find((x) => x.id === one[1]);
      return d ? json(200, detailOf(d)) : json(404, { title: "Draft not found", status: 404 });
    }
    const act = path.match(/^\/api\/compliance\/drafts\/([^/]+)\/actions$/);
    if (act && init.method === "POST") {
      const body = JSON.parse(init.body as string) as { type: string; comment?: string };
      const i = drafts.findIndex((x) => x.id === act[1]);
      if (body.type !== "comment") drafts[i] = { ...drafts[i]!, review: body.type };
      return json(201, { seq: 40, type: body.type, draftId: act[1], atUtc: "2026-11-25T09:00:00Z", user: { id: "rita.review", name: "Rita Review" }, payload: { comment: body.comment ?? null }, hash: "c".repeat(64), prevHash: "b".repeat(64) });
    }
    if (path === "/api/compliance/export.csv")
      return new Response("id,review\r\nd1,none\r\n", { status: 200, headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="drafts.csv"' } });
    if (path === "/api/compliance/verify") return json(200, { intact: true, records: 40, firstSeq: 1, lastSeq: 40, headSeq: 40, headHash: "c", purgedThroughSeq: null, problems: [], elapsedMs: 3 });
    return json(404, { title: "Not found", status: 404 });
  });
  return { fetchMock, calls };
}

async function start(token: string | null, search = "", extra?: Handler) {
  localStorage.clear();
  if (token) localStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, "", `/compliance/${search}`);
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const { fetchMock, calls } = fakeApi(extra);
  const tokens = devTokenProvider(localStorage);
  const api = new ComplianceApi({ baseUrl: "http://localhost", getToken: () => tokens.getToken(), fetch: fetchMock as typeof fetch });
  const downloads: { blob: Blob; name: string }[] = [];
  const app = new ComplianceApp({ root, api, tokens, download: (blob, name) => downloads.push({ blob, name }), now: () => new Date("2026-11-25T09:00:00Z") });
  await app.start();
  await settle();
  return { app, root, calls, downloads };
}

async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

const q = <T extends Element = HTMLElement>(root: ParentNode, testid: string) => root.querySelector<T>(`[data-testid="${testid}"]`);
const rows = (root: ParentNode) => Array.from(root.querySelectorAll<HTMLElement>("[data-testid=draft-row]"));

describe("compliance page: sign-in states", () => {
  it("asks for a token when there is none, and a pasted token signs in", async () => {
    const { root } = await start(null);
    expect(q(root, "signin")).not.toBeNull();
    expect(root.textContent).toContain("dotnet user-jwts create --project api --role ComplianceReviewer");
    (q<HTMLTextAreaElement>(root, "token-input")!).value = REVIEWER;
    q<HTMLButtonElement>(root, "signin-submit")!.click();
    await settle();
    expect(rows(root)).toHaveLength(2);
    expect(localStorage.getItem(TOKEN_KEY)).toBe(REVIEWER);
  });

  it("shows the signed-out state when the API answers 401, and forgets the token", async () => {
    const { root } = await start(REVIEWER, "", (url) => (url.pathname === "/api/compliance/drafts" ? json(401, { title: "Unauthorized", status: 401 }) : undefined));
    expect(q(root, "signin-reason")!.textContent).toContain("The API refused your token");
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("shows the wrong-role state for a token without either role, and for a 403", async () => {
    const admin = await start(ADMIN);
    expect(q(admin.root, "forbidden")).not.toBeNull();
    await settle();
    expect(q(admin.root, "forbidden")!.textContent).toContain("You are signed in as Tara Admin.");
    expect(admin.calls.filter((c) => c.url.pathname.startsWith("/api/compliance"))).toHaveLength(0);

    const refused = await start(REVIEWER, "", (url) => (url.pathname === "/api/compliance/drafts" ? json(403, { title: "Forbidden", status: 403 }) : undefined));
    expect(q(refused.root, "forbidden")).not.toBeNull();
  });
});

describe("compliance page: reviewer", () => {
  it("lists the drafts with their facts as text, and keeps the filters in the address", async () => {
    const { root, calls } = await start(REVIEWER, "?status=sent&failedCheck=offersAlternative&to=2026-11-22");
    const first = calls.find((c) => c.url.pathname === "/api/compliance/drafts")!;
    expect(first.url.searchParams.get("status")).toBe("sent");
    expect(first.url.searchParams.get("failedCheck")).toBe("offersAlternative");
    expect(first.url.searchParams.get("to")).toBe("2026-11-23");
    expect(q<HTMLSelectElement>(root, "filter-status")!.value).toBe("sent");
    expect(q<HTMLInputElement>(root, "filter-to")!.value).toBe("2026-11-22");

    const row = rows(root)[0]!;
    expect(row.querySelector("img")).toBeNull();
    expect(row.querySelector("[data-col=subject]")!.textContent).toBe("Budget 2027 <img src=x onerror=alert(1)> d1");
    expect(row.querySelector("[data-col=user]")!.textContent).toBe("Sam Carter");
    expect(row.querySelector("[data-col=domain]")!.textContent).toBe("northwind-foods.com");
    expect(row.querySelector("[data-col=edited]")!.textContent).toBe("Edited");
    expect(row.querySelector("[data-col=checks] [data-check=offersAlternative]")).not.toBeNull();
    expect(row.querySelector("[data-col=review]")!.textContent).toBe("Not reviewed");
    expect(rows(root)[1]!.querySelector("[data-col=review]")!.textContent).toBe("Escalated");

    // A filter change goes into the address (pushState) and asks again.
    const review = q<HTMLSelectElement>(root, "filter-review")!;
    review.value = "escalated";
    review.dispatchEvent(new Event("change"));
    await settle();
    expect(new URLSearchParams(location.search).get("review")).toBe("escalated");
    expect(rows(root).map((r) => r.dataset.id)).toEqual(["d2"]);

    // The preset starts afresh.
    q<HTMLButtonElement>(root, "preset-no-alternative")!.click();
    await settle();
    expect(location.search).toBe("?failedCheck=offersAlternative&status=sent");
    q<HTMLButtonElement>(root, "preset-last-week")!.click();
    await settle();
    expect(location.search).toBe("?failedCheck=offersAlternative&status=sent&from=2026-11-16&to=2026-11-22");
  });

  it("opens a draft: side by side texts, the diff as text with removals and additions marked, checks, records, actions", async () => {
    const { root } = await start(REVIEWER);
    rows(root)[0]!.querySelector<HTMLButtonElement>("[data-testid=open-draft]")!.click();
    await settle();
    expect(new URLSearchParams(location.search).get("draft")).toBe("d1");
    const detail = q(root, "detail")!;
    expect(detail.hidden).toBe(false);
    expect(q(detail, "generated-text")!.textContent).toBe(GENERATED);
    expect(q(detail, "sent-text")!.textContent).toBe(SENT);
    expect(detail.querySelector("script")).toBeNull();
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
    expect(q(detail, "diff")!.querySelector(".diff-remove")!.textContent).toBe("Here is what we can do instead:\n\n- Three-year price lock\n\n");
    expect(q(detail, "diff")!.querySelector(".diff-add")!.textContent).toBe("\n\n<script>window.hacked = true</script>");
    expect(detail.querySelector("td[data-side=sent][data-check=offersAlternative]")!.getAttribute("data-pass")).toBe("false");
    expect(detail.querySelector("td[data-side=generated][data-check=offersAlternative]")!.getAttribute("data-pass")).toBe("true");
    expect(q(detail, "recipients-to")!.textContent).toBe("Priya Nair <priya.nair@northwind-foods.com>");
    expect(q(detail, "detail-template")!.textContent).toContain("discount/commercial");
    expect(Array.from(detail.querySelectorAll("[data-testid=timeline-record]")).map((r) => r.getAttribute("data-seq"))).toEqual(["20", "22"]);
    expect(detail.querySelector("[data-testid=timeline-record] .hash")!.textContent).toBe("aaaaaaaaaaaa");
    expect(q(detail, "actions")).not.toBeNull();
  });

  it("marks a draft reviewed: posts, then refreshes the detail and the row", async () => {
    const { root, calls } = await start(REVIEWER, "?draft=d1");
    expect(q(root, "detail")!.hidden).toBe(false);
    q<HTMLTextAreaElement>(root, "action-comment")!.value = "Checked with Sam";
    q<HTMLButtonElement>(root, "action-reviewed")!.click();
    await settle();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url.pathname).toBe("/api/compliance/drafts/d1/actions");
    expect(JSON.parse(post.init.body as string)).toEqual({ type: "reviewed", comment: "Checked with Sam" });
    expect(rows(root)[0]!.querySelector("[data-col=review]")!.textContent).toBe("Reviewed");
    expect(q(root, "action-status")!.textContent).toContain("Marked reviewed (record 40).");
    expect(Array.from(root.querySelectorAll("[data-testid=timeline-record]")).map((r) => r.getAttribute("data-seq"))).toEqual(["20", "22", "40"]);

    // A comment needs text.
    q<HTMLButtonElement>(root, "action-comment-submit")!.click();
    await settle();
    expect(q(root, "action-status")!.textContent).toBe("Write a comment first.");
  });

  it("shows a refused action's problem details", async () => {
    const { root } = await start(REVIEWER, "?draft=d1", (url, init) =>
      init.method === "POST" ? json(400, { title: "One or more validation errors occurred.", status: 400, errors: { comment: ["At most 2,000 characters."] } }) : undefined,
    );
    q<HTMLButtonElement>(root, "action-escalated")!.click();
    await settle();
    const status = q(root, "action-status")!;
    expect(status.dataset.state).toBe("error");
    expect(status.textContent).toContain("comment: At most 2,000 characters.");
  });

  it("exports the current filters as CSV through the download", async () => {
    const { root, calls, downloads } = await start(REVIEWER, "?review=none&skip=50");
    q<HTMLButtonElement>(root, "export")!.click();
    await settle();
    const exported = calls.find((c) => c.url.pathname === "/api/compliance/export.csv")!;
    expect(exported.url.search).toBe("?review=none");
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe("drafts.csv");
    expect(await downloads[0]!.blob.text()).toContain("d1,none");
  });

  it("pages with next and previous, and asks for the total when 'count all' is ticked", async () => {
    const { root, calls } = await start(REVIEWER, "", (url) => {
      if (url.pathname !== "/api/compliance/drafts") return undefined;
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const total = url.searchParams.get("count") === "true" ? 51 : null;
      return json(200, { items: [summary(skip ? "d51" : "d1")], skip, take: 50, hasMore: skip === 0, total });
    });
    const drafts = () => calls.filter((c) => c.url.pathname === "/api/compliance/drafts").map((c) => c.url.search);
    expect(q<HTMLButtonElement>(root, "page-prev")!.disabled).toBe(true);
    q<HTMLButtonElement>(root, "page-next")!.click();
    await settle();
    expect(drafts().at(-1)).toBe("?skip=50&take=50");
    expect(location.search).toBe("?skip=50");
    expect(q(root, "page-range")!.textContent).toBe("51–51");
    expect(q<HTMLButtonElement>(root, "page-next")!.disabled).toBe(true);
    const count = q<HTMLInputElement>(root, "count-total")!;
    count.checked = true;
    count.dispatchEvent(new Event("change"));
    await settle();
    expect(drafts().at(-1)).toBe("?skip=50&take=50&count=true");
    expect(q(root, "page-range")!.textContent).toBe("51–51 of 51");
    q<HTMLButtonElement>(root, "page-prev")!.click();
    await settle();
    expect(drafts().at(-1)).toBe("?take=50&count=true");
    expect(location.search).toBe("?count=true");
  });

  it("has the tabs and the chain indicator", async () => {
    const { root } = await start(REVIEWER);
    expect(q(root, "tab-dashboard")).not.toBeNull();
    expect(q(root, "tab-templates")).not.toBeNull();
    q<HTMLButtonElement>(root, "verify")!.click();
    await settle();
    expect(q(root, "chain-status")!.dataset.state).toBe("intact");
  });
});

describe("compliance page: account manager", () => {
  it("shows 'your drafts' without actions, export, verify, dashboard, template changes or the user filter", async () => {
    const { root, calls } = await start(MANAGER, "?tab=dashboard&user=alex.morgan&draft=d1");
    expect(root.querySelector("h1")!.textContent).toContain("Your drafts");
    expect(q(root, "manager-note")).not.toBeNull();
    expect(rows(root)).toHaveLength(2);
    // The draft is shown, read only.
    expect(q(root, "detail")!.hidden).toBe(false);
    expect(q(root, "sent-text")!.textContent).toBe(SENT);
    for (const id of ["actions", "action-reviewed", "action-escalated", "action-comment", "export", "verify", "chain-status", "tab-dashboard", "tab-templates", "dashboard", "filter-user"]) {
      expect(q(root, id), id).toBeNull();
    }
    expect(rows(root)[0]!.querySelector("[data-col=user]")).toBeNull();
    // The dashboard tab and the user filter in the address are ignored.
    expect(calls.some((c) => c.url.pathname === "/api/compliance/dashboard")).toBe(false);
    expect(calls.find((c) => c.url.pathname === "/api/compliance/drafts")!.url.searchParams.has("user")).toBe(false);
    expect(location.search).toBe("?draft=d1");
  });
});
