using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>Bad requests to the template administration API: each gets the documented status as a
/// problem (application/problem+json) that names what was wrong, nothing is saved, and the API keeps
/// serving. The cases share one API: none of them may change it.</summary>
public sealed class TemplatesBadInputTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private const string Discount = "discount/commercial.scriban";

    /// <summary>A bad request, the status it must get, the validation error key it must name (or null)
    /// and a text the problem must mention (or null).</summary>
    public sealed record Case(Func<HttpRequestMessage> Request, HttpStatusCode Status, string? Field = null, string? Mentions = null);

    private static HttpRequestMessage Send(string method, string url, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static string Body(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static readonly (string, string) AnyVersion = ("If-Match", "*");

    /// <summary>The shipped facts table as a PUT /api/facts body, changed by <paramref name="change"/>.</summary>
    private static string Facts(Action<JsonArray> change)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(TemplatesCopy.ShippedFolder(), "facts.json")))!;
        var facts = file["facts"]!.AsArray();
        change(facts);
        return new JsonObject { ["currency"] = file["currency"]!.GetValue<string>(), ["facts"] = facts.DeepClone() }.ToJsonString();
    }

    private static JsonObject Fact(JsonArray facts, string name) => facts.Single(f => f!["name"]!.GetValue<string>() == name)!.AsObject();

    private static byte[] Zip(params (string Path, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (path, content) in entries)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        return buffer.ToArray();
    }

    private static HttpRequestMessage Import(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(HttpMethod.Post, "/api/templates/import") { Content = content };
    }

    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>
    {
        // Document paths
        ["a path that climbs out of the folder"] = new(() => Send("PUT", "/api/templates/documents/..%2Fetc%2Fpasswd", Body(new { content = "x" }), AnyVersion), HttpStatusCode.BadRequest, "path"),
        ["a path to a file that is not a document"] = new(() => Send("PUT", "/api/templates/documents/discount/other.txt", Body(new { content = "x" }), AnyVersion), HttpStatusCode.BadRequest, "path"),
        ["a partial path that climbs out of the partials"] = new(() => Send("PUT", "/api/templates/documents/_partials/..%2Fx.scriban", Body(new { content = "x" }), AnyVersion), HttpStatusCode.BadRequest, "path"),
        ["a history path that climbs out of the folder"] = new(() => Send("GET", "/api/templates/history?path=../etc/passwd"), HttpStatusCode.BadRequest, "path"),
        ["a history of a partial path that climbs out"] = new(() => Send("GET", "/api/templates/history?path=_partials/../x.scriban"), HttpStatusCode.BadRequest, "path"),
        ["a history without a path"] = new(() => Send("GET", "/api/templates/history"), HttpStatusCode.BadRequest, "path"),

        // Saving a document
        ["a save without content"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", Body(new { comment = "no content" }), AnyVersion), HttpStatusCode.BadRequest, "content"),
        ["a save with more than 200,000 characters"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", Body(new { content = new string('a', 200_001) }), AnyVersion), HttpStatusCode.BadRequest, "content"),
        ["a save with a body over the 256 KB request limit"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", Body(new { content = new string('a', 300_000) }), AnyVersion), HttpStatusCode.RequestEntityTooLarge, null, "bytes"),
        ["a save with a comment over 500 characters"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", Body(new { content = "x", comment = new string('c', 501) }), AnyVersion), HttpStatusCode.BadRequest, "comment"),
        ["a save with an If-Match that is not a version"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", Body(new { content = "x" }), ("If-Match", "abc")), HttpStatusCode.BadRequest, null, "If-Match"),
        ["a create (If-None-Match: *) of a document that exists"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", Body(new { content = "x" }), ("If-None-Match", "*")), HttpStatusCode.PreconditionFailed, null, "already exists"),
        ["a save with If-Match to a document that does not exist"] = new(() => Send("PUT", "/api/templates/documents/nosuch/commercial.scriban", Body(new { content = "x" }), ("If-Match", "\"1\"")), HttpStatusCode.NotFound, null, "nosuch/commercial.scriban"),
        ["a save whose JSON is broken"] = new(() => Send("PUT", $"/api/templates/documents/{Discount}", "{\"content\": \"abc", AnyVersion), HttpStatusCode.BadRequest, null, "JSON"),

        // Reading
        ["a document that does not exist"] = new(() => Send("GET", "/api/templates/documents/nosuch/kind.json"), HttpStatusCode.NotFound, null, "nosuch/kind.json"),
        ["changes with take=0"] = new(() => Send("GET", "/api/templates/changes?take=0"), HttpStatusCode.BadRequest, "take"),
        ["changes with skip=-1"] = new(() => Send("GET", "/api/templates/changes?skip=-1"), HttpStatusCode.BadRequest, "skip"),
        ["a version that does not exist"] = new(() => Send("GET", "/api/templates/versions/999999"), HttpStatusCode.NotFound, null, "999999"),
        ["changes with take over 500"] = new(() => Send("GET", "/api/templates/changes?take=501"), HttpStatusCode.BadRequest, "take"),
        ["a diff without from"] = new(() => Send("GET", "/api/templates/diff?to=1"), HttpStatusCode.BadRequest, "from"),
        ["a diff from a version that does not exist"] = new(() => Send("GET", "/api/templates/diff?from=999999&to=1"), HttpStatusCode.NotFound, null, "999999"),
        ["a restore of a version that does not exist"] = new(() => Send("POST", "/api/templates/versions/999999/restore", "{}", AnyVersion), HttpStatusCode.NotFound, null, "999999"),
        ["a restore with a comment over 500 characters"] = new(() => Send("POST", "/api/templates/versions/1/restore", Body(new { comment = new string('c', 501) }), AnyVersion), HttpStatusCode.BadRequest, "comment"),
        ["a restore without If-Match"] = new(() => Send("POST", "/api/templates/versions/1/restore", "{}"), HttpStatusCode.PreconditionRequired, null, "If-Match"),

        // Preview and validate
        ["a preview of an unknown kind"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "nosuch", example = 0 })), HttpStatusCode.BadRequest, "kind"),
        ["a preview of the kind that refuses nothing"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "other", example = 0 })), HttpStatusCode.BadRequest, "kind"),
        ["a preview with no email and no example"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "discount" })), HttpStatusCode.BadRequest, "email"),
        ["a preview of an example out of range"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "discount", example = 100_000 })), HttpStatusCode.BadRequest, "example"),
        ["a preview of a negative example"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "discount", example = -1 })), HttpStatusCode.BadRequest, "example"),
        ["a preview for an audience that does not exist"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "discount", example = 0, audiences = new[] { "ceo" } })), HttpStatusCode.BadRequest, "audiences"),
        ["a preview with an alternative the kind does not have"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "discount", example = 0, alternatives = new[] { "free-lunch" } })), HttpStatusCode.BadRequest, "alternatives"),
        ["a preview whose JSON is broken"] = new(() => Send("POST", "/api/templates/preview", "{\"kind\": [}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["a validate with no changes"] = new(() => Send("POST", "/api/templates/validate", Body(new { changes = Array.Empty<object>() })), HttpStatusCode.BadRequest, "changes"),
        ["a validate with an empty body"] = new(() => Send("POST", "/api/templates/validate", "{}"), HttpStatusCode.BadRequest, "changes"),
        ["a validate of a path that is not a document"] = new(() => Send("POST", "/api/templates/validate", Body(new { changes = new[] { new { path = "../etc/passwd", content = "x" } } })), HttpStatusCode.BadRequest, "changes[0].path"),
        ["a validate that changes one path twice"] = new(() => Send("POST", "/api/templates/validate", Body(new { changes = new[] { new { path = Discount, content = "x" }, new { path = Discount, content = "y" } } })), HttpStatusCode.BadRequest, "changes"),
        ["a preview with unsaved content for a path that is not a document"] = new(() => Send("POST", "/api/templates/preview", Body(new { kind = "discount", example = 0, changes = new[] { new { path = "_partials/../x.scriban", content = "x" } } })), HttpStatusCode.BadRequest, "changes[0].path"),

        // Kinds
        ["a new kind with a bad id"] = new(() => Send("POST", "/api/templates/kinds", Body(new { id = "Bad Id!", title = "Bad" })), HttpStatusCode.BadRequest, "id"),
        ["a new kind without a title"] = new(() => Send("POST", "/api/templates/kinds", Body(new { id = "sponsorship" })), HttpStatusCode.BadRequest, "title"),
        ["a new kind copied from a kind that does not exist"] = new(() => Send("POST", "/api/templates/kinds", Body(new { id = "sponsorship", title = "Sponsorship", copyFrom = "nosuch" })), HttpStatusCode.BadRequest, "copyFrom"),
        ["a new kind with the id of an existing kind"] = new(() => Send("POST", "/api/templates/kinds", Body(new { id = "discount", title = "Discount again" })), HttpStatusCode.Conflict, null, "discount"),
        ["retiring the kind that refuses nothing"] = new(() => Send("POST", "/api/templates/kinds/other/retire", "{}", AnyVersion), HttpStatusCode.BadRequest, "id"),
        ["retiring a kind that does not exist"] = new(() => Send("POST", "/api/templates/kinds/nosuch/retire", "{}", AnyVersion), HttpStatusCode.NotFound, null, "nosuch"),
        ["retiring a kind without If-Match"] = new(() => Send("POST", "/api/templates/kinds/discount/retire", "{}"), HttpStatusCode.PreconditionRequired, null, "If-Match"),

        // Facts
        // A fact without a value is allowed (the business does not have it); a money fact's currency must be a real code.
        ["a money fact in a made-up currency"] = new(() => Send("PUT", "/api/facts", Facts(f => Fact(f, "hourlyRate")["currency"] = "EURO"), AnyVersion), HttpStatusCode.BadRequest, "facts.json", "EURO"),
        ["a currency on a fact that is not money"] = new(() => Send("PUT", "/api/facts", Facts(f => Fact(f, "activeCustomers")["currency"] = "EUR"), AnyVersion), HttpStatusCode.BadRequest, "facts.json", "activeCustomers"),
        ["a fact without a label"] = new(() => Send("PUT", "/api/facts", Facts(f => f[1]!["label"] = ""), AnyVersion), HttpStatusCode.BadRequest, "facts[1].label"),
        ["a fact without a unit"] = new(() => Send("PUT", "/api/facts", Facts(f => f[2]!.AsObject().Remove("unit")), AnyVersion), HttpStatusCode.BadRequest, "facts[2].unit"),
        ["a fact in parsecs"] = new(() => Send("PUT", "/api/facts", Facts(f => Fact(f, "activeCustomers")["unit"] = "parsecs"), AnyVersion), HttpStatusCode.BadRequest, "facts.json", "parsecs"),
        ["two facts with the same name"] = new(() => Send("PUT", "/api/facts", Facts(f => f.Add(Fact(f, "hourlyRate").DeepClone())), AnyVersion), HttpStatusCode.BadRequest, "facts.json", "hourlyRate"),
        ["facts with a comment over 500 characters"] = new(() => Send("PUT", "/api/facts", new JsonObject { ["facts"] = JsonNode.Parse(Facts(_ => { }))!["facts"]!.DeepClone(), ["comment"] = new string('c', 501) }.ToJsonString(), AnyVersion), HttpStatusCode.BadRequest, "comment"),
        ["facts without the facts"] = new(() => Send("PUT", "/api/facts", "{\"currency\": \"USD\"}", AnyVersion), HttpStatusCode.BadRequest, "facts"),
        ["facts without If-Match"] = new(() => Send("PUT", "/api/facts", Facts(_ => { })), HttpStatusCode.PreconditionRequired, null, "If-Match"),

        // Conflicts
        ["resolving a conflict with neither folder nor database"] = new(() => Send("POST", "/api/templates/conflicts/resolve", Body(new { path = Discount, keep = "both" })), HttpStatusCode.BadRequest, "keep"),
        ["resolving a conflict without a path"] = new(() => Send("POST", "/api/templates/conflicts/resolve", Body(new { keep = "folder" })), HttpStatusCode.BadRequest, "path"),
        ["resolving a conflict that does not exist"] = new(() => Send("POST", "/api/templates/conflicts/resolve", Body(new { path = Discount, keep = "folder" })), HttpStatusCode.NotFound, null, Discount),

        // Import
        ["an import that is not sent as a zip"] = new(() => Import(Encoding.UTF8.GetBytes("{}"), "application/json"), HttpStatusCode.UnsupportedMediaType),
        ["an import of something that is not a zip"] = new(() => Import(Encoding.UTF8.GetBytes("this is not a zip file at all"), "application/zip"), HttpStatusCode.BadRequest, "zip"),
        ["an import of a zip with only unknown files"] = new(() => Import(Zip(("readme.txt", "hello"), ("discount/notes.md", "notes"), ("../evil.scriban", "{{ 1 }}")), "application/zip"), HttpStatusCode.BadRequest, "zip"),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    private HttpClient Admin() => factory.ClientAs("TemplateAdmin", "Dana Admin");

    private static async Task<JsonNode> AssertProblem(HttpResponseMessage response, Case expected, string name)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Status == response.StatusCode, $"{name}: expected {(int)expected.Status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected.Status, problem["status"]!.GetValue<int>());
        if (expected.Field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(expected.Field), $"{name}: the problem does not name '{expected.Field}': {text}");
            Assert.NotEmpty(errors![expected.Field]!.AsArray());
        }
        if (expected.Mentions is not null)
            Assert.True(text.Contains(expected.Mentions, StringComparison.Ordinal), $"{name}: the problem does not mention '{expected.Mentions}': {text}");
        return problem;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_bad_request_gets_a_problem_that_names_what_is_wrong(string name)
    {
        var expected = Cases[name];
        var response = await Admin().SendAsync(expected.Request());
        await AssertProblem(response, expected, name);
    }

    [Fact]
    public async Task Removing_a_fact_a_pack_uses_is_refused_naming_the_pack_and_the_fact()
    {
        // The packs that argue with the fact are named first (a template using it is named once no pack does).
        var request = Send("PUT", "/api/facts", Facts(f => f.Remove(Fact(f, "sameTierCustomers"))), AnyVersion);
        var response = await Admin().SendAsync(request);

        var problem = await AssertProblem(response, new Case(() => request, HttpStatusCode.BadRequest), "removed fact");
        var problems = problem["problems"]!.AsArray();
        Assert.Contains(problems, p => p!["path"]!.GetValue<string>().StartsWith("packs/", StringComparison.Ordinal)
                                       && p["message"]!.GetValue<string>().Contains("'sameTierCustomers' is not a fact", StringComparison.Ordinal));
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("packs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_every_bad_request_the_API_still_answers_saved_nothing_and_drafts()
    {
        var admin = Admin();
        foreach (var (name, expected) in Cases)
        {
            var response = await admin.SendAsync(expected.Request());
            Assert.True(expected.Status == response.StatusCode, $"{name}: {(int)response.StatusCode}");
        }
        var removed = Send("PUT", "/api/facts", Facts(f => f.Remove(Fact(f, "sameTierCustomers"))), AnyVersion);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(removed)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/healthz")).StatusCode);

        var changes = await (await admin.GetAsync("/api/templates/changes?take=500")).ReadNodeAsync();
        Assert.All(changes["items"]!.AsArray(), c => Assert.Equal(1, c!["version"]!.GetValue<int>()));
        var catalog = await (await admin.GetAsync("/api/templates")).ReadNodeAsync();
        Assert.Equal(0, catalog["conflicts"]!.GetValue<int>());
        Assert.Contains(catalog["kinds"]!.AsArray(), k => k!["id"]!.GetValue<string>() == "discount");
        Assert.DoesNotContain(catalog["kinds"]!.AsArray(), k => k!["id"]!.GetValue<string>() == "sponsorship");

        var draft = await factory.ClientAs("AccountManager").PostJsonAsync("/api/drafts", new { email = Json.Email(TemplatesApiTests.DiscountEmail), audience = "commercial" });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var node = await draft.ReadNodeAsync();
        Assert.Equal("discount", node["category"]!.GetValue<string>());
        Assert.Contains("140 companies", node["text"]!.GetValue<string>());
        Assert.True(node["checks"]!["saysNo"]!.GetValue<bool>());
    }
}
