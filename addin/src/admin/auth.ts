// Sign-in for the admin page. Today: a development token (dotnet user-jwts) from ?token= or
// localStorage. Everything else asks getToken(), so Entra sign-in can be added behind it later.

export const TOKEN_KEY = "outlooksayno.adminToken";
export const ADMIN_ROLE = "TemplateAdmin";

export interface TokenProvider {
  /** The bearer token to send, or null when the user is signed out. */
  getToken(): Promise<string | null>;
  /** Keeps a token the user pasted. */
  setToken(token: string): void;
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
export function captureTokenFromUrl(loc: Location, hist: History, storage: Storage | null, key = TOKEN_KEY): string | null {
  const url = new URL(loc.href);
  const token = url.searchParams.get("token")?.trim();
  if (!token) return null;
  storage?.setItem(key, token);
  url.searchParams.delete("token");
  hist.replaceState(hist.state, "", url.pathname + url.search + url.hash);
  return token;
}

/** The development token provider: the pasted or URL token kept in localStorage. */
export function devTokenProvider(storage: Storage | null, key = TOKEN_KEY): TokenProvider {
  let memory: string | null = null;
  return {
    async getToken() {
      return storage?.getItem(key) ?? memory;
    },
    setToken(token: string) {
      memory = token.trim();
      storage?.setItem(key, memory);
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

/** False only when the token is a readable JWT that has no TemplateAdmin role. */
export function mayAdminister(token: string): boolean {
  const claims = readClaims(token);
  if (!claims || claims.roles === null) return true;
  return claims.roles.includes(ADMIN_ROLE);
}
