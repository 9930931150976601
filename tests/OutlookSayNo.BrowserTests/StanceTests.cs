using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The stance before the words: the pane says above the draft that this reply owns our part,
/// shows the customer's sentence that suggests it, and lets the account manager take another stance.</summary>
[Collection(PaneCollection.Name)]
public sealed class StanceTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private static OutlookItem LateOrder() => new()
    {
        Mode = "read",
        Subject = "Order 5521 still not delivered",
        Body = "<html><body><p>Hi Sam,</p><p>Order 5521 was due on 10 November and has still not arrived; nobody has replied to my two emails. " +
               "We now need the full order by 20 November.</p><p>Regards,<br>Nadia Okafor</p></body></html>",
        From = new Address("Nadia Okafor", "nadia.okafor@brightline-retail.com"),
        ItemId = "AAMkAGI2TG99AAA=",
        ConversationId = "AAQkAGI2conv0099",
    };

    [Fact]
    public async Task A_reported_failure_is_owned_above_the_draft_and_the_account_manager_can_say_a_plain_no()
    {
        await using var pane = await NewSession(ReadMode(LateOrder()));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        Assert.Equal("own_part", draft.GetProperty("stance").GetProperty("taken").GetString());

        var note = pane.Page.Locator("#stance-note");
        await Expect(note).ToContainTextAsync("Own our part");
        // Before the draft's text: the judgement comes before the words.
        var noteTop = (await note.BoundingBoxAsync())!.Y;
        var textTop = (await pane.Page.Locator("#draft-text").BoundingBoxAsync())!.Y;
        Assert.True(noteTop < textTop, $"The stance note ({noteTop}) is not above the draft ({textTop}).");
        await Expect(pane.Page.Locator(".stance-evidence").First).ToContainTextAsync("has still not arrived");
        await pane.ExpectDraftContains("You are right to");

        var second = await pane.RedraftAfter(() => pane.Page.Locator("#stance").SelectOptionAsync("refuse"));
        Assert.Equal("refuse", second.GetProperty("stance").GetProperty("taken").GetString());
        await pane.ExpectDraftLacks("You are right to");
        await Expect(note).ToHaveCountAsync(0);
        // The suggestion and its evidence stay visible, so the account manager can go back.
        await Expect(pane.Page.Locator("#stance-why")).ToContainTextAsync("Suggested: Own our part");
    }

    // $90 is within the $100 an account manager may concede without approval (the shipped discretionAmount).
    private static OutlookItem SmallClaim() => new()
    {
        Mode = "read",
        Subject = "Courier for the replacement part",
        Body = "<html><body><p>Hi Sam,</p><p>We would like you to cover the $90 cost of the extra courier we booked for the replacement part.</p>" +
               "<p>Thanks,<br>Priya Nair</p></body></html>",
        From = new Address("Priya Nair", "priya.nair@northwind-traders.com"),
        ItemId = "AAMkAGI2TG98AAA=",
        ConversationId = "AAQkAGI2conv0098",
    };

    [Fact]
    public async Task A_small_ask_gets_no_refusal_until_the_account_manager_asks_for_one()
    {
        await using var pane = await NewSession(ReadMode(SmallClaim()), 350, 800);
        var held = pane.Page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await pane.Open(Server.BaseAddress, Server.Token());
        Assert.Equal(422, (await held).Status);

        var card = pane.Page.Locator("#consider-yes");
        await Expect(card.Locator("h2")).ToHaveTextAsync("Consider a yes");
        await Expect(pane.Page.Locator("#consider-yes-why")).ToContainTextAsync("Amount the customer claims: $90");
        await Expect(card.Locator("blockquote")).ToContainTextAsync("cover the $90 cost of the extra courier");
        // Nothing to insert: no draft text and no insert button.
        await Expect(pane.Page.Locator("#draft-text")).ToHaveCountAsync(0);
        await Expect(pane.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Insert" })).ToHaveCountAsync(0);
        if (Environment.GetEnvironmentVariable("SAYNO_SCREENSHOTS") is { Length: > 0 } dir)
            await pane.Page.ScreenshotAsync(new() { Path = Path.Combine(dir, "pane-350-consider-yes.png"), FullPage = true });

        var draft = await pane.RedraftAfter(() => card.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Draft a no anyway" }).ClickAsync());
        Assert.Equal("refuse", draft.GetProperty("stance").GetProperty("taken").GetString());
        Assert.Equal("small", draft.GetProperty("stance").GetProperty("suggested").GetString());
        await Expect(pane.Page.Locator("#draft-text")).ToHaveCountAsync(1);
        await Expect(pane.Page.Locator("#stance-why")).ToContainTextAsync("Suggested: Consider a yes");

        // Choosing "Consider a yes" again takes the draft away.
        var again = pane.Page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await pane.Page.Locator("#stance").SelectOptionAsync("small");
        Assert.Equal(422, (await again).Status);
        await Expect(card).ToBeVisibleAsync();
        await Expect(pane.Page.Locator("#draft-text")).ToHaveCountAsync(0);
    }
}
