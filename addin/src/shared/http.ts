// What the admin and compliance pages' API clients share: a fetch with a time limit that an
// outside signal can also cancel, and reading JSON and problem details from an answer.

/** fetch with a time limit. A cancelled outside signal gives an AbortError; a timeout or network
 * failure calls unreachable(timedOut) for the page's own error. */
export async function fetchWithin(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  unreachable: (timedOut: boolean) => Error,
): Promise<Response> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onAbort = () => timeout.abort();
  if (signal?.aborted) timeout.abort();
  signal?.addEventListener("abort", onAbort);
  try {
    return await fetchImpl(url, { ...init, signal: timeout.signal });
  } catch {
    if (signal?.aborted) throw new DOMException("The request was replaced by a newer one.", "AbortError");
    throw unreachable(timeout.signal.aborted);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** The answer's JSON, or undefined when it is not JSON or does not parse. */
export async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The answer's problem details object, if it has one. */
export async function readProblem<T extends object>(response: Response): Promise<T | undefined> {
  const value = await readJson(response);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as T) : undefined;
}
