// Client for the template administration API. Bearer token from the token provider; problem
// details mapped to typed errors (401, 403, unreachable, other) or, for writes, to a result:
// saved, conflict (412) or invalid (400 with problems).
import { fetchWithin, readJson, readProblem } from "../shared/http";
import type {
  Catalog,
  Change,
  DiffResponse,
  FactsDocument,
  HistoryEntry,
  ImportResult,
  KindSummary,
  NewKindRequest,
  PreviewRequest,
  PreviewResponse,
  Problem,
  ProblemDetails,
  TemplateConflict,
  TemplateDocument,
  ValidateResponse,
} from "./types";

export type ApiErrorKind = "signedOut" | "notAllowed" | "unreachable" | "other";

export class AdminApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly problem?: ProblemDetails,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** A write's outcome when the server answered 2xx, 412 or 400. */
export type WriteResult<T> =
  | { ok: true; value: T; etag: string | null }
  | { ok: false; reason: "conflict"; currentVersion: number | null; problem?: ProblemDetails }
  | { ok: false; reason: "invalid"; problems: Problem[]; problem?: ProblemDetails };

export interface Loaded<T> {
  value: T;
  etag: string | null;
}

export interface AdminApiOptions {
  baseUrl?: string;
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface RequestOptions {
  body?: unknown;
  raw?: Blob | ArrayBuffer;
  contentType?: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  signal?: AbortSignal;
  accept?: string;
}

/** The ETag for a version number, as the API writes it. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/** The version in an ETag such as "3" or W/"3"; null when it is not a number. */
export function versionFromEtag(etag: string | null): number | null {
  const match = etag?.match(/^(?:W\/)?"?(\d+)"?$/);
  return match ? Number(match[1]) : null;
}

/** A document path in a URL: each segment encoded, the slashes kept. */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export function describeProblem(status: number, problem?: ProblemDetails): string {
  const parts: string[] = [];
  if (problem?.title) parts.push(problem.title.replace(/\.?$/, "."));
  if (problem?.detail && problem.detail !== problem.title) parts.push(problem.detail);
  if (problem?.errors) for (const messages of Object.values(problem.errors)) parts.push(...messages);
  if (parts.length === 0) parts.push(`The service answered with status ${status}.`);
  return parts.join(" ");
}

/** The problems of a 400 (or 409) answer: `problems`, else `errors` per field, else the detail. */
export function problemsOf(problem: ProblemDetails | undefined, status: number): Problem[] {
  if (problem && Array.isArray(problem.problems) && problem.problems.length > 0) {
    return problem.problems.filter((p): p is Problem => typeof p === "object" && p !== null && typeof p.message === "string");
  }
  const out: Problem[] = [];
  if (problem?.errors) {
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const message of messages) out.push({ message: field ? `${field}: ${message}` : message });
    }
  }
  if (out.length === 0) out.push({ message: describeProblem(status, problem) });
  return out;
}

export function errorFor(status: number, problem?: ProblemDetails): AdminApiError {
  switch (status) {
    case 401:
      return new AdminApiError("signedOut", "Your token is missing, expired or was refused.", 401, problem);
    case 403:
      return new AdminApiError("notAllowed", "Your account does not have the TemplateAdmin role.", 403, problem);
    case 502:
    case 503:
    case 504:
      return new AdminApiError("unreachable", describeProblem(status, problem), status, problem);
    default:
      return new AdminApiError("other", describeProblem(status, problem), status, problem);
  }
}

export function isAbort(e: unknown): boolean {
  return (e instanceof DOMException || e instanceof Error) && e.name === "AbortError";
}

export class AdminApi {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: AdminApiOptions) {
    this.baseUrl = (options.baseUrl ?? globalThis.location?.origin ?? "").replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  // ---- reads -------------------------------------------------------------------------------

  catalog(signal?: AbortSignal): Promise<Catalog> {
    return this.getJson<Catalog>("/api/templates", signal);
  }

  async document(path: string, signal?: AbortSignal): Promise<Loaded<TemplateDocument>> {
    const response = await this.send("GET", `/api/templates/documents/${encodePath(path)}`, { signal });
    const doc = (await this.readOk(response)) as TemplateDocument;
    return { value: doc, etag: response.headers.get("etag") ?? etagFor(doc.version) };
  }

  history(path: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
    return this.getJson<HistoryEntry[]>(`/api/templates/history?path=${encodeURIComponent(path)}`, signal);
  }

  version(id: number, signal?: AbortSignal): Promise<TemplateDocument> {
    return this.getJson<TemplateDocument>(`/api/templates/versions/${id}`, signal);
  }

  diff(from: number, to: number, signal?: AbortSignal): Promise<DiffResponse> {
    return this.getJson<DiffResponse>(`/api/templates/diff?from=${from}&to=${to}`, signal);
  }

  conflicts(signal?: AbortSignal): Promise<TemplateConflict[]> {
    return this.getJson<TemplateConflict[]>("/api/templates/conflicts", signal);
  }

  async facts(signal?: AbortSignal): Promise<Loaded<FactsDocument>> {
    const response = await this.send("GET", "/api/facts", { signal });
    const facts = (await this.readOk(response)) as FactsDocument;
    return { value: facts, etag: response.headers.get("etag") ?? (facts.version !== undefined ? etagFor(facts.version) : null) };
  }

  /** The export zip, fetched with the token (a plain link could not send it). */
  async exportZip(): Promise<Blob> {
    const response = await this.send("GET", "/api/templates/export", { accept: "application/zip, application/problem+json" });
    if (!response.ok) throw errorFor(response.status, await readProblem<ProblemDetails>(response));
    return response.blob();
  }

  // ---- computations (nothing saved) ---------------------------------------------------------

  preview(request: PreviewRequest, signal?: AbortSignal): Promise<PreviewResponse> {
    return this.postJson<PreviewResponse>("/api/templates/preview", request, signal);
  }

  validate(changes: Change[], signal?: AbortSignal): Promise<ValidateResponse> {
    return this.postJson<ValidateResponse>("/api/templates/validate", { changes }, signal);
  }

  // ---- writes --------------------------------------------------------------------------------

  saveDocument(path: string, content: string, ifMatch: string, comment?: string): Promise<WriteResult<TemplateDocument>> {
    const body: { content: string; comment?: string } = { content };
    if (comment) body.comment = comment;
    return this.write<TemplateDocument>("PUT", `/api/templates/documents/${encodePath(path)}`, { body, ifMatch });
  }

  restore(versionId: number, ifMatch: string, comment?: string): Promise<WriteResult<TemplateDocument>> {
    return this.write<TemplateDocument>("POST", `/api/templates/versions/${versionId}/restore`, { body: comment ? { comment } : {}, ifMatch });
  }

  saveFacts(facts: FactsDocument, ifMatch: string, comment?: string): Promise<WriteResult<FactsDocument>> {
    const body: FactsDocument = { currency: facts.currency, facts: facts.facts };
    if (comment) body.comment = comment;
    return this.write<FactsDocument>("PUT", "/api/facts", { body, ifMatch });
  }

  createKind(request: NewKindRequest): Promise<WriteResult<KindSummary>> {
    return this.write<KindSummary>("POST", "/api/templates/kinds", { body: request });
  }

  retireKind(id: string, ifMatch: string, comment?: string): Promise<WriteResult<unknown>> {
    return this.write<unknown>("POST", `/api/templates/kinds/${encodeURIComponent(id)}/retire`, { body: comment ? { comment } : {}, ifMatch });
  }

  resolveConflict(path: string, keep: "folder" | "database"): Promise<WriteResult<TemplateDocument>> {
    return this.write<TemplateDocument>("POST", "/api/templates/conflicts/resolve", { body: { path, keep } });
  }

  importZip(zip: Blob): Promise<WriteResult<ImportResult>> {
    return this.write<ImportResult>("POST", "/api/templates/import", { raw: zip, contentType: "application/zip" });
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send("GET", path, { signal }).then((r) => this.readOk(r) as Promise<T>);
  }

  private postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.send("POST", path, { body, signal }).then((r) => this.readOk(r) as Promise<T>);
  }

  /** 2xx → saved, 412 → conflict, 400/409/422 → invalid with problems; 401/403/other throw. */
  private async write<T>(method: string, path: string, options: RequestOptions): Promise<WriteResult<T>> {
    const response = await this.send(method, path, options);
    if (response.ok) {
      const value = (await readJson(response)) as T;
      return { ok: true, value, etag: response.headers.get("etag") };
    }
    const problem = await readProblem<ProblemDetails>(response);
    if (response.status === 412) {
      const current = problem?.currentVersion;
      return { ok: false, reason: "conflict", currentVersion: typeof current === "number" ? current : null, problem };
    }
    if (response.status === 400 || response.status === 409 || response.status === 422) {
      return { ok: false, reason: "invalid", problems: problemsOf(problem, response.status), problem };
    }
    throw errorFor(response.status, problem);
  }

  private async readOk(response: Response): Promise<unknown> {
    if (!response.ok) throw errorFor(response.status, await readProblem<ProblemDetails>(response));
    const value = await readJson(response);
    if (value === undefined) throw new AdminApiError("unreachable", "The service answered with something that is not the OutlookSayNo API.", response.status);
    return value;
  }

  private async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const token = await this.options.getToken();
    if (!token) throw new AdminApiError("signedOut", "You are not signed in.", 401);

    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: options.accept ?? "application/json, application/problem+json",
    };
    let body: BodyInit | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers["Content-Type"] = options.contentType ?? "application/octet-stream";
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] = "application/json";
    }
    if (options.ifMatch) headers["If-Match"] = options.ifMatch;
    if (options.ifNoneMatch) headers["If-None-Match"] = options.ifNoneMatch;

    return fetchWithin(this.fetchImpl, this.baseUrl + path, { method, headers, body }, this.timeoutMs, options.signal, (timedOut) =>
      new AdminApiError("unreachable", timedOut ? "The OutlookSayNo service did not answer in time." : "The OutlookSayNo service cannot be reached."));
  }
}
