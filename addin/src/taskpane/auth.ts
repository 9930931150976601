// Token provider. Development: a `dotnet user-jwts` token from ?token= or localStorage.
// Production: nested app authentication (MSAL.js, silent then popup) when NestedAppAuth 1.1 is
// supported, else an Office dialog that signs in and posts the token back. MSAL is loaded
// lazily, only on those paths, so the development path needs no Entra configuration.
// Every token it hands out is also cached for the on-send handler (src/shared/handoff.ts), which
// runs where this pane's MSAL and localStorage cannot be reached.
import { cacheApiToken, clearCachedApiToken, type KeyValueStorage, tokenStores } from "../shared/handoff";
import { SignedOutError } from "./api";
import { PANE_TOKEN_KEY, type AuthConfig } from "../shared/auth";

export { CONFIG_URL, loadConfig, type AuthConfig } from "../shared/auth";

export const DEV_TOKEN_KEY = PANE_TOKEN_KEY;
export const DIALOG_PATH = "/addin/auth-dialog.html";

export type AuthMode = "dev" | "naa" | "dialog" | "none";

type Msal = typeof import("@azure/msal-browser");
type Nestable = Awaited<ReturnType<Msal["createNestablePublicClientApplication"]>>;

export interface TokenProviderOptions {
  config: AuthConfig | null;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  location?: Pick<Location, "search" | "origin" | "href">;
  history?: Pick<History, "replaceState">;
  loadMsal?: () => Promise<Msal>;
  isSetSupported?: (name: string, version: string) => boolean;
  openDialog?: (url: string) => Promise<string>;
  /** Where each token goes for the on-send handler; none when omitted (createTokenProvider sets it). */
  handoff?: TokenHandoff;
}

/** Receives each token the provider hands out, and hears when it is no good any more. */
export interface TokenHandoff {
  save(token: string, expiresAt?: number): void;
  clear(): void;
}

/**
 * Caches the pane's API token in OfficeRuntime.storage and localStorage (key outlooksayno.apiToken,
 * JSON {token, expiresAt, origin}) for the on-send handler. `expiresAt` is the one MSAL or the sign-in
 * dialog gave, else the token's own `exp`. Writes only when the token changes; never throws.
 */
export function tokenHandoff(origin: string | undefined, stores: () => KeyValueStorage[] = tokenStores): TokenHandoff {
  let last: string | null = null;
  return {
    save(token, expiresAt) {
      if (token === last) return;
      last = token;
      void cacheApiToken(token, { expiresAt, origin, stores: stores() }).catch(() => undefined);
    },
    clear() {
      last = null;
      void clearCachedApiToken(stores()).catch(() => undefined);
    },
  };
}

export class TokenProvider {
  readonly mode: AuthMode;
  private devToken: string | null = null;
  private pca: Promise<Nestable> | null = null;
  private cached: { token: string; expiresAt: number; expiry?: number } | null = null;

  constructor(private readonly options: TokenProviderOptions) {
    const storage = options.storage;
    const fromQuery = options.location ? new URLSearchParams(options.location.search).get("token") : null;
    if (fromQuery) {
      this.devToken = fromQuery;
      storage?.setItem(DEV_TOKEN_KEY, fromQuery);
      this.removeTokenFromUrl();
      this.mode = "dev";
    } else if (options.config) {
      this.mode = this.supports("NestedAppAuth", "1.1") ? "naa" : "dialog";
    } else {
      this.devToken = storage?.getItem(DEV_TOKEN_KEY) ?? null;
      this.mode = this.devToken ? "dev" : "none";
    }
  }

  /** A token for the API, without user interaction where possible. */
  async getToken(): Promise<string> {
    return this.handOff(await this.acquire());
  }

  private handOff(result: { token: string; expiresAt?: number }): string {
    try {
      this.options.handoff?.save(result.token, result.expiresAt);
    } catch {
      /* the pane works without the on-send cache */
    }
    return result.token;
  }

  private async acquire(): Promise<{ token: string; expiresAt?: number }> {
    switch (this.mode) {
      case "dev":
        if (!this.devToken) throw new SignedOutError("No development token.");
        return { token: this.devToken };
      case "naa":
        return this.naaToken();
      case "dialog":
        if (this.cached && this.cached.expiresAt > Date.now() + 60_000) return { token: this.cached.token, expiresAt: this.cached.expiry };
        return this.dialogToken();
      default:
        throw new SignedOutError(
          "No sign-in is configured. For development, open the pane with ?token=<token from dotnet user-jwts>, " +
            `or store the token in localStorage under "${DEV_TOKEN_KEY}".`,
        );
    }
  }

  /** After a 401: forget what we had and ask again (interactively where the mode has a UI). */
  async signIn(): Promise<string> {
    this.cached = null;
    try {
      this.options.handoff?.clear();
    } catch {
      /* nothing cached */
    }
    if (this.mode === "naa") return this.handOff(await this.naaToken(true));
    if (this.mode === "dialog") return this.handOff(await this.dialogToken());
    if (this.mode === "dev") {
      this.options.storage?.removeItem(DEV_TOKEN_KEY);
      this.devToken = null;
    }
    return this.getToken();
  }

  /**
   * The API could not get a mailbox (Graph) token on the user's behalf: consent is missing, or a claims
   * challenge (e.g. Conditional Access) has to be met. Signs in interactively, with the challenge when the
   * API passed one, so the next API token lets the server's on-behalf-of call through. The API token
   * itself was fine, so nothing is forgotten first. A development token cannot be re-issued here.
   */
  async signInForMailbox(claims?: string): Promise<string> {
    if (this.mode === "naa") return this.handOff(await this.naaToken(true, claims));
    if (this.mode === "dialog") {
      this.cached = null;
      return this.handOff(await this.dialogToken({ interactive: true, claims }));
    }
    throw new SignedOutError("Development sign-in cannot ask for access to your mailbox: sign in with your work account.");
  }

  private supports(name: string, version: string): boolean {
    const check =
      this.options.isSetSupported ??
      ((n: string, v: string) => typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(n, v) === true);
    try {
      return check(name, version);
    } catch {
      return false;
    }
  }

  private removeTokenFromUrl(): void {
    const loc = this.options.location;
    const history = this.options.history;
    if (!loc || !history) return;
    try {
      const url = new URL(loc.href);
      url.searchParams.delete("token");
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    } catch {
      /* leave the address as it is */
    }
  }

  private async naaToken(interactive = false, claims?: string): Promise<{ token: string; expiresAt?: number }> {
    const config = this.options.config!;
    const request = { scopes: [config.scope], ...(claims ? { claims } : {}) };
    const pca = await this.nestable();
    if (!interactive) {
      try {
        const silent = await pca.acquireTokenSilent(request);
        if (silent.accessToken) return { token: silent.accessToken, expiresAt: expiryOf(silent) };
      } catch {
        /* fall back to the popup */
      }
    }
    try {
      const popup = await pca.acquireTokenPopup(request);
      return { token: popup.accessToken, expiresAt: expiryOf(popup) };
    } catch (e) {
      throw new SignedOutError(`Sign-in did not complete: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private nestable(): Promise<Nestable> {
    if (!this.pca) {
      const config = this.options.config!;
      const load = this.options.loadMsal ?? (() => import("@azure/msal-browser"));
      this.pca = load().then((msal) =>
        msal.createNestablePublicClientApplication({
          auth: { clientId: config.clientId, authority: config.authority ?? "https://login.microsoftonline.com/common" },
        }),
      );
      this.pca.catch(() => (this.pca = null));
    }
    return this.pca;
  }

  private async dialogToken(options: { interactive?: boolean; claims?: string } = {}): Promise<{ token: string; expiresAt?: number }> {
    const origin = this.options.location?.origin ?? "";
    const open = this.options.openDialog ?? openOfficeDialog;
    // The dialog page reads these from its address: interactive skips its silent attempt (a cached token is
    // what the API could not use), claims is the challenge to sign in with.
    const query = new URLSearchParams();
    if (options.interactive) query.set("interactive", "1");
    if (options.claims) query.set("claims", options.claims);
    const search = query.toString();
    const url = origin + DIALOG_PATH + (search ? `?${search}` : "");
    let message: string;
    try {
      message = await open(url);
    } catch (e) {
      throw new SignedOutError(e instanceof Error ? e.message : "The sign-in window could not open.");
    }
    const parsed = parseDialogMessage(message);
    if ("error" in parsed) throw new SignedOutError(`Sign-in did not complete: ${parsed.error}`);
    this.cached = { token: parsed.token, expiresAt: parsed.expiresOn ?? Date.now() + 30 * 60_000, expiry: parsed.expiresOn };
    // The on-send cache gets the dialog's expiry when it sent one, else the token's own exp (not the 30-minute guess).
    return { token: parsed.token, expiresAt: parsed.expiresOn };
  }
}

/** MSAL's expiresOn (a Date, or null) in milliseconds; undefined when absent, so the token's own exp is used. */
function expiryOf(result: { expiresOn?: Date | null }): number | undefined {
  const at = result.expiresOn instanceof Date ? result.expiresOn.getTime() : NaN;
  return Number.isFinite(at) ? at : undefined;
}

export function parseDialogMessage(message: string): { token: string; expiresOn?: number } | { error: string } {
  try {
    const value = JSON.parse(message) as { token?: unknown; expiresOn?: unknown; error?: unknown };
    if (typeof value.token === "string" && value.token) {
      return { token: value.token, expiresOn: typeof value.expiresOn === "number" ? value.expiresOn : undefined };
    }
    return { error: typeof value.error === "string" ? value.error : "no token was returned" };
  } catch {
    return { error: "the sign-in window sent an unreadable answer" };
  }
}

/** Opens the sign-in page in an Office dialog and resolves with the first message it sends. */
function openOfficeDialog(url: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (typeof Office === "undefined" || !Office.context?.ui) {
      reject(new Error("This Outlook cannot open a sign-in window."));
      return;
    }
    Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new Error(result.error?.message ?? "The sign-in window could not open."));
        return;
      }
      const dialog = result.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        const msg = arg as { message?: string; origin?: string };
        if (msg.origin !== undefined && msg.origin !== new URL(url).origin) return;
        dialog.close();
        resolve(msg.message ?? "");
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => reject(new Error("The sign-in window was closed.")));
    });
  });
}

export function createTokenProvider(config: AuthConfig | null): TokenProvider {
  return new TokenProvider({
    config,
    storage: safeLocalStorage(),
    location: globalThis.location,
    history: globalThis.history,
    handoff: tokenHandoff(globalThis.location?.origin),
  });
}

export function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
