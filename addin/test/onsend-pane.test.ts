// What the pane leaves for the on-send handler: its API token in OfficeRuntime.storage (and localStorage),
// and the draft id on a compose item (header, Mailbox 1.8; session data, Mailbox 1.11).
import { OfficeMockObject } from "office-addin-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DRAFT_HEADER, DRAFT_SESSION_KEY, type KeyValueStorage, TOKEN_STORAGE_KEY, jwtExpiry, readCachedApiToken } from "../src/shared/handoff";
import { handleMessageSend, type SendItem } from "../src/onsend/handler";
import { DEV_TOKEN_KEY, TokenProvider, createTokenProvider, tokenHandoff } from "../src/taskpane/auth";
import { insertDraft } from "../src/taskpane/mailbox";

const EXP = 1_900_000_000; // seconds
const jwt = (claims: Record<string, unknown>) =>
  `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(JSON.stringify(claims)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.sig`;
const DEV_TOKEN = jwt({ exp: EXP, role: "AccountManager", name: "Sam Porter" });

function memoryStore(): KeyValueStorage & { data: Map<string, string>; writes: number } {
  const data = new Map<string, string>();
  const store = {
    data,
    writes: 0,
    getItem: async (k: string) => data.get(k) ?? null,
    setItem: async (k: string, v: string) => {
      store.writes++;
      data.set(k, v);
    },
    removeItem: async (k: string) => void data.delete(k),
  };
  return store;
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

const loc = { search: "", origin: "https://localhost:5181", href: "https://localhost:5181/addin/taskpane.html" };
const cached = (store: { data: Map<string, string> }) => JSON.parse(store.data.get(TOKEN_STORAGE_KEY) ?? "null");

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).OfficeRuntime;
  localStorage.clear();
});

describe("the pane caches its API token for the on-send handler", () => {
  it("reads a JWT's exp", () => {
    expect(jwtExpiry(DEV_TOKEN)).toBe(EXP * 1000);
    expect(jwtExpiry("opaque")).toBeUndefined();
    expect(jwtExpiry(jwt({ sub: "x" }))).toBeUndefined();
    expect(jwtExpiry("a.!!!.c")).toBeUndefined();
  });

  it("createTokenProvider writes the development token to OfficeRuntime.storage and localStorage as {token, expiresAt, origin}", async () => {
    const runtime = memoryStore();
    (globalThis as Record<string, unknown>).OfficeRuntime = { storage: runtime };
    localStorage.setItem(DEV_TOKEN_KEY, DEV_TOKEN);
    const provider = createTokenProvider(null);
    expect(await provider.getToken()).toBe(DEV_TOKEN);
    await vi.waitFor(() => expect(runtime.data.has(TOKEN_STORAGE_KEY)).toBe(true));
    const expected = { token: DEV_TOKEN, expiresAt: EXP * 1000, origin: location.origin };
    expect(cached(runtime)).toEqual(expected);
    await vi.waitFor(() => expect(JSON.parse(localStorage.getItem(TOKEN_STORAGE_KEY) ?? "null")).toEqual(expected));
  });

  it("writes once per token, and forgets it when the pane signs in again after a 401", async () => {
    const store = memoryStore();
    const provider = new TokenProvider({
      config: null,
      storage: memoryStorage({ [DEV_TOKEN_KEY]: DEV_TOKEN }),
      location: loc,
      handoff: tokenHandoff(loc.origin, () => [store]),
    });
    await provider.getToken();
    await provider.getToken();
    await vi.waitFor(() => expect(store.writes).toBe(1));
    expect(cached(store)).toEqual({ token: DEV_TOKEN, expiresAt: EXP * 1000, origin: "https://localhost:5181" });

    await expect(provider.signIn()).rejects.toThrow(); // dev mode: the stored token is dropped, nothing to sign in with
    await vi.waitFor(() => expect(store.data.has(TOKEN_STORAGE_KEY)).toBe(false));
  });

  it("NAA: caches the MSAL token with MSAL's expiresOn", async () => {
    const store = memoryStore();
    const expiresOn = new Date(Date.UTC(2030, 0, 1));
    const pca = { acquireTokenSilent: vi.fn(async () => ({ accessToken: "entra-token", expiresOn })), acquireTokenPopup: vi.fn() };
    const provider = new TokenProvider({
      config: { clientId: "11111111-2222-3333-4444-555555555555", scope: "api://sayno/access_as_user" },
      location: loc,
      isSetSupported: () => true,
      loadMsal: async () => ({ createNestablePublicClientApplication: async () => pca }) as never,
      handoff: tokenHandoff(loc.origin, () => [store]),
    });
    expect(await provider.getToken()).toBe("entra-token");
    await vi.waitFor(() => expect(cached(store)).toEqual({ token: "entra-token", expiresAt: expiresOn.getTime(), origin: "https://localhost:5181" }));
  });

  it("dialog: caches the token with the expiry the sign-in page sent", async () => {
    const store = memoryStore();
    const provider = new TokenProvider({
      config: { clientId: "11111111-2222-3333-4444-555555555555", scope: "api://sayno/access_as_user" },
      location: loc,
      isSetSupported: () => false,
      openDialog: async () => JSON.stringify({ token: "dialog-token", expiresOn: 1_950_000_000_000 }),
      handoff: tokenHandoff(loc.origin, () => [store]),
    });
    expect(await provider.getToken()).toBe("dialog-token");
    await vi.waitFor(() => expect(cached(store)).toMatchObject({ token: "dialog-token", expiresAt: 1_950_000_000_000 }));
  });

  it("does not cache a token whose expiry it cannot know, and never fails the pane when storage does", async () => {
    const store = memoryStore();
    const opaque = new TokenProvider({ config: null, storage: memoryStorage({ [DEV_TOKEN_KEY]: "opaque" }), location: loc, handoff: tokenHandoff(loc.origin, () => [store]) });
    expect(await opaque.getToken()).toBe("opaque");
    await Promise.resolve();
    expect(store.writes).toBe(0);

    const broken: KeyValueStorage = { getItem: vi.fn(), setItem: vi.fn(async () => Promise.reject(new Error("quota"))), removeItem: vi.fn() };
    const provider = new TokenProvider({ config: null, storage: memoryStorage({ [DEV_TOKEN_KEY]: DEV_TOKEN }), location: loc, handoff: tokenHandoff(loc.origin, () => [broken]) });
    expect(await provider.getToken()).toBe(DEV_TOKEN);
    const throwing = new TokenProvider({
      config: null,
      storage: memoryStorage({ [DEV_TOKEN_KEY]: DEV_TOKEN }),
      location: loc,
      handoff: { save: () => { throw new Error("no"); }, clear: () => { throw new Error("no"); } },
    });
    expect(await throwing.getToken()).toBe(DEV_TOKEN);
  });

  it("what the pane writes is what the handler reads", async () => {
    const store = memoryStore();
    tokenHandoff("https://sayno.contoso.com", () => [store]).save(DEV_TOKEN);
    await vi.waitFor(() => expect(store.writes).toBe(1));
    expect(await readCachedApiToken([store], EXP * 1000 - 60_000)).toEqual({ token: DEV_TOKEN, expiresAt: EXP * 1000, origin: "https://sayno.contoso.com" });
    expect(await readCachedApiToken([store], EXP * 1000)).toBeNull();
  });
});

/** A compose item whose header and session data remember what the pane sets, for the handler to read back. */
function installComposeOffice(supported: string[]) {
  const headers: Record<string, string> = {};
  const session: Record<string, string> = {};
  const ok = (value?: unknown) => ({ status: "succeeded", value });
  const office = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
    context: {
      requirements: { isSetSupported: (name: string, version: string) => supported.includes(`${name} ${version}`) },
      mailbox: {
        item: {
          subject: { getAsync: (cb: (r: unknown) => void) => cb(ok("RE: Renewal 2027")) },
          body: {
            getTypeAsync: (cb: (r: unknown) => void) => cb(ok("html")),
            setSelectedDataAsync: (_data: string, _options: unknown, cb: (r: unknown) => void) => cb(ok()),
            getAsync: (_coercion: unknown, cb: (r: unknown) => void) => cb(ok("We can't reduce the price by 15%.")),
          },
          to: { getAsync: (cb: (r: unknown) => void) => cb(ok([{ displayName: "Priya Nair", emailAddress: "priya@northwind-foods.com" }])) },
          cc: { getAsync: (cb: (r: unknown) => void) => cb(ok([])) },
          internetHeaders: {
            setAsync: (values: Record<string, string>, cb: (r: unknown) => void) => {
              Object.assign(headers, values);
              cb(ok());
            },
            getAsync: (names: string[], cb: (r: unknown) => void) =>
              cb(ok(Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]])))),
          },
          sessionData: {
            setAsync: (key: string, value: string, cb: (r: unknown) => void) => {
              session[key] = value;
              cb(ok());
            },
            getAsync: (key: string, cb: (r: unknown) => void) =>
              key in session ? cb(ok(session[key])) : cb({ status: "failed", error: { message: "not found", code: 9000 } }),
          },
        },
      },
    },
  });
  (globalThis as Record<string, unknown>).Office = office;
  return { office, headers, session };
}

describe("the pane leaves the draft id on the compose item", () => {
  const draft = { id: "draft-7", html: "<p>We can't do 15%.</p>", text: "We can't do 15%." };

  it("stores it in session data where Mailbox 1.11 is supported, beside the header (Mailbox 1.8)", async () => {
    const { headers, session } = installComposeOffice(["Mailbox 1.3", "Mailbox 1.8", "Mailbox 1.11"]);
    expect(await insertDraft(draft, "compose")).toEqual({ mode: "compose", headerStamped: true, sessionStored: true });
    expect(headers).toEqual({ [DRAFT_HEADER]: "draft-7" });
    expect(session).toEqual({ [DRAFT_SESSION_KEY]: "draft-7" });
  });

  it("leaves session data alone below Mailbox 1.11", async () => {
    const { session } = installComposeOffice(["Mailbox 1.3", "Mailbox 1.8"]);
    expect(await insertDraft(draft, "compose")).toEqual({ mode: "compose", headerStamped: true, sessionStored: false });
    expect(session).toEqual({});
  });

  it("inserts the draft even when session data fails", async () => {
    const { office } = installComposeOffice(["Mailbox 1.3", "Mailbox 1.11"]);
    const item = office.context.mailbox.item as unknown as { sessionData: { setAsync: (k: string, v: string, cb: (r: unknown) => void) => void } };
    item.sessionData.setAsync = (_k, _v, cb) => cb({ status: "failed", error: { message: "no session", code: 9000 } });
    expect(await insertDraft(draft, "compose")).toEqual({ mode: "compose", headerStamped: false, sessionStored: false });
  });

  it("end to end: the handler finds the id the pane left (session data only) and posts with the token the pane cached", async () => {
    installComposeOffice(["Mailbox 1.3", "Mailbox 1.11"]); // no header API in use below 1.8
    await insertDraft(draft, "compose");
    const store = memoryStore();
    tokenHandoff("https://sayno.contoso.com", () => [store]).save(DEV_TOKEN);
    await vi.waitFor(() => expect(store.writes).toBe(1));

    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify({ confirm: false }), { status: 201, headers: { "content-type": "application/json" } }));
    const completed = vi.fn();
    await handleMessageSend(
      { completed },
      {
        item: () => (globalThis as { Office: { context: { mailbox: { item: SendItem } } } }).Office.context.mailbox.item,
        fetch,
        stores: () => [store],
        now: () => EXP * 1000 - 3_600_000,
        locationOrigin: () => undefined,
        timeoutMs: 4_000,
      },
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe("https://sayno.contoso.com/api/drafts/draft-7/events");
    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({ Authorization: `Bearer ${DEV_TOKEN}` });
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledWith({ allowEvent: true });
  });
});
