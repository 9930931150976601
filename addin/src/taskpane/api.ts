// Fetch wrapper for the OutlookSayNo API: bearer token, JSON, problem details -> typed errors.
import type {
  ClassifyRequest,
  ClassifyResponse,
  DraftEventRequest,
  DraftEventResponse,
  DraftRequest,
  DraftResponse,
  ProblemDetails,
} from "./types";

export const NO_REFUSABLE_ASK = "https://outlooksayno.dev/problems/no-refusable-ask";

export type ApiErrorKind = "unreachable" | "signedOut" | "notAllowed" | "tooLarge" | "noRefusableAsk" | "other";

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
export function errorFor(status: number, problem: ProblemDetails | undefined): ApiError {
  switch (status) {
    case 401:
      return new SignedOutError("Your sign-in has expired or is missing.", problem);
    case 403:
      return new NotAllowedError(problem);
    case 413:
      return new TooLargeError(problem?.detail ?? "The email is too large to read.", problem);
    case 422:
      if (problem?.type === NO_REFUSABLE_ASK) return new NoRefusableAskError(problem);
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

  async post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let token: string;
    try {
      token = await this.options.tokens.getToken();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new SignedOutError(e instanceof Error ? e.message : "You are signed out.");
    }

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener("abort", onAbort);
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          Accept: "application/json, application/problem+json",
        },
        body: JSON.stringify(body),
        signal: timeout.signal,
      });
    } catch (e) {
      if (signal?.aborted) throw abortError();
      throw new ApiUnreachableError(
        timeout.signal.aborted ? "The OutlookSayNo service did not answer in time." : "The OutlookSayNo service cannot be reached.",
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }

    const parsed = await readJson(response);
    if (response.ok) {
      if (parsed === undefined) throw new ApiUnreachableError("The service answered with something that is not the OutlookSayNo API.", response.status);
      return parsed as T;
    }
    throw errorFor(response.status, isProblem(parsed) ? parsed : undefined);
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === "AbortError";
}

function abortError(): DOMException {
  return new DOMException("The request was replaced by a newer one.", "AbortError");
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
