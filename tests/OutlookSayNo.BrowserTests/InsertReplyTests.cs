using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class InsertReplyTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    [Theory]
    [InlineData("Insert reply", "displayReplyForm", "reply")]
    [InlineData("Insert reply all", "displayReplyAllForm", "replyAll")]
    public async Task Insert_opens_the_reply_form_with_the_draft_html_and_logs_an_inserted_event(string button, string method, string mode)
    {
        await using var pane = await NewSession(ReadMode());
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;
        var html = draft.GetProperty("html").GetString()!;
        await Expect(pane.Draft).ToBeVisibleAsync();

        var recorded = await pane.Page.RunAndWaitForResponseAsync(
            () => pane.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/drafts/{draftId}/events", StringComparison.Ordinal));
        Assert.Equal(201, recorded.Status);

        var call = await pane.WaitForCall(method);
        var htmlBody = call.Args[0].GetProperty("htmlBody").GetString();
        Assert.Equal(html, htmlBody);
        Assert.Contains("We can", htmlBody);
        Assert.DoesNotContain(await pane.Calls(), c => c.Method == (method == "displayReplyForm" ? "displayReplyAllForm" : "displayReplyForm"));

        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync(mode == "reply" ? "The reply is open with the draft." : "The reply-all is open with the draft.");

        var events = await Server.EventsFor(draftId);
        var inserted = Assert.Single(events);
        Assert.Equal("inserted", inserted.Type);
        Assert.Equal(mode, PaneServer.ModeOf(inserted));
        Assert.Equal("Sam Carter", inserted.UserName);
    }

    [Fact]
    public async Task Insert_sends_the_newest_draft_after_a_change_that_is_still_pending()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());

        // Type a margin and insert at once, inside the pane's debounce: the insert waits for the re-draft.
        await pane.Page.Locator("#field-currentMarginPercent").FillAsync("24");
        await pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true }).ClickAsync();

        var call = await pane.WaitForCall("displayReplyForm");
        Assert.Contains("24%", call.Args[0].GetProperty("htmlBody").GetString());
    }

    [Fact]
    public async Task The_whole_journey_works_from_the_keyboard()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        await Expect(pane.Draft).ToBeVisibleAsync();

        // Choose the commercial audience with the arrow keys from the focused finance radio button,
        // then tab to Insert reply and press Enter; no mouse anywhere.
        await pane.Page.Locator("input[type=radio][value=finance]").FocusAsync();
        await pane.Page.Keyboard.PressAsync("ArrowUp");
        await pane.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(pane.Page.Locator("input[type=radio][value=commercial]")).ToBeCheckedAsync();
        await pane.ExpectDraftContains("one price");

        var insert = pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true });
        for (var i = 0; i < 60 && !await insert.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
            await pane.Page.Keyboard.PressAsync("Tab");
        await Expect(insert).ToBeFocusedAsync();
        await pane.Page.Keyboard.PressAsync("Enter");

        var call = await pane.WaitForCall("displayReplyForm");
        Assert.Contains("one price", call.Args[0].GetProperty("htmlBody").GetString());
    }
}
