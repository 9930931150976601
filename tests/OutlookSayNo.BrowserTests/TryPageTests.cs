using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The /try/ page: the real pane, framed beside a sample inbox, with the office.js stand-in; a newcomer
/// gets from an email to a reply without Outlook.</summary>
[Collection(PaneCollection.Name)]
public sealed class TryPageTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private const string Added = "P.S. Edited on the try page.";

    [Fact]
    public async Task A_newcomer_drafts_switches_audience_and_kind_edits_and_sees_the_text_in_the_reply()
    {
        await using var context = await NewContext();
        var page = await context.NewPageAsync();
        var pane = page.FrameLocator("#pane");

        var first = await Draft(page, () => page.GotoAsync(Url("try/?token=" + Uri.EscapeDataString(Server.Token()))));
        Assert.Equal("discount", first.GetProperty("category").GetString());
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#message-subject")).ToHaveTextAsync("Price adjustment on your account");
        await Expect(pane.Locator("#draft-text")).ToHaveValueAsync(first.GetProperty("text").GetString()!);

        var finance = first.GetProperty("audience").GetString() == "finance" ? "commercial" : "finance";
        var byAudience = await Draft(page, () => pane.Locator($"#audience-{finance}").CheckAsync());
        Assert.Equal(finance, byAudience.GetProperty("audience").GetString());

        var byKind = await Draft(page, async () =>
        {
            await pane.Locator("#chip-kind").ClickAsync();
            await pane.Locator("#kind").SelectOptionAsync("payment_terms");
        });
        Assert.Equal("payment_terms", byKind.GetProperty("category").GetString());
        var text = byKind.GetProperty("text").GetString()!;
        await Expect(pane.Locator("#draft-text")).ToHaveValueAsync(text);

        await pane.Locator("#draft-text").FillAsync(text + "\n\n" + Added);
        await Expect(page.Locator("#reply")).ToBeHiddenAsync();
        await pane.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true }).ClickAsync();

        await Expect(page.Locator("#reply")).ToBeVisibleAsync();
        await Expect(page.Locator("#reply")).ToContainTextAsync("To: Carla Mendes <carla.mendes@harbourline-retail.com>");
        await Expect(page.Locator("#reply")).ToContainTextAsync("Subject: RE: Price adjustment on your account");
        await Expect(page.Locator("#reply-body")).ToHaveValueAsync(new Regex(Regex.Escape(Added) + "$"));
        // The reply is the draft as the pane inserted it: its first paragraph, as text.
        var opening = text.Split('\n')[0];
        await Expect(page.Locator("#reply-body")).ToHaveValueAsync(new Regex("^" + Regex.Escape(opening)));
    }

    [Fact]
    public async Task Another_email_from_the_inbox_or_a_pasted_one_goes_to_the_pane_and_one_without_an_ask_gets_no_draft()
    {
        await using var context = await NewContext();
        var page = await context.NewPageAsync();
        var pane = page.FrameLocator("#pane");
        await Draft(page, () => page.GotoAsync(Url("try/?token=" + Uri.EscapeDataString(Server.Token()))));

        var deadline = await Draft(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Rush order" }).ClickAsync());
        Assert.Equal("deadline", deadline.GetProperty("category").GetString());
        await Expect(page.Locator("#message-subject")).ToHaveTextAsync("Rush order: colour copies by Monday");
        await Expect(pane.Locator("#draft-text")).ToHaveValueAsync(deadline.GetProperty("text").GetString()!);

        await page.GetByRole(AriaRole.Button, new() { Name = "New billing address" }).ClickAsync();
        await Expect(pane.Locator("section.problem[role=alert]")).ToBeVisibleAsync();
        await Expect(pane.Locator("#draft-text")).ToHaveCountAsync(0);

        await page.GetByText("Paste an email").ClickAsync();
        await page.Locator("#paste-body").FillAsync("Hi Sam,\n\nCould you take 15% off the $48,000 renewal?\n\nThanks,\nPriya Nair\nHead of Finance");
        await page.Locator("#paste-subject").FillAsync("Renewal 2027");
        var pasted = await Draft(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Open in the pane" }).ClickAsync());
        Assert.Equal("discount", pasted.GetProperty("category").GetString());
        await Expect(page.Locator("#message-subject")).ToHaveTextAsync("Renewal 2027");
        await Expect(page.Locator(".inbox-item[aria-current=true]")).ToContainTextAsync("Renewal 2027");
    }

    [Fact]
    public async Task Without_a_token_the_page_says_how_to_sign_in_and_shows_no_pane()
    {
        await using var context = await NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("try/"));

        await Expect(page.Locator("#sign-in-help")).ToContainTextAsync("Sign in to try the pane");
        await Expect(page.Locator("#sign-in-help a[href='/']")).ToHaveTextAsync("start page");
        await Expect(page.Locator("#pane")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_token_kept_from_an_earlier_visit_signs_the_pane_in()
    {
        await using var context = await NewContext();
        var page = await context.NewPageAsync();
        await Draft(page, () => page.GotoAsync(Url("try/?token=" + Uri.EscapeDataString(Server.Token()))));

        var again = await Draft(page, () => page.GotoAsync(Url("try/")));
        Assert.Equal("discount", again.GetProperty("category").GetString());
    }

    private string Url(string path) => new Uri(Server.BaseAddress, path).ToString();

    /// <summary>A browser context in which nothing off this machine can be reached, and page errors are reported.</summary>
    private async Task<IBrowserContext> NewContext()
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 950 } });
        context.SetDefaultTimeout(15_000);
        await context.RouteAsync(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host != "127.0.0.1", route => route.AbortAsync("blockedbyclient"));
        context.Page += (_, page) =>
        {
            page.PageError += (_, error) => Output.WriteLine($"page error: {error}");
            page.Console += (_, message) => { if (message.Type is "error") Output.WriteLine($"console: {message.Text}"); };
        };
        return context;
    }

    /// <summary>Runs <paramref name="action"/> and returns the draft the pane asked for because of it.</summary>
    private static async Task<JsonElement> Draft(IPage page, Func<Task> action)
    {
        var response = await page.RunAndWaitForResponseAsync(action,
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal) && r.Status == 200);
        return await response.JsonAsync() ?? throw new InvalidOperationException("The draft response had no JSON body.");
    }
}
