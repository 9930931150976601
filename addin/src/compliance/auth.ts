// Sign-in for the compliance page, as on the admin page: a development token (dotnet user-jwts)
// from ?token= or localStorage, behind one getToken() so Entra sign-in can be added later.
import { readClaims, safeStorage, type TokenProvider } from "../admin/auth";

export { readClaims, safeStorage, type TokenProvider };

export const TOKEN_KEY = "outlooksayno.complianceToken";
export const REVIEWER_ROLE = "ComplianceReviewer";
export const MANAGER_ROLE = "AccountManager";

/** reviewer: everything; manager: their own drafts, read only; none: neither role. */
export type Mode = "reviewer" | "manager" | "none";

/** Moves ?token= from the address into storage and removes it from the address bar. */
export function captureTokenFromUrl(loc: Location, hist: History, storage: Storage | null): string | null {
  const url = new URL(loc.href);
  const token = url.searchParams.get("token")?.trim();
  if (!token) return null;
  storage?.setItem(TOKEN_KEY, token);
  url.searchParams.delete("token");
  hist.replaceState(hist.state, "", url.pathname + url.search + url.hash);
  return token;
}

/** The development token provider: the pasted or URL token kept in localStorage. */
export function devTokenProvider(storage: Storage | null): TokenProvider {
  let memory: string | null = null;
  return {
    async getToken() {
      return storage?.getItem(TOKEN_KEY) ?? memory;
    },
    setToken(token: string) {
      memory = token.trim();
      storage?.setItem(TOKEN_KEY, memory);
    },
    clear() {
      memory = null;
      storage?.removeItem(TOKEN_KEY);
    },
  };
}

/** The page's mode from the token's roles; null when the token is not a readable JWT (the API is
 * asked instead). Not a security check: the API decides what each role may see and do. */
export function modeOf(token: string): Mode | null {
  const claims = readClaims(token);
  if (!claims || claims.roles === null) return null;
  if (claims.roles.includes(REVIEWER_ROLE)) return "reviewer";
  if (claims.roles.includes(MANAGER_ROLE)) return "manager";
  return "none";
}
