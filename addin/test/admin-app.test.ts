import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AdminApi } from "../src/admin/api";
import { AdminApp } from "../src/admin/app";
import { devTokenProvider, TOKEN_KEY } from "../src/admin/auth";
import type { Catalog } from "../src/admin/types";

// jsdom has no layout: CodeMirror measures text ranges, so give ranges empty rectangles.
if (!Range.prototype.getClientRects) {
  Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
}

const jwt = (payload: object) => ["e30", btoa(JSON.stringify(payload)).replace(/=+$/, ""), "sig"].join(".");
const ADMIN = jwt({ name: "Tara Admin", role: "TemplateAdmin" });
const MANAGER = jwt({ name: "Sam Carter", role: "AccountManager" });

const PATH = "discount/commercial.scriban";
const TEMPLATE = "{{~ include 'greeting' ~}}\nWe can't lower the price.\n\nA second paragraph.\n";

const catalog: Catalog = {
  catalogVersion: 40,
  currency: "USD",
  kinds: [
    {
      id: "discount",
      title: "Discount or lower price",
      refusable: true,
      examples: 2,
      definition: { path: "discount/kind.json", version: 1 },
      templates: ["commercial", "technical", "finance"].map((audience) => ({ audience, path: `discount/${audience}.scriban`, version: 1 })),
    },
  ],
  partials: [{ name: "greeting", path: "_partials/greeting.scriban", version: 1 }],
  documents: [{ path: "facts.json", version: 1 }],
  conflicts: 0,
};

type Handler = (url: URL, init: RequestInit) => Response | undefined;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers } });

function fakeApi(extra: Handler = () => undefined) {
  const calls: { method: string; path: string; init: RequestInit }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ method: init.method ?? "GET", path: url.pathname, init });
    const answer = extra(url, init);
    if (answer) return answer;
    if (url.pathname === "/api/templates") return json(200, catalog);
    if (url.pathname === `/api/templates/documents/${PATH}`) return json(200, { id: 1, path: PATH, version: 1, content: TEMPLATE }, { ETag: '"1"' });
    if (url.pathname === "/api/templates/documents/discount/kind.json")
      return json(200, { id: 2, path: "discount/kind.json", version: 1, content: JSON.stringify({ examples: ["Could you reduce the price?", "Discount please"] }) }, { ETag: '"1"' });
    if (url.pathname === "/api/templates/preview")
      return json(200, { kind: "discount", problems: [], previews: [{ audience: "commercial", text: "We can't.", checks: { saysNo: true }, checkNotes: [], problems: [] }] });
    return json(404, { title: "Not found" });
  });
  return { fetchMock, calls };
}

async function start(token: string | null, extra?: Handler, hash = "") {
  localStorage.clear();
  if (token) localStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, "", `/admin/${hash}`);
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const { fetchMock, calls } = fakeApi(extra);
  const tokens = devTokenProvider(localStorage);
  const api = new AdminApi({ baseUrl: "http://localhost", getToken: () => tokens.getToken(), fetch: fetchMock as typeof fetch });
  const confirm = vi.fn(() => true);
  const app = new AdminApp({ root, api, tokens, confirm, previewDelayMs: 0 });
  await app.start();
  await settle();
  return { app, root, calls, confirm };
}

async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe("admin page states", () => {
  it("without a token, explains how to get one; a pasted token signs in", async () => {
    const { calls } = await start(null);
    const signIn = byTestId("signin")!;
    expect(signIn.textContent).toContain("dotnet user-jwts create --project api --role TemplateAdmin");
    expect(calls).toHaveLength(0);

    (byTestId("token-input") as HTMLTextAreaElement).value = ADMIN;
    byTestId("signin-submit")!.closest("form")!.requestSubmit();
    await settle();
    expect(byTestId("catalog")).not.toBeNull();
    expect(byTestId("user")!.textContent).toBe("Tara Admin");
    expect(localStorage.getItem(TOKEN_KEY)).toBe(ADMIN);
  });

  it("a token without the TemplateAdmin role shows the wrong-role state", async () => {
    const { calls } = await start(MANAGER);
    expect(byTestId("forbidden")!.textContent).toContain("Your account does not have the TemplateAdmin role");
    expect(byTestId("forbidden")!.textContent).toContain("signed in as Sam Carter");
    expect(calls).toHaveLength(0);
  });

  it("a 401 signs out and forgets the token", async () => {
    await start(ADMIN, (url) => (url.pathname === "/api/templates" ? new Response(null, { status: 401 }) : undefined));
    expect(byTestId("signin-reason")!.textContent).toMatch(/refused your token/);
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("a 403 shows the wrong-role state", async () => {
    await start(ADMIN, (url) => (url.pathname === "/api/templates" ? json(403, { title: "Forbidden" }) : undefined));
    expect(byTestId("forbidden")).not.toBeNull();
  });
});

describe("saving a document", () => {
  beforeEach(() => vi.spyOn(console, "error").mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  async function openAndEdit(extra: Handler) {
    const ctx = await start(ADMIN, extra, `#doc=${PATH}`);
    expect(byTestId("doc-path")!.textContent).toBe(PATH);
    expect(byTestId("doc-version")!.textContent).toBe("version 1");
    const editor = (ctx.app as unknown as { panel: import("../src/admin/document-panel").DocumentPanel }).panel.editor;
    editor.replaceAll(TEMPLATE.replace("We can't lower the price.", "We can't lower the price {{ if }}."));
    await settle();
    expect(byTestId("dirty")!.hidden).toBe(false);
    return { ...ctx, editor };
  }

  it("sends If-Match and shows the new version", async () => {
    const { calls } = await openAndEdit((url, init) =>
      init.method === "PUT" ? json(200, { id: 3, path: PATH, version: 2, content: "x" }, { ETag: '"2"' }) : undefined,
    );
    byTestId("save")!.click();
    await settle();
    const put = calls.find((c) => c.method === "PUT")!;
    expect((put.init.headers as Record<string, string>)["If-Match"]).toBe('"1"');
    expect(byTestId("save-status")!.textContent).toBe("Saved version 2.");
    expect(byTestId("doc-version")!.textContent).toBe("version 2");
    expect(byTestId("dirty")!.hidden).toBe(true);
  });

  it("shows a 412 as a conflict with Load theirs", async () => {
    let theirs = false;
    await openAndEdit((url, init) => {
      if (init.method === "PUT") return json(412, { title: "Someone saved a newer version", currentVersion: 3 });
      if (theirs && url.pathname === `/api/templates/documents/${PATH}`) return json(200, { id: 9, path: PATH, version: 3, content: "Their text" }, { ETag: '"3"' });
      return undefined;
    });
    byTestId("save")!.click();
    await settle();
    expect(byTestId("conflict-banner")!.textContent).toContain("Someone saved version 3 while you were editing");
    expect(byTestId("save-status")!.dataset.state).toBe("conflict");
    theirs = true;
    byTestId("load-theirs")!.click();
    await settle();
    expect(byTestId("doc-version")!.textContent).toBe("version 3");
    expect(byTestId("dirty")!.hidden).toBe(true);
    expect(byTestId("conflict-banner")).toBeNull();
  });

  it("lists the problems of a 400; a problem moves the cursor to its line", async () => {
    const { editor } = await openAndEdit((url, init) =>
      init.method === "PUT"
        ? json(400, {
            title: "The change was not saved",
            problems: [
              { path: PATH, line: 2, column: 29, message: "Expecting <expression> instead of `}}`" },
              { path: PATH, line: null, column: null, message: "The finance reply does not say no", check: "saysNo", kind: "discount", audience: "finance" },
            ],
          })
        : undefined,
    );
    byTestId("save")!.click();
    await settle();
    expect(byTestId("save-status")!.textContent).toBe("Not saved: 2 problems.");
    const problems = [...document.querySelectorAll<HTMLElement>('[data-testid="problems"] [data-testid="problem"]')];
    expect(problems.map((p) => p.tagName)).toEqual(["BUTTON", "SPAN"]);
    expect(problems[0]!.textContent).toContain("line 2, column 29");
    expect(problems[1]!.textContent).toContain("(check: saysNo) [discount, finance]");
    expect(editor.cursor()).not.toEqual({ line: 2, column: 29 });
    problems[0]!.click();
    expect(editor.cursor()).toEqual({ line: 2, column: 29 });
    expect(byTestId("cursor")!.textContent).toBe("Ln 2, Col 29");
  });

  it("warns before leaving with unsaved changes", async () => {
    await openAndEdit(() => undefined);
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe("landing", () => {
  it("previews the default kind for the three audiences without the admin doing anything", async () => {
    const { calls } = await start(ADMIN);
    const previews = calls.filter((c) => c.path === "/api/templates/preview");
    expect(previews).toHaveLength(1);
    const request = JSON.parse(previews[0]!.init.body as string) as { kind: string; audiences: string[]; changes?: unknown };
    expect(request.kind).toBe("discount");
    expect(request.audiences).toEqual(["commercial", "technical", "finance"]);
    expect(request.changes).toBeUndefined();
    expect(byTestId("preview-text-commercial")!.textContent).toBe("We can't.");
  });
});

describe("facts table", () => {
  const facts = {
    currency: "USD",
    version: 3,
    facts: [
      { name: "grossMarginFloorPercent", value: 20, unit: "percent", label: "Gross margin floor on any deal" },
      { name: "hourlyRate", value: 150, unit: "money", label: "Engineering hourly rate" },
    ],
  };
  const withFacts: Handler = (url, init) => {
    if (url.pathname === "/api/facts" && (init.method ?? "GET") === "GET") return json(200, facts, { ETag: '"3"' });
    if (url.pathname === "/api/facts") return json(200, JSON.parse(init.body as string), { ETag: '"4"' });
    return undefined;
  };

  it("shows the label first and the id small under it; money facts get a currency cell that saves", async () => {
    const { calls } = await start(ADMIN, withFacts, "#facts");
    const row = byTestId("fact-grossMarginFloorPercent")!;
    const first = row.querySelector("td")!;
    expect((first.firstElementChild as HTMLTextAreaElement).value).toBe("Gross margin floor on any deal");
    expect(first.querySelector(".fact-id")!.textContent).toBe("grossMarginFloorPercent");
    expect((row.querySelector(".fact-currency") as HTMLElement).hidden).toBe(true);

    const money = byTestId("fact-currency-hourlyRate") as HTMLInputElement;
    expect((money.closest(".fact-currency") as HTMLElement).hidden).toBe(false);
    money.value = "eur";
    money.dispatchEvent(new Event("input"));
    byTestId("facts-save")!.click();
    await settle();
    const put = calls.find((c) => c.path === "/api/facts" && c.method === "PUT")!;
    const sent = JSON.parse(put.init.body as string) as typeof facts & { facts: { currency?: string }[] };
    expect(sent.facts[1]!.currency).toBe("EUR");
    expect(sent.facts[0]!.currency).toBeUndefined();
  });
});
