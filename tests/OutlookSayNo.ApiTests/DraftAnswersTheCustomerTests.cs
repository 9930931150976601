using System.Net;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>A draft answers the customer who wrote: their name, their figure, their reason; it is
/// checked for saying only what has a source; a kind switch keeps what applies and drops the rest.</summary>
public sealed class DraftAnswersTheCustomerTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private readonly HttpClient _client = factory.ClientAs(name: "Alex Morgan");

    private const string Body =
        "Hi Alex,\n\nOur budget was cut this year. Could you reduce the price by 15% on the $48,000 renewal? We would sign today if so.\n\nBest regards,\nPriya Nair\nHead of Finance, Northwind Foods";

    private Task<JsonNode> Draft(object request, HttpStatusCode expected = HttpStatusCode.OK) => _client.DraftAsync(request, expected);

    [Fact]
    public async Task The_draft_greets_the_person_cites_their_figure_and_says_back_their_reason_and_offer()
    {
        var json = await Draft(new { email = Json.Email(Body, name: "Nair, Priya (Northwind)"), category = "discount", audience = "commercial" });
        var text = (string)json["text"]!;

        Assert.StartsWith("Hi Priya,", text);
        Assert.Contains("15%", text);
        Assert.Contains("your budget was cut this year", text);
        Assert.Contains("sign today", text);
        Assert.True((bool)json["checks"]!["grounded"]!);
    }

    [Fact]
    public async Task A_short_message_gets_a_short_reply_with_one_alternative_and_a_letter_keeps_its_length()
    {
        // Length follows the customer's: two lines get a short reply; the same ask as a letter, a letter's reply.
        const string note = "Hi Alex, could you knock 15% off the $48,000 renewal?\n\nthanks\nPriya";
        const string letter = "Dear Mr Morgan,\n\nI am writing to ask whether you could reduce the price of our $48,000 renewal by 15%.\n\nYours sincerely,\nPriya Nair";
        var brief = await Draft(new { email = Json.Email(note, name: "Priya Nair"), category = "discount", audience = "commercial" });
        var full = await Draft(new { email = Json.Email(letter, name: "Priya Nair"), category = "discount", audience = "commercial" });
        static int Words(JsonNode d) => ((string)d["text"]!).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;

        Assert.Single(brief["alternatives"]!.AsArray(), a => (bool)a!["offered"]!);
        Assert.True(full["alternatives"]!.AsArray().Count(a => (bool)a!["offered"]!) > 1);
        Assert.True(Words(brief) <= 130, $"{Words(brief)} words:\n{brief["text"]}");
        Assert.True(Words(full) >= 120, $"{Words(full)} words:\n{full["text"]}");
        // Still a whole "no": the checks pass on the short one too.
        Assert.All(brief["checks"]!.AsObject(), c => Assert.True((bool)c.Value!, c.Key));
    }

    [Fact]
    public async Task The_response_carries_the_reading_in_plain_words()
    {
        var json = await Draft(new { email = Json.Email(Body), category = "discount", audience = "finance" });
        var reading = json["reading"]!;

        Assert.Equal("discount", (string?)reading["kind"]);
        Assert.Equal("Discount or lower price", (string?)reading["kindLabel"]);
        Assert.Equal("15%", (string?)reading["requested"]!["text"]);
        Assert.Equal("requested", (string?)reading["requested"]!["role"]);
        Assert.Equal("What they ask for", (string?)reading["requested"]!["roleLabel"]);
        Assert.Contains(reading["figures"]!.AsArray(), f => (string?)f!["text"] == "$48,000" && (string?)f["role"] == "contract");
        Assert.Contains("budget was cut", (string?)reading["reason"]!["text"]);
        // The start and length point into the body as sent, so the pane can mark the words.
        var req = reading["requested"]!;
        Assert.Equal("15%", Body.Substring((int)req["start"]!, (int)req["length"]!));
    }

    [Fact]
    public async Task A_reason_the_account_manager_types_replaces_the_one_read()
    {
        var json = await Draft(new { email = Json.Email(Body), category = "discount", audience = "commercial", reason = "your board froze all new spending" });

        Assert.Contains("your board froze all new spending", (string)json["text"]!);
        Assert.DoesNotContain("budget was cut", (string)json["text"]!);
    }

    [Fact]
    public async Task Switching_kind_sets_aside_fields_of_the_old_kind_instead_of_refusing_the_request()
    {
        var json = await Draft(new
        {
            email = Json.Email(Body), category = "payment_terms", audience = "finance",
            fields = new Dictionary<string, string> { ["currentMarginPercent"] = "24" },
        });

        Assert.Contains("currentMarginPercent", json["setAsideFields"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("payment_terms", (string?)json["category"]);
    }

    [Fact]
    public async Task A_liability_draft_states_no_finding_unless_the_account_manager_typed_one()
    {
        const string claim = "Hi Alex,\n\nThe pump you installed failed after a week and flooded the basement. Please refund the $1,200 we paid.\n\nThanks,\nPriya Nair";
        var bare = await Draft(new { email = Json.Email(claim), category = "liability", audience = "technical" });
        var bareText = (string)bare["text"]!;
        Assert.DoesNotContain("found no", bareText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("logs", bareText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("looking into what happened", bareText);
        Assert.True((bool)bare["checks"]!["grounded"]!);

        var found = await Draft(new
        {
            email = Json.Email(claim), category = "liability", audience = "technical",
            fields = new Dictionary<string, string> { ["whatWeFound"] = "the pump was fitted without the inlet filter the manual requires" },
        });
        Assert.Contains("What we found: the pump was fitted without the inlet filter the manual requires.", (string)found["text"]!);
        Assert.True((bool)found["checks"]!["grounded"]!);
    }

    [Fact]
    public async Task A_kind_the_email_never_asks_for_fails_grounded()
    {
        const string thanks = "Hi Alex,\n\nThanks for the quick delivery last week, the team is very happy.\n\nBest,\nPriya Nair";
        var json = await Draft(new { email = Json.Email(thanks), category = "discount", audience = "commercial" });

        Assert.False((bool)json["checks"]!["grounded"]!);
        Assert.Contains(json["checkNotes"]!.AsArray(), n => ((string)n!).StartsWith("Nothing in this email asks for", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sent_reply_with_a_figure_added_by_hand_fails_grounded_and_asks_the_sender_to_confirm()
    {
        var draft = await Draft(new { email = Json.Email(Body), category = "discount", audience = "commercial" });
        var id = (string)draft["id"]!;
        var edited = ((string)draft["text"]!).Replace("by 15%", "by 15%, though we gave 37 other customers 12% last year");

        var response = await _client.PostJsonAsync($"/api/drafts/{id}/events",
            new { type = "sent", mode = "reply", body = edited, to = new[] { new { name = "Priya Nair", email = "priya.nair@northwind-foods.com" } } });
        var json = await response.ReadNodeAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((bool)json["checks"]!["grounded"]!);
        Assert.True((bool)json["confirm"]!);
    }
}
