using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The start page (/) in Development: what the product is, where its pages are, and "sign in as"
/// each role, which opens the page signed in.</summary>
[Collection(SignInCollection.Name)]
public sealed class StartPageTests(SignInFixture fixture, ITestOutputHelper output)
{
    static StartPageTests() => SetDefaultExpectTimeout(15_000);

    private Uri Base => fixture.Development.BaseAddress;

    private async Task<IPage> OpenStart()
    {
        var page = await fixture.NewPage(output);
        await page.GotoAsync(Base.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Say no to a customer, well" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task The_start_page_says_what_the_product_is_and_links_every_page()
    {
        var page = await OpenStart();

        await Expect(page.GetByText("Outlook add-in for account managers")).ToBeVisibleAsync();
        foreach (var (name, path) in new[] { ("The pane", "/try/"), ("Template admin", "/admin/"), ("Compliance review", "/compliance/"), ("API reference (Swagger)", "/swagger") })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("href", path);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in as account manager" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_in_as_template_admin_opens_the_admin_page_signed_in()
    {
        var page = await OpenStart();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as template admin" }).ClickAsync();

        await Expect(page.GetByTestId("kind-discount")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Dana Admin");
        // The token went from the address into the page's storage.
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_as_compliance_reviewer_opens_the_review_page_as_a_reviewer()
    {
        var page = await OpenStart();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as compliance reviewer" }).ClickAsync();

        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Compliance reviewer");
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Riley Reviewer");
    }

    [Fact]
    public async Task Sign_in_as_account_manager_hands_the_pane_a_token_the_api_accepts()
    {
        var page = await OpenStart();
        // The demo pane is another page's work; here it only has to receive the token.
        await page.RouteAsync("**/try/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<!doctype html><title>pane</title><p>pane</p>" }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as account manager" }).ClickAsync();
        // The first sign-in of a server runs its sign-in path cold (token, data protection) while the suite starts
        // its other servers and browsers on two cores: it once took longer than Playwright's 15 s default.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/try/", new() { Timeout = 60_000 });

        var stored = await page.EvaluateAsync<string?>("() => localStorage.getItem('outlooksayno.devToken')");
        Assert.NotNull(stored);
        Assert.Equal(stored, System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["token"]);
        Assert.Contains(new JwtSecurityTokenHandler().ReadJwtToken(stored).Claims, c => c.Type == "role" && c.Value == "AccountManager");
        using var client = new HttpClient { BaseAddress = Base };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stored);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/templates")).StatusCode);
    }
}
