// Sign-in for the admin page: Entra ID (MSAL) when the API serves sign-in settings, else a
// development token from ?token=, the start page's "sign in as", or pasted (shared/auth.ts).
import { captureTokenFromUrl as capture, devTokenProvider as devTokens, hasRole, type TokenProvider } from "../shared/auth";

export { readClaims, safeStorage, type TokenClaims, type TokenProvider } from "../shared/auth";

export const TOKEN_KEY = "outlooksayno.adminToken";
export const ADMIN_ROLE = "TemplateAdmin";

/** Moves ?token= from the address into storage and removes it from the address bar. */
export function captureTokenFromUrl(loc: Location, hist: History, storage: Storage | null, key = TOKEN_KEY): string | null {
  return capture(loc, hist, storage, key);
}

/** The development token provider: the pasted or URL token kept in localStorage. */
export function devTokenProvider(storage: Storage | null, key = TOKEN_KEY): TokenProvider {
  return devTokens(storage, key);
}

/** False only when the token is a readable JWT that has no TemplateAdmin role. */
export function mayAdminister(token: string): boolean {
  return hasRole(token, ADMIN_ROLE);
}
