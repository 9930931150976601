// The OnMessageSend handler (src/onsend/): Office.js objects from office-addin-mock, fetch mocked, no real waiting.
import { OfficeMockObject } from "office-addin-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DRAFT_HEADER, DRAFT_SESSION_KEY, type KeyValueStorage, TOKEN_STORAGE_KEY } from "../src/shared/handoff";
import {
  MAX_ALERT_CHARS,
  ONSEND_TIMEOUT_MS,
  alertMessage,
  apiBase,
  handleMessageSend,
  type OnSendDeps,
  type SendItem,
} from "../src/onsend/handler";
import { once } from "../src/onsend/once";
import { HANDLER_NAME, onMessageSendHandler, register } from "../src/onsend/onsend";

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const ORIGIN = "https://sayno.contoso.com";
const TOKEN = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3Njg0NzE2MDB9.sig";
const FINAL_BODY = "Hi Priya,\n\nWe can't reduce the price by 15%. We can offer a three-year agreement.\n\nSam";
const REASONS = ["The reply no longer offers an alternative.", "The reply has wording the customer may read as rude."];

interface ItemSetup {
  header?: string | null; // the draft id in the x-outlooksayno-draft-id header; null: no header API at all
  session?: string | null; // the draft id in session data; null: no session data API
  sessionFails?: boolean; // getAsync fails for a missing key (some hosts)
  body?: string;
  bodyFails?: boolean;
  composeType?: string;
  to?: { displayName: string; emailAddress: string }[];
  cc?: { displayName: string; emailAddress: string }[];
}

const ok = (value?: unknown) => ({ status: "succeeded", value });
const failed = (message: string) => ({ status: "failed", error: { message, code: 9041 } });

/** An office-addin-mock `Office` global with a message being composed. */
function installOffice(setup: ItemSetup = {}): { office: OfficeMockObject; item: SendItem; calls: { headerNames: unknown[]; sessionKeys: unknown[]; bodyCoercion: unknown[] } } {
  const calls = { headerNames: [] as unknown[], sessionKeys: [] as unknown[], bodyCoercion: [] as unknown[] };
  const header = setup.header === undefined ? "draft-42" : setup.header;
  const item: Record<string, unknown> = {
    body: {
      getAsync: (coercion: unknown, cb: (r: unknown) => void) => {
        calls.bodyCoercion.push(coercion);
        cb(setup.bodyFails ? failed("The body could not be read.") : ok(setup.body ?? FINAL_BODY));
      },
    },
    to: { getAsync: (cb: (r: unknown) => void) => cb(ok(setup.to ?? [{ displayName: "Priya Nair", emailAddress: "priya@northwind-foods.com" }])) },
    cc: { getAsync: (cb: (r: unknown) => void) => cb(ok(setup.cc ?? [])) },
    getComposeTypeAsync: (cb: (r: unknown) => void) => cb(ok({ composeType: setup.composeType ?? "reply", coercionType: "html" })),
  };
  if (header !== null) {
    item.internetHeaders = {
      getAsync: (names: string[], cb: (r: unknown) => void) => {
        calls.headerNames.push(names);
        cb(ok(header ? { [DRAFT_HEADER]: header } : {}));
      },
    };
  }
  if (setup.session !== null && setup.session !== undefined) {
    item.sessionData = {
      getAsync: (key: string, cb: (r: unknown) => void) => {
        calls.sessionKeys.push(key);
        cb(setup.sessionFails ? failed("The key was not found.") : ok(setup.session));
      },
    };
  }
  const office = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
    context: { mailbox: { item } },
  });
  (globalThis as Record<string, unknown>).Office = office;
  return { office, item: office.context.mailbox.item as unknown as SendItem, calls };
}

function memoryStore(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: async (k) => data.get(k) ?? null,
    setItem: async (k, v) => void data.set(k, v),
    removeItem: async (k) => void data.delete(k),
  };
}

const cachedToken = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ token: TOKEN, expiresAt: NOW + 45 * 60_000, origin: ORIGIN, ...overrides });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" } });
}

function sentAnswer(overrides: Record<string, unknown> = {}) {
  return {
    id: 17,
    draftId: "draft-42",
    type: "sent",
    mode: "reply",
    at: "2026-01-15T09:00:01Z",
    checks: { saysNo: true, givesReason: true, citesData: true, offersAlternative: true, respectful: true },
    checkNotes: [],
    unchanged: false,
    confirm: false,
    reasons: [],
    ...overrides,
  };
}

function deps(overrides: Partial<OnSendDeps> = {}, store = memoryStore({ [TOKEN_STORAGE_KEY]: cachedToken() })) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => json(201, sentAnswer()));
  const d: OnSendDeps = {
    item: () => (globalThis as { Office?: { context: { mailbox: { item: SendItem } } } }).Office?.context.mailbox.item,
    fetch,
    stores: () => [store],
    now: () => NOW,
    locationOrigin: () => undefined,
    timeoutMs: ONSEND_TIMEOUT_MS,
    ...overrides,
  };
  return { deps: d, fetch: d.fetch as typeof fetch, store };
}

function event() {
  return { completed: vi.fn<(options?: Office.SmartAlertsEventCompletedOptions) => void>() };
}

afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as Record<string, unknown>).Office;
});

describe("once()", () => {
  it("runs the wrapped function on the first call only and says whether it ran", () => {
    const fn = vi.fn();
    const guarded = once(fn);
    expect(guarded("a")).toBe(true);
    expect(guarded("b")).toBe(false);
    expect(guarded("c")).toBe(false);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("a");
  });

  it("stays spent when the wrapped function throws", () => {
    const fn = vi.fn(() => {
      throw new Error("boom");
    });
    const guarded = once(fn);
    expect(() => guarded()).toThrow("boom");
    expect(guarded()).toBe(false);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe("finding the draft", () => {
  it("no draft id on the item: allows at once, reads no token and calls nothing", async () => {
    const { calls } = installOffice({ header: "" });
    const getItem = vi.fn(async () => cachedToken());
    const { deps: d, fetch } = deps({ stores: () => [{ getItem, setItem: vi.fn(), removeItem: vi.fn() }] });
    const e = event();
    await handleMessageSend(e, d);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
    expect(fetch).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();
    expect(calls.headerNames).toEqual([[DRAFT_HEADER]]);
    expect(calls.bodyCoercion).toEqual([]);
  });

  it("no item at all (not a message): allows", async () => {
    const { deps: d, fetch } = deps({ item: () => null });
    const e = event();
    await handleMessageSend(e, d);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("header found: POSTs the sent event once with the final text body, the recipients, the bearer token and the API URL", async () => {
    const { calls } = installOffice({
      composeType: "replyAll",
      to: [{ displayName: "Priya Nair", emailAddress: "priya@northwind-foods.com" }, { displayName: "", emailAddress: "ap@northwind-foods.com" }],
      cc: [{ displayName: "Dana Boss", emailAddress: "dana@contoso.com" }, { displayName: "no address", emailAddress: "" }],
    });
    const { deps: d, fetch } = deps();
    const e = event();
    await handleMessageSend(e, d);

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe(`${ORIGIN}/api/drafts/draft-42/events`);
    expect(init?.method).toBe("POST");
    expect(init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(JSON.parse(init?.body as string)).toEqual({
      type: "sent",
      mode: "replyAll",
      body: FINAL_BODY,
      to: [{ name: "Priya Nair", email: "priya@northwind-foods.com" }, { email: "ap@northwind-foods.com" }],
      cc: [{ name: "Dana Boss", email: "dana@contoso.com" }],
      warned: false,
    });
    expect(calls.bodyCoercion).toEqual(["text"]);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("escapes the draft id in the URL and maps a forward or new message to mode compose", async () => {
    installOffice({ header: "draft/7 ?x", composeType: "forward" });
    const { deps: d, fetch } = deps();
    await handleMessageSend(event(), d);
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe(`${ORIGIN}/api/drafts/draft%2F7%20%3Fx/events`);
    expect(JSON.parse(init?.body as string).mode).toBe("compose");
  });

  it("falls back to the session data when there is no header (Mailbox 1.11)", async () => {
    const { calls } = installOffice({ header: "", session: "draft-from-session" });
    const { deps: d, fetch } = deps();
    const e = event();
    await handleMessageSend(e, d);
    expect(calls.sessionKeys).toEqual([DRAFT_SESSION_KEY]);
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe(`${ORIGIN}/api/drafts/draft-from-session/events`);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("uses the session data on a host without internetHeaders, and allows when that fails too", async () => {
    installOffice({ header: null, session: "draft-9" });
    let d = deps();
    await handleMessageSend(event(), d.deps);
    expect(vi.mocked(d.fetch).mock.calls[0]![0]).toBe(`${ORIGIN}/api/drafts/draft-9/events`);

    installOffice({ header: null, session: "", sessionFails: true });
    d = deps();
    const e = event();
    await handleMessageSend(e, d.deps);
    expect(d.fetch).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("prefers the header over the session data", async () => {
    const { calls } = installOffice({ header: "draft-h", session: "draft-s" });
    const { deps: d, fetch } = deps();
    await handleMessageSend(event(), d);
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe(`${ORIGIN}/api/drafts/draft-h/events`);
    expect(calls.sessionKeys).toEqual([]);
  });
});

describe("the server's answer", () => {
  it("confirm: true asks the sender with the reasons and keeps Send Anyway (PromptUser), never a hard block", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    vi.mocked(fetch).mockResolvedValueOnce(json(201, sentAnswer({ confirm: true, reasons: REASONS })));
    const e = event();
    await handleMessageSend(e, d);
    expect(e.completed).toHaveBeenCalledTimes(1);
    const options = e.completed.mock.calls[0]![0]!;
    expect(options).toEqual({
      allowEvent: false,
      errorMessage: `OutlookSayNo: ${REASONS[0]} ${REASONS[1]} Send anyway?`,
      sendModeOverride: "promptUser",
    });
    expect(options.errorMessage!.length).toBeLessThan(MAX_ALERT_CHARS);
  });

  it("confirm: false lets the message go", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    vi.mocked(fetch).mockResolvedValueOnce(json(201, sentAnswer({ unchanged: true })));
    const e = event();
    await handleMessageSend(e, d);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it.each([401, 403, 404, 500, 503])("a %i answer lets the message go", async (status) => {
    installOffice();
    const { deps: d, fetch } = deps();
    vi.mocked(fetch).mockResolvedValueOnce(json(status, { status, title: `Problem ${status}`, confirm: true, reasons: REASONS }));
    const e = event();
    await handleMessageSend(e, d);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("a network error lets the message go", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const e = event();
    await handleMessageSend(e, d);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("an answer that is not JSON lets the message go", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    vi.mocked(fetch).mockResolvedValueOnce(new Response("<html>proxy</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const e = event();
    await handleMessageSend(e, d);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });
});

describe("the time limit", () => {
  beforeEach(() => vi.useFakeTimers());

  it("a request still running at 4 s is aborted and the message goes", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    let signal: AbortSignal | undefined;
    vi.mocked(fetch).mockImplementationOnce(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    const e = event();
    const done = handleMessageSend(e, d);
    await vi.advanceTimersByTimeAsync(ONSEND_TIMEOUT_MS - 1);
    expect(e.completed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
    await done;
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("an answer arriving after the time limit does not complete the event a second time", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    let answer: (r: Response) => void = () => undefined;
    vi.mocked(fetch).mockImplementationOnce(() => new Promise<Response>((resolve) => (answer = resolve))); // ignores the abort
    const e = event();
    const done = handleMessageSend(e, d);
    await vi.advanceTimersByTimeAsync(ONSEND_TIMEOUT_MS);
    answer(json(201, sentAnswer({ confirm: true, reasons: REASONS })));
    await done;
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("bounds the Outlook calls too: a body that never comes still lets the message go at 4 s", async () => {
    installOffice();
    const { deps: d, fetch } = deps();
    const item = d.item()!;
    (item.body as unknown as { getAsync: () => void }).getAsync = () => undefined; // never calls back
    const e = event();
    void handleMessageSend(e, d);
    await vi.advanceTimersByTimeAsync(ONSEND_TIMEOUT_MS);
    expect(fetch).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });
});

describe("a runtime without AbortController", () => {
  it("still posts, and still completes once", async () => {
    installOffice();
    vi.stubGlobal("AbortController", undefined);
    try {
      const { deps: d, fetch } = deps();
      const e = event();
      await handleMessageSend(e, d);
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(vi.mocked(fetch).mock.calls[0]![1]?.signal).toBeUndefined();
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("the cached token", () => {
  it.each([
    ["missing", {}],
    ["expired", { [TOKEN_STORAGE_KEY]: cachedToken({ expiresAt: NOW - 1 }) }],
    ["about to expire", { [TOKEN_STORAGE_KEY]: cachedToken({ expiresAt: NOW + 10_000 }) }],
    ["unreadable", { [TOKEN_STORAGE_KEY]: "{not json" }],
    ["without a token", { [TOKEN_STORAGE_KEY]: JSON.stringify({ expiresAt: NOW + 3_600_000 }) }],
  ])("%s: the message goes without a call", async (_name, data) => {
    installOffice();
    const { deps: d, fetch } = deps({}, memoryStore(data as Record<string, string>));
    const e = event();
    await handleMessageSend(e, d);
    expect(fetch).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("takes the first usable store: OfficeRuntime.storage, then localStorage", async () => {
    installOffice();
    const stale = memoryStore({ [TOKEN_STORAGE_KEY]: cachedToken({ token: "old", expiresAt: NOW - 1 }) });
    const fresh = memoryStore({ [TOKEN_STORAGE_KEY]: cachedToken({ token: "fresh" }) });
    const broken: KeyValueStorage = { getItem: async () => Promise.reject(new Error("denied")), setItem: vi.fn(), removeItem: vi.fn() };
    const { deps: d, fetch } = deps({ stores: () => [broken, stale, fresh] });
    await handleMessageSend(event(), d);
    expect(vi.mocked(fetch).mock.calls[0]![1]?.headers).toMatchObject({ Authorization: "Bearer fresh" });
  });
});

describe("the API origin", () => {
  it("is this page's origin in the browser runtime (onsend.html is served by the API), else the pane's, else the development host", async () => {
    expect(apiBase("https://api.example.com", ORIGIN)).toBe("https://api.example.com");
    expect(apiBase(undefined, ORIGIN)).toBe(ORIGIN);
    expect(apiBase("null", ORIGIN)).toBe(ORIGIN);
    expect(apiBase(undefined, undefined)).toBe("https://localhost:5181");

    installOffice();
    const { deps: d, fetch } = deps({ locationOrigin: () => "https://localhost:5181" });
    await handleMessageSend(event(), d);
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe("https://localhost:5181/api/drafts/draft-42/events");
  });
});

describe("odd items and bodies", () => {
  it.each([
    ["the body cannot be read", { bodyFails: true }],
    ["the body is empty", { body: "   \n" }],
    ["the body is over the API's limit", { body: "x".repeat(200_001) }],
  ])("%s: the message goes without a call", async (_name, setup) => {
    installOffice(setup);
    const { deps: d, fetch } = deps();
    const e = event();
    await handleMessageSend(e, d);
    expect(fetch).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledWith({ allowEvent: true });
  });

  it("recipients that cannot be read are sent as empty lists; a host without getComposeTypeAsync sends no mode", async () => {
    const { item } = installOffice();
    (item.to as unknown as { getAsync: (cb: (r: unknown) => void) => void }).getAsync = (cb) => cb(failed("no"));
    delete (item as Record<string, unknown>).getComposeTypeAsync;
    const { deps: d, fetch } = deps();
    await handleMessageSend(event(), d);
    const sent = JSON.parse(vi.mocked(fetch).mock.calls[0]![1]?.body as string);
    expect(sent.to).toEqual([]);
    expect(sent).not.toHaveProperty("mode");
  });

  it("completes once even when Outlook throws from completed", async () => {
    installOffice();
    const { deps: d } = deps();
    const e = {
      completed: vi.fn(() => {
        throw new Error("the event is gone");
      }),
    };
    await expect(handleMessageSend(e, d)).resolves.toBeUndefined();
    expect(e.completed).toHaveBeenCalledTimes(1);
  });
});

describe("the alert text", () => {
  it("names the reasons and asks, under 500 characters even with long reasons", () => {
    expect(alertMessage(["The reply no longer says no clearly."])).toBe("OutlookSayNo: The reply no longer says no clearly. Send anyway?");
    expect(alertMessage([])).toMatch(/^OutlookSayNo: .+ Send anyway\?$/);
    expect(alertMessage(undefined)).toMatch(/^OutlookSayNo: .+ Send anyway\?$/);
    const many = Array.from({ length: 30 }, (_, i) => `Reason number ${i} is a sentence of some length.`);
    const text = alertMessage(many);
    expect(text.length).toBeLessThan(MAX_ALERT_CHARS);
    expect(text).toContain("Reason number 0 ");
    expect(text.endsWith(" Send anyway?")).toBe(true);
    const huge = alertMessage(["y".repeat(2000)]);
    expect(huge.length).toBeLessThan(MAX_ALERT_CHARS);
    expect(huge).toContain("…");
  });
});

describe("registration", () => {
  it("associates onMessageSendHandler with Office.actions, and does nothing on hosts without it", () => {
    const associate = vi.fn();
    (globalThis as Record<string, unknown>).Office = { actions: { associate } };
    expect(register()).toBe(true);
    expect(associate).toHaveBeenCalledWith(HANDLER_NAME, onMessageSendHandler);
    expect(HANDLER_NAME).toBe("onMessageSendHandler");

    (globalThis as Record<string, unknown>).Office = {};
    expect(register()).toBe(false);
    delete (globalThis as Record<string, unknown>).Office;
    expect(register()).toBe(false);
  });

  it("the associated function handles the event with the real defaults (no draft: allowed)", async () => {
    installOffice({ header: "" });
    const e = event();
    onMessageSendHandler(e);
    await vi.waitFor(() => expect(e.completed).toHaveBeenCalledWith({ allowEvent: true }));
    expect(e.completed).toHaveBeenCalledTimes(1);
  });
});
