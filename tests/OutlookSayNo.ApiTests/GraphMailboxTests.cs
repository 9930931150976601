using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OutlookSayNo.Mailbox;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The real Graph SDK client, as the API builds it, against a loopback stand-in of Graph's HTTP
/// API. The on-behalf-of exchange (MSAL) is the one seam: it hands out a known token.</summary>
public sealed class GraphMailboxTests : IAsyncLifetime
{
    private const string GraphToken = "obo-token-for-graph";
    private FakeGraph _graph = null!;
    private readonly ITokenAcquisition _tokens = Substitute.For<ITokenAcquisition>();
    private readonly ClaimsPrincipal _user = new(new ClaimsIdentity([new Claim("oid", "user-1"), new Claim("name", "Alex Morgan")], "test"));
    private HttpClient _http = null!;
    private GraphOptions _options = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _options = new GraphOptions { BaseUrl = _graph.BaseUrl, BackoffSeconds = 0 };
        _http = MailboxSetup.CreateGraphHttp(_options, TimeProvider.System);
        _tokens.GetAccessTokenForUserAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(),
            Arg.Any<ClaimsPrincipal?>(), Arg.Any<TokenAcquisitionOptions?>()).Returns(GraphToken);
        _graph.Messages["AAMkAD-customer"] = FakeGraph.Message("AAMkAD-customer", "Renewal pricing", "<p>We need 15% off the renewal.</p>",
            "Dana Buyer", "dana@customer.example", "AAQkAD-conversation");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _graph.DisposeAsync();
    }

    private GraphMailbox Mailbox() => MailboxSetup.CreateGraphMailbox(_http, _tokens, _user, _options);

    [Fact]
    public async Task Reading_a_message_by_id_asks_graph_for_the_fields_the_reader_needs_with_the_users_own_graph_token()
    {
        var message = await Mailbox().GetMessageAsync("AAMkAD-customer", default);

        Assert.Equal("Renewal pricing", message.Subject);
        Assert.Contains("15% off", message.Body);
        Assert.Equal(new MailPerson("Dana Buyer", "dana@customer.example"), message.From);
        Assert.Equal("AAQkAD-conversation", message.ConversationId);
        Assert.Contains(message.Headers, h => h.Key == "X-Mailer");
        var seen = Assert.Single(_graph.Requests);
        Assert.Equal(("GET", "/v1.0/me/messages/AAMkAD-customer"), (seen.Method, seen.Path));
        Assert.Equal(["id", "subject", "body", "from", "conversationId", "internetMessageId", "internetMessageHeaders"], seen.Param("$select")!.Split(','));
        Assert.Equal("Bearer " + GraphToken, seen.Authorization);
        // On behalf of this user, through the API's Entra scheme, for the delegated Graph permissions.
        await _tokens.Received(1).GetAccessTokenForUserAsync(
            Arg.Is<IEnumerable<string>>(s => s.SequenceEqual(new[] { "https://graph.microsoft.com/Mail.ReadWrite", "https://graph.microsoft.com/User.ReadBasic.All" })),
            "Entra", Arg.Any<string?>(), Arg.Any<string?>(), _user, Arg.Any<TokenAcquisitionOptions?>());
    }

    [Fact]
    public async Task Saving_a_reply_creates_it_from_the_customer_message_then_puts_the_reply_above_the_quote_with_the_manager_in_cc_and_the_draft_mark()
    {
        var saved = await Mailbox().CreateReplyDraftAsync("AAMkAD-customer", replyAll: false, "<p>We cannot lower the price.</p>",
            [new MailPerson("Morgan Lead", "morgan.lead@contoso.example")], "draft-0192", default);

        var requests = _graph.Requests.ToList();
        Assert.Equal(["POST /v1.0/me/messages/AAMkAD-customer/createReply", "PATCH /v1.0/me/messages/draft-1"], requests.Select(r => r.Method + " " + r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer " + GraphToken, r.Authorization));
        var patch = requests[1].Json!;
        Assert.Equal("html", (string?)patch["body"]!["contentType"]);
        var html = (string)patch["body"]!["content"]!;
        Assert.True(html.IndexOf("We cannot lower the price", StringComparison.Ordinal) < html.IndexOf("15% off", StringComparison.Ordinal), html);
        Assert.StartsWith("<html><head><meta charset=\"utf-8\"></head><body><div id=\"outlooksayno-reply\">", html);
        Assert.Equal("morgan.lead@contoso.example", (string?)patch["ccRecipients"]![0]!["emailAddress"]!["address"]);
        Assert.Equal(GraphMailbox.DraftMarkId, (string?)patch["singleValueExtendedProperties"]![0]!["id"]);
        Assert.Equal("draft-0192", (string?)patch["singleValueExtendedProperties"]![0]!["value"]);

        Assert.Equal("draft-1", saved.MessageId);
        Assert.Equal([new MailPerson("Dana Buyer", "dana@customer.example")], saved.To);
        Assert.Equal([new MailPerson("Morgan Lead", "morgan.lead@contoso.example")], saved.Cc);
        Assert.Equal("AAQkAD-conversation", saved.ConversationId);
        Assert.StartsWith("https://outlook.office365.com/owa/?ItemID=draft-1", saved.WebLink);
    }

    [Fact]
    public async Task Reply_all_keeps_everyone_already_copied_and_does_not_add_the_manager_twice()
    {
        _graph.Messages["AAMkAD-customer"]["ccRecipients"] = new JsonArray(
            FakeGraph.Address("Morgan Lead", "Morgan.Lead@contoso.example"), FakeGraph.Address("Procurement", "procurement@customer.example"));

        var saved = await Mailbox().CreateReplyDraftAsync("AAMkAD-customer", replyAll: true, "<p>No.</p>",
            [new MailPerson("Morgan Lead", "morgan.lead@contoso.example")], "draft-1", default);

        Assert.Equal("/v1.0/me/messages/AAMkAD-customer/createReplyAll", _graph.Requests.First().Path);
        Assert.Equal(["Morgan.Lead@contoso.example", "procurement@customer.example"], saved.Cc.Select(c => c.Email));
    }

    [Fact]
    public async Task The_manager_comes_from_the_directory_with_name_and_address()
    {
        _graph.Manager = new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = "m-1", ["displayName"] = "Morgan Lead", ["mail"] = "morgan.lead@contoso.example" };

        Assert.Equal(new MailPerson("Morgan Lead", "morgan.lead@contoso.example"), await Mailbox().GetManagerAsync(default));
        Assert.Equal("/v1.0/me/manager", Assert.Single(_graph.Requests).Path);
    }

    [Fact]
    public async Task A_user_without_a_manager_in_the_directory_gets_no_manager_not_a_graph_error()
    {
        var e = await Assert.ThrowsAsync<MailboxException>(() => Mailbox().GetManagerAsync(default));
        Assert.Equal(MailboxFailure.NoManager, e.Failure);
        Assert.Contains("names no manager", e.Message);
    }

    [Fact]
    public async Task A_manager_graph_returns_without_an_address_for_lack_of_permission_says_which_permission_is_missing()
    {
        // Graph's "limited information" answer when the app may not read other users.
        _graph.Manager = new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = "m-1" };
        var e = await Assert.ThrowsAsync<MailboxException>(() => Mailbox().GetManagerAsync(default));
        Assert.Equal(MailboxFailure.NoManager, e.Failure);
        Assert.Contains("User.ReadBasic.All", e.Message);
    }

    [Fact]
    public async Task A_sent_reply_saved_here_is_found_in_sent_items_by_its_mark()
    {
        var saved = await Mailbox().CreateReplyDraftAsync("AAMkAD-customer", false, "<p>We cannot lower the price.</p>", [], "draft-0192", default);
        _graph.SendDraft(saved.MessageId, new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero));

        var sent = await Mailbox().FindSentReplyAsync("draft-0192", "AAQkAD-conversation", new DateTime(2026, 11, 16, 9, 0, 0, DateTimeKind.Utc), default);

        Assert.NotNull(sent);
        Assert.Equal(SentMatch.Mark, sent.MatchedBy);
        Assert.Equal(new DateTime(2026, 11, 16, 10, 0, 0, DateTimeKind.Utc), sent.SentAtUtc);
        Assert.Contains("We cannot lower the price", sent.Body);
        var search = _graph.Requests.Last();
        Assert.Equal(("GET", "/v1.0/me/mailFolders/sentitems/messages"), (search.Method, search.Path));
        Assert.Equal($"singleValueExtendedProperties/any(ep: ep/id eq '{GraphMailbox.DraftMarkId}' and ep/value eq 'draft-0192')", search.Param("$filter"));
    }

    [Fact]
    public async Task A_reply_sent_from_outlooks_own_form_is_the_users_first_message_in_the_thread_after_the_draft()
    {
        var since = new DateTime(2026, 11, 16, 9, 0, 0, DateTimeKind.Utc);
        const string conversation = "AAQk'quoted";
        _graph.Sent.Add(SentMessage("old", conversation, since.AddDays(-1), "An earlier reply."));
        _graph.Sent.Add(SentMessage("later", conversation, since.AddHours(3), "A later reply."));
        _graph.Sent.Add(SentMessage("first", conversation, since.AddHours(1), "We cannot lower the price."));
        _graph.Sent.Add(SentMessage("elsewhere", "another-thread", since.AddMinutes(5), "Unrelated."));

        var sent = await Mailbox().FindSentReplyAsync("draft-0192", conversation, since, default);

        Assert.Equal(("first", SentMatch.Conversation), (sent!.MessageId, sent.MatchedBy));
        // The quote in the id is doubled as OData wants, and the fake read it back.
        Assert.Equal("conversationId eq 'AAQk''quoted'", _graph.Requests.Last().Param("$filter"));
    }

    [Fact]
    public async Task Nothing_sent_yet_is_null_and_without_a_conversation_only_the_mark_is_searched()
    {
        Assert.Null(await Mailbox().FindSentReplyAsync("draft-0192", null, DateTime.UtcNow, default));
        Assert.Single(_graph.Requests);
    }

    [Theory]
    [InlineData(401, "InvalidAuthenticationToken", MailboxFailure.ConsentRequired)]
    [InlineData(403, "ErrorAccessDenied", MailboxFailure.Forbidden)]
    [InlineData(404, "ErrorItemNotFound", MailboxFailure.NotFound)]
    [InlineData(500, "InternalServerError", MailboxFailure.Failed)]
    [InlineData(502, "BadGateway", MailboxFailure.Failed)]
    [InlineData(400, "ErrorInvalidIdMalformed", MailboxFailure.Failed)]
    public async Task Each_graph_error_becomes_the_mailbox_failure_the_api_answers_with(int status, string code, MailboxFailure expected)
    {
        _graph.Answer("GET", "/me/messages/AAMkAD-customer", status, FakeGraph.Error(code, "Graph's own words."));

        var e = await Assert.ThrowsAsync<MailboxException>(() => Mailbox().GetMessageAsync("AAMkAD-customer", default));

        Assert.Equal(expected, e.Failure);
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task Throttling_is_retried_as_retry_after_says_and_then_succeeds()
    {
        var now = new Dictionary<string, string> { ["Retry-After"] = "0" };
        _graph.Answer("GET", "/me/messages/AAMkAD-customer", 429, FakeGraph.Error("TooManyRequests", "Slow down."), now);
        _graph.Answer("GET", "/me/messages/AAMkAD-customer", 503, FakeGraph.Error("ServiceUnavailable", "Busy."), now);

        var message = await Mailbox().GetMessageAsync("AAMkAD-customer", default);

        Assert.Equal("Renewal pricing", message.Subject);
        Assert.Equal(3, _graph.Requests.Count);
        Assert.All(_graph.Requests, r => Assert.Equal("Bearer " + GraphToken, r.Authorization));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_throttled_with_graphs_wait()
    {
        for (var i = 0; i < 4; i++)
            _graph.Answer("GET", "/me/messages/AAMkAD-customer", 429, FakeGraph.Error("TooManyRequests", "Slow down."), new() { ["Retry-After"] = "0" });

        var e = await Assert.ThrowsAsync<MailboxException>(() => Mailbox().GetMessageAsync("AAMkAD-customer", default));

        Assert.Equal((MailboxFailure.Throttled, 0), (e.Failure, e.RetryAfterSeconds));
        Assert.Equal(1 + _options.MaxRetries, _graph.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_a_person_should_wait_is_not_waited_for_but_passed_on()
    {
        _graph.Answer("POST", "/me/messages/AAMkAD-customer/createReply", 429, FakeGraph.Error("ApplicationThrottled", "Mailbox concurrency limit."),
            new() { ["Retry-After"] = "3600" });

        var e = await Assert.ThrowsAsync<MailboxException>(() =>
            Mailbox().CreateReplyDraftAsync("AAMkAD-customer", false, "<p>No.</p>", [], "draft-1", default));

        Assert.Equal((MailboxFailure.Throttled, 3600), (e.Failure, e.RetryAfterSeconds));
        Assert.Contains("3600 seconds", e.Message);
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task A_post_that_is_retried_sends_the_same_body_again()
    {
        _graph.Answer("PATCH", "/me/messages/draft-1", 503, FakeGraph.Error("ServiceUnavailable", "Busy."), new() { ["Retry-After"] = "0" });

        await Mailbox().CreateReplyDraftAsync("AAMkAD-customer", false, "<p>We cannot lower the price.</p>", [], "draft-0192", default);

        var patches = _graph.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, patches.Count);
        Assert.Equal(patches[0].Body, patches[1].Body);
        Assert.Contains("We cannot lower the price", patches[1].Body);
    }

    [Fact]
    public async Task When_entra_needs_the_user_consent_is_asked_for_and_graph_is_never_called()
    {
        _tokens.GetAccessTokenForUserAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(),
                Arg.Any<ClaimsPrincipal?>(), Arg.Any<TokenAcquisitionOptions?>())
            .ThrowsAsync(new MicrosoftIdentityWebChallengeUserException(
                new MsalUiRequiredException("invalid_grant", "AADSTS65001: The user or administrator has not consented."), ["Mail.ReadWrite"]));

        var e = await Assert.ThrowsAsync<MailboxException>(() => Mailbox().GetMessageAsync("AAMkAD-customer", default));

        Assert.Equal(MailboxFailure.ConsentRequired, e.Failure);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task Graph_that_cannot_be_reached_is_a_clear_failure()
    {
        var port = new Uri(_graph.BaseUrl).Port;
        await _graph.DisposeAsync();
        _graph = await FakeGraph.StartAsync();
        var gone = new GraphOptions { BaseUrl = $"http://127.0.0.1:{port}/v1.0", BackoffSeconds = 0 };

        var e = await Assert.ThrowsAsync<MailboxException>(() =>
            MailboxSetup.CreateGraphMailbox(_http, _tokens, _user, gone).GetMessageAsync("AAMkAD-customer", default));

        Assert.Equal(MailboxFailure.Failed, e.Failure);
        Assert.Contains("cannot be reached", e.Message);
    }

    [Fact]
    public async Task The_users_graph_token_is_only_given_to_graphs_host()
    {
        var provider = new OnBehalfOfTokenProvider(_tokens, _user, "Entra", ["https://graph.microsoft.com/Mail.ReadWrite"], new Uri("https://graph.microsoft.com/v1.0"));

        Assert.Equal("", await provider.GetAuthorizationTokenAsync(new Uri("https://attacker.example/v1.0/me")));
        Assert.Equal(GraphToken, await provider.GetAuthorizationTokenAsync(new Uri("https://graph.microsoft.com/v1.0/me")));
        await _tokens.Received(1).GetAccessTokenForUserAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(),
            Arg.Any<ClaimsPrincipal?>(), Arg.Any<TokenAcquisitionOptions?>());
    }

    private static JsonObject SentMessage(string id, string conversation, DateTime at, string text)
    {
        var m = FakeGraph.Message(id, "RE: Renewal pricing", $"<p>{text}</p>", "Alex Morgan", "alex@contoso.example", conversation);
        m["sentDateTime"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ");
        return m;
    }
}
