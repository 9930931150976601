// Sign-in and token handling every page shares: the sign-in settings the API serves
// (/addin/config.json: present with Entra, 404 with development tokens), development tokens
// (?token= or localStorage), and reading a token's name and roles for display.

export const CONFIG_URL = "/addin/config.json";

/** Where the pane keeps a development token (the start page's "sign in as" puts one there too). */
export const PANE_TOKEN_KEY = "outlooksayno.devToken";

/** What a page gives MSAL to sign in with Entra ID: the same app registration the pane uses. */
export interface AuthConfig {
  /** The Entra app (client) id. */
  clientId: string;
  /** The API's own scope, e.g. api://<api-app-id>/access_as_user. */
  scope: string;
  /** Defaults to https://login.microsoftonline.com/common. */
  authority?: string;
}

/** The Entra sign-in settings, or null when the API takes development tokens (or cannot be reached). */
export async function loadConfig(fetchImpl: typeof fetch = fetch, url = CONFIG_URL): Promise<AuthConfig | null> {
  try {
    const response = await fetchImpl(url, { headers: { Accept: "application/json" } });
    if (!response.ok) return null;
    const json = (await response.json()) as Partial<AuthConfig>;
    if (typeof json.clientId === "string" && json.clientId && typeof json.scope === "string" && json.scope) {
      return { clientId: json.clientId, scope: json.scope, authority: typeof json.authority === "string" ? json.authority : undefined };
    }
    return null;
  } catch {
    return null;
  }
}

/** How a page (admin, compliance, start) gets its token, whichever way it signs in. */
export interface TokenProvider {
  /** "dev": a development token pasted or passed in ?token=; "entra": a work account through MSAL. */
  readonly kind: "dev" | "entra";
  /** The bearer token to send, or null when the user is signed out. */
  getToken(): Promise<string | null>;
  /** Keeps a token the user pasted (development only). */
  setToken(token: string): void;
  /** Starts an interactive sign-in (Entra: leaves the page for Entra's sign-in and comes back). */
  signIn(): Promise<void>;
  /** Forgets the token (sign out, or the API refused it). */
  clear(): void;
}

export function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Moves ?token= from the address into storage (under the page's key) and removes it from the address bar. */
export function captureTokenFromUrl(loc: Location, hist: History, storage: Storage | null, key: string): string | null {
  const url = new URL(loc.href);
  const token = url.searchParams.get("token")?.trim();
  if (!token) return null;
  storage?.setItem(key, token);
  url.searchParams.delete("token");
  hist.replaceState(hist.state, "", url.pathname + url.search + url.hash);
  return token;
}

/** The development token provider: the pasted or URL token kept in localStorage under the page's key. */
export function devTokenProvider(storage: Storage | null, key: string): TokenProvider {
  let memory: string | null = null;
  return {
    kind: "dev",
    async getToken() {
      return storage?.getItem(key) ?? memory;
    },
    setToken(token: string) {
      memory = token.trim();
      storage?.setItem(key, memory);
    },
    async signIn() {
      /* a development token is pasted or passed in the address */
    },
    clear() {
      memory = null;
      storage?.removeItem(key);
    },
  };
}

export interface TokenClaims {
  name?: string;
  roles: string[] | null;
}

/** Reads the name and roles from a JWT's payload, for display and to show the wrong-role state
 * early. Not a security check: the API decides. Null when the token is not a readable JWT. */
export function readClaims(token: string): TokenClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const raw = payload.roles ?? payload.role ?? payload["http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    const roles = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).filter((r): r is string => typeof r === "string");
    const name = [payload.name, payload.unique_name, payload.preferred_username, payload.sub].find((n): n is string => typeof n === "string");
    return { name, roles };
  } catch {
    return null;
  }
}

/** False only when the token is a readable JWT without the role. */
export function hasRole(token: string, role: string): boolean {
  const claims = readClaims(token);
  if (!claims || claims.roles === null) return true;
  return claims.roles.includes(role);
}
