import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ASK_UNCLEAR, CONSIDER_YES, NO_REFUSABLE_ASK, SayNoApi } from "../src/taskpane/api";
import { officeMailbox, onItemChanged } from "../src/taskpane/mailbox";
import { MANAGER_KEY, Pane } from "../src/taskpane/pane";
import type { DraftRequest } from "../src/taskpane/types";
import { HTML_BODY, classifyResponse, draftResponse, installOffice, json, problem, span, uninstallOffice } from "./fixtures";

type Route = (body: unknown) => Response | Promise<Response>;

function setup(routes: Record<string, Route>, officeSetup: Parameters<typeof installOffice>[0] = {}) {
  const office = installOffice(officeSetup);
  const requests: { path: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const body = JSON.parse((init?.body as string) ?? "null");
    requests.push({ path, body });
    const route = routes[path] ?? Object.entries(routes).find(([p]) => p.endsWith("*") && path.startsWith(p.slice(0, -1)))?.[1];
    if (!route) return problem(404);
    return route(body);
  });
  const api = new SayNoApi({ baseUrl: "http://localhost:5180", tokens: { getToken: async () => "t" }, fetch: fetchMock as typeof fetch });
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.appendChild(root);
  const storage = new Map<string, string>();
  const pane = new Pane({
    root,
    api,
    mailbox: officeMailbox,
    auth: { signIn: async () => "t", signInForMailbox: async () => "t" },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    debounceMs: 20,
  });
  return { pane, root, requests, office, storage, drafts: () => requests.filter((r) => r.path === "/api/drafts").map((r) => r.body as DraftRequest) };
}

const ok = {
  "/api/classify": () => json(200, classifyResponse()),
  "/api/drafts": () => json(200, draftResponse()),
  "/api/drafts/*": () => json(201, { id: "ev-1", draftId: "draft-1", type: "inserted", at: "2026-11-22T18:00:00Z" }),
};


beforeEach(() => vi.useRealTimers());
afterEach(() => uninstallOffice());

describe("the pane", () => {
  it("reads the email and drafts with one request, and shows the reading the draft carries", async () => {
    const { pane, root, requests } = setup(ok);
    await pane.start();
    expect(requests.map((r) => r.path)).toEqual(["/api/drafts"]);
    // Secondary ask, threat evidence and figures come from the draft's classification.
    expect(root.textContent).toContain("Earlier delivery or deadline");
    expect(root.querySelector("[aria-labelledby=pressure-title] mark")?.textContent).toBe("move to another supplier");
    expect(root.querySelector(".ask-primary")?.textContent).toContain("Discount or lower price");
    expect(root.querySelector(".ask-primary")?.textContent).toContain("93% sure");
    expect(root.querySelector("#preview")?.textContent).toContain("We can't reduce the price");
    expect(root.querySelector("#status")?.textContent).toBe("Draft ready.");
  });

  it("re-drafts once, debounced, with the new audience and typed field, and never calls classify", async () => {
    const { pane, drafts, requests } = setup(ok);
    await pane.start();
    pane.change({ audience: "technical" });
    pane.change({ fields: { currentMarginPercent: "2" } });
    pane.change({ fields: { currentMarginPercent: "22" } });
    await vi.waitFor(() => expect(drafts()).toHaveLength(2));
    await pane.flush();
    expect(drafts()).toHaveLength(2);
    expect(drafts()[1]).toMatchObject({ audience: "technical", fields: { currentMarginPercent: "22" } });
    expect(requests.some((r) => r.path === "/api/classify")).toBe(false);
  });

  it("Insert reply opens the reply form with the draft HTML and records the inserted event", async () => {
    const { pane, root, office, requests } = setup(ok);
    await pane.start();
    const button = [...root.querySelectorAll("button")].find((b) => b.textContent === "Insert reply")!;
    button.click();
    await vi.waitFor(() => expect(requests.some((r) => r.path === "/api/drafts/draft-1/events")).toBe(true));
    expect(office.calls.replyForm).toEqual([{ htmlBody: draftResponse().html }]);
    const event = requests.find((r) => r.path === "/api/drafts/draft-1/events");
    expect(event?.body).toEqual({ type: "inserted", mode: "reply" });
    expect(root.querySelector("#status")?.textContent).toMatch(/reply is open/);
  });

  it("inserts the newest draft: a pending change is drafted before inserting", async () => {
    let n = 0;
    const { pane, office } = setup({ ...ok, "/api/drafts": () => json(200, draftResponse({ id: `d${++n}`, html: `<p>v${n}</p>` })) });
    await pane.start();
    pane.change({ audience: "commercial" });
    await pane.insert("replyAll");
    expect(office.calls.replyAllForm).toEqual([{ htmlBody: "<p>v2</p>" }]);
  });

  it("no refusable ask: explains, offers the kind picker and drafts with the chosen category", async () => {
    const classification = classifyResponse({ primary: { category: "other", confidence: 0.9, evidence: [] }, secondary: [], flags: [] });
    const { pane, root, drafts } = setup({
      ...ok,
      "/api/drafts": (body) =>
        (body as DraftRequest).category
          ? json(200, draftResponse({ category: (body as DraftRequest).category! }))
          : problem(422, { type: NO_REFUSABLE_ASK, detail: "This email does not ask for anything to decline.", classification }),
    });
    await pane.start();
    expect(root.querySelector("[role=alert] h2")?.textContent).toBe("Nothing to say no to");
    const select = root.querySelector<HTMLSelectElement>("#noask-kind")!;
    select.value = "deadline";
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Draft a no anyway")!.click();
    await pane.flush();
    expect(drafts().at(-1)?.category).toBe("deadline");
    expect(root.querySelector("#preview")).not.toBeNull();
  });

  it("consider a yes: no refusal is drafted; the card says why with their sentence, and a no is one click away", async () => {
    const stance = {
      taken: "small",
      takenLabel: "Consider a yes",
      suggested: "small",
      suggestedLabel: "Consider a yes",
      reason: "Amount the discount removes: $60; most an account manager may concede without approval: $100.",
      evidence: [{ text: "Could you take 2% off our $3,000 order this time?", start: 0, length: 49 }],
    };
    const { pane, root, drafts } = setup({
      ...ok,
      "/api/drafts": (body) =>
        (body as DraftRequest).stance === "refuse"
          ? json(200, draftResponse({}))
          : problem(422, { type: CONSIDER_YES, title: "Consider a yes", detail: stance.reason, stance }),
    });
    await pane.start();
    expect(root.querySelector("#consider-yes-title")?.textContent).toBe("Consider a yes");
    expect(root.querySelector("#consider-yes-why")?.textContent).toContain("Amount the discount removes: $60");
    expect(root.querySelector("#consider-yes blockquote")?.textContent).toBe("Could you take 2% off our $3,000 order this time?");
    // Nothing to insert while a yes is being considered.
    expect(root.querySelector("#preview")).toBeNull();
    expect([...root.querySelectorAll("button")].some((b) => /Insert/.test(b.textContent ?? ""))).toBe(false);

    [...root.querySelectorAll("button")].find((b) => b.textContent === "Draft a no anyway")!.click();
    await pane.flush();
    expect(drafts().at(-1)?.stance).toBe("refuse");
    expect(root.querySelector("#preview")).not.toBeNull();
  });

  it("unsure reading: shows both candidates with their evidence and drafts only after a pick", async () => {
    const classification = classifyResponse({
      unsure: {
        reason: "It reads almost as much as earlier delivery or deadline as discount or lower price.",
        candidates: [
          { category: "discount", confidence: 0.52, evidence: [span(HTML_BODY, "reduce", "15%")] },
          { category: "deadline", confidence: 0.48, evidence: [span(HTML_BODY, "Otherwise", "supplier")] },
        ],
      },
    });
    const { pane, root, drafts } = setup({
      ...ok,
      "/api/drafts": (body) =>
        (body as DraftRequest).category
          ? json(200, draftResponse({ category: (body as DraftRequest).category! }))
          : problem(422, { type: ASK_UNCLEAR, detail: "Pick the kind.", classification }),
    });
    await pane.start();
    expect(root.querySelector("#choice-title")?.textContent).toBe("Which ask is this?");
    expect(root.textContent).toContain("It reads almost as much as earlier delivery");
    const marks = [...root.querySelectorAll(".candidate mark")].map((m) => m.textContent);
    expect(marks).toEqual(["reduce the price by 15%", "Otherwise we'll move to another supplier"]);
    expect(root.querySelector("#preview")).toBeNull();
    expect(drafts()).toHaveLength(1);
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Draft a no: earlier delivery or deadline")!.click();
    await pane.flush();
    expect(drafts().at(-1)?.category).toBe("deadline");
    expect(root.querySelector("#preview")).not.toBeNull();
  });

  it("unsure between an ask and nothing: 'Nothing to refuse' draws no draft", async () => {
    const classification = classifyResponse({
      unsure: {
        reason: "It may ask for discount or lower price, or for nothing to refuse.",
        candidates: [
          { category: "discount", confidence: 0.4, evidence: [span(HTML_BODY, "reduce", "15%")] },
          { category: "other", confidence: 0.6, evidence: [] },
        ],
      },
    });
    const { pane, root, drafts } = setup({ ...ok, "/api/drafts": () => problem(422, { type: ASK_UNCLEAR, classification }) });
    await pane.start();
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Nothing to refuse")!.click();
    expect(root.querySelector("[role=alert] h2")?.textContent).toBe("Nothing to say no to");
    expect(drafts()).toHaveLength(1);
  });

  it.each([
    ["unreachable", () => Promise.reject(new TypeError("Failed to fetch")), "Say no cannot reach its service", "Try again"],
    ["signed out", () => new Response(null, { status: 401 }), "You are signed out", "Sign in"],
    ["not allowed", () => problem(403), "Your account is not allowed to draft replies", undefined],
    ["too large", () => problem(413), "This email is too large", undefined],
  ])("shows plain words when the API is %s", async (_name, respond, title, action) => {
    const { pane, root } = setup({ "/api/classify": respond, "/api/drafts": respond });
    await pane.start();
    expect(root.querySelector("[role=alert] h2")?.textContent).toBe(title);
    const buttons = [...root.querySelectorAll("[role=alert] button")].map((b) => b.textContent);
    if (action) expect(buttons).toContain(action);
    else expect(buttons).not.toContain("Sign in");
  });

  it("refuses an email over the API's size limit without sending it when it has no item id (a reply being written)", async () => {
    const { pane, root, requests } = setup(ok, { mode: "compose", body: "a".repeat(200_001) });
    await pane.start();
    expect(requests).toHaveLength(0);
    expect(root.querySelector("[role=alert] h2")?.textContent).toBe("This email is too large");
  });

  it("follows ItemChanged to the newly selected email", async () => {
    const { pane, root, office, drafts } = setup(ok, { subject: "First" });
    await pane.start();
    await onItemChanged(() => void pane.start());
    office.office.context.mailbox.item.subject = "Second";
    office.calls.handlers[0]!.handler();
    await vi.waitFor(() => expect(drafts()).toHaveLength(2));
    await pane.flush();
    expect(drafts().map((d) => d.email.subject)).toEqual(["First", "Second"]);
    expect(root.querySelector(".email-subject")?.textContent).toBe("Second");
  });

  it("compose mode: Copy my manager stores the address once and adds it to Cc", async () => {
    const { pane, root, office, storage } = setup(ok, { mode: "compose", body: "<div>Please cut the price by 15% or we leave.</div>" });
    await pane.start();
    const input = root.querySelector<HTMLInputElement>("#manager-email")!;
    input.value = "boss@contoso.com";
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Copy my manager")!.click();
    await vi.waitFor(() => expect(root.querySelector("#status")?.textContent).toMatch(/Cc/));
    expect(office.calls.cc).toEqual([["boss@contoso.com"]]);
    expect(storage.get(MANAGER_KEY)).toBe("boss@contoso.com");
    expect(root.querySelector("#status")?.textContent).toBe("boss@contoso.com is now on Cc.");
  });
});
