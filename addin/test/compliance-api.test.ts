import { describe, expect, it, vi } from "vitest";
import { ComplianceApi, ComplianceApiError, filenameFrom } from "../src/compliance/api";
import { captureTokenFromUrl, devTokenProvider, modeOf, TOKEN_KEY } from "../src/compliance/auth";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type, ...headers } });
}

function apiWith(respond: (url: string, init: RequestInit) => Response | Promise<Response>, token: string | null = "tok-1") {
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => respond(String(url), init ?? {}));
  const api = new ComplianceApi({ baseUrl: "http://localhost:5180", getToken: async () => token, fetch: fetchMock as typeof fetch, timeoutMs: 200 });
  return { api, fetchMock };
}

const header = (init: RequestInit | undefined, name: string) => (init?.headers as Record<string, string>)[name];
const jwt = (payload: object) => ["e30", btoa(JSON.stringify(payload)).replace(/=+$/, ""), "sig"].join(".");

describe("compliance API client", () => {
  it("sends the bearer token and the filters to the drafts search", async () => {
    const page = { items: [], skip: 0, take: 50, hasMore: false, total: 0 };
    const { api, fetchMock } = apiWith(() => json(200, page));
    const result = await api.drafts(new URLSearchParams({ status: "sent", failedCheck: "offersAlternative", take: "50" }));
    expect(result).toEqual(page);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("http://localhost:5180/api/compliance/drafts?status=sent&failedCheck=offersAlternative&take=50");
    expect(header(init, "Authorization")).toBe("Bearer tok-1");
    expect(init!.method).toBe("GET");
  });

  it("posts a reviewer action as JSON, the comment trimmed and left out when empty", async () => {
    const record = { seq: 38, type: "reviewed", draftId: "d1", atUtc: "2026-11-25T09:00:00Z", user: { id: "rita", name: "Rita" }, payload: {}, hash: "h", prevHash: "p" };
    const { api, fetchMock } = apiWith(() => json(201, record));
    await expect(api.act("d1", "reviewed", "  ")).resolves.toEqual(record);
    await api.act("d/1", "comment", "  Checked with Alex. ");
    const [url1, init1] = fetchMock.mock.calls[0]!;
    expect(url1).toBe("http://localhost:5180/api/compliance/drafts/d1/actions");
    expect(init1!.method).toBe("POST");
    expect(header(init1, "Content-Type")).toBe("application/json");
    expect(JSON.parse(init1!.body as string)).toEqual({ type: "reviewed" });
    const [url2, init2] = fetchMock.mock.calls[1]!;
    expect(url2).toBe("http://localhost:5180/api/compliance/drafts/d%2F1/actions");
    expect(JSON.parse(init2!.body as string)).toEqual({ type: "comment", comment: "Checked with Alex." });
  });

  it("maps 401 to signed out and 403 to not allowed", async () => {
    const signedOut = apiWith(() => json(401, { title: "Unauthorized", status: 401 })).api;
    await expect(signedOut.verify()).rejects.toMatchObject({ kind: "signedOut", status: 401 });
    const forbidden = apiWith(() => json(403, { title: "Forbidden", status: 403 })).api;
    const error = await forbidden.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComplianceApiError);
    expect(error).toMatchObject({ kind: "notAllowed", status: 403 });
  });

  it("does not call the API without a token", async () => {
    const { api, fetchMock } = apiWith(() => json(200, {}), null);
    await expect(api.verify()).rejects.toMatchObject({ kind: "signedOut" });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("surfaces the problem details: title, detail and the errors per field", async () => {
    const { api } = apiWith(() =>
      json(400, { title: "One or more validation errors occurred.", status: 400, errors: { flag: ["Use threat, abusive or any."], to: ["to must be after from."] } }),
    );
    const error = (await api.drafts(new URLSearchParams({ flag: "bad" })).catch((e: unknown) => e)) as ComplianceApiError;
    expect(error.kind).toBe("invalid");
    expect(error.message).toBe("One or more validation errors occurred. flag: Use threat, abusive or any. to: to must be after from.");
    expect(error.fieldErrors).toEqual(["flag: Use threat, abusive or any.", "to: to must be after from."]);

    const notFound = apiWith(() => json(404, { title: "Draft not found", detail: "There is no draft 'x' you can see.", status: 404 })).api;
    await expect(notFound.draft("x")).rejects.toMatchObject({ kind: "notFound", message: "Draft not found. There is no draft 'x' you can see." });

    const broken = apiWith(() => json(500, { title: "An error occurred while processing your request.", status: 500 })).api;
    await expect(broken.dashboard("", "")).rejects.toMatchObject({ kind: "other", status: 500, message: "An error occurred while processing your request." });
  });

  it("reports an unreachable service and an answer that is not the API", async () => {
    const down = apiWith(() => {
      throw new TypeError("Failed to fetch");
    }).api;
    await expect(down.verify()).rejects.toMatchObject({ kind: "unreachable", message: "The OutlookSayNo service cannot be reached." });
    const html = apiWith(() => new Response("<html></html>", { status: 200, headers: { "Content-Type": "text/html" } })).api;
    await expect(html.verify()).rejects.toMatchObject({ kind: "unreachable" });
  });

  it("fetches the CSV with the token and names it from Content-Disposition", async () => {
    const csv = "id,createdAtUtc\r\nd1,2026-11-16T09:00:00Z\r\n";
    const { api, fetchMock } = apiWith(
      () => new Response(csv, { status: 200, headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="outlooksayno-drafts-20261125-0900.csv"' } }),
    );
    const { blob, filename } = await api.exportCsv(new URLSearchParams({ review: "none" }));
    expect(filename).toBe("outlooksayno-drafts-20261125-0900.csv");
    expect(await blob.text()).toBe(csv);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("http://localhost:5180/api/compliance/export.csv?review=none");
    expect(header(init, "Authorization")).toBe("Bearer tok-1");
    expect(header(init, "Accept")).toContain("text/csv");

    const refused = apiWith(() => json(403, { title: "Forbidden", status: 403 })).api;
    await expect(refused.exportCsv(new URLSearchParams())).rejects.toMatchObject({ kind: "notAllowed" });
    expect(filenameFrom("attachment; filename*=UTF-8''drafts%20week.csv", "x.csv")).toBe("drafts week.csv");
    expect(filenameFrom(null, "x.csv")).toBe("x.csv");
  });

  it("reads the log by type and sequence, and the dashboard period", async () => {
    const { api, fetchMock } = apiWith(() => json(200, []));
    await api.log({ after: 50, take: 51, type: "template_changed" });
    await api.dashboard("2026-11-16", "2026-11-23");
    await api.dashboard("", "");
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toEqual([
      "http://localhost:5180/api/compliance/log?after=50&take=51&type=template_changed",
      "http://localhost:5180/api/compliance/dashboard?from=2026-11-16&to=2026-11-23",
      "http://localhost:5180/api/compliance/dashboard",
    ]);
  });
});

describe("compliance sign-in", () => {
  it("moves ?token= into its own storage key and out of the address", () => {
    localStorage.clear();
    history.replaceState(null, "", "/compliance/?token=abc&status=sent");
    expect(captureTokenFromUrl(window.location, window.history, localStorage)).toBe("abc");
    expect(localStorage.getItem(TOKEN_KEY)).toBe("abc");
    expect(TOKEN_KEY).toBe("outlooksayno.complianceToken");
    expect(window.location.search).toBe("?status=sent");
    const tokens = devTokenProvider(localStorage);
    tokens.clear();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("reads the mode from the token's roles", () => {
    expect(modeOf(jwt({ name: "Rita", role: "ComplianceReviewer" }))).toBe("reviewer");
    expect(modeOf(jwt({ name: "Sam", role: ["AccountManager", "ComplianceReviewer"] }))).toBe("reviewer");
    expect(modeOf(jwt({ name: "Sam", role: "AccountManager" }))).toBe("manager");
    expect(modeOf(jwt({ name: "Tara", role: "TemplateAdmin" }))).toBe("none");
    expect(modeOf("not-a-jwt")).toBeNull();
  });
});
