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
}
