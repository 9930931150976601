import { describe, expect, it, vi } from "vitest";
import { AdminApi, AdminApiError, encodePath, etagFor, problemsOf, versionFromEtag } from "../src/admin/api";
import { captureTokenFromUrl, devTokenProvider, mayAdminister, readClaims, TOKEN_KEY } from "../src/admin/auth";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type, ...headers } });
}

function apiWith(respond: (url: string, init: RequestInit) => Response | Promise<Response>, token: string | null = "tok-1") {
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => respond(String(url), init ?? {}));
  const api = new AdminApi({ baseUrl: "http://localhost:5180", getToken: async () => token, fetch: fetchMock as typeof fetch, timeoutMs: 200 });
  return { api, fetchMock };
}

const header = (init: RequestInit | undefined, name: string) => (init?.headers as Record<string, string>)[name];

const doc = (version: number, content = "Hello") => ({ id: 10 + version, path: "discount/commercial.scriban", version, content, sha256: "x", retired: false, origin: "edit" });

describe("admin API client", () => {
  it("sends the bearer token and reads the document's ETag", async () => {
    const { api, fetchMock } = apiWith(() => json(200, doc(2), { ETag: '"2"' }));
    const loaded = await api.document("discount/commercial.scriban");
    expect(loaded.value.version).toBe(2);
    expect(loaded.etag).toBe('"2"');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("http://localhost:5180/api/templates/documents/discount/commercial.scriban");
    expect(header(init, "Authorization")).toBe("Bearer tok-1");
  });

  it("encodes each path segment but keeps the slashes", () => {
    expect(encodePath("_partials/a b.scriban")).toBe("_partials/a%20b.scriban");
    expect(encodePath("x/../kind.json")).toBe("x/../kind.json");
  });

  it("sends If-Match with the version it loaded when saving, and the content and comment as JSON", async () => {
    const { api, fetchMock } = apiWith(() => json(200, doc(3), { ETag: '"3"' }));
    const result = await api.saveDocument("discount/commercial.scriban", "New text", etagFor(2), "Shorter reason");
    expect(result).toMatchObject({ ok: true, etag: '"3"', value: { version: 3 } });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init!.method).toBe("PUT");
    expect(header(init, "If-Match")).toBe('"2"');
    expect(header(init, "Content-Type")).toBe("application/json");
    expect(JSON.parse(init!.body as string)).toEqual({ content: "New text", comment: "Shorter reason" });
  });

  it("maps 412 to a conflict result with the current version", async () => {
    const { api } = apiWith(() =>
      json(412, { title: "Someone saved a newer version", status: 412, path: "discount/commercial.scriban", yourVersion: 2, currentVersion: 4 }),
    );
    const result = await api.saveDocument("discount/commercial.scriban", "x", '"2"');
    expect(result).toMatchObject({ ok: false, reason: "conflict", currentVersion: 4 });
  });

  it("parses the problems of a 400", async () => {
    const problems = [
      { path: "discount/commercial.scriban", line: 3, column: 5, message: "Unexpected end of expression" },
      { path: "discount/commercial.scriban", line: null, column: null, message: "The text does not say no", kind: "discount", audience: "commercial", check: "saysNo" },
    ];
    const { api } = apiWith(() => json(400, { title: "The change was not saved", status: 400, errors: { "discount/commercial.scriban": ["(3,5) x"] }, problems }));
    const result = await api.saveDocument("discount/commercial.scriban", "{{ if }}", '"1"');
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error("expected invalid");
    expect(result.problems).toEqual(problems);
  });

  it("turns a plain validation problem (errors per field) into problems", () => {
    expect(problemsOf({ title: "One or more validation errors occurred.", errors: { content: ["The content is required."] } }, 400)).toEqual([
      { message: "content: The content is required." },
    ]);
    expect(problemsOf({ title: "The kind exists", detail: "There is already a kind 'discount'." }, 409)).toEqual([
      { message: "The kind exists. There is already a kind 'discount'." },
    ]);
  });

  it("maps 401 to signed out and 403 to not allowed, on reads and writes", async () => {
    const signedOut = await apiWith(() => new Response(null, { status: 401 })).api.catalog().catch((e: unknown) => e);
    expect(signedOut).toBeInstanceOf(AdminApiError);
    expect((signedOut as AdminApiError).kind).toBe("signedOut");
    const forbidden = await apiWith(() => new Response(null, { status: 403 })).api.saveDocument("facts.json", "{}", '"1"').catch((e: unknown) => e);
    expect((forbidden as AdminApiError).kind).toBe("notAllowed");
    expect((forbidden as AdminApiError).message).toMatch(/TemplateAdmin/);
  });

  it("is signed out without calling the API when there is no token", async () => {
    const { api, fetchMock } = apiWith(() => json(200, {}), null);
    const error = await api.catalog().catch((e: unknown) => e);
    expect((error as AdminApiError).kind).toBe("signedOut");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("maps a network failure to unreachable and other statuses to a described error", async () => {
    const down = await apiWith(() => Promise.reject(new TypeError("Failed to fetch"))).api.catalog().catch((e: unknown) => e);
    expect((down as AdminApiError).kind).toBe("unreachable");
    const notFound = await apiWith(() => json(404, { title: "No such document", detail: "There is no document 'x/kind.json'." })).api.document("x/kind.json").catch((e: unknown) => e);
    expect((notFound as AdminApiError).kind).toBe("other");
    expect((notFound as AdminApiError).message).toBe("No such document. There is no document 'x/kind.json'.");
  });

  it("sends If-Match on restore, facts and retire, and none on create", async () => {
    const { api, fetchMock } = apiWith(() => json(200, doc(3), { ETag: '"3"' }));
    await api.restore(11, '"2"');
    await api.saveFacts({ currency: "USD", facts: [{ name: "hourlyRate", value: 160, unit: "money", label: "Rate" }] }, '"5"', "Rate rise");
    await api.retireKind("scope", '"1"');
    await api.createKind({ id: "sponsorship", title: "Sponsorship", copyFrom: "discount" });
    const calls = fetchMock.mock.calls.map(([url, init]) => [String(url).replace("http://localhost:5180", ""), init!.method, header(init, "If-Match")]);
    expect(calls).toEqual([
      ["/api/templates/versions/11/restore", "POST", '"2"'],
      ["/api/facts", "PUT", '"5"'],
      ["/api/templates/kinds/scope/retire", "POST", '"1"'],
      ["/api/templates/kinds", "POST", undefined],
    ]);
    expect(JSON.parse(fetchMock.mock.calls[1]![1]!.body as string)).toEqual({
      currency: "USD",
      facts: [{ name: "hourlyRate", value: 160, unit: "money", label: "Rate" }],
      comment: "Rate rise",
    });
  });

  it("posts the import zip as application/zip", async () => {
    const { api, fetchMock } = apiWith(() => json(200, { imported: [{ path: "facts.json", version: 2 }], unchanged: 30, ignored: [] }));
    const zip = new Blob([new Uint8Array([80, 75, 3, 4])], { type: "application/zip" });
    const result = await api.importZip(zip);
    expect(result.ok && result.value.imported).toEqual([{ path: "facts.json", version: 2 }]);
    const [, init] = fetchMock.mock.calls[0]!;
    expect(header(init, "Content-Type")).toBe("application/zip");
    expect(init!.body).toBe(zip);
  });

  it("reads versions from ETags", () => {
    expect(versionFromEtag('"7"')).toBe(7);
    expect(versionFromEtag('W/"7"')).toBe(7);
    expect(versionFromEtag(null)).toBeNull();
    expect(versionFromEtag('"abc"')).toBeNull();
  });
});

describe("admin sign-in", () => {
  const jwt = (payload: object) =>
    ["e30", btoa(JSON.stringify(payload)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"), "sig"].join(".");

  it("moves ?token= into localStorage and out of the address", () => {
    localStorage.clear();
    history.replaceState(null, "", "/admin/?token=abc.def.ghi&x=1#doc=facts.json");
    const token = captureTokenFromUrl(window.location, window.history, localStorage);
    expect(token).toBe("abc.def.ghi");
    expect(localStorage.getItem(TOKEN_KEY)).toBe("abc.def.ghi");
    expect(window.location.search).toBe("?x=1");
    expect(window.location.hash).toBe("#doc=facts.json");
  });

  it("keeps a pasted token and forgets it on clear", async () => {
    localStorage.clear();
    const tokens = devTokenProvider(localStorage);
    expect(await tokens.getToken()).toBeNull();
    tokens.setToken("  pasted  ");
    expect(await tokens.getToken()).toBe("pasted");
    tokens.clear();
    expect(await tokens.getToken()).toBeNull();
  });

  it("reads the name and roles of a development token", () => {
    const admin = jwt({ name: "Tara Admin", role: "TemplateAdmin" });
    expect(readClaims(admin)).toEqual({ name: "Tara Admin", roles: ["TemplateAdmin"] });
    expect(mayAdminister(admin)).toBe(true);
    expect(mayAdminister(jwt({ name: "Sam", role: ["AccountManager", "ComplianceReviewer"] }))).toBe(false);
    expect(mayAdminister(jwt({ name: "Sam", roles: ["TemplateAdmin"] }))).toBe(true);
    // Not a readable JWT: the API decides.
    expect(mayAdminister("opaque-token")).toBe(true);
  });
});
