using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OutlookSayNo.Data;
using OutlookSayNo.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The pane's "Save in Outlook" card on a received threat, through the API's mailbox routes, the
/// real Graph SDK and a loopback Graph. The collection shares one fake Graph: each test puts its own
/// message (own ids and conversation) in it and sets the manager it needs; the collection's tests run
/// one after another.</summary>
[Collection(MailboxPaneCollection.Name)]
public sealed class SaveInOutlookTests(MailboxPaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    // The pane's labels (addin/src/taskpane/view.ts: SAVE_WITH_CC, SAVE_WITHOUT_CC, CONFIRM_SENT).
    private const string SaveWithCc = "Save to Drafts with my manager in Cc";
    private const string SaveWithoutCc = "Save to Drafts";
    private const string ConfirmSent = "I've sent it — check Sent Items";

    private const string ManagerName = "Morgan Lead";
    private const string ManagerMail = "morgan.lead@contoso-analytics.com";

    private FakeGraph Graph => ((MailboxPaneFixture)Fixture).Graph;

    private static JsonObject Manager() => new()
    {
        ["@odata.type"] = "#microsoft.graph.user",
        ["id"] = "manager-1",
        ["displayName"] = ManagerName,
        ["mail"] = ManagerMail,
    };

    /// <summary>Puts the threat in the fake mailbox under its REST id and returns it as Outlook shows it,
    /// with its EWS id ("/" and "+" where the REST id has "-" and "_").</summary>
    private (OutlookItem Item, string EwsId, string RestId) Threat(string tag)
    {
        var ewsId = $"AAMkAGI2/{tag}+AAA=";
        var restId = $"AAMkAGI2-{tag}_AAA=";
        var conversation = "AAQkAGI2conv-" + tag;
        Graph.Messages[restId] = FakeGraph.Message(restId, CustomerEmails.ThreatSubject, CustomerEmails.ThreatHtml,
            CustomerEmails.Mark.DisplayName, CustomerEmails.Mark.EmailAddress, conversation);
        return (CustomerEmails.ThreatRead(ewsId, conversation), ewsId, restId);
    }

    private static ILocator Card(PaneSession pane) => pane.Page.Locator("#outlook-drafts");

    private static ILocator Button(PaneSession pane, string label) =>
        Card(pane).GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    /// <summary>Clicks <paramref name="label"/> in the card and returns the API's answer to <paramref name="route"/>.</summary>
    private static Task<IResponse> Click(PaneSession pane, string label, string draftId, string route) =>
        pane.Page.RunAndWaitForResponseAsync(() => Button(pane, label).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/drafts/{draftId}/{route}", StringComparison.Ordinal));

    private static JsonNode Payload(LogRecord record) => JsonNode.Parse(record.Payload)!;

    [Fact]
    public async Task On_a_threat_Save_to_Drafts_with_my_manager_in_Cc_leads_and_saves_the_reply_with_the_manager_on_Cc()
    {
        Graph.Manager = Manager();
        var (item, ewsId, restId) = Threat("savecc");
        await using var pane = await NewSession(ReadMode(item));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;
        Assert.True(draft.GetProperty("managerCopyAdvised").GetBoolean(), draft.ToString());

        await Expect(Card(pane).Locator("h2")).ToHaveTextAsync("Save in Outlook");
        var buttons = Card(pane).Locator(".actions button");
        await Expect(buttons).ToHaveTextAsync(new[] { SaveWithCc, SaveWithoutCc });
        await Expect(buttons.First).ToHaveClassAsync("primary");
        await Expect(buttons.Nth(1)).ToHaveClassAsync("secondary");

        var response = await Click(pane, SaveWithCc, draftId, "reply-draft");
        Assert.Equal(201, response.Status);
        var mailboxId = (await response.JsonAsync())!.Value.GetProperty("mailboxMessageId").GetString()!;

        await Expect(Card(pane).Locator("#saved p")).ToHaveTextAsync($"Saved to your Drafts folder (Cc: {ManagerName} <{ManagerMail}>).");
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("Saved to your Drafts folder.");
        await Expect(Card(pane).Locator("#open-in-outlook")).ToBeVisibleAsync();
        await Expect(Button(pane, ConfirmSent)).ToBeEnabledAsync();

        // The pane gave Graph the REST id it converted from Outlook's own id.
        var convert = (await pane.Calls()).First(c => c.Method == "mailbox.convertToRestId");
        Assert.Equal((ewsId, "v2.0"), (convert.Args[0].GetString(), convert.Args[1].GetString()));

        // Graph was asked, with Sam's token, for a reply to that message, then the reply was written into it.
        var seen = Graph.Requests.Where(r => r.Path.Contains(restId, StringComparison.Ordinal) || r.Path.EndsWith("/" + mailboxId, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"POST /v1.0/me/messages/{restId}/createReply", $"PATCH /v1.0/me/messages/{mailboxId}"], seen.Select(r => r.Method + " " + r.Path));
        Assert.All(seen, r => Assert.Equal("Bearer graph-token-for-Sam Carter", r.Authorization));
        var patch = seen[1].Json!;
        var cc = Assert.Single(patch["ccRecipients"]!.AsArray());
        Assert.Equal((ManagerName, ManagerMail), ((string?)cc!["emailAddress"]!["name"], (string?)cc["emailAddress"]!["address"]));
        var body = (string)patch["body"]!["content"]!;
        Assert.Contains("<div id=\"outlooksayno-reply\">" + draft.GetProperty("html").GetString() + "</div>", body);
        Assert.Contains("take our business elsewhere", body); // the quoted thread stays below the reply

        var inserted = Assert.Single(await Server.EventsFor(draftId));
        Assert.Equal("inserted", inserted.Type);
        var payload = Payload(inserted);
        Assert.Equal(("mailbox", "reply", mailboxId), ((string?)payload["source"], (string?)payload["mode"], (string?)payload["mailboxMessageId"]));
        Assert.Equal(ManagerMail, (string?)payload["manager"]!["email"]);
        Assert.Contains(payload["cc"]!.AsArray(), r => (string?)r!["email"] == ManagerMail);
    }

    [Fact]
    public async Task After_the_saved_reply_is_sent_checking_Sent_Items_shows_its_checks_and_logs_it_as_sent()
    {
        Graph.Manager = Manager();
        var (item, _, _) = Threat("sent");
        await using var pane = await NewSession(ReadMode(item));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;

        var saved = await Click(pane, SaveWithCc, draftId, "reply-draft");
        Assert.Equal(201, saved.Status);
        var mailboxId = (await saved.JsonAsync())!.Value.GetProperty("mailboxMessageId").GetString()!;
        await Expect(Card(pane).Locator("#saved")).ToBeVisibleAsync();

        Graph.SendDraft(mailboxId, DateTimeOffset.UtcNow);
        var confirmed = await Click(pane, ConfirmSent, draftId, "confirm-sent");
        Assert.Equal(200, confirmed.Status);

        var result = Card(pane).Locator("#confirmed");
        await Expect(result.Locator("p").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Found in your Sent Items: sent on .+\. Say no has recorded it\.$"));
        var checks = result.GetByRole(AriaRole.List, new() { Name = "Checks of the reply as sent" }).Locator("li");
        // The five checks, and the grounding check where the API makes it.
        await Expect(checks.First).ToBeVisibleAsync();
        Assert.InRange(await checks.CountAsync(), 5, 6);
        foreach (var label in new[] { "Says no", "Gives a reason", "Cites data", "Offers an alternative", "Respectful" })
            await Expect(checks.Filter(new() { HasText = label })).ToHaveClassAsync("chip pass");
        await Expect(result).ToContainTextAsync("Sent as drafted.");
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("Your sent reply is recorded.");

        var events = await Server.EventsFor(draftId);
        Assert.Equal(["inserted", "sent"], events.Select(e => e.Type));
        var sent = Payload(events[1]);
        Assert.Equal("mailbox:mark", (string?)sent["source"]);
        Assert.Contains(sent["cc"]!.AsArray(), r => (string?)r!["email"] == ManagerMail);
    }

    [Fact]
    public async Task With_no_manager_in_the_directory_the_pane_says_so_and_saves_without_Cc_when_asked()
    {
        Graph.Manager = null;
        var (item, _, restId) = Threat("nomanager");
        await using var pane = await NewSession(ReadMode(item));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;

        var refused = await Click(pane, SaveWithCc, draftId, "reply-draft");
        Assert.Equal(422, refused.Status);
        var notice = Card(pane).Locator("#save-notice");
        await Expect(notice.Locator("p")).ToHaveTextAsync(
            "Your directory profile lists no manager, so Say no cannot copy one. Save the reply without Cc and add someone in Outlook yourself.");
        Assert.DoesNotContain(Graph.Requests, r => r.Path.Contains(restId, StringComparison.Ordinal));
        Assert.Empty(await Server.EventsFor(draftId));

        var saved = await pane.Page.RunAndWaitForResponseAsync(
            () => notice.GetByRole(AriaRole.Button, new() { Name = "Save to Drafts without Cc", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/drafts/{draftId}/reply-draft", StringComparison.Ordinal));
        Assert.Equal(201, saved.Status);
        var mailboxId = (await saved.JsonAsync())!.Value.GetProperty("mailboxMessageId").GetString()!;

        await Expect(Card(pane).Locator("#saved p")).ToHaveTextAsync("Saved to your Drafts folder.");
        await Expect(notice).ToHaveCountAsync(0);
        var patch = Graph.Requests.Single(r => r.Method == "PATCH" && r.Path.EndsWith("/" + mailboxId, StringComparison.Ordinal)).Json!;
        Assert.Empty(patch["ccRecipients"]!.AsArray());
        var inserted = Assert.Single(await Server.EventsFor(draftId));
        Assert.Equal("mailbox", (string?)Payload(inserted)["source"]);
        Assert.Null(Payload(inserted)["manager"]);
    }

    [Fact]
    public async Task When_Graph_stays_throttled_past_the_retry_bound_the_pane_says_when_to_try_again_and_keeps_the_draft()
    {
        Graph.Manager = Manager();
        var (item, _, restId) = Threat("throttled");
        Graph.Answer("POST", $"/me/messages/{restId}/createReply", 429,
            FakeGraph.Error("ApplicationThrottled", "Application is over its MailboxConcurrency limit."), new() { ["Retry-After"] = "3600" });
        await using var pane = await NewSession(ReadMode(item));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var draftId = draft.GetProperty("id").GetString()!;

        var response = await Click(pane, SaveWithCc, draftId, "reply-draft");
        Assert.Equal(429, response.Status);
        Assert.Equal("3600", await response.HeaderValueAsync("retry-after"));

        await Expect(Card(pane).Locator("#save-notice p")).ToHaveTextAsync("Outlook's mail service is busy; try again in 60 minutes.");
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("The reply was not saved to your Drafts folder.");
        // The draft stays on screen, and saving can be tried again.
        await Expect(pane.Draft).ToBeVisibleAsync();
        await pane.ExpectDraftContains("Mark");
        await Expect(Button(pane, SaveWithCc)).ToBeEnabledAsync();
        await Expect(Card(pane).Locator("#saved")).ToHaveCountAsync(0);
        await Expect(Button(pane, ConfirmSent)).ToHaveCountAsync(0);

        // A wait of an hour is past the retry bound: Graph was asked once, and nothing was logged.
        Assert.Single(Graph.Requests, r => r.Method == "POST" && r.Path == $"/v1.0/me/messages/{restId}/createReply");
        Assert.Empty(await Server.EventsFor(draftId));
    }
}
