using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

/// <summary>Who may call what, for every route the API maps: one row per method and route pattern with
/// the roles it needs (or none: anonymous), run for an anonymous caller, a signed-in user with no role,
/// and each role. Anonymous gets 401 on every protected route, a caller without a needed role 403, and
/// a caller with one anything but 401, 403 or a 5xx. The requests an allowed caller sends are built to
/// change nothing (an invalid body, an unknown id, a missing If-Match, a purge without confirm), so one
/// API serves the whole table. A second test compares the table with the endpoints the running app
/// maps, so a new route cannot ship without a row that decides who may call it.</summary>
public sealed class AuthorizationMatrixTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    public const string Anonymous = "anonymous";
    public const string NoRole = "no role";
    private const string AccountManager = "AccountManager";
    private const string TemplateAdmin = "TemplateAdmin";
    private const string ComplianceReviewer = "ComplianceReviewer";

    private const string Allowed = "allowed";
    private const string Unauthorized = "401";
    private const string Forbidden = "403";

    private const string JsonType = "application/json";

    /// <summary>One row of the table. <paramref name="Pattern"/> is the route pattern as the app reports it
    /// (a group's own route ends in a slash: <c>/api/facts/</c>), <paramref name="Path"/> what the test
    /// requests. <paramref name="Method"/> is <c>*</c> for an endpoint mapped for any
    /// method (health checks); the request then uses GET. <paramref name="Roles"/> null: anonymous is allowed.
    /// <paramref name="Endpoint"/> false: served by middleware before routing (Swagger, static files), so
    /// not among the app's endpoints.</summary>
    public sealed record Row(string Method, string Pattern, string Path, string[]? Roles, string? Body = null, string ContentType = JsonType, bool Endpoint = true)
    {
        public string Key => $"{Method} {Pattern}";
    }

    private static readonly string[] AnyRole = [AccountManager, TemplateAdmin, ComplianceReviewer];
    private static readonly string[] Managers = [AccountManager];
    private static readonly string[] Admins = [TemplateAdmin];
    private static readonly string[] Reviewers = [ComplianceReviewer];
    /// <summary>The compliance read policy: a reviewer sees every draft, an account manager their own.</summary>
    private static readonly string[] ReviewersAndManagers = [ComplianceReviewer, AccountManager];

    public static readonly Row[] Routes =
    [
        // Anonymous by design: health, the add-in's manifest and allow-list, and the pages (each signs in by itself).
        new("*", "/healthz", "/healthz", null),
        new("GET", "/addin/manifest.xml", "/addin/manifest.xml", null),
        new("GET", "/addin/config.json", "/addin/config.json", null),
        new("GET", "/.well-known/microsoft-officeaddins-allowed.json", "/.well-known/microsoft-officeaddins-allowed.json", null),
        new("GET", "/admin/", "/admin/", null),
        new("GET", "/compliance/", "/compliance/", null),
        new("GET", "/try/", "/try/", null), // Development only (TryPageApiTests: absent in production)
        new("GET", "/", "/", null),
        // Development only (DevSignInTests: absent elsewhere): "sign in as" on the start page mints a token for anyone who asks.
        new("POST", "/dev/token", "/dev/token", null, """{"role":"AccountManager"}"""),
        new("GET", "/swagger/index.html", "/swagger/index.html", null, Endpoint: false),
        new("GET", "/swagger/v1/swagger.json", "/swagger/v1/swagger.json", null, Endpoint: false),
        new("GET", "/addin/taskpane.html", "/addin/taskpane.html", null, Endpoint: false),

        // Account managers: classify, draft, record what happened to their draft.
        new("POST", "/api/classify/", "/api/classify", Managers, "{}"),
        new("POST", "/api/drafts/", "/api/drafts", Managers, "{}"),
        new("POST", "/api/drafts/{id}/events", "/api/drafts/no-such-draft/events", Managers, """{"type":"inserted"}"""),
        // ... and work in their own mailbox through Graph.
        new("POST", "/api/drafts/{id}/reply-draft", "/api/drafts/no-such-draft/reply-draft", Managers, "{}"),
        new("POST", "/api/drafts/{id}/confirm-sent", "/api/drafts/no-such-draft/confirm-sent", Managers, "{}"),

        // Templates: every role reads; only a TemplateAdmin changes, validates, previews, exports or imports.
        new("GET", "/api/templates/", "/api/templates", AnyRole),
        new("GET", "/api/templates/documents/{**path}", "/api/templates/documents/discount/commercial.scriban", AnyRole),
        new("GET", "/api/templates/history", "/api/templates/history?path=discount/commercial.scriban", AnyRole),
        new("GET", "/api/templates/changes", "/api/templates/changes", AnyRole),
        new("GET", "/api/templates/versions/{id:long}", "/api/templates/versions/1", AnyRole),
        new("GET", "/api/templates/diff", "/api/templates/diff?from=1&to=2", AnyRole),
        new("GET", "/api/templates/conflicts", "/api/templates/conflicts", AnyRole),
        new("GET", "/api/facts/", "/api/facts", AnyRole),
        new("GET", "/api/templates/export", "/api/templates/export", Admins),
        new("PUT", "/api/templates/documents/{**path}", "/api/templates/documents/discount/commercial.scriban", Admins, "{}"),
        new("POST", "/api/templates/versions/{id:long}/restore", "/api/templates/versions/1/restore", Admins, "{}"),
        new("POST", "/api/templates/validate", "/api/templates/validate", Admins, "{}"),
        new("POST", "/api/templates/preview", "/api/templates/preview", Admins, "{}"),
        new("POST", "/api/templates/kinds", "/api/templates/kinds", Admins, "{}"),
        new("POST", "/api/templates/kinds/{id}/retire", "/api/templates/kinds/discount/retire", Admins, "{}"),
        new("POST", "/api/templates/import", "/api/templates/import", Admins, "not a zip", "application/zip"),
        new("POST", "/api/templates/conflicts/resolve", "/api/templates/conflicts/resolve", Admins, "{}"),
        new("PUT", "/api/facts/", "/api/facts", Admins, "{}"),

        // Compliance: search and detail for reviewers and (own drafts only) account managers; the rest reviewers only.
        new("GET", "/api/compliance/drafts", "/api/compliance/drafts", ReviewersAndManagers),
        new("GET", "/api/compliance/drafts/{id}", "/api/compliance/drafts/no-such-draft", ReviewersAndManagers),
        new("POST", "/api/compliance/drafts/{id}/actions", "/api/compliance/drafts/no-such-draft/actions", Reviewers, """{"type":"reviewed"}"""),
        new("GET", "/api/compliance/export.csv", "/api/compliance/export.csv", Reviewers),
        new("GET", "/api/compliance/log", "/api/compliance/log", Reviewers),
        new("GET", "/api/compliance/verify", "/api/compliance/verify", Reviewers),
        new("POST", "/api/compliance/purge", "/api/compliance/purge", Reviewers, """{"confirm":false}"""),
        new("GET", "/api/compliance/dashboard", "/api/compliance/dashboard", Reviewers),
    ];

    private static readonly string[] Callers = [Anonymous, NoRole, AccountManager, TemplateAdmin, ComplianceReviewer];

    private static string Expected(Row row, string caller) =>
        row.Roles is null ? Allowed
        : caller == Anonymous ? Unauthorized
        : row.Roles.Contains(caller) ? Allowed
        : Forbidden;

    public static TheoryData<string, string, string, string> Table()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Routes)
            foreach (var caller in Callers)
                data.Add(row.Method, row.Pattern, caller, Expected(row, caller));
        return data;
    }

    private HttpClient Client(string caller)
    {
        var client = factory.CreateClient();
        if (caller != Anonymous)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(caller == NoRole ? null : caller, "Casey Caller"));
        return client;
    }

    private static HttpRequestMessage Request(Row row)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method == "*" ? "GET" : row.Method), row.Path);
        if (row.Body is not null) request.Content = new StringContent(row.Body, Encoding.UTF8, row.ContentType);
        return request;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_route_answers_each_caller_as_its_roles_say(string method, string pattern, string caller, string expected)
    {
        var row = Routes.Single(r => r.Method == method && r.Pattern == pattern);

        var response = await Client(caller).SendAsync(Request(row));

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        switch (expected)
        {
            case Unauthorized:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{caller} {method} {row.Path}: expected 401, got {status} {text}");
                break;
            case Forbidden:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{caller} {method} {row.Path}: expected 403, got {status} {text}");
                break;
            default:
                Assert.True(status is not (401 or 403), $"{caller} was refused {method} {row.Path}: {status} {text}");
                Assert.True(status < 500, $"{method} {row.Path} failed for {caller}: {status} {text}");
                break;
        }
    }

    [Fact]
    public void Every_route_the_api_maps_has_a_row_and_every_row_names_a_mapped_route()
    {
        var mapped = factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var rows = Routes.Where(r => r.Endpoint).Select(r => r.Key).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());

        var problems = new List<string>();
        problems.AddRange(mapped.Except(rows).Order().Select(k => $"{k} is mapped but has no row: decide who may call it (AuthorizationMatrixTests.Routes)."));
        problems.AddRange(rows.Except(mapped).Select(k => $"{k} has a row but the API no longer maps it."));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_requests_the_allowed_callers_send_change_nothing()
    {
        var before = await Counts();

        foreach (var row in Routes)
            foreach (var caller in Callers.Where(c => Expected(row, c) == Allowed))
                await Client(caller).SendAsync(Request(row));

        Assert.Equal(before, await Counts());
        var changes = await (await Client(TemplateAdmin).GetAsync("/api/templates/changes?take=500")).ReadNodeAsync();
        Assert.All(changes["items"]!.AsArray(), c => Assert.Equal("seed", c!["origin"]!.GetValue<string>()));
    }

    private async Task<(int Log, long Head, int Drafts, int TemplateVersions)> Counts()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        return (await db.Log.CountAsync(), (await db.LogHead.SingleOrDefaultAsync())?.Seq ?? 0, await db.Drafts.CountAsync(), await db.TemplateVersions.CountAsync());
    }
}
