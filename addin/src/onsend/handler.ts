// The OnMessageSend (Smart Alerts) handler. It logs the reply as sent and asks the sender to confirm
// when the reply no longer says no clearly, offers nothing, or reads as rude: ONE call to
// POST /api/drafts/{id}/events with type "sent", and the server judges the final text.
//
// It never blocks a send on its own trouble: no draft id, no (valid) cached token, a timeout, a network
// error, any non-2xx answer (401, 403, 404, 5xx...) or an exception all let the message go. The only
// prompt is the server's `confirm: true`, and even then the manifest's SendMode="PromptUser" (and the
// sendModeOverride below) keep "Send anyway" in the dialog.
import {
  DRAFT_HEADER,
  DRAFT_SESSION_KEY,
  httpOrigin,
  readCachedApiToken,
  tokenStores,
  type KeyValueStorage,
} from "../shared/handoff";
import { once } from "./once";

/** The whole handler (Outlook calls, token, API call) is bounded by this; Outlook shows its own "taking longer" notice at 5 s. */
export const ONSEND_TIMEOUT_MS = 4_000;
/** Outlook shows at most 500 characters of a Smart Alerts message. */
export const MAX_ALERT_CHARS = 500;
/** The API refuses a sent body longer than this (DraftEvents.MaxBodyChars); such a send is let through unlogged. */
export const MAX_BODY_CHARS = 200_000;
/** Where the API is when the runtime has no usable location and the pane cached no origin:
 *  a build may define __OUTLOOKSAYNO_API_ORIGIN__ (esbuild `define`); else the development host
 *  of manifest.xml (ManifestApi.DevelopmentOrigin). */
export const DEVELOPMENT_ORIGIN = "https://localhost:5181";
declare const __OUTLOOKSAYNO_API_ORIGIN__: string | undefined;

export type SendMode = "reply" | "replyAll" | "compose";

export interface Recipient {
  name?: string;
  email: string;
}

export interface SentEventRequest {
  type: "sent";
  mode?: SendMode;
  body: string;
  to: Recipient[];
  cc: Recipient[];
  /** Always false: the server decides `confirm` from this same call, so the sender cannot have been
   *  warned yet. A `confirm: true` answer means the sender was prompted (see addin/README.md). */
  warned: boolean;
}

export interface SentEventResponse {
  id?: number;
  draftId?: string;
  confirm?: boolean;
  reasons?: string[];
  unchanged?: boolean;
}

/** What Outlook passes to the handler (Office.MailboxEvent, narrowed to what is used). */
export interface SendEvent {
  completed(options?: Office.SmartAlertsEventCompletedOptions): void;
}

/** The item as the handler reads it: a message being composed. Every part may be missing on some host. */
export type SendItem = Partial<Pick<Office.MessageCompose, "body" | "to" | "cc" | "internetHeaders" | "sessionData" | "getComposeTypeAsync">>;

export interface OnSendDeps {
  item(): SendItem | null | undefined;
  fetch: typeof fetch;
  /** Where the pane cached its token: OfficeRuntime.storage, then localStorage. */
  stores(): KeyValueStorage[];
  now(): number;
  /** location.origin of this runtime, when it has one. */
  locationOrigin(): string | undefined;
  timeoutMs: number;
}

export function defaultDeps(): OnSendDeps {
  return {
    item: () => (typeof Office !== "undefined" ? (Office.context?.mailbox?.item as SendItem | null | undefined) : undefined),
    fetch: (input, init) => globalThis.fetch(input, init),
    stores: tokenStores,
    now: () => Date.now(),
    locationOrigin: () => {
      try {
        return globalThis.location?.origin;
      } catch {
        return undefined;
      }
    },
    timeoutMs: ONSEND_TIMEOUT_MS,
  };
}

const ALLOW: Office.SmartAlertsEventCompletedOptions = { allowEvent: true };

/** Handles one OnMessageSend event; completes it exactly once on every path. */
export async function handleMessageSend(event: SendEvent, deps: OnSendDeps = defaultDeps()): Promise<void> {
  const complete = once((options: Office.SmartAlertsEventCompletedOptions) => {
    try {
      event.completed(options);
    } catch {
      /* Outlook no longer waits for this event */
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const abort = typeof AbortController === "function" ? new AbortController() : undefined;
    let timedOut = false;
    timer = setTimeout(() => {
      timedOut = true;
      abort?.abort();
      complete(ALLOW); // too slow: let the message go, unlogged
    }, deps.timeoutMs);
    complete(await decide(deps, abort?.signal, () => timedOut));
  } catch {
    complete(ALLOW);
  } finally {
    clearTimeout(timer);
  }
}

async function decide(
  deps: OnSendDeps,
  signal: AbortSignal | undefined,
  timedOut: () => boolean,
): Promise<Office.SmartAlertsEventCompletedOptions> {
  const item = deps.item();
  if (!item) return ALLOW;

  const draftId = await findDraftId(item);
  if (!draftId) return ALLOW; // not a reply drafted by the pane: nothing to log

  // The pane caches its token; this runtime cannot sign in. No token, or an expired one: the send goes
  // through unlogged (a later issue confirms sends from the mailbox itself).
  const cached = await readCachedApiToken(deps.stores(), deps.now());
  if (!cached) return ALLOW;
  const base = apiBase(deps.locationOrigin(), cached.origin);

  const [body, to, cc, mode] = await Promise.all([
    call<string>((cb) => item.body!.getAsync(Office.CoercionType.Text, cb)),
    recipients(item.to),
    recipients(item.cc),
    composeMode(item),
  ]);
  if (typeof body !== "string" || !body.trim() || body.length > MAX_BODY_CHARS) return ALLOW;
  if (timedOut()) return ALLOW; // the event is already completed and this runtime may end at any moment: skip the call

  const request: SentEventRequest = { type: "sent", body, to, cc, warned: false };
  if (mode) request.mode = mode;
  const response = await deps.fetch(`${base}/api/drafts/${encodeURIComponent(draftId)}/events`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${cached.token}`,
      "Content-Type": "application/json",
      Accept: "application/json, application/problem+json",
    },
    body: JSON.stringify(request),
    signal,
  });
  // 401 (token rejected), 403 (not this user's draft), 404 (unknown draft), 5xx: let it go.
  if (!response.ok) return ALLOW;
  const answer = (await response.json()) as SentEventResponse | null;
  if (answer?.confirm !== true) return ALLOW;
  return {
    allowEvent: false,
    errorMessage: alertMessage(answer.reasons),
    // Mailbox 1.14; hosts with 1.12/1.13 use the manifest's SendMode, which is PromptUser too.
    sendModeOverride: Office.MailboxEnums?.SendModeOverride?.PromptUser ?? "promptUser",
  };
}

/** The draft id the pane left on the item: the internet header (Mailbox 1.8), else the session data (Mailbox 1.11). */
export async function findDraftId(item: SendItem): Promise<string | undefined> {
  if (item.internetHeaders && typeof item.internetHeaders.getAsync === "function") {
    try {
      const headers = await call<Record<string, string>>((cb) => item.internetHeaders!.getAsync([DRAFT_HEADER], cb));
      const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === DRAFT_HEADER);
      const id = cleanId(key ? headers[key] : undefined);
      if (id) return id;
    } catch {
      /* no header API on this item, or no header: try session data */
    }
  }
  if (item.sessionData && typeof item.sessionData.getAsync === "function") {
    try {
      const id = cleanId(await call<string>((cb) => item.sessionData!.getAsync(DRAFT_SESSION_KEY, cb)));
      if (id) return id;
    } catch {
      /* the key is not set (some hosts fail the call then) */
    }
  }
  return undefined;
}

function cleanId(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const id = value.trim();
  return id && id.length <= 200 ? id : undefined;
}

/** location.origin in the browser runtime (onsend.html is served by the API); else the origin the pane cached; else the build's. */
export function apiBase(locationOrigin: string | undefined, cachedOrigin: string | undefined): string {
  const built = typeof __OUTLOOKSAYNO_API_ORIGIN__ === "string" ? httpOrigin(__OUTLOOKSAYNO_API_ORIGIN__) : undefined;
  return httpOrigin(locationOrigin) ?? httpOrigin(cachedOrigin) ?? built ?? DEVELOPMENT_ORIGIN;
}

async function recipients(field: Office.Recipients | undefined): Promise<Recipient[]> {
  if (!field || typeof field.getAsync !== "function") return [];
  try {
    const list = await call<Office.EmailAddressDetails[]>((cb) => field.getAsync(cb));
    return (list ?? [])
      .filter((r) => typeof r?.emailAddress === "string" && r.emailAddress.trim() !== "")
      .map((r) => (r.displayName ? { name: r.displayName, email: r.emailAddress } : { email: r.emailAddress }));
  } catch {
    return []; // the log still records the send; the recipients are a convenience
  }
}

/** reply / replyAll from getComposeTypeAsync (Mailbox 1.10); a forward or a new message is "compose". */
async function composeMode(item: SendItem): Promise<SendMode | undefined> {
  if (typeof item.getComposeTypeAsync !== "function") return undefined;
  try {
    const value = await call<{ composeType?: string }>((cb) => item.getComposeTypeAsync!(cb));
    const type = value?.composeType;
    return type === "reply" ? "reply" : type === "replyAll" ? "replyAll" : type ? "compose" : undefined;
  } catch {
    return undefined;
  }
}

/** "OutlookSayNo: <reasons> Send anyway?", under 500 characters: whole reasons while they fit. */
export function alertMessage(reasons: unknown): string {
  const head = "OutlookSayNo:";
  const tail = " Send anyway?";
  const room = MAX_ALERT_CHARS - 1 - tail.length; // strictly under the limit
  const list = (Array.isArray(reasons) ? reasons : [])
    .filter((r): r is string => typeof r === "string" && r.trim() !== "")
    .map((r) => r.trim().replace(/\s+/g, " "));
  if (list.length === 0) list.push("The reply no longer passes the checks on a clear no.");
  let text = head;
  for (const reason of list) {
    if (text.length + 1 + reason.length > room) break;
    text += " " + reason;
  }
  if (text === head) text += " " + list[0]!.slice(0, room - head.length - 2) + "…";
  return text + tail;
}

/** An office.js callback API as a promise that rejects when the call fails. */
function call<T>(invoke: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error(result.error?.message ?? "Outlook could not complete the request."));
    });
  });
}
