using Microsoft.Playwright;
using OutlookSayNo.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(AdminCollection.Name)]
public sealed class AdminSignInTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    private const string TokenCommand = "dotnet user-jwts create --project api --role TemplateAdmin";

    [Fact]
    public async Task Without_a_token_the_page_explains_how_to_sign_in_and_a_pasted_token_signs_in()
    {
        await using var admin = await NewSession();
        await admin.Open(SharedServer.BaseAddress);

        var signIn = admin.TestId("signin");
        await Expect(signIn.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(signIn).ToContainTextAsync(TokenCommand);
        await Expect(admin.TestId("catalog")).ToHaveCountAsync(0);

        await signIn.GetByLabel("Development token").FillAsync(SharedServer.Token("TemplateAdmin", "Tara Admin"));
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(admin.TestId("kind-discount")).ToBeVisibleAsync();
        await Expect(admin.TestId("user")).ToHaveTextAsync("Tara Admin");

        // The token is kept: a reload stays signed in; signing out forgets it.
        await admin.Page.ReloadAsync();
        await Expect(admin.TestId("kind-discount")).ToBeVisibleAsync();
        await admin.TestId("signout").ClickAsync();
        await Expect(admin.TestId("signin")).ToBeVisibleAsync();
        await admin.Page.ReloadAsync();
        await Expect(admin.TestId("signin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_token_the_API_refuses_shows_the_signed_out_state()
    {
        await using var admin = await NewSession();
        var refused = admin.Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/templates", StringComparison.Ordinal));
        // Signed with another key: the API answers 401.
        await admin.Open(SharedServer.BaseAddress, new DevTokens().Create("TemplateAdmin", "Tara Admin"));

        Assert.Equal(401, (await refused).Status);
        await Expect(admin.TestId("signin")).ToBeVisibleAsync();
        await Expect(admin.TestId("signin-reason")).ToContainTextAsync("The API refused your token");
        Assert.Null(await admin.Page.EvaluateAsync<string?>("() => localStorage.getItem('outlooksayno.adminToken')"));
    }

    [Fact]
    public async Task An_account_manager_sees_the_wrong_role_state()
    {
        await using var admin = await NewSession();
        await admin.Open(SharedServer.BaseAddress, SharedServer.Token("AccountManager", "Sam Carter"));

        var forbidden = admin.TestId("forbidden");
        await Expect(forbidden.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Your account does not have the TemplateAdmin role");
        await Expect(forbidden).ToContainTextAsync("You are signed in as Sam Carter.");
        await Expect(forbidden).ToContainTextAsync(TokenCommand);
        await Expect(admin.TestId("catalog")).ToHaveCountAsync(0);

        await forbidden.GetByRole(AriaRole.Button, new() { Name = "Use another token" }).ClickAsync();
        await Expect(admin.TestId("signin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_403_from_the_API_shows_the_wrong_role_state()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);
        await admin.OpenDocument(CommercialTemplate);

        // The role was taken away after sign-in: the next write is refused.
        await admin.Page.RouteAsync("**/api/templates/validate", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 403,
            ContentType = "application/problem+json",
            Body = """{"title":"Forbidden","status":403}""",
        }));
        await admin.TestId("validate").ClickAsync();
        await Expect(admin.TestId("forbidden")).ToContainTextAsync("Your account does not have the TemplateAdmin role");
    }
}
