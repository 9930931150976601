using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace OutlookSayNo.ApiTests;

/// <summary>One API with a draft by each of two account managers, shared by the role tests.</summary>
public sealed class ComplianceRolesFixture : IAsyncLifetime
{
    public SayNoFactory Factory { get; } = new();
    public string AlexDraft { get; private set; } = "";
    public string SamDraft { get; private set; } = "";

    public async Task InitializeAsync()
    {
        AlexDraft = await Draft(Factory.ClientAs("AccountManager", "Alex Morgan"), "Renewal quote");
        SamDraft = await Draft(Factory.ClientAs("AccountManager", "Sam Carter"), "Sam's renewal");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public static async Task<string> Draft(HttpClient manager, string subject = "Renewal quote")
    {
        var response = await manager.PostJsonAsync("/api/drafts",
            // Each call is another customer email (item): the same email drafted again would be a revision of one draft.
            new { email = Json.Email(Emails.DiscountBody, subject, itemId: Guid.NewGuid().ToString()), category = "discount", audience = "commercial" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadNodeAsync())["id"]!;
    }
}

/// <summary>Who may use which compliance route: reviewers everything; account managers only the search
/// and detail, and only for their own drafts; template admins, users without a role and anonymous
/// callers nothing. And who may record that a draft was sent.</summary>
public sealed class ComplianceRolesTests(ComplianceRolesFixture fixture) : IClassFixture<ComplianceRolesFixture>
{
    private readonly SayNoFactory _factory = fixture.Factory;

    /// <summary>anonymous: no token; none: a valid token with no role; else a token with that role.</summary>
    private HttpClient Client(string who, string name = "Alex Morgan")
    {
        if (who == "anonymous") return _factory.CreateClient();
        if (who != "none") return _factory.ClientAs(who, name);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Token(role: null, name: "Nora Norole"));
        return client;
    }

    private Task<HttpResponseMessage> Call(HttpClient client, string route) => route switch
    {
        "GET drafts" => client.GetAsync("/api/compliance/drafts"),
        "GET drafts/{id}" => client.GetAsync($"/api/compliance/drafts/{fixture.AlexDraft}"),
        "POST drafts/{id}/actions" => client.PostJsonAsync($"/api/compliance/drafts/{fixture.AlexDraft}/actions", new { type = "comment", comment = "Looked at it." }),
        "GET export.csv" => client.GetAsync("/api/compliance/export.csv"),
        "GET log" => client.GetAsync("/api/compliance/log"),
        "GET verify" => client.GetAsync("/api/compliance/verify"),
        "POST purge" => client.PostJsonAsync("/api/compliance/purge", new { confirm = true }),
        "GET dashboard" => client.GetAsync("/api/compliance/dashboard"),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    public static readonly string[] Routes =
        ["GET drafts", "GET drafts/{id}", "POST drafts/{id}/actions", "GET export.csv", "GET log", "GET verify", "POST purge", "GET dashboard"];

    private static readonly string[] ManagerRoutes = ["GET drafts", "GET drafts/{id}"];

    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var route in Routes)
        {
            data.Add(route, "anonymous", HttpStatusCode.Unauthorized);
            data.Add(route, "none", HttpStatusCode.Forbidden);
            data.Add(route, "TemplateAdmin", HttpStatusCode.Forbidden);
            data.Add(route, "AccountManager", ManagerRoutes.Contains(route) ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            data.Add(route, "ComplianceReviewer", route == "POST drafts/{id}/actions" ? HttpStatusCode.Created : HttpStatusCode.OK);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_compliance_route_answers_each_role_as_the_role_matrix_says(string route, string who, HttpStatusCode expected)
    {
        var response = await Call(Client(who, who == "ComplianceReviewer" ? "Rita Review" : "Alex Morgan"), route);
        Assert.True(expected == response.StatusCode, $"{route} as {who}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_matrix_covers_every_compliance_route_the_api_maps()
    {
        var endpoints = _factory.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/compliance", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText!["/api/compliance/".Length..]}"))
            .Order().ToList();
        Assert.Equal(Routes.Order(), endpoints);
    }

    // ---- an account manager sees only their own drafts

    [Fact]
    public async Task An_account_manager_lists_only_their_own_drafts_whatever_the_filter()
    {
        var sam = Client("AccountManager", "Sam Carter");
        foreach (var query in new[] { "", "?count=true", "?user=alex.morgan", "?user=Alex Morgan", "?q=Renewal quote", "?domain=northwind-foods.com" })
        {
            var page = await ComplianceReviewApiTests.Search(sam, query.TrimStart('?'));
            var items = page["items"]!.AsArray();
            Assert.All(items, i => Assert.Equal("sam.carter", (string?)i!["userId"]));
            Assert.DoesNotContain(items, i => (string?)i!["id"] == fixture.AlexDraft);
        }
        var mine = await ComplianceReviewApiTests.Search(sam, "count=true");
        Assert.Equal([fixture.SamDraft], mine["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal(1, (long)mine["total"]!);
        Assert.Empty((await ComplianceReviewApiTests.Search(sam, "user=alex.morgan"))["items"]!.AsArray());

        var alex = await ComplianceReviewApiTests.Search(Client("AccountManager", "Alex Morgan"), "");
        Assert.Contains(alex["items"]!.AsArray(), i => (string?)i!["id"] == fixture.AlexDraft);
        Assert.All(alex["items"]!.AsArray(), i => Assert.Equal("alex.morgan", (string?)i!["userId"]));

        // A reviewer sees both.
        var all = await ComplianceReviewApiTests.Search(Client("ComplianceReviewer", "Rita Review"), "");
        Assert.Contains(all["items"]!.AsArray(), i => (string?)i!["id"] == fixture.AlexDraft);
        Assert.Contains(all["items"]!.AsArray(), i => (string?)i!["id"] == fixture.SamDraft);
    }

    [Fact]
    public async Task An_account_manager_reads_their_own_draft_and_gets_404_for_another_managers()
    {
        var sam = Client("AccountManager", "Sam Carter");
        var own = await sam.GetAsync($"/api/compliance/drafts/{fixture.SamDraft}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(fixture.SamDraft, (string?)(await own.ReadNodeAsync())["summary"]!["id"]);

        var other = await sam.GetAsync($"/api/compliance/drafts/{fixture.AlexDraft}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // The same answer as for a draft that does not exist: nothing tells Sam Alex's draft is there.
        var missing = await sam.GetAsync("/api/compliance/drafts/0199aaaa-0000-7000-8000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((string?)(await missing.ReadNodeAsync())["title"], (string?)(await other.ReadNodeAsync())["title"]);
    }

    [Fact]
    public async Task An_account_manager_cannot_act_on_even_their_own_draft()
    {
        var response = await Client("AccountManager", "Sam Carter").PostJsonAsync($"/api/compliance/drafts/{fixture.SamDraft}/actions", new { type = "reviewed" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = await (await Client("ComplianceReviewer", "Rita Review").GetAsync($"/api/compliance/drafts/{fixture.SamDraft}")).ReadNodeAsync();
        Assert.DoesNotContain(detail["records"]!.AsArray(), r => (string?)r!["type"] == "reviewed");
    }

    [Fact]
    public async Task An_account_manager_reads_the_reviewers_comments_on_their_own_draft()
    {
        // Decided: a comment is feedback on the manager's own reply, so they see it, with the reviewer's name.
        var draft = await ComplianceRolesFixture.Draft(Client("AccountManager", "Sam Carter"), "Sam's second renewal");
        var posted = await Client("ComplianceReviewer", "Rita Review").PostJsonAsync($"/api/compliance/drafts/{draft}/actions",
            new { type = "comment", comment = "Lead with the volume tier next time." });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var detail = await (await Client("AccountManager", "Sam Carter").GetAsync($"/api/compliance/drafts/{draft}")).ReadNodeAsync();
        var comment = Assert.Single(detail["records"]!.AsArray(), r => (string?)r!["type"] == "comment")!;
        Assert.Equal("Lead with the volume tier next time.", (string?)comment["payload"]!["comment"]);
        Assert.Equal("Rita Review", (string?)comment["user"]!["name"]);
    }

    [Fact]
    public async Task A_user_with_both_roles_gets_the_reviewers_view()
    {
        var both = Client("AccountManager,ComplianceReviewer", "Sam Carter");
        var page = await ComplianceReviewApiTests.Search(both, "");
        Assert.Contains(page["items"]!.AsArray(), i => (string?)i!["id"] == fixture.AlexDraft);
        Assert.Equal(HttpStatusCode.OK, (await both.GetAsync($"/api/compliance/drafts/{fixture.AlexDraft}")).StatusCode);
    }

    // ---- sent events

    private static object SentEvent(string? body = "Thanks Priya, we can't reduce the price, because our margin is 12%. Instead we can offer a two-year lock.",
        int to = 1, int cc = 0) => new
    {
        type = "sent",
        mode = "reply",
        body,
        to = Enumerable.Range(0, to).Select(i => new { name = $"Person {i}", email = $"person{i}@northwind-foods.com" }).ToArray(),
        cc = Enumerable.Range(0, cc).Select(i => new { name = $"Copy {i}", email = $"copy{i}@northwind-foods.com" }).ToArray(),
    };

    private async Task<JsonNode[]> RecordsOf(string draftId)
    {
        var log = await (await Client("ComplianceReviewer", "Rita Review").GetAsync("/api/compliance/log?take=1000")).ReadNodeAsync();
        return log.AsArray().Where(r => (string?)r!["draftId"] == draftId).Select(r => r!).ToArray();
    }

    private async Task<long> Head() =>
        (long)(await (await Client("ComplianceReviewer", "Rita Review").GetAsync("/api/compliance/verify")).ReadNodeAsync())["headSeq"]!;

    [Fact]
    public async Task Only_the_drafts_owner_may_record_that_it_was_sent()
    {
        var alexDraft = await ComplianceRolesFixture.Draft(Client("AccountManager", "Alex Morgan"));

        var sam = await Client("AccountManager", "Sam Carter").PostJsonAsync($"/api/drafts/{alexDraft}/events", SentEvent());
        Assert.Equal(HttpStatusCode.Forbidden, sam.StatusCode);
        foreach (var who in new[] { "ComplianceReviewer", "TemplateAdmin", "none" })
            Assert.Equal(HttpStatusCode.Forbidden, (await Client(who).PostJsonAsync($"/api/drafts/{alexDraft}/events", SentEvent())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client("anonymous").PostJsonAsync($"/api/drafts/{alexDraft}/events", SentEvent())).StatusCode);
        Assert.Equal(["generated"], (await RecordsOf(alexDraft)).Select(r => (string)r["type"]!));

        var alex = await Client("AccountManager", "Alex Morgan").PostJsonAsync($"/api/drafts/{alexDraft}/events", SentEvent());
        Assert.Equal(HttpStatusCode.Created, alex.StatusCode);
        Assert.Equal(["generated", "sent"], (await RecordsOf(alexDraft)).Select(r => (string)r["type"]!));
    }

    [Fact]
    public async Task A_sent_reply_with_no_matching_draft_is_a_404_and_is_not_logged()
    {
        const string unknown = "0199bbbb-0000-7000-8000-000000000000";
        var before = await Head();
        var response = await Client("AccountManager", "Alex Morgan").PostJsonAsync($"/api/drafts/{unknown}/events", SentEvent());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await RecordsOf(unknown));
        Assert.Equal(before, await Head());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public async Task A_sent_event_without_a_body_is_a_400_naming_the_body(string? body)
    {
        var id = await ComplianceRolesFixture.Draft(Client("AccountManager", "Alex Morgan"));
        var response = await Client("AccountManager", "Alex Morgan").PostJsonAsync($"/api/drafts/{id}/events", SentEvent(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["body"]);
        Assert.Equal(["generated"], (await RecordsOf(id)).Select(r => (string)r["type"]!));
    }

    [Theory]
    [InlineData(501, 0)]
    [InlineData(400, 101)]
    [InlineData(0, 501)]
    public async Task A_sent_event_with_more_than_500_recipients_is_a_400(int to, int cc)
    {
        var id = await ComplianceRolesFixture.Draft(Client("AccountManager", "Alex Morgan"));
        var response = await Client("AccountManager", "Alex Morgan").PostJsonAsync($"/api/drafts/{id}/events", SentEvent(to: to, cc: cc));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["to"]);
        Assert.Equal(["generated"], (await RecordsOf(id)).Select(r => (string)r["type"]!));
    }

    [Fact]
    public async Task A_sent_event_with_exactly_500_recipients_is_recorded_with_all_of_them()
    {
        var id = await ComplianceRolesFixture.Draft(Client("AccountManager", "Alex Morgan"));
        var response = await Client("AccountManager", "Alex Morgan").PostJsonAsync($"/api/drafts/{id}/events", SentEvent(to: 300, cc: 200));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await RecordsOf(id)).Single(r => (string?)r["type"] == "sent");
        Assert.Equal(300, sent["payload"]!["to"]!.AsArray().Count);
        Assert.Equal(200, sent["payload"]!["cc"]!.AsArray().Count);
    }
}
