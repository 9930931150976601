// What the task pane hands to the on-send handler. The handler runs in another runtime: in classic
// Outlook on Windows a JavaScript-only runtime (no DOM, no localStorage, no MSAL, no Office dialog); in
// Outlook on the web, new Outlook and Outlook on Mac a hidden page (onsend.html) from the API origin.
// So the pane leaves two things where that runtime can read them:
//   - the draft id on the message: the x-outlooksayno-draft-id internet header (Mailbox 1.8) and the
//     item's session data (Mailbox 1.11), both set when the pane inserts a draft in compose mode;
//   - its current API token, with its expiry and the API origin, under TOKEN_STORAGE_KEY in
//     OfficeRuntime.storage (what classic Outlook on Windows offers both runtimes) and in localStorage
//     (what the browser runtimes share with the pane: same origin, same Outlook page).
// Both the pane and the on-send bundle import this module; it has no other imports, so onsend.js stays small.

/** The internet header the pane stamps on a compose item it inserted a draft into (Mailbox 1.8). */
export const DRAFT_HEADER = "x-outlooksayno-draft-id";
/** The session-data key holding the same draft id (Mailbox 1.11, compose mode). */
export const DRAFT_SESSION_KEY = "outlooksayno.draftId";
/** The storage key of the cached API token: JSON {token, expiresAt (ms since 1970), origin}. */
export const TOKEN_STORAGE_KEY = "outlooksayno.apiToken";
/** A token this close to its expiry is treated as expired (it may lapse while the request is in flight). */
export const EXPIRY_MARGIN_MS = 30_000;

export interface CachedApiToken {
  token: string;
  /** Milliseconds since 1970 (Date.now() scale). */
  expiresAt: number;
  /** The API origin the pane talks to (its own origin), for runtimes without a usable location. */
  origin?: string;
}

/** The promise-based key-value store both OfficeRuntime.storage and the localStorage adapter offer. */
export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** OfficeRuntime.storage when this runtime has it (this project has no @types/office-runtime). */
export function officeRuntimeStorage(): KeyValueStorage | undefined {
  try {
    const storage = (globalThis as { OfficeRuntime?: { storage?: Partial<KeyValueStorage> } }).OfficeRuntime?.storage;
    return storage && typeof storage.getItem === "function" && typeof storage.setItem === "function" && typeof storage.removeItem === "function"
      ? (storage as KeyValueStorage)
      : undefined;
  } catch {
    return undefined;
  }
}

/** localStorage behind the same promise interface; undefined where there is none (the JavaScript-only runtime). */
export function localStorageAdapter(): KeyValueStorage | undefined {
  let local: Storage | undefined;
  try {
    local = globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // access denied (storage blocked)
  }
  if (!local) return undefined;
  const ls = local;
  return {
    getItem: async (key) => ls.getItem(key),
    setItem: async (key, value) => ls.setItem(key, value),
    removeItem: async (key) => ls.removeItem(key),
  };
}

/** Every store this runtime has, OfficeRuntime.storage first. */
export function tokenStores(): KeyValueStorage[] {
  return [officeRuntimeStorage(), localStorageAdapter()].filter((s): s is KeyValueStorage => s !== undefined);
}

/** The `exp` claim of a JWT, in milliseconds; undefined for anything that is not a JWT with a numeric exp. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const claims = JSON.parse(atob(base64)) as { exp?: unknown };
    return typeof claims.exp === "number" && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The origin of an http(s) URL or origin string; undefined for anything else ("null", about:, file:). */
export function httpOrigin(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * The pane's side: writes the token (with its expiry: the one given, else the JWT's exp) to every store.
 * A token whose expiry is unknown is not cached: the handler could not tell when to stop using it.
 * Never throws; resolves to whether at least one store took it.
 */
export async function cacheApiToken(
  token: string,
  options: { expiresAt?: number; origin?: string; stores?: KeyValueStorage[] } = {},
): Promise<boolean> {
  const expiresAt = options.expiresAt ?? jwtExpiry(token);
  if (!token || expiresAt === undefined || !Number.isFinite(expiresAt)) return false;
  const value: CachedApiToken = { token, expiresAt };
  const origin = httpOrigin(options.origin);
  if (origin) value.origin = origin;
  const json = JSON.stringify(value);
  let stored = false;
  for (const store of options.stores ?? tokenStores()) {
    try {
      await store.setItem(TOKEN_STORAGE_KEY, json);
      stored = true;
    } catch {
      /* this store is unavailable; try the next */
    }
  }
  return stored;
}

/** The pane's side, after a 401: the cached token is no good any more. Never throws. */
export async function clearCachedApiToken(stores: KeyValueStorage[] = tokenStores()): Promise<void> {
  for (const store of stores) {
    try {
      await store.removeItem(TOKEN_STORAGE_KEY);
    } catch {
      /* nothing to clear there */
    }
  }
}

/** The handler's side: the first cached token that is well formed and not (nearly) expired, else null. Never throws. */
export async function readCachedApiToken(stores: KeyValueStorage[], now: number): Promise<CachedApiToken | null> {
  for (const store of stores) {
    try {
      const parsed = JSON.parse((await store.getItem(TOKEN_STORAGE_KEY)) ?? "null") as Partial<CachedApiToken> | null;
      if (!parsed || typeof parsed.token !== "string" || !parsed.token || typeof parsed.expiresAt !== "number") continue;
      if (parsed.expiresAt - EXPIRY_MARGIN_MS <= now) continue;
      return { token: parsed.token, expiresAt: parsed.expiresAt, origin: httpOrigin(parsed.origin) };
    } catch {
      /* unreadable: try the next store */
    }
  }
  return null;
}
