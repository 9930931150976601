// Sign-in for the compliance page: Entra ID (MSAL) when the API serves sign-in settings, else a
// development token from ?token=, the start page's "sign in as", or pasted (shared/auth.ts).
import { captureTokenFromUrl as capture, devTokenProvider as devTokens, readClaims, type TokenProvider } from "../shared/auth";

export { readClaims, safeStorage, type TokenProvider } from "../shared/auth";

export const TOKEN_KEY = "outlooksayno.complianceToken";
export const REVIEWER_ROLE = "ComplianceReviewer";
export const MANAGER_ROLE = "AccountManager";

/** reviewer: everything; manager: their own drafts, read only; none: neither role. */
export type Mode = "reviewer" | "manager" | "none";

/** Moves ?token= from the address into storage and removes it from the address bar. */
export function captureTokenFromUrl(loc: Location, hist: History, storage: Storage | null): string | null {
  return capture(loc, hist, storage, TOKEN_KEY);
}

/** The development token provider: the pasted or URL token kept in localStorage. */
export function devTokenProvider(storage: Storage | null): TokenProvider {
  return devTokens(storage, TOKEN_KEY);
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
