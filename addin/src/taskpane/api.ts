// Fetch wrapper for the OutlookSayNo API: bearer token, JSON, problem details -> typed errors.
// The time limit, cancellation and JSON reading are the ones every page uses (shared/http.ts).
import { fetchWithin, readJson } from "../shared/http";
import type {
  ClassifyRequest,
  ClassifyResponse,
  ConfirmSentResponse,
  DraftEventRequest,
  DraftEventResponse,
  DraftRequest,
  DraftResponse,
  ProblemDetails,
  ReplyDraftRequest,
  ReplyDraftResponse,
} from "./types";

export const NO_REFUSABLE_ASK = "https://outlooksayno.dev/problems/no-refusable-ask";
export const ASK_UNCLEAR = "https://outlooksayno.dev/problems/ask-unclear";
export const CONSIDER_YES = "https://outlooksayno.dev/problems/consider-yes";

/** Problem types of the routes that reach the user's mailbox through Microsoft Graph, by what the pane does about them. */
export const MAILBOX_PROBLEMS = {
  unavailable: "https://outlooksayno.dev/problems/mailbox-unavailable",
  consentRequired: "https://outlooksayno.dev/problems/mailbox-consent-required",
  noManager: "https://outlooksayno.dev/problems/no-manager",
  throttled: "https://outlooksayno.dev/problems/mailbox-throttled",
  messageNotFound: "https://outlooksayno.dev/problems/mailbox-message-not-found",
  forbidden: "https://outlooksayno.dev/problems/mailbox-forbidden",
  failed: "https://outlooksayno.dev/problems/mailbox-failed",
  notSentYet: "https://outlooksayno.dev/problems/not-sent-yet",
} as const;

export type MailboxReason = keyof typeof MAILBOX_PROBLEMS;

export type ApiErrorKind = "unreachable" | "signedOut" | "notAllowed" | "tooLarge" | "noRefusableAsk" | "askUnclear" | "considerYes" | "mailbox" | "other";

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly problem?: ProblemDetails,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The API could not be reached (network down, API stopped, timeout) or answered something that is not the API. */
export class ApiUnreachableError extends ApiError {
  constructor(message = "The OutlookSayNo service cannot be reached.", status?: number) {
    super("unreachable", message, status);
    this.name = "ApiUnreachableError";
  }
}

/** 401, or no token could be had. */
export class SignedOutError extends ApiError {
  constructor(message = "You are signed out.", problem?: ProblemDetails) {
    super("signedOut", message, 401, problem);
    this.name = "SignedOutError";
  }
}

/** 403: signed in, but without the AccountManager role. */
export class NotAllowedError extends ApiError {
  constructor(problem?: ProblemDetails) {
    super("notAllowed", problem?.detail ?? "Your account is not allowed to draft replies.", 403, problem);
    this.name = "NotAllowedError";
  }
}

/** 413 from the API, or an email the pane knows is over the API's limits. */
export class TooLargeError extends ApiError {
  constructor(message = "The email is too large to read.", problem?: ProblemDetails) {
    super("tooLarge", message, 413, problem);
    this.name = "TooLargeError";
  }
}

/** 422 no-refusable-ask: carries the classification so the pane can offer the kind picker. */
export class NoRefusableAskError extends ApiError {
  constructor(problem: ProblemDetails) {
    super("noRefusableAsk", problem.detail ?? "This email does not ask for anything to decline.", 422, problem);
    this.name = "NoRefusableAskError";
  }
  get classification() {
    return this.problem?.classification;
  }
}

/**
 * 422 consider-yes: the ask is within what the account manager may concede without approval (or they chose to
 * consider a yes), so no refusal was drafted. Carries the stance with the figures and the customer's sentence.
 */
export class ConsiderYesError extends ApiError {
  constructor(problem: ProblemDetails) {
    super("considerYes", problem.detail ?? "Consider saying yes: no refusal was drafted.", 422, problem);
    this.name = "ConsiderYesError";
  }
  get classification() {
    return this.problem?.classification;
  }
  get stance() {
    return this.problem?.stance;
  }
}

/** 422 ask-unclear: the reading is unsure between two kinds; the account manager picks before anything is drafted. */
export class AskUnclearError extends ApiError {
  constructor(problem: ProblemDetails) {
    super("askUnclear", problem.detail ?? "Say no is not sure what this email asks for.", 422, problem);
    this.name = "AskUnclearError";
  }
  get classification() {
    return this.problem?.classification;
  }
}

/**
 * A mailbox problem type (see MAILBOX_PROBLEMS). Checked before the status, because its 401 is not
 * "signed out" (the API token is fine; Graph's on-behalf-of token is not) and its 502 is not "unreachable".
 */
export class MailboxProblemError extends ApiError {
  constructor(
    readonly reason: MailboxReason,
    status: number,
    problem: ProblemDetails,
    /** 429: the Retry-After header in seconds, when it had one. */
    readonly retryAfterSeconds?: number,
  ) {
    super("mailbox", problem.detail ?? problem.title ?? `The mailbox answered with status ${status}.`, status, problem);
    this.name = "MailboxProblemError";
  }
  /** consent-required: the claims challenge to pass to the interactive sign-in, when the API sent one. */
  get claims(): string | undefined {
    const claims = this.problem?.claims;
    return typeof claims === "string" && claims ? claims : undefined;
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}

/** Any other problem (400 validation, 415, 503, 500...). */
export class ApiProblemError extends ApiError {
  constructor(status: number, problem?: ProblemDetails) {
    super("other", describeProblem(status, problem), status, problem);
    this.name = "ApiProblemError";
  }
}

export function describeProblem(status: number, problem?: ProblemDetails): string {
  const parts: string[] = [];
  if (problem?.title) parts.push(problem.title);
  if (problem?.detail) parts.push(problem.detail);
  if (problem?.errors) {
    for (const messages of Object.values(problem.errors)) parts.push(...messages);
  }
  if (parts.length === 0) parts.push(`The service answered with status ${status}.`);
  return parts.join(" ");
}

export interface TokenSource {
  getToken(): Promise<string>;
}

export interface ApiOptions {
  /** Origin (and optional prefix) the routes are relative to; the pane's own origin by default. */
  baseUrl?: string;
  tokens: TokenSource;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Maps a non-2xx response and its problem body to the typed error the pane shows. */
export function errorFor(status: number, problem: ProblemDetails | undefined, retryAfter?: string | null): ApiError {
  const reason = (Object.keys(MAILBOX_PROBLEMS) as MailboxReason[]).find((r) => MAILBOX_PROBLEMS[r] === problem?.type);
  if (reason && problem) return new MailboxProblemError(reason, status, problem, reason === "throttled" ? retryAfterSeconds(retryAfter) : undefined);
  switch (status) {
    case 401:
      return new SignedOutError("Your sign-in has expired or is missing.", problem);
    case 403:
      return new NotAllowedError(problem);
    case 413:
      return new TooLargeError(problem?.detail ?? "The email is too large to read.", problem);
    case 422:
      if (problem?.type === NO_REFUSABLE_ASK) return new NoRefusableAskError(problem);
      if (problem?.type === ASK_UNCLEAR) return new AskUnclearError(problem);
      if (problem?.type === CONSIDER_YES) return new ConsiderYesError(problem);
      return new ApiProblemError(status, problem);
    case 502:
    case 504:
      return new ApiUnreachableError("The OutlookSayNo service did not answer in time.", status);
    default:
      return new ApiProblemError(status, problem);
  }
}

export class SayNoApi {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: ApiOptions) {
    this.baseUrl = (options.baseUrl ?? globalThis.location?.origin ?? "").replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  classify(request: ClassifyRequest, signal?: AbortSignal): Promise<ClassifyResponse> {
    return this.post<ClassifyResponse>("/api/classify", request, signal);
  }

  draft(request: DraftRequest, signal?: AbortSignal): Promise<DraftResponse> {
    return this.post<DraftResponse>("/api/drafts", request, signal);
  }

  recordEvent(draftId: string, event: DraftEventRequest): Promise<DraftEventResponse> {
    return this.post<DraftEventResponse>(`/api/drafts/${encodeURIComponent(draftId)}/events`, event);
  }

  /** Saves the reply in the user's Drafts folder (Graph); the server records the inserted event itself. */
  replyDraft(draftId: string, request: ReplyDraftRequest): Promise<ReplyDraftResponse> {
    return this.post<ReplyDraftResponse>(`/api/drafts/${encodeURIComponent(draftId)}/reply-draft`, request);
  }

  /** Asks the server to find the sent reply in Sent Items and record it (no body). */
  confirmSent(draftId: string): Promise<ConfirmSentResponse> {
    return this.post<ConfirmSentResponse>(`/api/drafts/${encodeURIComponent(draftId)}/confirm-sent`, undefined);
  }

  /** POSTs `body` as JSON; `undefined` sends no body at all (and no Content-Type). */
  async post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let token: string;
    try {
      token = await this.options.tokens.getToken();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new SignedOutError(e instanceof Error ? e.message : "You are signed out.");
    }

    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: "application/json, application/problem+json",
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetchWithin(
      this.fetchImpl,
      this.baseUrl + path,
      { method: "POST", headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
      this.timeoutMs,
      signal,
      (timedOut) =>
        new ApiUnreachableError(timedOut ? "The OutlookSayNo service did not answer in time." : "The OutlookSayNo service cannot be reached."),
    );

    const parsed = await readJson(response);
    if (response.ok) {
      if (parsed === undefined) throw new ApiUnreachableError("The service answered with something that is not the OutlookSayNo API.", response.status);
      return parsed as T;
    }
    throw errorFor(response.status, isProblem(parsed) ? parsed : undefined, response.headers.get("retry-after"));
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === "AbortError";
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
