using System.Net;

namespace OutlookSayNo.ApiTests;

public sealed class SecurityHeadersTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private static string Csp(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

    private static void HasCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task A_JSON_route_answers_with_nosniff_no_referrer_and_a_policy_that_loads_nothing()
    {
        var response = await factory.ClientAs().PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HasCommonHeaders(response);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Csp(response));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/api/no-such-route", null, HttpStatusCode.NotFound)]
    [InlineData("/api/templates", null, HttpStatusCode.Unauthorized)]
    public async Task Problem_responses_carry_the_headers_too(string url, string? role, HttpStatusCode expected)
    {
        var response = await factory.ClientAs(role).GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        HasCommonHeaders(response);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Csp(response));
    }

    [Fact]
    public async Task A_413_from_the_request_limit_carries_the_headers()
    {
        var response = await factory.ClientAs().PostJsonAsync("/api/classify", Json.Email(new string('a', 300 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        HasCommonHeaders(response);
        Assert.Contains("frame-ancestors 'none'", Csp(response));
    }

    [Fact]
    public async Task The_task_pane_may_be_framed_by_Outlook_and_loads_office_js_from_its_CDN()
    {
        var response = await factory.CreateClient().GetAsync("/addin/taskpane.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HasCommonHeaders(response);
        var csp = Csp(response);
        var ancestors = Directive(csp, "frame-ancestors");
        Assert.Contains("https://outlook.office.com", ancestors);
        Assert.Contains("https://outlook.office365.com", ancestors);
        Assert.Contains("'self'", ancestors);
        Assert.DoesNotContain("'none'", ancestors);
        // Only Outlook's own hosts: no wildcard lets any page on a Microsoft or Office domain frame the pane.
        Assert.DoesNotContain("*", ancestors);
        Assert.All(ancestors.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => a != "'self'"), a => Assert.StartsWith("https://outlook.", a));
        Assert.Contains("https://appsforoffice.microsoft.com", Directive(csp, "script-src"));
        Assert.Contains("https://login.microsoftonline.com", Directive(csp, "connect-src"));
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("unsafe-inline", Directive(csp, "script-src"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    [Theory]
    [InlineData("/admin/")]
    [InlineData("/admin/admin.js")]
    [InlineData("/compliance/")]
    [InlineData("/")]
    public async Task The_admin_compliance_and_start_pages_are_never_framed_and_load_only_their_own_files(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HasCommonHeaders(response);
        var csp = Csp(response);
        Assert.Equal("'none'", Directive(csp, "frame-ancestors"));
        Assert.Equal("'self'", Directive(csp, "script-src"));
        // Besides their own API, the pages connect only to Entra, to sign in with MSAL.
        Assert.Equal("'self' https://login.microsoftonline.com", Directive(csp, "connect-src"));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // Only the admin page's editor (CodeMirror) needs inline styles.
        Assert.Equal(url.StartsWith("/admin", StringComparison.Ordinal) ? "'self' 'unsafe-inline'" : "'self'", Directive(csp, "style-src"));
    }

    [Fact]
    public async Task Only_swagger_gets_the_inline_scripts_its_page_needs()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HasCommonHeaders(response);
        var csp = Csp(response);
        Assert.Contains("'unsafe-inline'", Directive(csp, "script-src"));
        Assert.Equal("'none'", Directive(csp, "frame-ancestors"));
        Assert.DoesNotContain("unsafe-eval", csp);
        // Sign-in with PKCE redeems the code at Entra's token endpoint from the page.
        Assert.Equal("'self' https://login.microsoftonline.com", Directive(csp, "connect-src"));
    }

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];
}
