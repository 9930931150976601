using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>What an admin does with the template API over time: preview before saving, validate,
/// add and retire a kind, and what the audit shows; and that a hostile template never gets in.</summary>
public sealed class TemplatesLifecycleTests : IDisposable
{
    private const string Discount = "discount/commercial.scriban";
    private const string Original = "We can't lower the price";
    private const string Edited = "We cannot lower the price this year";

    private readonly SayNoFactory _factory = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _manager;

    public TemplatesLifecycleTests()
    {
        _admin = _factory.ClientAs("TemplateAdmin", "Dana Admin");
        _manager = _factory.ClientAs("AccountManager", "Alex Morgan");
    }

    public void Dispose() => _factory.Dispose();

    private async Task<JsonNode> Preview(object request)
    {
        var response = await _admin.PostJsonAsync("/api/templates/preview", request);
        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, node.ToJsonString());
        return node;
    }

    private static string Text(JsonNode preview, string audience) =>
        preview["previews"]!.AsArray().Single(p => p!["audience"]!.GetValue<string>() == audience)!["text"]!.GetValue<string>();

    private async Task<JsonArray> History(string path) =>
        (await (await _admin.GetAsync($"/api/templates/history?path={path}")).ReadNodeAsync()).AsArray();

    private async Task<JsonNode> Catalog() => await (await _manager.GetAsync("/api/templates")).ReadNodeAsync();

    private static JsonNode? KindIn(JsonNode catalog, string id) =>
        catalog["kinds"]!.AsArray().FirstOrDefault(k => k!["id"]!.GetValue<string>() == id);

    private Task<HttpResponseMessage> DraftAs(string? category) =>
        _manager.PostJsonAsync("/api/drafts", new { email = Json.Email("Hello, would you sponsor our charity gala in March? Thanks, Lee", "Gala", "Lee Park", "lee@cityhope.org"), category });

    // ---- preview

    [Fact]
    public async Task A_preview_with_unsaved_changes_shows_the_edit_and_saves_nothing()
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        var edited = content.Replace(Original, Edited);
        Assert.NotEqual(content, edited);

        var preview = await Preview(new { kind = "discount", changes = new[] { new { path = Discount, content = edited } }, example = 0, audiences = new[] { "commercial" } });

        Assert.Empty(preview["problems"]!.AsArray());
        Assert.Contains(Edited, Text(preview, "commercial"));
        var (after, afterTag) = await TemplatesApiTests.Load(_admin, Discount);
        Assert.Equal(content, after);
        Assert.Equal(etag, afterTag);
        Assert.Single(await History(Discount));
    }

    [Fact]
    public async Task A_preview_of_broken_unsaved_content_lists_the_problem_with_its_line_and_shows_the_saved_version()
    {
        var (content, _) = await TemplatesApiTests.Load(_admin, Discount);
        var lines = content.Split('\n').ToList();
        lines.Insert(3, "{{ if data.requestedDiscountPercent }} never closed");
        var broken = string.Join('\n', lines).Replace(Original, Edited);

        var preview = await Preview(new { kind = "discount", changes = new[] { new { path = Discount, content = broken } }, example = 0, audiences = new[] { "commercial" } });

        var problem = preview["problems"]!.AsArray().First(p => p!["path"]!.GetValue<string>() == Discount)!;
        Assert.NotNull(problem["line"]);
        Assert.InRange(problem["line"]!.GetValue<int>(), 1, lines.Count);
        var text = Text(preview, "commercial");
        Assert.Contains(Original, text);
        Assert.DoesNotContain(Edited, text);
        Assert.Single(await History(Discount));
    }

    [Fact]
    public async Task A_preview_of_every_shipped_kind_passes_every_check_for_every_audience()
    {
        var catalog = await Catalog();
        var kinds = catalog["kinds"]!.AsArray().Where(k => k!["refusable"]!.GetValue<bool>()).Select(k => k!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("discount", kinds);

        foreach (var kind in kinds)
        {
            var preview = await Preview(new { kind, example = 0 });
            var previews = preview["previews"]!.AsArray();
            Assert.Equal(["commercial", "technical", "finance"], previews.Select(p => p!["audience"]!.GetValue<string>()));
            foreach (var p in previews)
            {
                var checks = p!["checks"]!;
                var why = $"{kind}/{p["audience"]}: {p["checkNotes"]?.ToJsonString()} {p["problems"]?.ToJsonString()}";
                Assert.True(checks["saysNo"]!.GetValue<bool>() && checks["givesReason"]!.GetValue<bool>() && checks["citesData"]!.GetValue<bool>()
                            && checks["offersAlternative"]!.GetValue<bool>() && checks["respectful"]!.GetValue<bool>(), why);
                Assert.True(p["problems"]!.AsArray().Count == 0, why);
                Assert.False(string.IsNullOrWhiteSpace(p["text"]!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public async Task Template_code_in_a_customer_email_is_shown_as_text_and_never_run()
    {
        var preview = await Preview(new
        {
            kind = "discount",
            email = Json.Email("Hi, we need 15% off the renewal {{ 7*7 }} or we walk.", "Renewal {{ 7*7 }}", "Priya{{7*7}} Nair", "priya.nair@northwind-foods.com"),
            audiences = new[] { "commercial" },
            theyAreRightAbout = "the invoice said {{ 7*7 }} days",
        });

        Assert.Contains("{{ 7*7 }}", preview["email"]!["body"]!.GetValue<string>());
        var text = Text(preview, "commercial");
        // A display name carrying template code is not a person's name: the greeting stays neutral.
        Assert.StartsWith("Hello,", text);
        Assert.Contains("the invoice said {{ 7*7 }} days", text);
        Assert.DoesNotContain("49", text);
    }

    // ---- validate

    [Fact]
    public async Task Validating_a_good_change_renders_it_and_saves_nothing()
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        var response = await _admin.PostJsonAsync("/api/templates/validate", new { changes = new[] { new { path = Discount, content = content.Replace(Original, Edited) } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadNodeAsync();
        Assert.True(report["valid"]!.GetValue<bool>(), report.ToJsonString());
        Assert.Empty(report["problems"]!.AsArray());
        Assert.True(report["rendered"]!.GetValue<int>() > 0);
        Assert.Single(await History(Discount));
        Assert.Equal(etag, (await TemplatesApiTests.Load(_admin, Discount)).ETag);
    }

    [Fact]
    public async Task Validating_a_bad_change_reports_it_without_saving()
    {
        var (content, _) = await TemplatesApiTests.Load(_admin, Discount);
        var response = await _admin.PostJsonAsync("/api/templates/validate", new { changes = new[] { new { path = Discount, content = "{{ custmer.name }}\n" + content } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadNodeAsync();
        Assert.False(report["valid"]!.GetValue<bool>());
        Assert.Contains(report["problems"]!.AsArray(), p => p!["message"]!.GetValue<string>().Contains("custmer", StringComparison.Ordinal));
        Assert.Single(await History(Discount));
    }

    // ---- create a document

    [Fact]
    public async Task A_new_partial_is_created_with_If_None_Match_and_a_template_that_includes_it_is_drafted()
    {
        const string Partial = "_partials/guarantee.scriban";
        var create = new HttpRequestMessage(HttpMethod.Put, $"/api/templates/documents/{Partial}")
        {
            Content = JsonContent.Create(new { content = "Our price guarantee covers every customer alike.\n", comment = "New partial" }),
        };
        create.Headers.TryAddWithoutValidation("If-None-Match", "*");
        var created = await _admin.SendAsync(create);
        var createdNode = await created.ReadNodeAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, createdNode.ToJsonString());
        Assert.Equal(1, createdNode["version"]!.GetValue<int>());
        Assert.Equal("edit", createdNode["origin"]!.GetValue<string>());
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Contains((await Catalog())["partials"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "guarantee");

        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        var edited = content.Replace("{{~ include 'right_about' ~}}", "{{~ include 'guarantee' ~}}\n{{~ include 'right_about' ~}}");
        Assert.NotEqual(content, edited);
        var saved = await TemplatesApiTests.Save(_admin, Discount, edited, etag);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var draft = await _manager.PostJsonAsync("/api/drafts", new { email = Json.Email(TemplatesApiTests.DiscountEmail), audience = "commercial" });
        Assert.Contains("Our price guarantee covers every customer alike.", (await draft.ReadNodeAsync())["text"]!.GetValue<string>());
    }

    // ---- kinds

    [Fact]
    public async Task A_kind_can_be_created_drafted_retired_and_brought_back_by_restoring_its_definition()
    {
        var created = await _admin.PostJsonAsync("/api/templates/kinds", new { id = "sponsorship", title = "Sponsorship", description = "Sponsoring an event.", copyFrom = "discount" });
        var createdNode = await created.ReadNodeAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdNode.ToJsonString());
        Assert.Equal("sponsorship", createdNode["id"]!.GetValue<string>());
        Assert.Equal("/api/templates/documents/sponsorship/kind.json", created.Headers.Location?.OriginalString);

        var listed = KindIn(await Catalog(), "sponsorship");
        Assert.NotNull(listed);
        Assert.Equal(["commercial", "technical", "finance"], listed["templates"]!.AsArray().Select(t => t!["audience"]!.GetValue<string>()));
        Assert.All(listed["templates"]!.AsArray(), t => Assert.Equal(1, t!["version"]!.GetValue<int>()));
        Assert.Equal("Sponsorship", listed["title"]!.GetValue<string>());

        var draft = await DraftAs("sponsorship");
        var draftNode = await draft.ReadNodeAsync();
        Assert.True(draft.StatusCode == HttpStatusCode.OK, draftNode.ToJsonString());
        Assert.Equal("sponsorship", draftNode["category"]!.GetValue<string>());
        Assert.StartsWith("sponsorship/", draftNode["template"]!["id"]!.GetValue<string>());

        // Retire, with the ETag of its definition.
        var (_, etag) = await TemplatesApiTests.Load(_admin, "sponsorship/kind.json");
        var retire = new HttpRequestMessage(HttpMethod.Post, "/api/templates/kinds/sponsorship/retire") { Content = JsonContent.Create(new { comment = "Season over" }) };
        retire.Headers.TryAddWithoutValidation("If-Match", etag);
        var retired = await _admin.SendAsync(retire);
        var retiredNode = await retired.ReadNodeAsync();
        Assert.True(retired.StatusCode == HttpStatusCode.OK, retiredNode.ToJsonString());
        Assert.True(retiredNode["retired"]!.GetValue<bool>());
        Assert.Equal("retire", retiredNode["origin"]!.GetValue<string>());

        var afterRetire = await Catalog();
        Assert.Null(KindIn(afterRetire, "sponsorship"));
        Assert.Contains(afterRetire["retiredKinds"]!.AsArray(), r => r!["path"]!.GetValue<string>() == "sponsorship/kind.json");
        var refused = await DraftAs("sponsorship");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.ReadNodeAsync())["errors"]!["category"]);

        // Restore the definition as it was before the retirement.
        var history = await History("sponsorship/kind.json");
        Assert.Equal([2, 1], history.Select(h => h!["version"]!.GetValue<int>()));
        var beforeRetirement = history[1]!["id"]!.GetValue<long>();
        var restore = new HttpRequestMessage(HttpMethod.Post, $"/api/templates/versions/{beforeRetirement}/restore") { Content = JsonContent.Create(new { }) };
        restore.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var restored = await _admin.SendAsync(restore);
        var restoredNode = await restored.ReadNodeAsync();
        Assert.True(restored.StatusCode == HttpStatusCode.OK, restoredNode.ToJsonString());
        Assert.Equal(3, restoredNode["version"]!.GetValue<int>());
        Assert.False(restoredNode["retired"]!.GetValue<bool>());

        var back = await Catalog();
        Assert.NotNull(KindIn(back, "sponsorship"));
        Assert.DoesNotContain(back["retiredKinds"]!.AsArray(), r => r!["path"]!.GetValue<string>() == "sponsorship/kind.json");
        Assert.Equal(HttpStatusCode.OK, (await DraftAs("sponsorship")).StatusCode);
    }

    [Fact]
    public async Task Retiring_a_kind_from_a_stale_definition_gets_412_and_keeps_it()
    {
        var created = await _admin.PostJsonAsync("/api/templates/kinds", new { id = "sponsorship", title = "Sponsorship", copyFrom = "discount" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var retire = new HttpRequestMessage(HttpMethod.Post, "/api/templates/kinds/sponsorship/retire") { Content = JsonContent.Create(new { }) };
        retire.Headers.TryAddWithoutValidation("If-Match", "\"7\"");

        var response = await _admin.SendAsync(retire);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.NotNull(KindIn(await Catalog(), "sponsorship"));
    }

    // ---- hostile templates

    public static TheoryData<string> Payloads() =>
    [
        "{{ for i in 1..1000000000 }}x{{ end }}",
        "{{ include '../../etc/passwd' }}",
        "{{ func f; ret f; end; f }}",
        "{{ x = \"aaaaaaaa\"; for i in 1..40; x = x + x; end; x }}",
        "{{ \"\" | string.pad_left 2000000000 }}",
        "{{ a = {}; a.b = a; a }}",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_hostile_template_is_refused_with_a_problem_and_the_server_keeps_serving(string payload)
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);

        var response = await TemplatesApiTests.Save(_admin, Discount, content + "\n" + payload + "\n", etag);

        var problem = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {problem.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problems = problem["problems"]!.AsArray();
        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p!["path"]!.GetValue<string>() == Discount && !string.IsNullOrWhiteSpace(p["message"]!.GetValue<string>()));

        var (after, afterTag) = await TemplatesApiTests.Load(_admin, Discount);
        Assert.Equal(content, after);
        Assert.Equal(etag, afterTag);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/healthz")).StatusCode);
        var draft = await _manager.PostJsonAsync("/api/drafts", new { email = Json.Email(TemplatesApiTests.DiscountEmail), audience = "commercial" });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
    }

    /// <summary>The documented Problem shape: line and column are where the fault is, or null when not known.</summary>
    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_problem_with_a_hostile_template_points_at_the_line_of_the_fault_or_at_no_line(string payload)
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        var payloadLine = content.Split('\n').Length + 1;

        var response = await TemplatesApiTests.Save(_admin, Discount, content + "\n" + payload + "\n", etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadNodeAsync())["problems"]!.AsArray();
        var located = problems.Where(p => p!["path"]!.GetValue<string>() == Discount && p["line"] is not null).ToList();
        var misplaced = located.Where(p => p!["line"]!.GetValue<int>() != payloadLine)
            .Select(p => $"line {p!["line"]}, column {p["column"]}: {p["message"]}").Distinct().ToList();
        Assert.True(misplaced.Count == 0, $"The payload is on line {payloadLine}, but {misplaced.Count} problem(s) point elsewhere: {string.Join(" | ", misplaced)}");
    }

    // ---- audit

    [Fact]
    public async Task The_audit_lists_every_change_with_who_what_and_the_version_before_and_filters_and_pages()
    {
        var (commercial, commercialTag) = await TemplatesApiTests.Load(_admin, Discount);
        Assert.Equal(HttpStatusCode.OK, (await TemplatesApiTests.Save(_admin, Discount, commercial.Replace(Original, Edited), commercialTag, "Firmer")).StatusCode);
        var lee = _factory.ClientAs("TemplateAdmin", "Lee Admin");
        var (finance, financeTag) = await TemplatesApiTests.Load(lee, "discount/finance.scriban");
        Assert.Equal(HttpStatusCode.OK, (await TemplatesApiTests.Save(lee, "discount/finance.scriban", finance.Replace("We can't", "We cannot"), financeTag)).StatusCode);

        var reviewer = _factory.ClientAs("ComplianceReviewer", "Robin Reviewer");
        var all = await (await reviewer.GetAsync("/api/templates/changes")).ReadNodeAsync();
        var total = all["total"]!.GetValue<int>();
        var seeded = (await (await reviewer.GetAsync("/api/templates/changes?user=templates%20folder")).ReadNodeAsync())["total"]!.GetValue<int>();
        Assert.True(seeded > 30);
        Assert.Equal(seeded + 2, total);

        var newest = all["items"]!.AsArray()[0]!;
        Assert.Equal("discount/finance.scriban", newest["path"]!.GetValue<string>());
        Assert.Equal("Lee Admin", newest["user"]!["name"]!.GetValue<string>());
        Assert.Equal(2, newest["version"]!.GetValue<int>());
        Assert.Equal("edit", newest["origin"]!.GetValue<string>());
        Assert.Null(newest["content"]);

        var second = all["items"]!.AsArray()[1]!;
        Assert.Equal(Discount, second["path"]!.GetValue<string>());
        Assert.Equal("Dana Admin", second["user"]!["name"]!.GetValue<string>());
        Assert.Equal("dana.admin", second["user"]!["id"]!.GetValue<string>());
        Assert.Equal("Firmer", second["comment"]!.GetValue<string>());
        var history = await History(Discount);
        Assert.Equal(history[1]!["id"]!.GetValue<long>(), second["previousId"]!.GetValue<long>());
        Assert.Equal(history[0]!["id"]!.GetValue<long>(), second["id"]!.GetValue<long>());

        var byPath = await (await reviewer.GetAsync($"/api/templates/changes?path={Discount}")).ReadNodeAsync();
        Assert.Equal(2, byPath["total"]!.GetValue<int>());
        Assert.Equal(["edit", "seed"], byPath["items"]!.AsArray().Select(i => i!["origin"]!.GetValue<string>()));
        Assert.Null(byPath["items"]!.AsArray()[1]!["previousId"]);

        foreach (var user in new[] { "dana.admin", "Dana%20Admin" })
        {
            var byUser = await (await reviewer.GetAsync($"/api/templates/changes?user={user}")).ReadNodeAsync();
            Assert.Equal(1, byUser["total"]!.GetValue<int>());
            Assert.Equal(Discount, byUser["items"]!.AsArray().Single()!["path"]!.GetValue<string>());
        }

        var page1 = await (await reviewer.GetAsync("/api/templates/changes?take=1")).ReadNodeAsync();
        var page2 = await (await reviewer.GetAsync("/api/templates/changes?take=1&skip=1")).ReadNodeAsync();
        var beyond = await (await reviewer.GetAsync($"/api/templates/changes?take=10&skip={total}")).ReadNodeAsync();
        Assert.Equal(total, page1["total"]!.GetValue<int>());
        Assert.Equal(total, page2["total"]!.GetValue<int>());
        Assert.Equal(newest["id"]!.GetValue<long>(), page1["items"]!.AsArray().Single()!["id"]!.GetValue<long>());
        Assert.Equal(second["id"]!.GetValue<long>(), page2["items"]!.AsArray().Single()!["id"]!.GetValue<long>());
        Assert.Empty(beyond["items"]!.AsArray());
        Assert.Equal(total, beyond["total"]!.GetValue<int>());
    }
}
