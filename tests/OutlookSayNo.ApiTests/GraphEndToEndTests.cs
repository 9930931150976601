using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using NSubstitute;
using OutlookSayNo.Data;
using OutlookSayNo.Mailbox;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The whole path an account manager takes, through the API's routes, the real Graph SDK and
/// a loopback Graph: draft a large email by its id, save the reply to Drafts with the manager in Cc,
/// send it in Outlook, confirm it from Sent Items. Only the on-behalf-of token is a stand-in.</summary>
public sealed class GraphEndToEndTests : IAsyncLifetime
{
    private FakeGraph _graph = null!;
    private SayNoFactory _api = null!;
    private HttpClient _graphHttp = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        var options = new GraphOptions { BaseUrl = _graph.BaseUrl, BackoffSeconds = 0 };
        _graphHttp = MailboxSetup.CreateGraphHttp(options, TimeProvider.System);
        var tokens = Substitute.For<ITokenAcquisition>();
        tokens.GetAccessTokenForUserAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(),
            Arg.Any<ClaimsPrincipal?>(), Arg.Any<TokenAcquisitionOptions?>()).Returns(ci => "graph-token-for-" + ci.ArgAt<ClaimsPrincipal?>(4)?.FindFirst("name")?.Value);
        _api = new SayNoFactory
        {
            TestServices = services => services.AddScoped<IMailbox>(sp => MailboxSetup.CreateGraphMailbox(_graphHttp, tokens,
                sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.User, options)),
        };
        _graph.Manager = new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = "m-1", ["displayName"] = "Morgan Lead", ["mail"] = "morgan.lead@contoso.example" };
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        _graphHttp.Dispose();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task An_account_manager_drafts_by_id_saves_with_the_manager_in_cc_sends_and_the_sent_reply_is_confirmed_from_sent_items()
    {
        var padding = string.Concat(Enumerable.Repeat("<div>&nbsp;</div>", 15_000));
        _graph.Messages["AAMkAD-big"] = FakeGraph.Message("AAMkAD-big", "Renewal", "<p>" + Emails.ThreatBody.Replace("\n", "<br>") + "</p>" + padding,
            "Priya Nair", "priya.nair@northwind-foods.com", "AAQk-thread");
        var client = _api.ClientAs(name: "Alex Morgan");

        var draft = await (await client.PostJsonAsync("/api/drafts", new { email = new { itemId = "AAMkAD-big" } })).ReadNodeAsync();
        var id = (string)draft["id"]!;
        Assert.True((bool)draft["managerCopyAdvised"]!, draft.ToJsonString());

        var saved = await client.PostJsonAsync($"/api/drafts/{id}/reply-draft", new { messageId = "AAMkAD-big", ccManager = true });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var savedJson = await saved.ReadNodeAsync();
        Assert.Equal("morgan.lead@contoso.example", (string?)savedJson["manager"]!["email"]);

        // What reached Graph, in order, each with this user's token.
        Assert.Equal(["GET /v1.0/me/messages/AAMkAD-big", "GET /v1.0/me/manager", "POST /v1.0/me/messages/AAMkAD-big/createReply", "PATCH /v1.0/me/messages/draft-1"],
            _graph.Requests.Select(r => r.Method + " " + r.Path));
        Assert.All(_graph.Requests, r => Assert.Equal("Bearer graph-token-for-Alex Morgan", r.Authorization));
        var draftInMailbox = _graph.Messages["draft-1"];
        Assert.Contains(System.Net.WebUtility.HtmlEncode(((string)draft["text"]!).Split('\n')[0]), (string)draftInMailbox["body"]!["content"]!);
        Assert.Equal("morgan.lead@contoso.example", (string?)draftInMailbox["ccRecipients"]![0]!["emailAddress"]!["address"]);

        _graph.SendDraft("draft-1", SayNoFactory.Now.AddMinutes(10));
        var confirmed = await client.PostAsync($"/api/drafts/{id}/confirm-sent", null);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var json = await confirmed.ReadNodeAsync();
        Assert.True((bool)json["event"]!["unchanged"]!, json.ToJsonString());
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var types = await db.Log.AsNoTracking().Where(r => r.DraftId == id).OrderBy(r => r.Seq).Select(r => r.Type).ToListAsync();
        Assert.Equal([LogTypes.Generated, LogTypes.Inserted, LogTypes.Sent], types);
        var sent = JsonNode.Parse(await db.Log.AsNoTracking().Where(r => r.DraftId == id && r.Type == LogTypes.Sent).Select(r => r.Payload).SingleAsync())!;
        Assert.Equal("mailbox:mark", (string?)sent["source"]);
        Assert.Equal("morgan.lead@contoso.example", (string?)sent["cc"]![0]!["email"]);
    }

    [Fact]
    public async Task A_message_graph_no_longer_has_is_a_404_problem_from_the_route()
    {
        var response = await _api.ClientAs().PostJsonAsync("/api/drafts", new { email = new { itemId = "AAMkAD-deleted" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MailboxProblems.NotFound, (string?)(await response.ReadNodeAsync())["type"]);
    }
}
