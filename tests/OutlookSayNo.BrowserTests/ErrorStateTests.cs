using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class ErrorStateTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private const string Unreachable = "Say no cannot reach its service";

    [Fact]
    public async Task When_the_API_stops_the_pane_says_it_cannot_reach_the_service()
    {
        // Its own API, so stopping it leaves the other tests' server running.
        var server = new PaneServer().Start();
        await using var pane = await NewSession(ReadMode());
        try
        {
            await pane.OpenAndWaitForDraft(server.BaseAddress, server.Token());
            await Expect(pane.Draft).ToBeVisibleAsync();
            await pane.WaitForCall("mailbox.addHandlerAsync");
        }
        finally
        {
            server.Dispose();
        }

        // Outlook selects another email: the pinned pane reads it and calls the stopped API.
        await pane.Page.EvaluateAsync($"() => window.__office.selectItem({OfficeHarness.ItemJson(CustomerEmails.DiscountRead())})");

        await Expect(pane.Alert.Locator("h2")).ToHaveTextAsync(Unreachable);
        await Expect(pane.Alert).ToContainTextAsync("The OutlookSayNo service is not answering.");
        await Expect(pane.Alert.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync(Unreachable);
    }

    [Fact]
    public async Task When_the_API_cannot_be_reached_from_the_start_the_pane_says_so_and_recovers_on_try_again()
    {
        await using var pane = await NewSession(ReadMode());
        var blocked = true;
        await pane.Page.RouteAsync("**/api/**", route => blocked ? route.AbortAsync("connectionrefused") : route.ContinueAsync());

        await pane.Open(Server.BaseAddress, Server.Token());
        await Expect(pane.Alert.Locator("h2")).ToHaveTextAsync(Unreachable);

        blocked = false;
        await pane.Alert.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await pane.ExpectDraftContains("We can't agree to");
    }

    [Fact]
    public async Task A_signed_in_user_without_the_account_manager_role_sees_the_not_allowed_state()
    {
        await using var pane = await NewSession(ReadMode());
        var forbidden = pane.Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));

        await pane.Open(Server.BaseAddress, Server.Token(role: "TemplateAdmin", name: "Tara Admin"));

        Assert.Equal(403, (await forbidden).Status);
        await Expect(pane.Alert.Locator("h2")).ToHaveTextAsync("Your account is not allowed to draft replies");
        await Expect(pane.Alert).ToContainTextAsync("Drafting needs the Account manager role.");
        await Expect(pane.Draft).ToHaveCountAsync(0);
        // The email it was asked about stays named.
        await Expect(pane.Page.Locator(".email-subject")).ToHaveTextAsync(CustomerEmails.DiscountSubject);
    }

    [Fact]
    public async Task An_email_with_nothing_to_refuse_shows_the_no_ask_state_with_a_way_to_draft_anyway()
    {
        await using var pane = await NewSession(ReadMode(CustomerEmails.ThanksRead()));
        var noAsk = pane.Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));

        await pane.Open(Server.BaseAddress, Server.Token());

        Assert.Equal(422, (await noAsk).Status);
        await Expect(pane.Alert.Locator("h2")).ToHaveTextAsync("Nothing to say no to");
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("No refusable ask found.");
        await Expect(pane.Draft).ToHaveCountAsync(0);

        // The account manager can still pick a kind and draft a no.
        await pane.Page.Locator("#noask-kind").SelectOptionAsync("scope");
        await pane.Page.GetByRole(AriaRole.Button, new() { Name = "Draft a no anyway" }).ClickAsync();
        await Expect(pane.Draft).ToBeVisibleAsync();
        await Expect(pane.Page.Locator("#chip-kind")).ToContainTextAsync("Extra work without extra pay");
    }
}
