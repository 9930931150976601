using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The account manager edits the draft in the pane: the edited text is what Outlook gets and
/// what the log records as edited; a re-draft asks before it throws the edit away.</summary>
[Collection(PaneCollection.Name)]
public sealed class DraftEditTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private const string Added = "P.S. I will call you on Friday to talk it through.";

    private static ILocator InsertReply(PaneSession pane) => pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true });

    [Fact]
    public async Task The_edited_text_is_what_is_inserted_and_the_inserted_event_logs_it_as_edited()
    {
        await using var pane = await NewSession(ReadMode());
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;
        var generated = await pane.DraftText();
        Assert.Equal(draft.GetProperty("text").GetString(), generated);

        await pane.Draft.FillAsync(generated.Replace("Hi Priya,", "Dear Priya,") + "\n\n" + Added);
        await Expect(pane.Page.Locator("#draft-edited")).ToBeVisibleAsync();

        var recorded = await pane.Page.RunAndWaitForResponseAsync(
            () => InsertReply(pane).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/drafts/{draftId}/events", StringComparison.Ordinal));
        Assert.Equal(201, recorded.Status);
        var sent = JsonNode.Parse(recorded.Request.PostData!)!;
        Assert.Contains(Added, (string?)sent["body"]);

        // Outlook gets the edited text, as HTML made from it (every character encoded).
        var html = (await pane.WaitForCall("displayReplyForm")).Args[0].GetProperty("htmlBody").GetString()!;
        Assert.Contains("<p>Dear Priya,</p>", html);
        Assert.Contains($"<p>{Added}</p>", html);
        Assert.NotEqual(draft.GetProperty("html").GetString(), html);

        var inserted = Assert.Single(await Server.EventsFor(draftId));
        var payload = JsonNode.Parse(inserted.Payload)!;
        Assert.True((bool)payload["edited"]!);
        Assert.Contains(Added, (string?)payload["text"]);
        Assert.StartsWith("Dear Priya,", (string?)payload["text"]);
    }

    [Fact]
    public async Task Typing_the_text_back_as_it_was_is_not_an_edit()
    {
        await using var pane = await NewSession(ReadMode());
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;
        var generated = await pane.DraftText();

        await pane.Draft.FillAsync(generated + "!");
        await Expect(pane.Page.Locator("#draft-edited")).ToBeVisibleAsync();
        await pane.Draft.FillAsync(generated + "\n");
        await Expect(pane.Page.Locator("#draft-edited")).ToBeHiddenAsync();

        var recorded = await pane.Page.RunAndWaitForResponseAsync(
            () => InsertReply(pane).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/drafts/{draftId}/events", StringComparison.Ordinal));
        Assert.Null(JsonNode.Parse(recorded.Request.PostData!)!["body"]);
        Assert.Equal(draft.GetProperty("html").GetString(), (await pane.WaitForCall("displayReplyForm")).Args[0].GetProperty("htmlBody").GetString());
        Assert.False((bool)JsonNode.Parse(Assert.Single(await Server.EventsFor(draftId)).Payload)!["edited"]!);
    }

    [Fact]
    public async Task A_re_draft_after_an_edit_asks_first_and_keeping_the_text_drops_the_change()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var generated = await pane.DraftText();
        var drafts = 0;
        pane.Page.Request += (_, r) => { if (r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal)) Interlocked.Increment(ref drafts); };

        await pane.Draft.FillAsync(generated + "\n\n" + Added);
        await pane.Page.Locator("#audience-commercial").CheckAsync();

        // The pane asks in place, and nothing can be inserted while the question is open.
        var confirm = pane.Page.Locator("#draft-confirm");
        await Expect(confirm).ToBeVisibleAsync();
        await Expect(confirm).ToContainTextAsync("replaces the changes you made");
        await Expect(InsertReply(pane)).ToBeDisabledAsync();

        await pane.Page.Locator("#draft-confirm-keep").ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(pane.Page.Locator("#audience-finance")).ToBeCheckedAsync();
        await pane.ExpectDraftContains(Added);
        await Expect(InsertReply(pane)).ToBeEnabledAsync();
        Assert.Equal(0, drafts);

        // Asked again and told to go ahead: the new draft replaces the edit.
        await pane.Page.Locator("#audience-commercial").CheckAsync();
        await Expect(confirm).ToBeVisibleAsync();
        var second = await pane.RedraftAfter(() => pane.Page.Locator("#draft-confirm-replace").ClickAsync());
        Assert.Equal("commercial", second.GetProperty("audience").GetString());
        await Expect(pane.Draft).ToHaveValueAsync(second.GetProperty("text").GetString()!);
        await Expect(pane.Page.Locator("#draft-edited")).ToBeHiddenAsync();
        await Expect(InsertReply(pane)).ToBeEnabledAsync();
    }
}
