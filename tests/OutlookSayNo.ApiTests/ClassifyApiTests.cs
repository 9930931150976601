using System.Net;
using System.Text;

namespace OutlookSayNo.ApiTests;

public sealed class ClassifyApiTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private readonly HttpClient _client = factory.ClientAs();

    [Fact]
    public async Task A_discount_request_is_classified_with_evidence_that_points_into_the_body()
    {
        var response = await _client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();

        Assert.Equal("discount", (string?)json["primary"]!["category"]);
        Assert.InRange((double)json["primary"]!["confidence"]!, 0.5, 1.0);
        var evidence = json["primary"]!["evidence"]!.AsArray();
        Assert.NotEmpty(evidence);
        foreach (var e in evidence)
        {
            if ((string?)e!["in"] != "body") continue;
            var start = (int)e["start"]!;
            var length = (int)e["length"]!;
            Assert.Equal((string?)e["text"], Emails.DiscountBody.Substring(start, length));
        }
        Assert.Contains(evidence, e => ((string?)e!["text"])!.Contains("15%"));
    }

    [Fact]
    public async Task Figures_are_extracted_with_kinds_currency_and_iso_dates()
    {
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).ReadNodeAsync();
        var figures = json["figures"]!.AsArray();
        Assert.Contains(figures, f => (string?)f!["kind"] == "percent" && (decimal)f["value"]! == 15m);
        Assert.Contains(figures, f => (string?)f!["kind"] == "money" && (decimal)f["value"]! == 48000m && (string?)f["currency"] == "USD");
        // The fixed clock is 16 November 2026, so "March 3" is the next one.
        Assert.Contains(figures, f => (string?)f!["kind"] == "date" && (string?)f["value"] == "2027-03-03");
    }

    [Fact]
    public async Task The_signature_suggests_the_finance_audience_and_says_why()
    {
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).ReadNodeAsync();
        Assert.Equal("finance", (string?)json["audience"]!["suggested"]);
        Assert.Contains("Head of Finance", (string?)json["audience"]!["reason"]);
    }

    [Fact]
    public async Task Threats_raise_the_threat_flag_and_name_a_secondary_ask_only_when_present()
    {
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.ThreatBody, "Order 4471"))).ReadNodeAsync();
        Assert.Equal("deadline", (string?)json["primary"]!["category"]);
        Assert.Contains("threat", json["flags"]!.AsArray().Select(f => (string?)f));
        Assert.DoesNotContain("abusive", json["flags"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("technical", (string?)json["audience"]!["suggested"]);
    }

    [Fact]
    public async Task Abusive_language_raises_the_abusive_flag()
    {
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.AbusiveBody, "Dashboards"))).ReadNodeAsync();
        Assert.Equal("scope", (string?)json["primary"]!["category"]);
        Assert.Contains("abusive", json["flags"]!.AsArray().Select(f => (string?)f));
    }

    [Fact]
    public async Task A_thank_you_note_is_other()
    {
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.ThanksBody, "Workshop"))).ReadNodeAsync();
        Assert.Equal("other", (string?)json["primary"]!["category"]);
        Assert.Empty(json["secondary"]!.AsArray());
    }

    [Fact]
    public async Task An_ask_in_the_quoted_history_is_not_read_as_the_new_ask()
    {
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.QuotedThreadBody, "RE: Renewal"))).ReadNodeAsync();
        Assert.Equal("other", (string?)json["primary"]!["category"]);
    }

    [Fact]
    public async Task Html_bodies_are_read_and_evidence_indexes_the_html_as_sent()
    {
        const string html = "<html><head><style>p{color:red}</style></head><body><p>Hi&nbsp;Sam,</p>" +
                            "<p>We need a <b>discount</b> of 20% on order 5521 &amp; the freight.</p>" +
                            "<div class=\"gmail_quote\">On Mon wrote:<blockquote>Could you expedite delivery?</blockquote></div></body></html>";
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(html, "Order 5521"))).ReadNodeAsync();
        Assert.Equal("discount", (string?)json["primary"]!["category"]);
        Assert.Empty(json["secondary"]!.AsArray());
        var e = json["primary"]!["evidence"]!.AsArray().First(x => (string?)x!["in"] == "body")!;
        var span = html.Substring((int)e["start"]!, (int)e["length"]!);
        Assert.Contains("discount", span);
        Assert.Contains("20%", span);
    }

    [Fact]
    public async Task Several_asks_in_one_email_are_primary_and_secondary()
    {
        const string body = "Hi Sam,\n\nWe need a 10% discount on the renewal. We would also need payment terms of net 60 instead of net 30.\n\nThanks,\nJo";
        var json = await (await _client.PostJsonAsync("/api/classify", Json.Email(body))).ReadNodeAsync();
        var kinds = new[] { (string?)json["primary"]!["category"] }.Concat(json["secondary"]!.AsArray().Select(s => (string?)s!["category"])).ToList();
        Assert.Contains("discount", kinds);
        Assert.Contains("payment_terms", kinds);
    }

    [Fact]
    public async Task Scriban_syntax_in_an_email_is_only_text()
    {
        const string body = "Please give us a 15% discount {{ 7 * 7 }} {{ include '../../etc/passwd' }} on the renewal.";
        var response = await _client.PostJsonAsync("/api/classify", Json.Email(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.Equal("discount", (string?)json["primary"]!["category"]);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("", "body")]
    [InlineData("   ", "body")]
    public async Task A_missing_or_empty_body_is_a_validation_problem_naming_the_field(string? body, string field)
    {
        var response = await _client.PostJsonAsync("/api/classify", new { subject = "x", body });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.NotNull(json["errors"]![field]);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bad_sender_address_is_a_validation_problem()
    {
        var response = await _client.PostJsonAsync("/api/classify", new { body = "Can we get a discount?", from = new { email = "not an address" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["from.email"]);
    }

    [Theory]
    [InlineData("{\"body\": ")]
    [InlineData("{\"body\": 42}")]
    [InlineData("[1,2,3]")]
    [InlineData("not json at all")]
    public async Task Broken_json_is_a_400_problem_that_says_it_is_not_valid_json(string payload)
    {
        var response = await _client.PostAsync("/api/classify", new StringContent(payload, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.Equal(400, (int)json["status"]!);
        Assert.Contains("JSON", (string?)json["detail"]);
    }

    [Fact]
    public async Task Deeply_nested_json_is_rejected_with_a_400()
    {
        var payload = "{\"body\":\"x\",\"from\":" + new string('[', 200) + new string(']', 200) + "}";
        var response = await _client.PostAsync("/api/classify", new StringContent(payload, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_non_json_content_type_gets_415()
    {
        var response = await _client.PostAsync("/api/classify", new StringContent("body=hello", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_300_KB_body_gets_413_and_the_server_keeps_answering()
    {
        var big = new string('a', 300 * 1024);
        var response = await _client.PostJsonAsync("/api/classify", Json.Email(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var next = await _client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    public static TheoryData<string> HostileBodies() => new()
    {
        "<html></html>",
        "<<<<>>>>",
        "&&&&;;;;&#xFFFFFFFF;&#99999999;",
        string.Concat(Enumerable.Repeat("<div>", 20_000)) + "discount please" + string.Concat(Enumerable.Repeat("</div>", 20_000)),
        "<script>alert(1)</script><style>*{}</style><!-- unclosed comment",
        new string('x', 150_000),
        string.Concat(Enumerable.Repeat("1% $2 3 days net 4 5 units March 6 ", 3_000)),
        "\u0000\u0001 null bytes \u0000 and a lone surrogate \ud800 here",
        "On Mon wrote:\n> > > > " + new string('>', 5000),
        "{{ for x in 1..1000000000 }}{{ x }}{{ end }} {{ '' | string.pad_left 100000000 }}",
        "Best regards,\n" + string.Concat(Enumerable.Repeat("-- \n", 2000)),
        "٣٤٥٦ ١٢/١٢/٢٠٢٧ ￥１２３ ５０％ discount",
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_bodies_get_an_answer_and_never_a_server_error(string body)
    {
        var classify = await _client.PostJsonAsync("/api/classify", Json.Email(body));
        Assert.True((int)classify.StatusCode < 500, $"classify: {(int)classify.StatusCode} {await classify.Content.ReadAsStringAsync()}");
        var draft = await _client.PostJsonAsync("/api/drafts", new { email = Json.Email(body), category = "discount" });
        Assert.True((int)draft.StatusCode < 500, $"drafts: {(int)draft.StatusCode} {await draft.Content.ReadAsStringAsync()}");
    }
}
