using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

/// <summary>A customer's domain picks the business pack their draft argues with: an admin maps the
/// domain in setup.json, and the draft, its alternatives and the log follow.</summary>
public sealed class PackDraftTests : IDisposable
{
    private readonly SayNoFactory _factory = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _manager;

    public PackDraftTests()
    {
        _admin = _factory.ClientAs("TemplateAdmin", "Ada Admin");
        _manager = _factory.ClientAs("AccountManager", "Sam Porter");
    }

    public void Dispose() => _factory.Dispose();

    private async Task<JsonNode> Draft(string from)
    {
        var response = await _manager.PostJsonAsync("/api/drafts",
            new { email = Json.Email(TemplatesApiTests.DiscountEmail, email: from), category = "discount", audience = "finance" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    private async Task<JsonNode> Catalog() => await (await _admin.GetAsync("/api/templates")).ReadNodeAsync();

    [Fact]
    public async Task The_catalog_lists_the_packs_and_the_setup_in_plain_words()
    {
        var catalog = await Catalog();
        var packs = catalog["packs"]!.AsArray();
        Assert.Equal(["goods", "services", "software"], packs.Select(p => (string?)p!["id"]));
        Assert.All(packs, p => Assert.False(string.IsNullOrWhiteSpace((string?)p!["title"])));
        // Facts by their labels, never by their names.
        Assert.All(packs.SelectMany(p => p!["facts"]!.AsArray()), f => Assert.Contains(' ', (string)f!));
        Assert.Equal("goods", (string?)catalog["setup"]!["pack"]);
        Assert.Equal("setup.json", (string?)catalog["setup"]!["document"]!["path"]);
    }

    [Fact]
    public async Task A_domain_mapped_to_a_pack_gets_that_packs_alternatives_and_the_log_names_the_pack()
    {
        var before = await Draft("dana@contoso-cloud.example");
        Assert.Equal("goods", (string?)before["pack"]!["id"]);

        var (_, etag) = await TemplatesApiTests.Load(_admin, "setup.json");
        var saved = await TemplatesApiTests.Save(_admin, "setup.json", """{ "pack": "goods", "domains": { "contoso-cloud.example": "software" } }""", etag, "Contoso buys the cloud product");
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var draft = await Draft("dana@eu.contoso-cloud.example");
        Assert.Equal("software", (string?)draft["pack"]!["id"]);
        Assert.Equal("Software and SaaS", (string?)draft["pack"]!["title"]);

        var goods = await Draft("dana@northwind-foods.com");
        Assert.Equal("goods", (string?)goods["pack"]!["id"]);
        // Each pack's own first default ("offer"; a short message gets one): not the kind's, which the pack also has.
        Assert.Equal(["plan-change"], Offered(draft));
        Assert.Equal(["volume-tier"], Offered(goods));

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var logged = await db.Log.AsNoTracking().SingleAsync(r => r.DraftId == (string)draft["id"]! && r.Type == LogTypes.Generated);
        Assert.Equal("software", (string?)JsonNode.Parse(logged.Payload)!["pack"]);
    }

    private async Task<JsonNode> ValidateSetup(string content)
    {
        var response = await _admin.PostJsonAsync("/api/templates/validate", new { changes = new[] { new { path = "setup.json", content } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadNodeAsync();
        Assert.True(report["valid"]!.GetValue<bool>(), report.ToJsonString());
        return report;
    }

    [Fact]
    public async Task A_setup_change_renders_only_a_pack_that_becomes_the_business_own()
    {
        // Mapping a domain changes no template, fact or pack: each pack renders as it did when it was saved.
        var mapped = await ValidateSetup("""{ "pack": "goods", "domains": { "contoso-cloud.example": "software" } }""");
        Assert.Equal(0, mapped["rendered"]!.GetValue<int>());
        // A new business pack was rendered with a few samples as another pack's view; now it gets every sample.
        var software = await ValidateSetup("""{ "pack": "software" }""");
        Assert.True(software["rendered"]!.GetValue<int>() > 100, software.ToJsonString());
    }

    [Fact]
    public async Task A_setup_naming_a_pack_that_does_not_exist_is_refused_and_nothing_changes()
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, "setup.json");
        var response = await TemplatesApiTests.Save(_admin, "setup.json", """{ "pack": "retail" }""", etag);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'retail' is not a pack", await response.Content.ReadAsStringAsync());
        Assert.Equal(content, (await TemplatesApiTests.Load(_admin, "setup.json")).Content);
    }

    [Fact]
    public async Task A_fact_the_business_does_not_have_saves_without_a_value_and_a_money_fact_keeps_its_currency()
    {
        var loaded = await _admin.GetAsync("/api/facts");
        var facts = await loaded.ReadNodeAsync();
        foreach (var f in facts["facts"]!.AsArray())
        {
            if ((string?)f!["name"] == "trialDays") f["value"] = null;
            if ((string?)f!["name"] == "hourlyRate") f["currency"] = "EUR";
        }
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/facts")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { currency = (string?)facts["currency"], facts = facts["facts"] }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", loaded.Headers.ETag!.Tag);
        var saved = await _admin.SendAsync(request);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var again = (await (await _admin.GetAsync("/api/facts")).ReadNodeAsync())["facts"]!.AsArray();
        Assert.Null(again.Single(f => (string?)f!["name"] == "trialDays")!["value"]);
        Assert.Equal("EUR", (string?)again.Single(f => (string?)f!["name"] == "hourlyRate")!["currency"]);
        var (content, _) = await TemplatesApiTests.Load(_admin, "facts.json");
        Assert.Contains("\"name\": \"trialDays\", \"value\": null", content);
    }

    [Fact]
    public async Task An_admin_previews_as_any_pack_and_an_unknown_pack_is_named()
    {
        var software = await _admin.PostJsonAsync("/api/templates/preview", new { kind = "discount", example = 0, pack = "software" });
        Assert.Equal(HttpStatusCode.OK, software.StatusCode);
        Assert.Equal("software", (string?)(await software.ReadNodeAsync())["pack"]);
        var goods = await _admin.PostJsonAsync("/api/templates/preview", new { kind = "discount", example = 0 });
        Assert.Equal("goods", (string?)(await goods.ReadNodeAsync())["pack"]);

        var unknown = await _admin.PostJsonAsync("/api/templates/preview", new { kind = "discount", example = 0, pack = "retail" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'retail' is not a pack", (string)(await unknown.ReadNodeAsync())["errors"]!["pack"]![0]!);
    }

    private static List<string> Offered(JsonNode draft) =>
        draft["alternatives"]!.AsArray().Where(a => (bool)a!["offered"]!).Select(a => (string)a!["id"]!).ToList();
}
