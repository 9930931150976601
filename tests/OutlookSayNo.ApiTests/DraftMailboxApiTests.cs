using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OutlookSayNo.Data;
using OutlookSayNo.Mailbox;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The API with the mailbox replaced by a substitute, so each route's handling of each
/// mailbox answer is pinned down.</summary>
public sealed class MailboxStandInFactory : SayNoFactory
{
    public IMailbox Mailbox { get; } = Substitute.For<IMailbox>();
    public MailboxStandInFactory() => TestServices = services => services.AddScoped(_ => Mailbox);
}

public sealed class DraftMailboxApiTests(MailboxStandInFactory factory) : IClassFixture<MailboxStandInFactory>
{
    private static readonly MailPerson Manager = new("Morgan Lead", "morgan.lead@contoso.example");
    private IMailbox Mailbox => factory.Mailbox;

    private async Task<string> NewDraft(HttpClient client, string body = Emails.DiscountBody, string? conversationId = null)
    {
        var response = await client.PostJsonAsync("/api/drafts", new
        {
            // Each draft is of another customer email (item): the same email drafted again would be a revision of one draft.
            email = new { subject = "Renewal", body, from = new { name = "Priya Nair", email = "priya.nair@northwind-foods.com" }, conversationId,
                itemId = "msg-" + Guid.NewGuid() },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadNodeAsync())["id"]!;
    }

    private async Task<List<LogRecord>> Records(string draftId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SayNoDb>().Log.AsNoTracking().Where(r => r.DraftId == draftId).OrderBy(r => r.Seq).ToListAsync();
    }

    private async Task<DraftRecord> Row(string draftId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SayNoDb>().Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId);
    }

    private static SavedReply Saved(string id, params MailPerson[] cc) =>
        new(id, $"https://outlook.office365.com/owa/?ItemID={id}", [new MailPerson("Priya Nair", "priya.nair@northwind-foods.com")], cc, "conv-" + id);

    [Fact]
    public async Task Saving_to_drafts_with_the_manager_puts_the_generated_reply_in_the_mailbox_with_the_manager_in_cc_and_logs_it()
    {
        var client = factory.ClientAs(name: "Alex Morgan");
        var id = await NewDraft(client);
        Mailbox.GetManagerAsync(Arg.Any<CancellationToken>()).Returns(Manager);
        Mailbox.CreateReplyDraftAsync("msg-save-1", false, Arg.Any<string>(), Arg.Any<IReadOnlyList<MailPerson>>(), id, Arg.Any<CancellationToken>())
            .Returns(Saved("saved-1", Manager));

        var response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "msg-save-1", ccManager = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.Equal(("saved-1", true, "morgan.lead@contoso.example"), ((string?)json["mailboxMessageId"], (bool)json["managerCopied"]!, (string?)json["manager"]!["email"]));
        Assert.StartsWith("https://outlook.office365.com/owa/", (string?)json["webLink"]);
        Assert.Equal("morgan.lead@contoso.example", (string?)json["cc"]![0]!["email"]);
        // The generated reply, as HTML, and the manager as the extra Cc.
        var call = Mailbox.ReceivedCalls().Single(c => c.GetMethodInfo().Name == nameof(IMailbox.CreateReplyDraftAsync) && (string)c.GetArguments()[0]! == "msg-save-1");
        Assert.StartsWith("<p>", (string)call.GetArguments()[2]!);
        Assert.Equal([Manager], (IReadOnlyList<MailPerson>)call.GetArguments()[3]!);

        var inserted = (await Records(id)).Single(r => r.Type == LogTypes.Inserted);
        var payload = JsonNode.Parse(inserted.Payload)!;
        Assert.Equal(("mailbox", "reply", "saved-1", "morgan.lead@contoso.example"),
            ((string?)payload["source"], (string?)payload["mode"], (string?)payload["mailboxMessageId"], (string?)payload["manager"]!["email"]));
        Assert.Equal("Alex Morgan", inserted.UserName);
        Assert.Equal(LogTypes.Inserted, (await Row(id)).Status);
    }

    [Fact]
    public async Task Saving_without_the_manager_does_not_look_the_manager_up_and_saves_the_edited_reply_as_given()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        Mailbox.CreateReplyDraftAsync("msg-save-2", true, "<p>Edited in the pane.</p>", Arg.Any<IReadOnlyList<MailPerson>>(), id, Arg.Any<CancellationToken>())
            .Returns(Saved("saved-2"));
        Mailbox.ClearReceivedCalls();

        var response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "msg-save-2", replyAll = true, html = "<p>Edited in the pane.</p>" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((bool)(await response.ReadNodeAsync())["managerCopied"]!);
        await Mailbox.DidNotReceive().GetManagerAsync(Arg.Any<CancellationToken>());
        Assert.Equal("replyAll", (string?)JsonNode.Parse((await Records(id)).Single(r => r.Type == LogTypes.Inserted).Payload)!["mode"]);
    }

    [Fact]
    public async Task Without_a_manager_in_the_directory_nothing_is_saved_and_the_pane_is_told_to_save_without_cc()
    {
        var client = factory.ClientAs(name: "Nomanager Person");
        var id = await NewDraft(client);
        Mailbox.GetManagerAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new MailboxException(MailboxFailure.NoManager, "Your directory profile names no manager."));
        Mailbox.ClearReceivedCalls();

        HttpResponseMessage response;
        try
        {
            response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "msg-no-manager", ccManager = true });
        }
        finally
        {
            Mailbox.GetManagerAsync(Arg.Any<CancellationToken>()).Returns(Manager);
        }

        await Mailbox.DidNotReceiveWithAnyArgs().CreateReplyDraftAsync(default!, default, default!, default!, default!, default);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(MailboxProblems.NoManager, (string?)(await response.ReadNodeAsync())["type"]);
        Assert.DoesNotContain(await Records(id), r => r.Type == LogTypes.Inserted);
        Assert.Equal(LogTypes.Generated, (await Row(id)).Status);
    }

    public static TheoryData<MailboxFailure, int, string> Failures() => new()
    {
        { MailboxFailure.Unavailable, 503, MailboxProblems.Unavailable },
        { MailboxFailure.ConsentRequired, 401, MailboxProblems.ConsentRequired },
        { MailboxFailure.Forbidden, 403, MailboxProblems.Forbidden },
        { MailboxFailure.NotFound, 404, MailboxProblems.NotFound },
        { MailboxFailure.NoManager, 422, MailboxProblems.NoManager },
        { MailboxFailure.Throttled, 429, MailboxProblems.Throttled },
        { MailboxFailure.Failed, 502, MailboxProblems.Failed },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_mailbox_failure_is_a_problem_the_pane_can_act_on_and_nothing_is_logged(MailboxFailure failure, int status, string type)
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        var messageId = "msg-fail-" + failure;
        Mailbox.CreateReplyDraftAsync(messageId, Arg.Any<bool>(), Arg.Any<string>(), Arg.Any<IReadOnlyList<MailPerson>>(), id, Arg.Any<CancellationToken>())
            .ThrowsAsync(new MailboxException(failure, "What the mailbox said about " + failure + ".") { RetryAfterSeconds = failure == MailboxFailure.Throttled ? 30 : null });

        var response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadNodeAsync();
        Assert.Equal(type, (string?)problem["type"]);
        Assert.Equal("What the mailbox said about " + failure + ".", (string?)problem["detail"]);
        if (failure == MailboxFailure.Throttled) Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        if (failure == MailboxFailure.ConsentRequired) Assert.Contains("insufficient_claims", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain(await Records(id), r => r.Type == LogTypes.Inserted);
    }

    [Fact]
    public async Task A_claims_challenge_from_entra_reaches_the_pane_in_the_problem_and_the_www_authenticate_header()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        const string claims = """{"access_token":{"capolids":{"essential":true,"values":["c1"]}}}""";
        Mailbox.CreateReplyDraftAsync("msg-claims", Arg.Any<bool>(), Arg.Any<string>(), Arg.Any<IReadOnlyList<MailPerson>>(), id, Arg.Any<CancellationToken>())
            .ThrowsAsync(new MailboxException(MailboxFailure.ConsentRequired, "Sign in again.") { Claims = claims });

        var response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "msg-claims" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(claims, (string?)(await response.ReadNodeAsync())["claims"]);
        var header = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains($"claims=\"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(claims))}\"", header);
    }

    [Theory]
    [InlineData("{}", "messageId")]
    [InlineData("""{"messageId":"   "}""", "messageId")]
    [InlineData("""{"messageId":"x","html":"  "}""", "html")]
    public async Task A_save_without_what_it_needs_is_a_validation_problem_naming_the_field(string body, string field)
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);

        var response = await client.PostAsync($"/api/drafts/{id}/reply-draft", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Ids_and_replies_over_the_limits_are_refused_before_the_mailbox_is_touched()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        Mailbox.ClearReceivedCalls();

        var longId = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = new string('A', 1001) });
        var longHtml = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "m", html = new string('x', 200_001) });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (longId.StatusCode, longHtml.StatusCode));
        Assert.Empty(Mailbox.ReceivedCalls());
    }

    [Fact]
    public async Task Another_account_managers_draft_cannot_be_saved_or_confirmed_and_an_unknown_one_is_not_found()
    {
        var id = await NewDraft(factory.ClientAs(name: "Alex Morgan"));
        var other = factory.ClientAs(name: "Sam Other");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "m" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/drafts/{id}/confirm-sent", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync("/api/drafts/no-such-draft/reply-draft", new { messageId = "m" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/drafts/no-such-draft/confirm-sent", null)).StatusCode);
    }

    [Fact]
    public async Task A_sent_reply_found_in_sent_items_is_recorded_as_sent_with_the_checks_and_where_it_was_found()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client, conversationId: "conv-confirm-1");
        var generated = JsonNode.Parse((await Records(id)).Single(r => r.Type == LogTypes.Generated).Payload)!;
        var at = new DateTime(2026, 11, 16, 9, 30, 0, DateTimeKind.Utc);
        Mailbox.FindSentReplyAsync(id, "conv-confirm-1", Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns(new SentReply("sent-1", at, "<p>" + System.Net.WebUtility.HtmlEncode((string)generated["text"]!).Replace("\n", "<br>") + "</p>",
                [new MailPerson("Priya Nair", "priya.nair@northwind-foods.com")], [Manager], SentMatch.Conversation));

        var response = await client.PostAsync($"/api/drafts/{id}/confirm-sent", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.False((bool)json["alreadyRecorded"]!);
        Assert.Equal(at, (DateTime)json["sentAt"]!);
        Assert.True((bool)json["event"]!["checks"]!["saysNo"]!);
        Assert.True((bool)json["event"]!["unchanged"]!);
        var sent = JsonNode.Parse((await Records(id)).Single(r => r.Type == LogTypes.Sent).Payload)!;
        Assert.Equal("mailbox:conversation", (string?)sent["source"]);
        Assert.Equal("morgan.lead@contoso.example", (string?)sent["cc"]![0]!["email"]);
        var row = await Row(id);
        Assert.Equal((LogTypes.Sent, true), (row.Status, row.SentUnchanged));
    }

    [Fact]
    public async Task A_reply_the_on_send_handler_already_reported_is_not_looked_up_or_recorded_twice()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        var reported = await client.PostJsonAsync($"/api/drafts/{id}/events", new
        {
            type = "sent", mode = "reply", body = "We cannot lower the price, and here is why.",
            to = new[] { new { name = "Priya Nair", email = "priya.nair@northwind-foods.com" } },
        });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);

        var response = await client.PostAsync($"/api/drafts/{id}/confirm-sent", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.True((bool)json["alreadyRecorded"]!);
        Assert.Null(json["event"]);
        await Mailbox.DidNotReceive().FindSentReplyAsync(id, Arg.Any<string?>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
        Assert.Single(await Records(id), r => r.Type == LogTypes.Sent);
    }

    [Fact]
    public async Task A_reply_not_sent_yet_is_a_404_that_says_to_send_it_first()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client, conversationId: "conv-unsent");
        Mailbox.FindSentReplyAsync(id, "conv-unsent", Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns((SentReply?)null);

        var response = await client.PostAsync($"/api/drafts/{id}/confirm-sent", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.Equal(DraftMailboxProblemTypes.NotSentYet, (string?)problem["type"]);
        Assert.Contains("Send it, then check again", (string?)problem["detail"]);
        Assert.DoesNotContain(await Records(id), r => r.Type == LogTypes.Sent);
    }

    [Fact]
    public async Task A_saved_reply_that_was_sent_cannot_be_saved_again()
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        await client.PostJsonAsync($"/api/drafts/{id}/events", new { type = "sent", body = "We cannot do that.", to = new[] { new { email = "p@n.example" } } });

        var response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "m" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_large_email_is_drafted_from_its_item_id_read_from_the_mailbox()
    {
        var client = factory.ClientAs();
        var big = "<html><body><p>" + Emails.DiscountBody.Replace("\n", "<br>") + "</p>" + string.Concat(Enumerable.Repeat("<div style=\"x\">&nbsp;</div>", 20_000)) + "</body></html>";
        Assert.True(big.Length > 200_000);
        Mailbox.GetMessageAsync("msg-large", Arg.Any<CancellationToken>())
            .Returns(new MailMessage("msg-large", "Renewal", big, new MailPerson("Priya Nair", "priya.nair@northwind-foods.com"), "conv-large", null, []));

        var response = await client.PostJsonAsync("/api/drafts", new { email = new { itemId = "msg-large" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.Equal("discount", (string?)json["category"]);
        var email = JsonNode.Parse((await Records((string)json["id"]!)).Single(r => r.Type == LogTypes.Generated).Payload)!["email"]!;
        Assert.Equal(("msg-large", "conv-large", "priya.nair@northwind-foods.com"), ((string?)email["itemId"], (string?)email["conversationId"], (string?)email["fromEmail"]));
    }

    [Fact]
    public async Task Classify_reads_the_email_by_item_id_too()
    {
        Mailbox.GetMessageAsync("msg-classify", Arg.Any<CancellationToken>())
            .Returns(new MailMessage("msg-classify", "Renewal", Emails.DiscountBody, new MailPerson("Priya Nair", "priya.nair@northwind-foods.com"), "c", null, []));

        var response = await factory.ClientAs().PostJsonAsync("/api/classify", new { itemId = "msg-classify" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("discount", (string?)(await response.ReadNodeAsync())["primary"]!["category"]);
    }

    [Fact]
    public async Task A_mailbox_message_over_the_reading_limit_or_empty_is_a_validation_problem_on_the_item_id()
    {
        Mailbox.GetMessageAsync("msg-huge", Arg.Any<CancellationToken>())
            .Returns(new MailMessage("msg-huge", "S", new string('x', 2_000_001), null, null, null, []));
        Mailbox.GetMessageAsync("msg-empty", Arg.Any<CancellationToken>())
            .Returns(new MailMessage("msg-empty", "S", "  ", null, null, null, []));
        var client = factory.ClientAs();

        foreach (var itemId in new[] { "msg-huge", "msg-empty" })
        {
            var response = await client.PostJsonAsync("/api/drafts", new { email = new { itemId } });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.ReadNodeAsync())["errors"]!["email.itemId"]);
        }
    }

    [Fact]
    public async Task An_email_with_neither_body_nor_item_id_is_refused_without_asking_the_mailbox()
    {
        Mailbox.ClearReceivedCalls();
        var response = await factory.ClientAs().PostJsonAsync("/api/drafts", new { email = new { subject = "Renewal" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["email.body"]);
        Assert.Empty(Mailbox.ReceivedCalls());
    }
}

internal static class DraftMailboxProblemTypes
{
    public const string NotSentYet = OutlookSayNo.Drafts.DraftMailbox.NotSentYet;
}

/// <summary>Development sign-in has no Graph: the mailbox routes say so instead of failing.</summary>
public sealed class MailboxUnavailableTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    [Fact]
    public async Task Without_graph_access_saving_to_drafts_is_a_503_that_says_inserting_still_works()
    {
        var client = factory.ClientAs();
        var id = (string)(await (await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) })).ReadNodeAsync())["id"]!;

        var response = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "m", ccManager = true });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.Equal(MailboxProblems.Unavailable, (string?)problem["type"]);
        Assert.Contains("Insert the reply from the pane", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Without_graph_access_an_email_sent_by_id_only_is_a_503_not_a_crash()
    {
        var response = await factory.ClientAs().PostJsonAsync("/api/drafts", new { email = new { itemId = "AAMkAD" } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(MailboxProblems.Unavailable, (string?)(await response.ReadNodeAsync())["type"]);
    }
}
