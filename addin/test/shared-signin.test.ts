import { describe, expect, it, vi } from "vitest";
import { devTokenProvider, hasRole, readClaims, type TokenProvider } from "../src/shared/auth";
import { entraTokenProvider, msalConfiguration, pageTokenProvider } from "../src/shared/entra";
import { forbiddenCard, signInCard } from "../src/shared/signin-view";
import { mintDevToken, PLACES, signInAddress } from "../src/start/places";

const config = { clientId: "11111111-2222-3333-4444-555555555555", scope: "api://sayno/access_as_user", authority: "https://login.example.test/tenant-1" };
const location = { origin: "https://sayno.contoso.com", pathname: "/admin/" };

/** A JWT with this payload (unsigned: the pages only read it). */
function jwt(payload: object): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "none" })}.${part(payload)}.sig`;
}

/** A stand-in for @azure/msal-browser's PublicClientApplication, recording what the page asks of it. */
function fakeMsal(options: { returned?: { account: { username: string } } | null; accounts?: { username: string }[]; silent?: () => Promise<{ accessToken: string }> } = {}) {
  const calls: { constructed?: unknown; loginRedirect?: unknown; silent?: unknown; cleared: boolean; active?: unknown } = { cleared: false };
  class PublicClientApplication {
    constructor(configuration: unknown) {
      calls.constructed = configuration;
    }
    async initialize() {}
    async handleRedirectPromise() {
      return options.returned ?? null;
    }
    setActiveAccount(account: unknown) {
      calls.active = account;
    }
    getActiveAccount() {
      return calls.active ?? null;
    }
    getAllAccounts() {
      return options.accounts ?? [];
    }
    async acquireTokenSilent(request: unknown) {
      calls.silent = request;
      return (options.silent ?? (async () => ({ accessToken: "entra-token" })))();
    }
    async loginRedirect(request: unknown) {
      calls.loginRedirect = request;
    }
    async clearCache() {
      calls.cleared = true;
    }
  }
  const loadMsal = async () => ({ PublicClientApplication }) as unknown as typeof import("@azure/msal-browser");
  return { calls, loadMsal };
}

describe("Entra sign-in on the pages", () => {
  it("comes back to the page itself, trusts the configured authority's host and shares the sign-in across pages", () => {
    const msal = msalConfiguration(config, location);
    expect(msal.auth).toMatchObject({
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: ["login.example.test"],
      redirectUri: "https://sayno.contoso.com/admin/",
    });
    expect(msal.cache.cacheLocation).toBe("localStorage");
    expect(msalConfiguration({ ...config, authority: undefined }, location).auth.authority).toBe("https://login.microsoftonline.com/common");
  });

  it("finishes a sign-in the page returns from and then hands out tokens for the API scope", async () => {
    const account = { username: "tara@contoso.example" };
    const { calls, loadMsal } = fakeMsal({ returned: { account } });
    const tokens = await entraTokenProvider(config, { location, loadMsal });

    expect(tokens.kind).toBe("entra");
    expect(calls.active).toBe(account);
    expect(await tokens.getToken()).toBe("entra-token");
    expect(calls.silent).toEqual({ scopes: [config.scope], account });
  });

  it("is signed out with no account, or when a silent token needs the user; signing in redirects for the API scope", async () => {
    const none = fakeMsal();
    const signedOut = await entraTokenProvider(config, { location, loadMsal: none.loadMsal });
    expect(await signedOut.getToken()).toBeNull();
    await signedOut.signIn();
    expect(none.calls.loginRedirect).toMatchObject({ scopes: [config.scope] });

    const expired = fakeMsal({ accounts: [{ username: "a" }], silent: () => Promise.reject(new Error("interaction_required")) });
    expect(await (await entraTokenProvider(config, { location, loadMsal: expired.loadMsal })).getToken()).toBeNull();
  });

  it("signing out forgets the cached sign-in", async () => {
    const { calls, loadMsal } = fakeMsal({ accounts: [{ username: "a" }] });
    const tokens = await entraTokenProvider(config, { location, loadMsal });
    tokens.clear();
    await vi.waitFor(() => expect(calls.cleared).toBe(true));
  });

  it("uses Entra when the API serves sign-in settings and development tokens when it does not", async () => {
    const dev = devTokenProvider(null, "k");
    const entraToken: TokenProvider = { ...dev, kind: "entra" };
    const entra = vi.fn(async () => entraToken);
    expect(await pageTokenProvider(async () => config, () => dev, entra)).toBe(entraToken);
    expect(entra).toHaveBeenCalledWith(config);
    expect(await pageTokenProvider(async () => null, () => dev, entra)).toBe(dev);
  });
});

describe("tokens and roles", () => {
  it("reads the name and the roles of an Entra token (roles) and of a development token (role)", () => {
    expect(readClaims(jwt({ name: "Tara Admin", roles: ["TemplateAdmin"] }))).toEqual({ name: "Tara Admin", roles: ["TemplateAdmin"] });
    expect(readClaims(jwt({ unique_name: "Sam", role: "AccountManager" }))).toEqual({ name: "Sam", roles: ["AccountManager"] });
    expect(hasRole(jwt({ roles: ["AccountManager"] }), "TemplateAdmin")).toBe(false);
    expect(hasRole(jwt({ roles: ["TemplateAdmin"] }), "TemplateAdmin")).toBe(true);
    // Not a readable JWT: the API decides.
    expect(hasRole("opaque", "TemplateAdmin")).toBe(true);
  });

  it("keeps a development token under the page's own key and forgets it on sign-out", async () => {
    localStorage.clear();
    const tokens = devTokenProvider(localStorage, "outlooksayno.adminToken");
    expect(tokens.kind).toBe("dev");
    tokens.setToken(" t1 ");
    expect(localStorage.getItem("outlooksayno.adminToken")).toBe("t1");
    expect(await tokens.getToken()).toBe("t1");
    tokens.clear();
    expect(await tokens.getToken()).toBeNull();
  });
});

describe("the sign-in cards", () => {
  const copy = { needs: "Needs the TemplateAdmin role.", tokenCommand: "dotnet user-jwts create --role TemplateAdmin", pagePath: "/admin/" };

  it("offers the work account with Entra, and no token box or command", async () => {
    const signIn = vi.fn(async () => undefined);
    const card = signInCard({ ...devTokenProvider(null, "k"), kind: "entra", signIn }, "none", copy, () => undefined);
    expect(card.querySelector("textarea")).toBeNull();
    expect(card.textContent).not.toContain("dotnet user-jwts");
    card.querySelector<HTMLButtonElement>("[data-testid=signin-entra]")!.click();
    expect(signIn).toHaveBeenCalledOnce();
  });

  it("offers the start page, the command and a token box in development", () => {
    const tokens = devTokenProvider(null, "k");
    const onToken = vi.fn();
    const card = signInCard(tokens, "refused", copy, onToken);
    expect(card.querySelector("a[href='/']")?.textContent).toBe("start page");
    expect(card.textContent).toContain(copy.tokenCommand);
    expect(card.querySelector("[data-testid=signin-reason]")?.textContent).toContain("refused your token");
    card.querySelector("textarea")!.value = "pasted";
    card.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(onToken).toHaveBeenCalledOnce();
  });

  it("refuses plainly without the role, naming the person, and lets someone else sign in", () => {
    const onSwitch = vi.fn();
    const card = forbiddenCard({ ...devTokenProvider(null, "k"), kind: "entra" }, "Sam Carter", { title: "No role", needs: "Needs the role.", tokenCommand: "cmd" }, onSwitch);
    expect(card.getAttribute("role")).toBe("alert");
    expect(card.textContent).toContain("You are signed in as Sam Carter.");
    expect(card.textContent).not.toContain("cmd");
    const button = card.querySelector("button")!;
    expect(button.textContent).toBe("Sign in as someone else");
    button.click();
    expect(onSwitch).toHaveBeenCalledOnce();
  });
});

describe("the start page's development sign-in", () => {
  it("asks the API for a token for the role and opens the page with it", async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ token: "a.b.c", role: "TemplateAdmin" }), { headers: { "Content-Type": "application/json" } }));
    expect(await mintDevToken("TemplateAdmin", fetchImpl as unknown as typeof fetch)).toBe("a.b.c");
    expect(fetchImpl).toHaveBeenCalledWith("/dev/token", expect.objectContaining({ method: "POST", body: JSON.stringify({ role: "TemplateAdmin" }) }));
    const admin = PLACES.find((p) => p.id === "admin")!;
    expect(signInAddress(admin, "a+b/c")).toBe("/admin/?token=a%2Bb%2Fc");
  });

  it("says what went wrong in the API's words", async () => {
    const problem = new Response(JSON.stringify({ title: "Bad", detail: "Give one of the roles." }), { status: 400, headers: { "Content-Type": "application/problem+json" } });
    await expect(mintDevToken("Owner", (async () => problem) as unknown as typeof fetch)).rejects.toThrow("Give one of the roles.");
    await expect(mintDevToken("Owner", (async () => Promise.reject(new TypeError("down"))) as unknown as typeof fetch)).rejects.toThrow("could not be reached");
  });

  it("hands the pane the account manager's token under the key the pane reads", () => {
    const pane = PLACES.find((p) => p.id === "pane")!;
    expect(pane).toMatchObject({ path: "/try/", role: "AccountManager", storageKey: "outlooksayno.devToken", developmentOnly: true });
  });
});
