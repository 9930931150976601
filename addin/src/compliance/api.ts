// Client for the compliance review API. Bearer token from the token provider; answers that are not
// 2xx become a ComplianceApiError whose message is the problem details' title, detail and errors.
import { fetchWithin, readJson, readProblem } from "../shared/http";
import type {
  Dashboard,
  DraftDetail,
  DraftPage,
  KindRef,
  LogRecord,
  ProblemDetails,
  ReviewAction,
  VerifyReport,
} from "./types";

export type ApiErrorKind = "signedOut" | "notAllowed" | "notFound" | "invalid" | "unreachable" | "other";

export class ComplianceApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly problem?: ProblemDetails,
  ) {
    super(message);
    this.name = "ComplianceApiError";
  }

  /** The messages per field of a 400 (validation problem), as "field: message". */
  get fieldErrors(): string[] {
    const out: string[] = [];
    for (const [field, messages] of Object.entries(this.problem?.errors ?? {})) {
      for (const message of messages) out.push(field ? `${field}: ${message}` : message);
    }
    return out;
  }
}

/** The problem details in one readable sentence or a few: title, detail, then the field errors. */
export function describeProblem(status: number, problem?: ProblemDetails): string {
  const parts: string[] = [];
  if (problem?.title) parts.push(problem.title.replace(/\.?$/, "."));
  if (problem?.detail && problem.detail !== problem.title) parts.push(problem.detail);
  if (problem?.errors) {
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const message of messages) parts.push(field ? `${field}: ${message}` : message);
    }
  }
  if (parts.length === 0) parts.push(`The service answered with status ${status}.`);
  return parts.join(" ");
}

export function errorFor(status: number, problem?: ProblemDetails): ComplianceApiError {
  switch (status) {
    case 401:
      return new ComplianceApiError("signedOut", "Your token is missing, expired or was refused.", 401, problem);
    case 403:
      return new ComplianceApiError("notAllowed", "Your account may not do this: it needs the ComplianceReviewer role.", 403, problem);
    case 404:
      return new ComplianceApiError("notFound", describeProblem(status, problem), 404, problem);
    case 400:
    case 422:
      return new ComplianceApiError("invalid", describeProblem(status, problem), status, problem);
    case 502:
    case 503:
    case 504:
      return new ComplianceApiError("unreachable", describeProblem(status, problem), status, problem);
    default:
      return new ComplianceApiError("other", describeProblem(status, problem), status, problem);
  }
}

export function isAbort(e: unknown): boolean {
  return (e instanceof DOMException || e instanceof Error) && e.name === "AbortError";
}

export interface ComplianceApiOptions {
  baseUrl?: string;
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface CsvExport {
  blob: Blob;
  filename: string;
}

/** The file name in a Content-Disposition header (filename="..." or filename*=UTF-8''...). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = disposition.match(/filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* fall through to filename= */
    }
  }
  const plain = disposition.match(/filename\s*=\s*"?([^";]+)"?/i);
  return plain?.[1]?.trim() || fallback;
}

export class ComplianceApi {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: ComplianceApiOptions) {
    this.baseUrl = (options.baseUrl ?? globalThis.location?.origin ?? "").replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** GET /api/compliance/drafts with the query as built by filters.ts (apiQuery). */
  drafts(query: URLSearchParams, signal?: AbortSignal): Promise<DraftPage> {
    return this.getJson<DraftPage>(`/api/compliance/drafts?${query}`, signal);
  }

  draft(id: string, signal?: AbortSignal): Promise<DraftDetail> {
    return this.getJson<DraftDetail>(`/api/compliance/drafts/${encodeURIComponent(id)}`, signal);
  }

  /** Records a reviewer action; the answer is the new log record. */
  act(id: string, type: ReviewAction, comment?: string): Promise<LogRecord> {
    const body: { type: ReviewAction; comment?: string } = { type };
    if (comment && comment.trim()) body.comment = comment.trim();
    return this.send("POST", `/api/compliance/drafts/${encodeURIComponent(id)}/actions`, { body }).then((r) => this.readOk<LogRecord>(r));
  }

  /** The CSV of the drafts matching the filters, fetched with the token (a plain link could not send it). */
  async exportCsv(query: URLSearchParams): Promise<CsvExport> {
    const response = await this.send("GET", `/api/compliance/export.csv?${query}`, { accept: "text/csv, application/problem+json" });
    if (!response.ok) throw errorFor(response.status, await readProblem<ProblemDetails>(response));
    const blob = await response.blob();
    return { blob, filename: filenameFrom(response.headers.get("content-disposition"), "outlooksayno-drafts.csv") };
  }

  verify(signal?: AbortSignal): Promise<VerifyReport> {
    return this.getJson<VerifyReport>("/api/compliance/verify", signal);
  }

  /** from and to are sent as given (ISO dates or times); either may be empty for the API's default. */
  dashboard(from: string, to: string, signal?: AbortSignal): Promise<Dashboard> {
    const query = new URLSearchParams();
    if (from) query.set("from", from);
    if (to) query.set("to", to);
    const qs = query.toString();
    return this.getJson<Dashboard>(`/api/compliance/dashboard${qs ? "?" + qs : ""}`, signal);
  }

  log(options: { after?: number; take?: number; type?: string }, signal?: AbortSignal): Promise<LogRecord[]> {
    const query = new URLSearchParams();
    if (options.after) query.set("after", String(options.after));
    if (options.take) query.set("take", String(options.take));
    if (options.type) query.set("type", options.type);
    return this.getJson<LogRecord[]>(`/api/compliance/log?${query}`, signal);
  }

  /** The kinds in force, for the kind filter (GET /api/templates, readable by every role). */
  async kinds(signal?: AbortSignal): Promise<KindRef[]> {
    const catalog = await this.getJson<{ kinds?: KindRef[]; retiredKinds?: KindRef[] }>("/api/templates", signal);
    const all = [...(catalog.kinds ?? []), ...(catalog.retiredKinds ?? [])];
    return all.filter((k): k is KindRef => typeof k?.id === "string");
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send("GET", path, { signal }).then((r) => this.readOk<T>(r));
  }

  private async readOk<T>(response: Response): Promise<T> {
    if (!response.ok) throw errorFor(response.status, await readProblem<ProblemDetails>(response));
    const value = await readJson(response);
    if (value === undefined) throw new ComplianceApiError("unreachable", "The service answered with something that is not the OutlookSayNo API.", response.status);
    return value as T;
  }

  private async send(method: string, path: string, options: { body?: unknown; signal?: AbortSignal; accept?: string } = {}): Promise<Response> {
    const token = await this.options.getToken();
    if (!token) throw new ComplianceApiError("signedOut", "You are not signed in.", 401);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: options.accept ?? "application/json, application/problem+json",
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] = "application/json";
    }
    return fetchWithin(this.fetchImpl, this.baseUrl + path, { method, headers, body }, this.timeoutMs, options.signal, (timedOut) =>
      new ComplianceApiError("unreachable", timedOut ? "The OutlookSayNo service did not answer in time." : "The OutlookSayNo service cannot be reached."));
  }
}
