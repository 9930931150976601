using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>Malformed and hostile requests against every route that takes input (issue 7): each gets a
/// specific 4xx as a problem (application/problem+json), naming the field for validation errors; none
/// gets a 5xx; and after the whole table the API still answers. The cases share one API and none of
/// them changes it.</summary>
public sealed class BadInputTableTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private const string AccountManager = "AccountManager";
    private const string TemplateAdmin = "TemplateAdmin";
    private const string ComplianceReviewer = "ComplianceReviewer";
    private const string Discount = "discount/commercial.scriban";

    /// <summary>A bad request (built with the factory, which signs its tokens), the status it must get,
    /// the validation error key it must name (or null) and a text the problem must mention (or null).</summary>
    public sealed record Case(Func<SayNoFactory, HttpRequestMessage> Request, HttpStatusCode Status, string? Field = null, string? Mentions = null);

    private static readonly string ValidEmail = JsonSerializer.Serialize(new { subject = "Renewal", body = Emails.DiscountBody, from = new { name = "Priya Nair", email = "priya.nair@northwind-foods.com" } });

    private static string Body(object value) => JsonSerializer.Serialize(value);

    private static object Email(string body, string subject = "Renewal") => Json.Email(body, subject);

    /// <summary>A request with <paramref name="content"/> as is, signed for <paramref name="role"/> (no token when null).</summary>
    private static Func<SayNoFactory, HttpRequestMessage> Raw(string method, string url, HttpContent? content, string? role = AccountManager) => f =>
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content is null ? null : Clone(content) };
        if (role is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", f.Token(role));
        return request;
    };

    // A case may be sent more than once (theory and sequence), and HttpContent is single-use in spirit.
    private static ByteArrayContent Clone(HttpContent content)
    {
        var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var copy = new ByteArrayContent(bytes);
        foreach (var header in content.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return copy;
    }

    private static HttpContent JsonText(string json, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    private static HttpContent Bytes(byte[] bytes, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>UTF-8 JSON sent with <c>Content-Type</c> exactly as given (HttpClient would refuse some of these charsets).</summary>
    private static HttpContent JsonWithContentType(string json, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static Func<SayNoFactory, HttpRequestMessage> Post(string url, string json, string? role = AccountManager) => Raw("POST", url, JsonText(json), role);

    private static Func<SayNoFactory, HttpRequestMessage> Get(string url, string? role = AccountManager) => Raw("GET", url, null, role);

    private static Func<SayNoFactory, HttpRequestMessage> WithToken(Func<SayNoFactory, string> token) => f =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = JsonText(ValidEmail) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token(f));
        return request;
    };

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>An unsigned token (<c>alg: none</c>) with every claim a real one has.</summary>
    private static string AlgNone(SayNoFactory f)
    {
        var real = f.Token().Split('.')[1];
        return B64("""{"alg":"none","typ":"JWT"}""") + "." + real + ".";
    }

    private static string Deep(int levels) => "{\"email\":{\"subject\":\"x\",\"body\":\"y\"},\"fields\":{\"a\":" + new string('[', levels) + new string(']', levels) + "}}";

    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>
    {
        // Broken JSON
        ["classify: truncated JSON"] = new(Post("/api/classify", "{\"subject\": \"Renewal\", \"body\": \"Could you"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: truncated JSON"] = new(Post("/api/drafts", "{\"email\": {\"body\": \"Could you reduce"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: trailing garbage after the JSON"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody) }) + " }{ garbage"), HttpStatusCode.BadRequest, null, "JSON"),
        ["classify: single quotes"] = new(Post("/api/classify", "{'subject': 'Renewal', 'body': 'Could you reduce the price?'}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: NaN as a field value"] = new(Post("/api/drafts", "{\"email\": " + ValidEmail + ", \"fields\": {\"currentMarginPercent\": NaN}}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["classify: NaN as the body"] = new(Post("/api/classify", "{\"body\": NaN}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: JSON nested 10,000 levels"] = new(Post("/api/drafts", Deep(10_000)), HttpStatusCode.BadRequest, null, "JSON"),
        ["classify: JSON nested 10,000 levels"] = new(Post("/api/classify", "{\"body\":\"x\",\"from\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["classify: invalid UTF-8 bytes in the body"] = new(Raw("POST", "/api/classify", Bytes([.. "{\"body\":\"Could you \""u8[..^1], 0xC3, 0x28, 0xFF, 0xFE, 0x80, .. "\"}"u8])), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: invalid UTF-8 bytes in the body"] = new(Raw("POST", "/api/drafts", Bytes([.. "{\"email\":{\"body\":\"Could you "u8, 0xED, 0xA0, 0x80, 0xC0, 0xAF, .. "\"}}"u8])), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: an empty request body"] = new(Raw("POST", "/api/drafts", Bytes([])), HttpStatusCode.BadRequest),
        ["classify: JSON null as the request"] = new(Post("/api/classify", "null"), HttpStatusCode.BadRequest),

        // Wrong types
        ["classify: body as a number"] = new(Post("/api/classify", "{\"body\": 42}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: body as a number"] = new(Post("/api/drafts", "{\"email\": {\"subject\": \"Renewal\", \"body\": 12345}}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: email as an array"] = new(Post("/api/drafts", "{\"email\": [\"Could you reduce the price by 15%?\"]}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: fields as a string"] = new(Post("/api/drafts", "{\"email\": " + ValidEmail + ", \"fields\": \"currentMarginPercent=24\"}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: alternatives as an object"] = new(Post("/api/drafts", "{\"email\": " + ValidEmail + ", \"alternatives\": {\"multiYear\": true}}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["drafts: audience as a number"] = new(Post("/api/drafts", "{\"email\": " + ValidEmail + ", \"audience\": 3}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["classify: from as a string"] = new(Post("/api/classify", "{\"body\": \"Could you?\", \"from\": \"priya@northwind.com\"}"), HttpStatusCode.BadRequest, null, "JSON"),
        ["events: type as an object"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", "{\"type\": {\"sent\": true}}"), HttpStatusCode.BadRequest, null, "JSON"),

        // Empty, huge and too many
        ["classify: no body"] = new(Post("/api/classify", Body(new { subject = "Renewal" })), HttpStatusCode.BadRequest, "body"),
        ["classify: an empty body"] = new(Post("/api/classify", Body(new { subject = "Renewal", body = "" })), HttpStatusCode.BadRequest, "body"),
        ["drafts: an empty body"] = new(Post("/api/drafts", Body(new { email = Email("") })), HttpStatusCode.BadRequest, "email.body"),
        ["drafts: a whitespace body"] = new(Post("/api/drafts", Body(new { email = Email(" \r\n\t\u00A0 \u2003 ") })), HttpStatusCode.BadRequest, "email.body"),
        ["drafts: no email"] = new(Post("/api/drafts", "{}"), HttpStatusCode.BadRequest, "email"),
        ["classify: a 200,001-character body"] = new(Post("/api/classify", Body(new { body = new string('a', 200_001) })), HttpStatusCode.BadRequest, "body"),
        ["drafts: a 200,001-character body"] = new(Post("/api/drafts", Body(new { email = Email(new string('a', 200_001)) })), HttpStatusCode.BadRequest, "email.body"),
        ["drafts: a 1,001-character subject"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody, new string('s', 1_001)) })), HttpStatusCode.BadRequest, "email.subject"),
        ["classify: a 1,001-character subject"] = new(Post("/api/classify", Body(new { subject = new string('s', 1_001), body = Emails.DiscountBody })), HttpStatusCode.BadRequest, "subject"),
        ["drafts: 10,000 alternatives"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), alternatives = Enumerable.Range(0, 10_000).Select(i => $"a{i}").ToArray() })), HttpStatusCode.BadRequest, "alternatives"),
        ["drafts: 100 fields"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), fields = Enumerable.Range(0, 100).ToDictionary(i => $"f{i}", i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)) })), HttpStatusCode.BadRequest, "fields"),
        ["drafts: a sender address without @"] = new(Post("/api/drafts", Body(new { email = new { subject = "Renewal", body = Emails.DiscountBody, from = new { name = "Priya", email = "<script>alert(1)</script>" } } })), HttpStatusCode.BadRequest, "email.from.email"),
        ["drafts: a 1,001-character item id"] = new(Post("/api/drafts", Body(new { email = new { subject = "Renewal", body = Emails.DiscountBody, itemId = new string('i', 1_001) } })), HttpStatusCode.BadRequest, "email.itemId"),
        ["drafts: a 501-character theyAreRightAbout"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), theyAreRightAbout = new string('r', 501) })), HttpStatusCode.BadRequest, "theyAreRightAbout"),
        ["drafts: a request over 256 KB"] = new(Post("/api/drafts", Body(new { email = Email(new string('a', 300_000)) })), HttpStatusCode.RequestEntityTooLarge, null, "bytes"),
        ["classify: a request over 256 KB"] = new(Post("/api/classify", Body(new { body = new string('€', 100_000) })), HttpStatusCode.RequestEntityTooLarge, null, "bytes"),

        // Unknown names
        ["drafts: unknown kind"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), category = "free-lunch" })), HttpStatusCode.BadRequest, "category"),
        ["drafts: kind with path characters"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), category = "../_partials/greeting" })), HttpStatusCode.BadRequest, "category"),
        ["drafts: unknown audience"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), audience = "ceo" })), HttpStatusCode.BadRequest, "audience"),
        ["drafts: unknown alternative"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), category = "discount", alternatives = new[] { "free-lunch" } })), HttpStatusCode.BadRequest, "alternatives"),
        ["drafts: unknown field"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), category = "discount", fields = new Dictionary<string, string> { ["noSuchField"] = "1" } })), HttpStatusCode.BadRequest, "fields.noSuchField"),
        ["drafts: a field that is not a number"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody), category = "discount", fields = new Dictionary<string, string> { ["currentMarginPercent"] = "lots" } })), HttpStatusCode.BadRequest, "fields.currentMarginPercent"),

        // Content types
        ["classify: text/plain"] = new(Raw("POST", "/api/classify", JsonText(ValidEmail, "text/plain")), HttpStatusCode.UnsupportedMediaType),
        ["drafts: application/xml"] = new(Raw("POST", "/api/drafts", JsonText("<draft><email><body>Could you reduce the price?</body></email></draft>", "application/xml")), HttpStatusCode.UnsupportedMediaType),
        ["drafts: multipart/form-data"] = new(Raw("POST", "/api/drafts", new MultipartFormDataContent { { new StringContent(ValidEmail), "email" } }), HttpStatusCode.UnsupportedMediaType),
        ["events: text/plain"] = new(Raw("POST", "/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", JsonText("{\"type\":\"inserted\"}", "text/plain")), HttpStatusCode.UnsupportedMediaType),
        ["drafts: no content type"] = new(Raw("POST", "/api/drafts", new ByteArrayContent(Encoding.UTF8.GetBytes(ValidEmail))), HttpStatusCode.UnsupportedMediaType),

        // Tokens and roles
        ["classify: no token"] = new(Raw("POST", "/api/classify", JsonText(ValidEmail), role: null), HttpStatusCode.Unauthorized),
        ["drafts: no token"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody) }), role: null), HttpStatusCode.Unauthorized),
        ["compliance: no token"] = new(Get("/api/compliance/drafts", role: null), HttpStatusCode.Unauthorized),
        ["classify: a token signed with another key"] = new(WithToken(f => f.Token(key: RandomNumberGenerator.GetBytes(32))), HttpStatusCode.Unauthorized),
        ["classify: an unsigned token (alg none)"] = new(WithToken(AlgNone), HttpStatusCode.Unauthorized),
        ["classify: an expired token"] = new(WithToken(f => f.Token(expires: DateTime.UtcNow.AddHours(-1))), HttpStatusCode.Unauthorized),
        ["classify: a token for another audience"] = new(WithToken(f => f.Token(audience: "https://elsewhere.example")), HttpStatusCode.Unauthorized),
        ["classify: a token from another issuer"] = new(WithToken(f => f.Token(issuer: "someone-else")), HttpStatusCode.Unauthorized),
        ["classify: a token that is not a JWT"] = new(WithToken(_ => "not.a.jwt<script>"), HttpStatusCode.Unauthorized),
        ["classify: a token with its signature cut"] = new(WithToken(f => string.Join('.', f.Token().Split('.')[..2]) + "."), HttpStatusCode.Unauthorized),
        ["classify: the wrong role"] = new(Post("/api/classify", ValidEmail, TemplateAdmin), HttpStatusCode.Forbidden),
        ["drafts: the wrong role"] = new(Post("/api/drafts", Body(new { email = Email(Emails.DiscountBody) }), ComplianceReviewer), HttpStatusCode.Forbidden),
        ["templates: a save by an account manager"] = new(Raw("PUT", $"/api/templates/documents/{Discount}", JsonText(Body(new { content = "x" })), AccountManager), HttpStatusCode.Forbidden),
        ["compliance: verify by a template admin"] = new(Get("/api/compliance/verify", TemplateAdmin), HttpStatusCode.Forbidden),

        // Routes and methods
        ["drafts: GET instead of POST"] = new(Get("/api/drafts"), HttpStatusCode.MethodNotAllowed),
        ["classify: DELETE"] = new(Raw("DELETE", "/api/classify", null), HttpStatusCode.MethodNotAllowed),
        ["an unknown route"] = new(Get("/api/nosuch"), HttpStatusCode.NotFound),
        ["an unknown route with a traversal"] = new(Get("/api/..%2F..%2Fetc%2Fpasswd"), HttpStatusCode.NotFound),

        // Events
        ["events: an unknown draft"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "inserted" })), HttpStatusCode.NotFound, null, "0192a7c8-0000-7000-8000-000000000000"),
        ["events: a draft id of garbage"] = new(Post("/api/drafts/%3Cscript%3E'%20OR%201=1--/events", Body(new { type = "inserted" })), HttpStatusCode.NotFound),
        ["events: an unknown type"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "forwarded" })), HttpStatusCode.BadRequest, "type"),
        ["events: no type"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", "{}"), HttpStatusCode.BadRequest, "type"),
        ["events: an unknown mode"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "inserted", mode = "fax" })), HttpStatusCode.BadRequest, "mode"),
        ["events: sent without a body"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "sent" })), HttpStatusCode.BadRequest, "body"),
        ["events: sent with a 200,001-character body"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "sent", body = new string('b', 200_001) })), HttpStatusCode.BadRequest, "body"),
        ["events: a body on a discarded event"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "discarded", body = "x" })), HttpStatusCode.BadRequest, "body"),
        ["events: an empty edited body on an inserted event"] = new(Post("/api/drafts/0192a7c8-0000-7000-8000-000000000000/events", Body(new { type = "inserted", body = "  " })), HttpStatusCode.BadRequest, "body"),

        // Templates (TemplateAdmin)
        ["templates: a save to a garbage path"] = new(Raw("PUT", "/api/templates/documents/..%2F..%2F%3Cx%3E%7C*%3F.scriban", JsonText(Body(new { content = "x" })), TemplateAdmin), HttpStatusCode.BadRequest, "path"),
        ["templates: a save to a path with backslashes"] = new(Raw("PUT", "/api/templates/documents/discount%5C..%5C..%5Cx.scriban", JsonText(Body(new { content = "x" })), TemplateAdmin), HttpStatusCode.BadRequest, "path"),
        ["templates: a save whose JSON is broken"] = new(Raw("PUT", $"/api/templates/documents/{Discount}", JsonText("{\"content\": [}"), TemplateAdmin), HttpStatusCode.BadRequest, null, "JSON"),
        ["templates: a preview of an unknown kind"] = new(Post("/api/templates/preview", Body(new { kind = "<script>", example = 0 }), TemplateAdmin), HttpStatusCode.BadRequest, "kind"),
        ["templates: changes with take=garbage"] = new(Get("/api/templates/changes?take=banana", TemplateAdmin), HttpStatusCode.BadRequest),

        // Compliance (ComplianceReviewer)
        ["compliance: a from that is not a date"] = new(Get("/api/compliance/drafts?from=yesterday-ish", ComplianceReviewer), HttpStatusCode.BadRequest, "from"),
        ["compliance: an unknown flag"] = new(Get("/api/compliance/drafts?flag=%3Cscript%3E", ComplianceReviewer), HttpStatusCode.BadRequest, "flag"),
        ["compliance: an unknown status"] = new(Get("/api/compliance/drafts?status=maybe", ComplianceReviewer), HttpStatusCode.BadRequest, "status"),
        ["compliance: edited not a boolean"] = new(Get("/api/compliance/drafts?edited=perhaps", ComplianceReviewer), HttpStatusCode.BadRequest, "edited"),
        ["compliance: a 201-character text search"] = new(Get("/api/compliance/drafts?q=" + new string('q', 201), ComplianceReviewer), HttpStatusCode.BadRequest, "q"),
        ["compliance: take over 200"] = new(Get("/api/compliance/drafts?take=100000", ComplianceReviewer), HttpStatusCode.BadRequest, "take"),
        ["compliance: an export with a garbage filter"] = new(Get("/api/compliance/export.csv?review=sometimes", ComplianceReviewer), HttpStatusCode.BadRequest, "review"),
        ["compliance: an action of unknown type"] = new(Post("/api/compliance/drafts/0192a7c8-0000-7000-8000-000000000000/actions", Body(new { type = "delete" }), ComplianceReviewer), HttpStatusCode.BadRequest, "type"),
        ["compliance: a purge without confirm"] = new(Post("/api/compliance/purge", "{}", ComplianceReviewer), HttpStatusCode.BadRequest, "confirm"),
        ["compliance: a purge keeping 800,000 days"] = new(Post("/api/compliance/purge", Body(new { retentionDays = 800_000, confirm = true }), ComplianceReviewer), HttpStatusCode.BadRequest, "retentionDays"),
        ["compliance: a purge keeping int.MaxValue days"] = new(Post("/api/compliance/purge", Body(new { retentionDays = int.MaxValue, confirm = true }), ComplianceReviewer), HttpStatusCode.BadRequest, "retentionDays"),
        ["compliance: a dashboard to the second day of year 1"] = new(Get("/api/compliance/dashboard?to=0001-01-02", ComplianceReviewer), HttpStatusCode.BadRequest, "to"),
        ["compliance: a dashboard from the first day of year 1"] = new(Get("/api/compliance/dashboard?from=0001-01-01&to=0001-03-01", ComplianceReviewer), HttpStatusCode.BadRequest, "from"),

        // Charsets: JSON is UTF-8 (RFC 8259); anything else is refused before the body is read
        ["classify: JSON declared as charset=x-bogus"] = new(Raw("POST", "/api/classify", JsonWithContentType(ValidEmail, "application/json; charset=x-bogus")), HttpStatusCode.UnsupportedMediaType, null, "x-bogus"),
        ["drafts: JSON declared as charset=utf-7"] = new(Raw("POST", "/api/drafts", JsonWithContentType(Body(new { email = Email(Emails.DiscountBody) }), "application/json; charset=utf-7")), HttpStatusCode.UnsupportedMediaType, null, "utf-7"),
        ["templates: a save declared as charset=utf-16"] = new(Raw("PUT", $"/api/templates/documents/{Discount}", JsonWithContentType(Body(new { content = "x" }), "application/json; charset=utf-16"), TemplateAdmin), HttpStatusCode.UnsupportedMediaType, null, "utf-16"),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    private static async Task<string> AssertProblem(HttpResponseMessage response, Case expected, string name)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{name}: a server error {(int)response.StatusCode}: {text}");
        Assert.True(expected.Status == response.StatusCode, $"{name}: expected {(int)expected.Status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{name}: expected application/problem+json, got '{response.Content.Headers.ContentType}': {text}");
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
        return text;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { return await client.SendAsync(request, timeout.Token); }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested) { throw new Xunit.Sdk.XunitException($"{name}: no answer within 30 s (a hang)"); }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_bad_request_gets_a_specific_4xx_problem(string name)
    {
        var expected = Cases[name];
        using var client = factory.CreateClient();
        var response = await Send(client, expected.Request(factory), name);
        await AssertProblem(response, expected, name);
    }

    [Fact]
    public void The_table_has_at_least_forty_cases() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Fact]
    public async Task After_the_whole_table_no_answer_was_a_5xx_and_the_API_still_answers()
    {
        using var client = factory.CreateClient();
        var failures = new List<string>();
        foreach (var (name, expected) in Cases)
        {
            var response = await Send(client, expected.Request(factory), name);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500) failures.Add($"{name}: {(int)response.StatusCode} {text}");
            else if (response.StatusCode != expected.Status) failures.Add($"{name}: expected {(int)expected.Status}, got {(int)response.StatusCode}");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{name}: not a problem ({response.Content.Headers.ContentType})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var draft = await factory.ClientAs(AccountManager).PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody), audience = "finance" });
        var node = await draft.ReadNodeAsync();
        Assert.True(draft.StatusCode == HttpStatusCode.OK, node.ToJsonString());
        Assert.Equal("discount", (string?)node["category"]);
    }

    // Hostile text the API drafts fine: every text field carries markup or template syntax; the draft is
    // 200, its HTML has no raw markup from the email, and template syntax is kept as literal text.

    private const string Script = "<script>alert(document.cookie)</script>";
    private const string ImgOnError = "<img src=x onerror=alert(1)>";

    public sealed record HostileCase(object Request, string? MustAppearInText = null);

    private static readonly string HostileBody = Emails.DiscountBody.Replace("Priya Nair", $"Priya Nair {Script}", StringComparison.Ordinal)
                                                 + $"\n\n{ImgOnError} <a href=\"javascript:alert(1)\">click</a> <svg onload=alert(1)>";

    public static readonly IReadOnlyDictionary<string, HostileCase> Hostile = new Dictionary<string, HostileCase>
    {
        ["script in the body"] = new(new { email = Json.Email(HostileBody), audience = "finance" }),
        ["script in the subject"] = new(new { email = Json.Email(Emails.DiscountBody, subject: $"Renewal {Script}"), audience = "finance" }),
        ["script in the sender's name"] = new(new { email = Json.Email(Emails.DiscountBody, name: $"{Script} Priya {ImgOnError}"), audience = "commercial" }),
        ["script in theyAreRightAbout"] = new(new { email = Json.Email(Emails.DiscountBody), audience = "commercial", theyAreRightAbout = $"the price went up {Script}" }),
        ["script in a field value"] = new(new { email = Json.Email(Emails.DiscountBody), audience = "finance", fields = new Dictionary<string, string> { ["currentMarginPercent"] = "24" }, theyAreRightAbout = ImgOnError }),
        ["script in every text field"] = new(new
        {
            email = new { subject = $"{Script}Renewal", body = HostileBody, from = new { name = ImgOnError, email = "priya.nair@northwind-foods.com" }, itemId = Script, conversationId = ImgOnError },
            audience = "technical",
            theyAreRightAbout = Script,
        }),
        ["Scriban arithmetic in the body"] = new(new { email = Json.Email(Emails.DiscountBody + "\n{{ 7*7 }}"), audience = "finance", theyAreRightAbout = "{{ 7*7 }}" }, "{{ 7*7 }}"),
        ["Scriban include in the body"] = new(new { email = Json.Email(Emails.DiscountBody.Replace("Priya Nair", "{{ include '../x' }}", StringComparison.Ordinal)), audience = "finance", theyAreRightAbout = "{{ include '../x' }}" }, "{{ include '../x' }}"),
        ["Scriban in the sender's name and subject"] = new(new { email = Json.Email(Emails.DiscountBody, subject: "{{ for i in 1..1000000000 }}x{{ end }}", name: "{{ 7*7 }} {{ include '../x' }}"), audience = "commercial" }),
    };

    public static TheoryData<string> HostileNames() => [.. Hostile.Keys];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Markup_and_template_syntax_in_text_fields_are_drafted_as_literal_encoded_text(string name)
    {
        var hostile = Hostile[name];
        var response = await factory.ClientAs(AccountManager).PostJsonAsync("/api/drafts", hostile.Request);
        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {node.ToJsonString()}");
        var html = (string)node["html"]!;
        var text = (string)node["text"]!;
        foreach (var raw in new[] { "<script", "<img", "<svg", "<a href", "javascript:alert(1)\">" })
            Assert.False(html.Contains(raw, StringComparison.OrdinalIgnoreCase), $"{name}: raw '{raw}' in the html: {html}");
        // Template syntax from the request is never evaluated: it is kept as literal text where it appears.
        if (hostile.MustAppearInText is { } literal)
            Assert.True(text.Contains(literal, StringComparison.Ordinal), $"{name}: '{literal}' is not in the text as written: {text}");
        if (name.StartsWith("Scriban", StringComparison.Ordinal))
            Assert.False(text.Contains("49", StringComparison.Ordinal), $"{name}: '{{{{ 7*7 }}}}' was evaluated (49 in the text): {text}");
    }

    /// <summary>A quoted charset is the same charset (RFC 9110 allows either form), so <c>charset="utf-8"</c>
    /// is read as UTF-8 like the unquoted one, on every JSON route.</summary>
    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json")]
    public async Task UTF_8_JSON_is_read_whichever_way_its_charset_is_written(string contentType)
    {
        var json = Body(new { email = Json.Email(Emails.DiscountBody.Replace("Priya Nair", "Zoë Ångström", StringComparison.Ordinal), name: "Zoë Ångström"), audience = "finance" });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/drafts") { Content = JsonWithContentType(json, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(AccountManager));

        var response = await Send(factory.CreateClient(), request, contentType);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{contentType}: {(int)response.StatusCode} {text}");
        Assert.Contains("Zoë", (string)JsonNode.Parse(text)!["text"]!, StringComparison.Ordinal);
    }

    /// <summary>Found by FuzzTests: a month name with day 0 and no year ("Nov 0") makes the figure
    /// extractor throw (new DateOnly(year, month, 0)); an email is never bad input, so this must be read.</summary>
    [Theory]
    [InlineData("/api/classify")]
    [InlineData("/api/drafts")]
    public async Task An_email_naming_day_zero_of_a_month_is_read_not_a_server_error(string url)
    {
        const string body = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal if we sign by Nov 0?\n\nPriya";
        object request = url == "/api/classify" ? new { subject = "Renewal", body } : new { email = Json.Email(body), audience = "finance" };
        var response = await factory.ClientAs(AccountManager).PostJsonAsync(url, request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
    }
}
