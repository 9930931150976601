using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>Template administration: read, save with If-Match, validation and the quality gate,
/// history, diff, restore, preview, kinds, and that a save is used by the next draft.</summary>
public sealed class TemplatesApiTests : IDisposable
{
    private readonly SayNoFactory _factory = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _manager;

    public TemplatesApiTests()
    {
        _admin = _factory.ClientAs("TemplateAdmin", "Dana Admin");
        _manager = _factory.ClientAs("AccountManager", "Alex Morgan");
    }

    public void Dispose() => _factory.Dispose();

    internal const string DiscountEmail = "Hi, before we sign the renewal we need a 15% discount on the annual fee. Can you do that?";

    internal static async Task<(string Content, string ETag)> Load(HttpClient client, string path)
    {
        var response = await client.GetAsync($"/api/templates/documents/{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var node = await response.ReadNodeAsync();
        return (node["content"]!.GetValue<string>(), response.Headers.ETag!.Tag);
    }

    internal static Task<HttpResponseMessage> Save(HttpClient client, string path, string content, string? ifMatch, string? comment = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/templates/documents/{path}") { Content = JsonContent.Create(new { content, comment }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private async Task<JsonNode> Draft(string audience = "commercial")
    {
        var response = await _manager.PostJsonAsync("/api/drafts", new { email = Json.Email(DiscountEmail), audience });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    [Fact]
    public async Task The_catalog_lists_every_kind_with_its_templates_and_versions()
    {
        var node = await (await _manager.GetAsync("/api/templates")).ReadNodeAsync();
        var kinds = node["kinds"]!.AsArray().Select(k => k!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["deadline", "discount", "exception", "liability", "payment_terms", "scope", "other"], kinds);
        var discount = node["kinds"]!.AsArray().First(k => k!["id"]!.GetValue<string>() == "discount")!;
        Assert.Equal(["commercial", "technical", "finance"], discount["templates"]!.AsArray().Select(t => t!["audience"]!.GetValue<string>()));
        Assert.All(discount["templates"]!.AsArray(), t => Assert.Equal(1, t!["version"]!.GetValue<int>()));
        Assert.Equal(9, node["partials"]!.AsArray().Count);
        Assert.True(node["catalogVersion"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task A_saved_reason_sentence_is_used_by_the_next_draft()
    {
        var (content, etag) = await Load(_admin, "discount/commercial.scriban");
        var edited = content.Replace("We can't lower the price", "We cannot lower the price this year");
        Assert.NotEqual(content, edited);

        var saved = await Save(_admin, "discount/commercial.scriban", edited, etag, "Firmer wording");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"2\"", saved.Headers.ETag!.Tag);

        var draft = await Draft();
        Assert.Contains("We cannot lower the price this year", draft["text"]!.GetValue<string>());
        Assert.Equal(2, draft["template"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_save_without_If_Match_is_refused_with_428()
    {
        var (content, _) = await Load(_admin, "discount/commercial.scriban");
        var response = await Save(_admin, "discount/commercial.scriban", content + "\n", ifMatch: null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Contains("If-Match", (await response.ReadNodeAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_save_from_a_stale_version_gets_412_and_the_newer_save_stands()
    {
        var (content, etag) = await Load(_admin, "discount/finance.scriban");
        var first = await Save(_admin, "discount/finance.scriban", content.Replace("We can't", "We cannot"), etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await Save(_admin, "discount/finance.scriban", content + "\n", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        var problem = await second.ReadNodeAsync();
        Assert.Equal(1, problem["yourVersion"]!.GetValue<int>());
        Assert.Equal(2, problem["currentVersion"]!.GetValue<int>());

        var (now, nowTag) = await Load(_admin, "discount/finance.scriban");
        Assert.Equal(content.Replace("We can't", "We cannot"), now);
        Assert.Equal("\"2\"", nowTag);
    }

    [Fact]
    public async Task Two_saves_racing_from_the_same_version_make_one_version_and_one_412()
    {
        var (content, etag) = await Load(_admin, "deadline/technical.scriban");
        var results = await Task.WhenAll(
            Save(_admin, "deadline/technical.scriban", content + "\n", etag),
            Save(_admin, "deadline/technical.scriban", content + "\n\n", etag));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
        var history = (await (await _admin.GetAsync("/api/templates/history?path=deadline/technical.scriban")).ReadNodeAsync()).AsArray();
        Assert.Equal([2, 1], history.Select(h => h!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_parse_error_is_not_saved_and_names_its_line_and_column()
    {
        var (content, etag) = await Load(_admin, "discount/commercial.scriban");
        var lines = content.Split('\n').ToList();
        lines.Insert(4, "{{ if data.requestedDiscountPercent }} broken");
        var response = await Save(_admin, "discount/commercial.scriban", string.Join('\n', lines), etag);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadNodeAsync())["problems"]!.AsArray();
        Assert.Contains(problems, p => p!["path"]!.GetValue<string>() == "discount/commercial.scriban" && p["line"] is not null);
        var (after, afterTag) = await Load(_admin, "discount/commercial.scriban");
        Assert.Equal(content, after);
        Assert.Equal(etag, afterTag);
    }

    [Fact]
    public async Task An_unknown_variable_is_not_saved_and_the_problem_points_at_it()
    {
        var (content, etag) = await Load(_admin, "discount/commercial.scriban");
        var edited = "{{ custmer.name }}\n" + content;
        var response = await Save(_admin, "discount/commercial.scriban", edited, etag);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.ReadNodeAsync())["problems"]!.AsArray().First()!;
        Assert.Contains("custmer", problem["message"]!.GetValue<string>());
        Assert.Equal(1, problem["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rude_sentence_for_a_second_ask_fails_the_quality_gate()
    {
        // The partial only speaks when the account manager ticks another ask; the gate renders that case too.
        var (content, etag) = await Load(_admin, "_partials/also.scriban");
        var edited = content.Replace("On the payment terms, ", "On the payment terms, that is a stupid ask: ");
        Assert.NotEqual(content, edited);
        var response = await Save(_admin, "_partials/also.scriban", edited, etag);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadNodeAsync())["problems"]!.AsArray();
        Assert.Contains(problems, p => (string?)p!["check"] == "respectful");
    }

    [Fact]
    public async Task A_template_that_no_longer_says_no_fails_the_quality_gate_per_example()
    {
        var (content, etag) = await Load(_admin, "discount/technical.scriban");
        var edited = content.Replace("can't", "would rather not").Replace("cannot", "would rather not");
        var response = await Save(_admin, "discount/technical.scriban", edited, etag);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadNodeAsync())["problems"]!.AsArray();
        var first = problems.First(p => p!["check"] is not null)!;
        Assert.Equal("saysNo", first["check"]!.GetValue<string>());
        Assert.Equal("discount", first["kind"]!.GetValue<string>());
        Assert.Equal("technical", first["audience"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["example"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_fact_value_change_is_used_by_the_next_draft()
    {
        var facts = await _admin.GetAsync("/api/facts");
        var node = await facts.ReadNodeAsync();
        var list = node["facts"]!.AsArray().Select(f => new
        {
            name = f!["name"]!.GetValue<string>(),
            value = f["name"]!.GetValue<string>() == "sameTierCustomers" ? 155m : f["value"]!.GetValue<decimal>(),
            unit = f["unit"]!.GetValue<string>(),
            label = f["label"]!.GetValue<string>(),
        }).ToList();
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/facts") { Content = JsonContent.Create(new { currency = "USD", facts = list }) };
        put.Headers.TryAddWithoutValidation("If-Match", facts.Headers.ETag!.Tag);
        var response = await _admin.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var draft = await Draft();
        Assert.Contains("155 companies", draft["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_diff_and_restore_bring_back_the_old_text_as_a_new_version()
    {
        var (content, etag) = await Load(_admin, "discount/commercial.scriban");
        var edited = content.Replace("We can't lower the price", "We cannot lower the price this year");
        Assert.Equal(HttpStatusCode.OK, (await Save(_admin, "discount/commercial.scriban", edited, etag, "Firmer")).StatusCode);

        var history = (await (await _manager.GetAsync("/api/templates/history?path=discount/commercial.scriban")).ReadNodeAsync()).AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal("Dana Admin", history[0]!["user"]!["name"]!.GetValue<string>());
        Assert.Equal("Firmer", history[0]!["comment"]!.GetValue<string>());
        var newId = history[0]!["id"]!.GetValue<long>();
        var oldId = history[1]!["id"]!.GetValue<long>();

        var diff = await (await _admin.GetAsync($"/api/templates/diff?from={oldId}&to={newId}")).ReadNodeAsync();
        Assert.Equal(1, diff["added"]!.GetValue<int>());
        Assert.Equal(1, diff["removed"]!.GetValue<int>());
        var added = diff["lines"]!.AsArray().Single(l => l!["op"]!.GetValue<string>() == "add")!;
        Assert.Contains("this year", added["text"]!.GetValue<string>());

        var restore = new HttpRequestMessage(HttpMethod.Post, $"/api/templates/versions/{oldId}/restore") { Content = JsonContent.Create(new { }) };
        restore.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var restored = await _admin.SendAsync(restore);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var doc = await restored.ReadNodeAsync();
        Assert.Equal(3, doc["version"]!.GetValue<int>());
        Assert.Equal("restore", doc["origin"]!.GetValue<string>());
        Assert.Equal(content, doc["content"]!.GetValue<string>());

        var draft = await Draft();
        Assert.DoesNotContain("this year", draft["text"]!.GetValue<string>());
        Assert.Equal(3, draft["template"]!["version"]!.GetValue<int>());
    }
}
