import { describe, expect, it, vi } from "vitest";
import {
  ApiProblemError,
  ApiUnreachableError,
  CONSIDER_YES,
  ConsiderYesError,
  MAILBOX_PROBLEMS,
  MailboxProblemError,
  NO_REFUSABLE_ASK,
  NoRefusableAskError,
  NotAllowedError,
  SayNoApi,
  SignedOutError,
  TooLargeError,
  retryAfterSeconds,
} from "../src/taskpane/api";
import { classifyResponse, confirmSentResponse, draftResponse, json, problem, replyDraftResponse } from "./fixtures";

function apiWith(respond: (url: string, init: RequestInit) => Response | Promise<Response>, token = "tok-123") {
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => respond(String(url), init ?? {}));
  const api = new SayNoApi({ baseUrl: "http://localhost:5180", tokens: { getToken: async () => token }, fetch: fetchMock as typeof fetch, timeoutMs: 200 });
  return { api, fetchMock };
}

const body = { subject: "s", body: "b" };

describe("api", () => {
  it("posts JSON with the bearer token and returns the parsed body", async () => {
    const { api, fetchMock } = apiWith(() => json(200, classifyResponse()));
    const result = await api.classify(body);
    expect(result.primary.category).toBe("discount");
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("http://localhost:5180/api/classify");
    expect(init!.method).toBe("POST");
    const headers = init!.headers as Record<string, string>;
    expect(headers.Authorization).toBe("Bearer tok-123");
    expect(headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(init!.body as string)).toEqual(body);
  });

  it("posts draft events to /api/drafts/{id}/events", async () => {
    const { api, fetchMock } = apiWith(() => json(201, { id: "e1", draftId: "d/1", type: "inserted", at: "2026-11-22T18:00:00Z" }));
    const ev = await api.recordEvent("d/1", { type: "inserted", mode: "replyAll" });
    expect(ev.type).toBe("inserted");
    expect(fetchMock.mock.calls[0]![0]).toBe("http://localhost:5180/api/drafts/d%2F1/events");
    expect(JSON.parse(fetchMock.mock.calls[0]![1]!.body as string)).toEqual({ type: "inserted", mode: "replyAll" });
  });

  it("maps a network failure to unreachable", async () => {
    const { api } = apiWith(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api.draft({ email: body })).rejects.toBeInstanceOf(ApiUnreachableError);
  });

  it("maps a timeout to unreachable", async () => {
    const { api } = apiWith(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
    );
    const error = await api.draft({ email: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnreachableError);
    expect((error as Error).message).toMatch(/in time/);
  });

  it("maps 401 to signed out", async () => {
    const { api } = apiWith(() => new Response(null, { status: 401 }));
    await expect(api.draft({ email: body })).rejects.toBeInstanceOf(SignedOutError);
  });

  it("maps a token failure to signed out without calling the API", async () => {
    const fetchMock = vi.fn();
    const api = new SayNoApi({ baseUrl: "", tokens: { getToken: () => Promise.reject(new Error("no account")) }, fetch: fetchMock as unknown as typeof fetch });
    await expect(api.classify(body)).rejects.toBeInstanceOf(SignedOutError);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("maps 403 to not allowed", async () => {
    const { api } = apiWith(() => problem(403));
    const error = await api.draft({ email: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as NotAllowedError).kind).toBe("notAllowed");
  });

  it("maps 413 to too large", async () => {
    const { api } = apiWith(() => problem(413, { detail: "The request body has 300,000 bytes; the most accepted is 262,144." }));
    const error = await api.draft({ email: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooLargeError);
    expect((error as Error).message).toContain("262,144");
  });

  it("maps 422 no-refusable-ask to a typed error carrying the classification", async () => {
    const classification = classifyResponse({ primary: { category: "other", confidence: 0.8, evidence: [] } });
    const { api } = apiWith(() => problem(422, { type: NO_REFUSABLE_ASK, detail: "Nothing to decline.", classification }));
    const error = await api.draft({ email: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRefusableAskError);
    expect((error as NoRefusableAskError).classification?.primary.category).toBe("other");
  });

  it("maps 422 consider-yes to a typed error carrying the stance and its sentence", async () => {
    const stance = { taken: "small", takenLabel: "Consider a yes", suggested: "small", suggestedLabel: "Consider a yes", reason: "Within the limit.", evidence: [{ text: "2% off?", start: 0, length: 7 }] };
    const { api } = apiWith(() => problem(422, { type: CONSIDER_YES, detail: "Within the limit. No refusal is drafted.", stance }));
    const error = await api.draft({ email: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsiderYesError);
    expect((error as ConsiderYesError).stance?.evidence[0]?.text).toBe("2% off?");
    expect((error as Error).message).toBe("Within the limit. No refusal is drafted.");
  });

  it("maps a 422 of another type and a 400 validation problem to 'other' with the field messages", async () => {
    const { api: a422 } = apiWith(() => problem(422, { type: "https://example.test/other" }));
    expect(await a422.draft({ email: body }).catch((e: unknown) => e)).toBeInstanceOf(ApiProblemError);
    const { api } = apiWith(() => problem(400, { title: "One or more validation errors occurred.", errors: { "email.body": ["The email body is empty: there is nothing to read."] } }));
    const error = await api.draft({ email: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).kind).toBe("other");
    expect((error as Error).message).toContain("The email body is empty");
  });

  it("treats a 200 that is not JSON (not the API) as unreachable, and a 503 as other", async () => {
    const { api } = apiWith(() => new Response("<html>proxy</html>", { status: 200, headers: { "content-type": "text/html" } }));
    await expect(api.draft({ email: body })).rejects.toBeInstanceOf(ApiUnreachableError);
    const { api: a503 } = apiWith(() => problem(503, { title: "The compliance log is unavailable" }));
    const error = await a503.draft({ email: body }).catch((e: unknown) => e);
    expect((error as ApiProblemError).status).toBe(503);
    expect((error as Error).message).toContain("compliance log");
  });

  it("returns a draft response unchanged", async () => {
    const { api } = apiWith(() => json(200, draftResponse()));
    expect((await api.draft({ email: body })).id).toBe("draft-1");
  });

  it("posts reply-draft to /api/drafts/{id}/reply-draft with the bearer token and the JSON body", async () => {
    const { api, fetchMock } = apiWith(() => json(201, replyDraftResponse()));
    const saved = await api.replyDraft("d/1", { messageId: "AAMkAD==", replyAll: true, ccManager: true });
    expect(saved.managerCopied).toBe(true);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("http://localhost:5180/api/drafts/d%2F1/reply-draft");
    expect(init!.method).toBe("POST");
    expect((init!.headers as Record<string, string>).Authorization).toBe("Bearer tok-123");
    expect(JSON.parse(init!.body as string)).toEqual({ messageId: "AAMkAD==", replyAll: true, ccManager: true });
  });

  it("posts confirm-sent with no body and no Content-Type", async () => {
    const { api, fetchMock } = apiWith(() => json(200, confirmSentResponse()));
    expect((await api.confirmSent("draft-1")).event?.type).toBe("sent");
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("http://localhost:5180/api/drafts/draft-1/confirm-sent");
    expect(init!.method).toBe("POST");
    expect(init!.body).toBeUndefined();
    const headers = init!.headers as Record<string, string>;
    expect(headers.Authorization).toBe("Bearer tok-123");
    expect(headers["Content-Type"]).toBeUndefined();
  });

  it.each([
    [503, MAILBOX_PROBLEMS.unavailable, "unavailable"],
    [401, MAILBOX_PROBLEMS.consentRequired, "consentRequired"],
    [422, MAILBOX_PROBLEMS.noManager, "noManager"],
    [429, MAILBOX_PROBLEMS.throttled, "throttled"],
    [404, MAILBOX_PROBLEMS.messageNotFound, "messageNotFound"],
    [403, MAILBOX_PROBLEMS.forbidden, "forbidden"],
    [502, MAILBOX_PROBLEMS.failed, "failed"],
    [404, MAILBOX_PROBLEMS.notSentYet, "notSentYet"],
  ])("maps %i %s by its type, before the status", async (status, type, reason) => {
    const { api } = apiWith(() => problem(status, { type, detail: "d" }));
    const error = await api.confirmSent("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailboxProblemError);
    expect((error as MailboxProblemError).reason).toBe(reason);
    expect((error as MailboxProblemError).kind).toBe("mailbox");
    expect((error as MailboxProblemError).status).toBe(status);
    expect((error as Error).message).toBe("d");
  });

  it("keeps a 401 of another type (or none) as signed out, and a bare 502 as unreachable", async () => {
    const { api } = apiWith(() => problem(401, { type: "https://example.test/other" }));
    await expect(api.replyDraft("x", { messageId: "m", replyAll: false, ccManager: false })).rejects.toBeInstanceOf(SignedOutError);
    const { api: bare } = apiWith(() => problem(502));
    await expect(bare.confirmSent("x")).rejects.toBeInstanceOf(ApiUnreachableError);
  });

  it("consent-required carries the claims; throttled carries Retry-After in seconds", async () => {
    const { api } = apiWith(() => problem(401, { type: MAILBOX_PROBLEMS.consentRequired, claims: "{\"access_token\":{}}" }));
    expect(((await api.confirmSent("x").catch((e: unknown) => e)) as MailboxProblemError).claims).toBe('{"access_token":{}}');
    const { api: busy } = apiWith(
      () => new Response(JSON.stringify({ type: MAILBOX_PROBLEMS.throttled, status: 429 }), { status: 429, headers: { "content-type": "application/problem+json", "Retry-After": "12" } }),
    );
    expect(((await busy.confirmSent("x").catch((e: unknown) => e)) as MailboxProblemError).retryAfterSeconds).toBe(12);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-22T18:00:00Z");
    expect(retryAfterSeconds("30", now)).toBe(30);
    expect(retryAfterSeconds("Sun, 22 Nov 2026 18:00:45 GMT", now)).toBe(45);
    expect(retryAfterSeconds("Sun, 22 Nov 2026 17:00:00 GMT", now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds("soon", now)).toBeUndefined();
  });
});
