using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OutlookSayNo.ApiTests;

/// <summary>Who may do what on the template administration routes: everyone signed in with a role
/// reads; only a TemplateAdmin changes, validates, previews, exports or imports. The requests an
/// admin is allowed to send are built so that none of them changes anything, so one API serves
/// the whole table.</summary>
public sealed class TemplatesAuthorizationTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    public const string Anonymous = "anonymous";
    public const string NoRole = "no role";

    private const string Allowed = "allowed";
    private const string Unauthorized = "401";
    private const string Forbidden = "403";

    /// <summary>Every route, with a body that is harmless for an admin (it is refused as invalid or
    /// lacks If-Match), and whether only a TemplateAdmin may call it.</summary>
    private static readonly (string Method, string Route, string? Body, string ContentType, bool AdminOnly)[] Routes =
    [
        ("GET", "/api/templates", null, "", false),
        ("GET", "/api/templates/documents/discount/commercial.scriban", null, "", false),
        ("GET", "/api/templates/history?path=discount/commercial.scriban", null, "", false),
        ("GET", "/api/templates/changes", null, "", false),
        ("GET", "/api/templates/versions/1", null, "", false),
        ("GET", "/api/templates/diff?from=1&to=2", null, "", false),
        ("GET", "/api/templates/conflicts", null, "", false),
        ("GET", "/api/facts", null, "", false),
        ("GET", "/api/templates/export", null, "", true),
        ("PUT", "/api/templates/documents/discount/commercial.scriban", "{}", "application/json", true),
        ("POST", "/api/templates/versions/1/restore", "{}", "application/json", true),
        ("POST", "/api/templates/validate", "{}", "application/json", true),
        ("POST", "/api/templates/preview", "{}", "application/json", true),
        ("POST", "/api/templates/kinds", "{}", "application/json", true),
        ("POST", "/api/templates/kinds/discount/retire", "{}", "application/json", true),
        ("POST", "/api/templates/import", "not a zip", "application/zip", true),
        ("POST", "/api/templates/conflicts/resolve", "{}", "application/json", true),
        ("PUT", "/api/facts", "{}", "application/json", true),
    ];

    private static readonly string[] Callers = [Anonymous, NoRole, "AccountManager", "TemplateAdmin", "ComplianceReviewer"];

    public static TheoryData<string, string, string, string> Table()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (method, route, _, _, adminOnly) in Routes)
            foreach (var caller in Callers)
            {
                var expected = caller switch
                {
                    Anonymous => Unauthorized,
                    NoRole => Forbidden,
                    "TemplateAdmin" => Allowed,
                    _ => adminOnly ? Forbidden : Allowed,
                };
                data.Add(method, route, caller, expected);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_template_route_answers_each_caller_as_the_roles_say(string method, string route, string caller, string expected)
    {
        var (_, _, body, contentType, _) = Routes.Single(r => r.Method == method && r.Route == route);
        var client = factory.CreateClient();
        if (caller != Anonymous)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(caller == NoRole ? null : caller, "Casey Caller"));
        var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);

        var response = await client.SendAsync(request);

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        switch (expected)
        {
            case Unauthorized:
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                break;
            case Forbidden:
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                break;
            default:
                Assert.True(status is not (401 or 403), $"{caller} was refused {method} {route}: {status} {text}");
                Assert.True(status < 500, $"{method} {route} failed for {caller}: {status} {text}");
                break;
        }
    }

    [Fact]
    public async Task The_admin_requests_in_the_table_change_nothing()
    {
        var admin = factory.ClientAs("TemplateAdmin", "Dana Admin");
        foreach (var (method, route, body, contentType, _) in Routes)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), route);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
            await admin.SendAsync(request);
        }

        var changes = await (await admin.GetAsync("/api/templates/changes?take=500")).ReadNodeAsync();
        Assert.All(changes["items"]!.AsArray(), c => Assert.Equal("seed", c!["origin"]!.GetValue<string>()));
    }
}
