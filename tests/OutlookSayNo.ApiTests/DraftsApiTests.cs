using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

public sealed class DraftsApiTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private readonly HttpClient _client = factory.ClientAs(name: "Alex Morgan");

    private Task<JsonNode> Draft(object request, HttpStatusCode expected = HttpStatusCode.OK) => _client.DraftAsync(request, expected);

    [Fact]
    public async Task Relative_dates_count_from_the_day_the_customer_wrote()
    {
        const string body = "Hi Alex,\n\nCould you deliver the next shipment by Friday instead of the end of the month?\n\nThanks,\nPriya Nair";
        // Today is Monday 16 November; the email was written on Tuesday 10 November, so "by Friday" was Friday 13 November.
        var written = new { subject = "Shipment", body, from = new { name = "Priya Nair", email = "priya.nair@northwind-foods.com" }, sentAt = "2026-11-10T08:30:00Z" };
        var json = await Draft(new { email = written, category = "deadline", audience = "commercial" });

        Assert.Contains(json["dataPoints"]!.AsArray(), d => (string?)d!["name"] == "requestedDate" && (string?)d["value"] == "Friday 13 November");
        Assert.Contains("Friday 13 November", (string)json["text"]!);

        // Without the date it was written, Friday is the coming one.
        var undated = await Draft(new { email = Json.Email(body, "Shipment"), category = "deadline", audience = "commercial" });
        Assert.Contains(undated["dataPoints"]!.AsArray(), d => (string?)d!["name"] == "requestedDate" && (string?)d["value"] == "Friday 20 November");
    }

    [Fact]
    public async Task A_sent_date_that_is_not_a_date_is_a_clear_problem()
    {
        var bad = new { subject = "Shipment", body = "Could you deliver by Friday?", sentAt = "last Tuesday" };
        using var response = await _client.PostAsJsonAsync("/api/drafts", new { email = bad });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_discount_email_gets_a_finance_draft_that_passes_every_check()
    {
        var json = await Draft(new { email = Json.Email(Emails.DiscountBody, "Renewal 2027") });

        Assert.Equal("discount", (string?)json["category"]);
        Assert.Equal("finance", (string?)json["audience"]);
        Assert.Equal("discount/finance", (string?)json["template"]!["id"]);
        Assert.True((int)json["template"]!["version"]! >= 1);
        Assert.Equal("RE: Renewal 2027", (string?)json["subject"]);
        var checks = json["checks"]!.AsObject();
        foreach (var name in new[] { "saysNo", "givesReason", "citesData", "offersAlternative", "respectful" })
            Assert.True((bool)checks[name]!, $"{name} failed: {json["checkNotes"]}");
        var text = (string)json["text"]!;
        Assert.Contains("Priya", text);
        Assert.Contains("Alex Morgan", text);
        Assert.StartsWith("<p>", (string?)json["html"]);
        Assert.Contains(json["dataPoints"]!.AsArray(), d => (string?)d!["name"] == "requestedDiscountPercent" && (string?)d["value"] == "15%" && (string?)d["source"] == "email");
        Assert.Contains(json["alternatives"]!.AsArray(), a => (bool)a!["offered"]!);
        Assert.False((bool)json["managerCopyAdvised"]!);
    }

    [Fact]
    public async Task The_three_audiences_argue_the_same_no_differently()
    {
        var texts = new List<string>();
        foreach (var audience in new[] { "commercial", "technical", "finance" })
        {
            var json = await Draft(new { email = Json.Email(Emails.DiscountBody), audience });
            Assert.Equal(audience, (string?)json["audience"]);
            Assert.Equal($"discount/{audience}", (string?)json["template"]!["id"]);
            texts.Add((string)json["text"]!);
        }
        // Not the same paragraph with a word swapped: the paragraph that says no and why shares
        // well under half of its words between any two audiences.
        var reasons = texts.Select(t => t.Split("\n\n").Single(p => p.Contains("can't", StringComparison.OrdinalIgnoreCase) || p.Contains("cannot", StringComparison.OrdinalIgnoreCase))).ToList();
        for (var i = 0; i < reasons.Count; i++)
            for (var j = i + 1; j < reasons.Count; j++)
            {
                var a = Words(reasons[i]);
                var b = Words(reasons[j]);
                var overlap = a.Intersect(b).Count() / (double)a.Union(b).Count();
                Assert.True(overlap < 0.45, $"reasons {i} and {j} share {overlap:P0} of their words:\n{reasons[i]}\n{reasons[j]}");
            }
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ':', ';', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).ToHashSet();

    [Fact]
    public async Task A_missing_figure_changes_the_sentence_and_is_listed_as_a_missing_field()
    {
        var json = await Draft(new { email = Json.Email(Emails.DiscountBody), audience = "finance" });
        var missing = json["missingFields"]!.AsArray().Select(m => (string?)m!["name"]).ToList();
        Assert.Contains("currentMarginPercent", missing);
        var text = (string)json["text"]!;
        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain("  ", text);
        Assert.DoesNotContain(" ,", text);
        Assert.DoesNotContain(" .", text);
    }

    [Fact]
    public async Task The_requested_figure_comes_from_the_sentence_that_asks_not_from_the_context()
    {
        const string body = "Hi Sam,\n\nOur software budget has been cut by 10% this year.\n\nCould you reduce the price by 15% on the renewal?\n\nThanks,\nPriya";
        var json = await Draft(new { email = Json.Email(body), audience = "finance" });
        Assert.Contains(json["dataPoints"]!.AsArray(), d => (string?)d!["name"] == "requestedDiscountPercent" && (string?)d["value"] == "15%");
        Assert.Contains("15%", (string)json["text"]!);
        Assert.DoesNotContain("10% discount", (string)json["text"]!);
    }

    [Fact]
    public async Task A_typed_field_is_used_in_the_draft_and_leaves_the_missing_list()
    {
        var json = await Draft(new { email = Json.Email(Emails.DiscountBody), audience = "finance", fields = new { currentMarginPercent = "22" } });
        Assert.DoesNotContain(json["missingFields"]!.AsArray(), m => (string?)m!["name"] == "currentMarginPercent");
        Assert.Contains(json["dataPoints"]!.AsArray(), d => (string?)d!["name"] == "currentMarginPercent" && (string?)d["source"] == "field" && (string?)d["value"] == "22%");
        Assert.Contains(json["dataPoints"]!.AsArray(), d => (string?)d!["source"] == "computed");
    }

    [Fact]
    public async Task Under_threat_the_reply_stays_respectful_and_copying_a_manager_is_advised()
    {
        var json = await Draft(new { email = Json.Email(Emails.ThreatBody, "Order 4471", "Mark Doyle", "mark.doyle@fabrikam-plants.com") });
        Assert.Equal("deadline", (string?)json["category"]);
        Assert.Contains("threat", json["flags"]!.AsArray().Select(f => (string?)f));
        Assert.True((bool)json["managerCopyAdvised"]!);
        Assert.True((bool)json["checks"]!["respectful"]!);
        Assert.True((bool)json["checks"]!["saysNo"]!);
    }

    [Fact]
    public async Task Abuse_is_answered_calmly_without_mirroring_the_words()
    {
        var json = await Draft(new { email = Json.Email(Emails.AbusiveBody, "Dashboards", "Chris Vale", "chris@tailspin-toys.com") });
        var text = ((string)json["text"]!).ToLowerInvariant();
        Assert.True((bool)json["managerCopyAdvised"]!);
        foreach (var word in new[] { "incompetent", "useless", "joke" }) Assert.DoesNotContain(word, text);
        Assert.True((bool)json["checks"]!["respectful"]!);
    }

    [Fact]
    public async Task Html_and_scriban_in_customer_values_are_encoded_and_never_evaluated()
    {
        const string hostile = "<script>alert(1)</script>{{ 7 * 7 }}";
        var json = await Draft(new
        {
            email = new { subject = "Discount {{ 6 * 7 }}", body = Emails.DiscountBody + "\n" + hostile, from = new { name = "Eve " + hostile, email = "eve@contoso.com" } },
            theyAreRightAbout = "the invoice had <b>two</b> errors {{ 8 * 8 }}",
            fields = new { currentMarginPercent = "22" },
            audience = "commercial",
        });
        var html = (string)json["html"]!;
        var text = (string)json["text"]!;
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("49", text);
        Assert.DoesNotContain("64", text);
        Assert.Contains("&lt;b&gt;two&lt;/b&gt;", html);
        Assert.Contains("{{ 8 * 8 }}", text);
        Assert.Equal("RE: Discount {{ 6 * 7 }}", (string?)json["subject"]);
    }

    [Fact]
    public async Task Every_draft_is_in_the_log_with_who_what_and_a_hash_of_the_body()
    {
        var json = await Draft(new { email = new { subject = "Renewal", body = Emails.DiscountBody, from = new { name = "Priya Nair", email = "priya@northwind.com" }, itemId = "AAMkAG-item", conversationId = "conv-1" } });
        var id = (string)json["id"]!;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var record = await db.Log.AsNoTracking().SingleAsync(r => r.DraftId == id && r.Type == "generated");
        Assert.Equal("Alex Morgan", record.UserName);
        var logged = System.Text.Json.Nodes.JsonNode.Parse(record.Payload)!;
        Assert.Equal("discount", (string?)logged["category"]);
        Assert.Equal("finance", (string?)logged["audience"]);
        Assert.Equal("discount/finance", (string?)logged["template"]!["id"]);
        Assert.Equal((string)json["text"]!, (string?)logged["text"]);
        Assert.Equal("AAMkAG-item", (string?)logged["email"]!["itemId"]);
        Assert.Equal("conv-1", (string?)logged["email"]!["conversationId"]);
        Assert.Equal("priya@northwind.com", (string?)logged["email"]!["fromEmail"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Emails.DiscountBody))), (string?)logged["email"]!["bodySha256"]);
        Assert.Contains("requestedDiscountPercent", logged["dataPoints"]!.ToJsonString());
        Assert.Equal(SayNoFactory.Now.UtcDateTime, record.AtUtc);
        // The review index row points at the record.
        var row = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(record.Seq, row.GeneratedSeq);
        Assert.Equal("northwind.com", row.CustomerDomain);
        Assert.Equal("generated", row.Status);
    }

    [Fact]
    public async Task The_log_is_written_with_wal_and_full_sync_so_an_answered_draft_survives_a_crash()
    {
        await Draft(new { email = Json.Email(Emails.DiscountBody) });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!); // 2 = FULL
    }

    [Fact]
    public async Task An_email_without_a_refusable_ask_gets_422_with_the_classification()
    {
        var json = await Draft(new { email = Json.Email(Emails.ThanksBody, "Workshop") }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("https://outlooksayno.dev/problems/no-refusable-ask", (string?)json["type"]);
        Assert.Equal("other", (string?)json["classification"]!["primary"]!["category"]);
    }

    [Fact]
    public async Task A_category_override_drafts_a_refusal_for_an_email_the_classifier_read_as_other()
    {
        var json = await Draft(new { email = Json.Email(Emails.ThanksBody, "Workshop"), category = "scope", audience = "technical" });
        Assert.Equal("scope", (string?)json["category"]);
        Assert.Equal("scope/technical", (string?)json["template"]!["id"]);
    }

    [Fact]
    public async Task Choosing_alternatives_offers_exactly_those()
    {
        var json = await Draft(new { email = Json.Email(Emails.DiscountBody), alternatives = new[] { "orderly-handover" } });
        var offered = json["alternatives"]!.AsArray().Where(a => (bool)a!["offered"]!).Select(a => (string?)a!["id"]).ToList();
        Assert.Equal(["orderly-handover"], offered);
        Assert.Contains("another supplier", (string)json["text"]!);
    }

    [Theory]
    [InlineData("{\"email\":{\"body\":\"Give us 10% off\"},\"audience\":\"marketing\"}", "audience")]
    [InlineData("{\"email\":{\"body\":\"Give us 10% off\"},\"category\":\"refund_please\"}", "category")]
    [InlineData("{\"email\":{\"body\":\"Give us 10% off\"},\"alternatives\":[\"free-money\"]}", "alternatives")]
    [InlineData("{\"email\":{\"body\":\"Give us 10% off\"},\"fields\":{\"currentMarginPercent\":\"lots\"}}", "fields.currentMarginPercent")]
    [InlineData("{\"email\":{\"body\":\"Give us 10% off\"},\"fields\":{\"shoeSize\":\"42\"}}", "fields.shoeSize")]
    [InlineData("{\"email\":{\"body\":\"Give us 10% off\"},\"fields\":{\"discountAmount\":\"5\"}}", "fields.discountAmount")]
    [InlineData("{\"audience\":\"finance\"}", "email")]
    [InlineData("{\"email\":{\"subject\":\"x\"}}", "email.body")]
    public async Task Bad_draft_requests_are_validation_problems_naming_the_field(string payload, string field)
    {
        var response = await _client.PostAsync("/api/drafts", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.True(json["errors"]?[field] is not null, $"no error for {field}: {json.ToJsonString()}");
    }

    [Fact]
    public async Task A_too_long_they_are_right_about_is_refused()
    {
        var json = await Draft(new { email = Json.Email(Emails.DiscountBody), theyAreRightAbout = new string('x', 600) }, HttpStatusCode.BadRequest);
        Assert.NotNull(json["errors"]!["theyAreRightAbout"]);
    }
}
