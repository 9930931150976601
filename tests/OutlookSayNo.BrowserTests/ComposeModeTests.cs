using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class ComposeModeTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private async Task<IResponse> InsertIntoMessage(PaneSession pane, string draftId) =>
        await pane.Page.RunAndWaitForResponseAsync(
            () => pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert into message", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/drafts/{draftId}/events", StringComparison.Ordinal));

    [Fact]
    public async Task A_reply_being_written_is_drafted_from_the_quoted_customer_message()
    {
        await using var pane = await NewSession(ComposeMode());
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());

        Assert.Equal("discount", draft.GetProperty("category").GetString());
        await Expect(pane.Page.Locator(".email-sender")).ToHaveTextAsync("Priya Nair <priya.nair@northwind-foods.com>");
        await Expect(pane.Page.Locator(".ask.ask-primary .ask-title strong")).ToHaveTextAsync("Discount or lower price");
        await Expect(pane.Page.Locator("#audience-finance")).ToBeCheckedAsync();
        await Expect(pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert into message" })).ToBeVisibleAsync();
        await Expect(pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Insert_into_message_puts_the_html_at_the_cursor_and_stamps_the_draft_id_header_on_Mailbox_1_8()
    {
        await using var pane = await NewSession(ComposeMode(mailbox: "1.8"));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;

        var recorded = await InsertIntoMessage(pane, draftId);
        Assert.Equal(201, recorded.Status);

        var calls = await pane.Calls();
        var set = Assert.Single(calls, c => c.Method == "body.setSelectedDataAsync");
        Assert.Equal(draft.GetProperty("html").GetString(), set.Args[0].GetString());
        Assert.Equal("html", set.Args[1].GetProperty("coercionType").GetString());
        var header = Assert.Single(calls, c => c.Method == "internetHeaders.setAsync");
        Assert.Equal(draftId, header.Args[0].GetProperty("x-outlooksayno-draft-id").GetString());
        Assert.True(calls.FindIndex(c => c.Method == "body.getTypeAsync") < calls.FindIndex(c => c.Method == "body.setSelectedDataAsync"));

        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("The draft is in your message.");
        var inserted = Assert.Single(await Server.EventsFor(draftId));
        Assert.Equal(("inserted", "compose"), (inserted.Type, PaneServer.ModeOf(inserted)));
    }

    [Fact]
    public async Task On_Mailbox_1_3_the_draft_is_inserted_without_a_header()
    {
        await using var pane = await NewSession(ComposeMode(mailbox: "1.3"));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;

        await InsertIntoMessage(pane, draftId);

        var calls = await pane.Calls();
        Assert.Single(calls, c => c.Method == "body.setSelectedDataAsync");
        Assert.DoesNotContain(calls, c => c.Method == "internetHeaders.setAsync");
        // Without Mailbox 1.5 the pane does not follow ItemChanged either.
        Assert.DoesNotContain(calls, c => c.Method == "mailbox.addHandlerAsync");
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("The draft is in your message.");
        Assert.Equal("inserted", Assert.Single(await Server.EventsFor(draftId)).Type);
    }

    [Fact]
    public async Task A_plain_text_message_gets_the_draft_as_text()
    {
        await using var pane = await NewSession(ComposeMode(CustomerEmails.DiscountReply(bodyType: "text")));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());

        await InsertIntoMessage(pane, draft.GetProperty("id").GetString()!);

        var set = Assert.Single(await pane.Calls(), c => c.Method == "body.setSelectedDataAsync");
        Assert.Equal(draft.GetProperty("text").GetString(), set.Args[0].GetString());
        Assert.Equal("text", set.Args[1].GetProperty("coercionType").GetString());
    }
}
