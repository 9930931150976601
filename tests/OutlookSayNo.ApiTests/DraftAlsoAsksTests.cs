using System.Net;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>Every ask answered: the account manager names the email's other asks, and each gets a sentence
/// of its own, in the order the customer raised them; the response and the log say which were answered.</summary>
public sealed class DraftAlsoAsksTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private readonly HttpClient _client = factory.ClientAs(name: "Alex Morgan");

    private const string ThreeAsks =
        "Hi Alex,\n\nAhead of the renewal, could you move us to 60-day payment terms? We would also like 10% off the renewal price, " +
        "and we need the next shipment by Friday rather than the end of the month.\n\nThanks,\nPriya Nair";

    [Fact]
    public async Task Each_other_ask_gets_its_own_sentence_in_the_order_the_email_raises_them()
    {
        var json = await _client.DraftAsync(new { email = Json.Email(ThreeAsks), category = "discount", audience = "commercial", also = new[] { "deadline", "payment_terms" } });
        var text = (string)json["text"]!;

        var terms = text.IndexOf("On the payment terms, our invoices stay due in 30 days", StringComparison.Ordinal);
        var timing = text.IndexOf("On timing, we cannot bring the date forward", StringComparison.Ordinal);
        Assert.True(terms > 0 && timing > terms, text);
        // The main ask's own paragraph comes first.
        Assert.True(text.IndexOf("We can't lower the price", StringComparison.Ordinal) is var main && main > 0 && main < terms, text);

        var also = json["also"]!.AsArray();
        Assert.Equal(["payment_terms", "deadline"], also.Select(a => (string?)a!["category"]));
        Assert.Equal("Longer payment terms", (string?)also[0]!["label"]);
        Assert.Contains("60-day payment terms", (string?)also[0]!["evidence"]!["text"]);
    }

    [Fact]
    public async Task Without_other_asks_named_the_draft_answers_only_the_main_one()
    {
        var json = await _client.DraftAsync(new { email = Json.Email(ThreeAsks), category = "discount", audience = "commercial" });

        Assert.Empty(json["also"]!.AsArray());
        Assert.DoesNotContain("On the payment terms", (string)json["text"]!);
    }

    [Fact]
    public async Task The_drafted_kind_named_again_is_not_answered_twice()
    {
        var json = await _client.DraftAsync(new { email = Json.Email(ThreeAsks), category = "discount", audience = "finance", also = new[] { "discount" } });

        Assert.Empty(json["also"]!.AsArray());
        Assert.DoesNotContain("On the price", (string)json["text"]!);
    }

    [Theory]
    [InlineData("other")]
    [InlineData("refunds-please")]
    public async Task An_ask_a_draft_cannot_answer_is_a_clear_problem(string kind)
    {
        var json = await _client.DraftAsync(new { email = Json.Email(ThreeAsks), category = "discount", audience = "commercial", also = new[] { kind } }, HttpStatusCode.BadRequest);

        Assert.Contains("Not asks a draft can answer", json["errors"]!["also"]![0]!.ToString());
    }
}
