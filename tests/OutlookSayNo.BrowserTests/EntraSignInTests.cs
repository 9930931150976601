using Microsoft.Playwright;
using OutlookSayNo.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>Production sign-in on the admin, compliance and start pages: MSAL's redirect flow against the
/// loopback identity provider, with the client id and authority the API serves at /addin/config.json,
/// and the access token the API then checks (Microsoft.Identity.Web, the fake's keys).</summary>
[Collection(SignInCollection.Name)]
public sealed class EntraSignInTests(SignInFixture fixture, ITestOutputHelper output)
{
    static EntraSignInTests() => SetDefaultExpectTimeout(15_000);

    private EntraPagesServer Server => fixture.Entra;

    /// <summary>Opens a page signed out, signs in as <paramref name="user"/> with the page's button, and
    /// returns when the browser is back on the page.</summary>
    private async Task<IPage> SignIn(string path, EntraUser user)
    {
        Server.Entra.SignedInUser = user;
        var page = await fixture.NewPage(output);
        await page.GotoAsync(new Uri(Server.BaseAddress, path).ToString());
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your work account" });
        await Expect(button).ToBeVisibleAsync();
        // Development sign-in is not offered in production.
        await Expect(page.GetByLabel("Development token")).ToHaveCountAsync(0);
        await button.ClickAsync();
        return page;
    }

    private bool FakeWasAskedForACode() =>
        Server.Entra.Requests.Any(r => r.StartsWith("GET /" + EntraPagesServer.TenantId + "/oauth2/v2.0/authorize", StringComparison.Ordinal))
        && Server.Entra.Requests.Any(r => r.StartsWith("POST /" + EntraPagesServer.TenantId + "/oauth2/v2.0/token", StringComparison.Ordinal) && r.EndsWith("-> 200", StringComparison.Ordinal));

    [Fact]
    public async Task A_template_admin_signs_in_on_the_admin_page_with_entra_and_stays_signed_in()
    {
        var page = await SignIn("admin/", new EntraUser("Tara Admin", "TemplateAdmin"));

        await Expect(page.GetByTestId("kind-discount")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Tara Admin");
        Assert.True(FakeWasAskedForACode());
        Assert.Equal("/admin/", new Uri(page.Url).AbsolutePath);

        // The sign-in is kept (MSAL's cache): a reload needs no second visit to Entra.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("kind-discount")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_account_without_the_admin_role_gets_a_plain_refusal_on_the_admin_page()
    {
        var page = await SignIn("admin/", new EntraUser("Sam Carter", "AccountManager"));

        var forbidden = page.GetByTestId("forbidden");
        await Expect(forbidden.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Your account does not have the TemplateAdmin role");
        await Expect(forbidden).ToContainTextAsync("You are signed in as Sam Carter.");
        await Expect(forbidden).Not.ToContainTextAsync("dotnet user-jwts");
        await Expect(page.GetByTestId("kind-discount")).ToHaveCountAsync(0);

        await forbidden.GetByRole(AriaRole.Button, new() { Name = "Sign in as someone else" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your work account" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_compliance_reviewer_signs_in_on_the_compliance_page_with_entra()
    {
        var page = await SignIn("compliance/", new EntraUser("Riley Reviewer", "ComplianceReviewer"));

        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Compliance reviewer");
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Riley Reviewer");
        Assert.Equal("/compliance/", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task An_account_with_no_role_gets_a_plain_refusal_on_the_compliance_page()
    {
        var page = await SignIn("compliance/", new EntraUser("Pat Visitor"));

        var forbidden = page.GetByTestId("forbidden");
        await Expect(forbidden.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Your account does not have the ComplianceReviewer role");
        await Expect(forbidden).ToContainTextAsync("You are signed in as Pat Visitor.");
    }

    [Fact]
    public async Task In_production_the_start_page_shows_its_links_after_entra_sign_in_and_no_sign_in_as()
    {
        Server.Entra.SignedInUser = new EntraUser("Dana Admin", "TemplateAdmin");
        var page = await fixture.NewPage(output);
        await page.GotoAsync(Server.BaseAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Template admin" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your work account" }).ClickAsync();

        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Signed in as Dana Admin.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Template admin" })).ToHaveAttributeAsync("href", "/admin/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Compliance review" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Sign in as") })).ToHaveCountAsync(0);
        // The demo pane is for development; in production the pane is in Outlook.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "The pane" })).ToHaveCountAsync(0);

        // One sign-in serves the site: the admin page opens signed in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Template admin" }).ClickAsync();
        await Expect(page.GetByTestId("kind-discount")).ToBeVisibleAsync();
    }
}
