import { describe, expect, it, vi } from "vitest";
import { SignedOutError } from "../src/taskpane/api";
import { DEV_TOKEN_KEY, TokenProvider, loadConfig, parseDialogMessage } from "../src/taskpane/auth";
import { json } from "./fixtures";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

const loc = (search = "") => ({ search, origin: "https://localhost:5180", href: `https://localhost:5180/addin/taskpane.html${search}` });
const config = { clientId: "11111111-2222-3333-4444-555555555555", scope: "api://sayno/access_as_user" };

describe("development tokens", () => {
  it("takes ?token= from the address, stores it and removes it from the address", async () => {
    const storage = memoryStorage();
    const history = { replaceState: vi.fn() };
    const p = new TokenProvider({ config: null, storage, location: loc("?token=abc.def&x=1"), history });
    expect(p.mode).toBe("dev");
    expect(await p.getToken()).toBe("abc.def");
    expect(storage.data.get(DEV_TOKEN_KEY)).toBe("abc.def");
    expect(history.replaceState).toHaveBeenCalledWith(null, "", "/addin/taskpane.html?x=1");
  });

  it("uses the localStorage token when there is no Entra config, and is signed out with none", async () => {
    const p = new TokenProvider({ config: null, storage: memoryStorage({ [DEV_TOKEN_KEY]: "stored" }), location: loc() });
    expect(await p.getToken()).toBe("stored");
    const none = new TokenProvider({ config: null, storage: memoryStorage(), location: loc() });
    expect(none.mode).toBe("none");
    await expect(none.getToken()).rejects.toBeInstanceOf(SignedOutError);
  });

  it("never loads MSAL on the development path", async () => {
    const loadMsal = vi.fn();
    const p = new TokenProvider({ config: null, storage: memoryStorage({ [DEV_TOKEN_KEY]: "t" }), location: loc(), loadMsal });
    await p.getToken();
    expect(loadMsal).not.toHaveBeenCalled();
  });
});

describe("Entra sign-in", () => {
  function fakeMsal(silent: () => Promise<{ accessToken: string }>) {
    const pca = { acquireTokenSilent: vi.fn(silent), acquireTokenPopup: vi.fn(async () => ({ accessToken: "from-popup" })) };
    const create = vi.fn(async () => pca);
    const loadMsal = vi.fn(async () => ({ createNestablePublicClientApplication: create }) as never);
    return { pca, create, loadMsal };
  }

  it("uses NAA silent first when NestedAppAuth 1.1 is supported, asking for the API scope only", async () => {
    const m = fakeMsal(async () => ({ accessToken: "from-silent" }));
    const p = new TokenProvider({ config, location: loc(), loadMsal: m.loadMsal, isSetSupported: (n, v) => n === "NestedAppAuth" && v === "1.1" });
    expect(p.mode).toBe("naa");
    expect(await p.getToken()).toBe("from-silent");
    expect(m.pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: ["api://sayno/access_as_user"] });
    expect(m.pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(m.create).toHaveBeenCalledWith({ auth: { clientId: config.clientId, authority: "https://login.microsoftonline.com/common" } });
  });

  it("falls back to the popup when silent fails", async () => {
    const m = fakeMsal(async () => {
      throw new Error("interaction_required");
    });
    const p = new TokenProvider({ config, location: loc(), loadMsal: m.loadMsal, isSetSupported: () => true });
    expect(await p.getToken()).toBe("from-popup");
    expect(m.pca.acquireTokenPopup).toHaveBeenCalledTimes(1);
  });

  it("uses the Office dialog without NestedAppAuth, and caches the token it sends back", async () => {
    const openDialog = vi.fn(async () => JSON.stringify({ token: "from-dialog", expiresOn: Date.now() + 3_600_000 }));
    const p = new TokenProvider({ config, location: loc(), isSetSupported: () => false, openDialog });
    expect(p.mode).toBe("dialog");
    expect(await p.getToken()).toBe("from-dialog");
    expect(await p.getToken()).toBe("from-dialog");
    expect(openDialog).toHaveBeenCalledTimes(1);
    expect(openDialog).toHaveBeenCalledWith("https://localhost:5180/addin/auth-dialog.html");
  });

  it("turns a dialog error into signed out", async () => {
    const p = new TokenProvider({ config, location: loc(), isSetSupported: () => false, openDialog: async () => JSON.stringify({ error: "user cancelled" }) });
    await expect(p.getToken()).rejects.toThrow(/user cancelled/);
    expect(parseDialogMessage("not json")).toHaveProperty("error");
  });

  it("reads /addin/config.json when complete, and ignores it when missing or partial", async () => {
    expect(await loadConfig(async () => json(200, config))).toEqual({ ...config, authority: undefined });
    expect(await loadConfig(async () => new Response("", { status: 404 }))).toBeNull();
    expect(await loadConfig(async () => json(200, { clientId: "x" }))).toBeNull();
    expect(await loadConfig(async () => Promise.reject(new TypeError("offline")))).toBeNull();
  });
});

describe("signing in again for the mailbox (mailbox-consent-required)", () => {
  it("NAA: a popup with the claims challenge, never the silent token", async () => {
    const pca = { acquireTokenSilent: vi.fn(async () => ({ accessToken: "silent" })), acquireTokenPopup: vi.fn(async () => ({ accessToken: "with-claims" })) };
    const loadMsal = vi.fn(async () => ({ createNestablePublicClientApplication: async () => pca }) as never);
    const p = new TokenProvider({ config, location: loc(), loadMsal, isSetSupported: () => true });
    expect(await p.signInForMailbox('{"access_token":{}}')).toBe("with-claims");
    expect(pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: ["api://sayno/access_as_user"], claims: '{"access_token":{}}' });
    expect(pca.acquireTokenSilent).not.toHaveBeenCalled();
    await p.signInForMailbox();
    expect(pca.acquireTokenPopup).toHaveBeenLastCalledWith({ scopes: ["api://sayno/access_as_user"] });
  });

  it("dialog: opens the sign-in page interactive, with the claims, even with a cached token", async () => {
    const openDialog = vi.fn(async (_url: string) => JSON.stringify({ token: "t", expiresOn: Date.now() + 3_600_000 }));
    const p = new TokenProvider({ config, location: loc(), isSetSupported: () => false, openDialog });
    await p.getToken();
    await p.signInForMailbox("a b&c");
    expect(openDialog).toHaveBeenLastCalledWith("https://localhost:5180/addin/auth-dialog.html?interactive=1&claims=a+b%26c");
    await p.signInForMailbox();
    expect(openDialog).toHaveBeenLastCalledWith("https://localhost:5180/addin/auth-dialog.html?interactive=1");
    expect(openDialog).toHaveBeenCalledTimes(3);
  });

  it("development: cannot ask, says so, and keeps the development token", async () => {
    const storage = memoryStorage({ [DEV_TOKEN_KEY]: "dev" });
    const p = new TokenProvider({ config: null, storage, location: loc() });
    await expect(p.signInForMailbox("c")).rejects.toBeInstanceOf(SignedOutError);
    expect(await p.getToken()).toBe("dev");
  });
});
