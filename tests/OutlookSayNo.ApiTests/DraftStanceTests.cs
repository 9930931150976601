using System.Net;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>The stance before the words: the draft takes the stance the email suggests, says so with the
/// customer's sentence, lets the account manager take another, and the log keeps which one was taken.</summary>
public sealed class DraftStanceTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private readonly HttpClient _client = factory.ClientAs(name: "Alex Morgan");

    private const string LateOrder =
        "Hi Alex,\n\nOrder 5521 was due on 10 November and has still not arrived; nobody has replied to my two emails. We now need the full order by 20 November.\n\nRegards,\nNadia Okafor";

    private const string NewTerms =
        "Dear Supplier,\n\nWith effect from 1 March 2027 we will pay all supplier invoices at 90 days from the date of invoice.\n\nYours faithfully,\nAndrea Schulte";

    private Task<JsonNode> Draft(object request, HttpStatusCode expected = HttpStatusCode.OK) => _client.DraftAsync(request, expected);

    [Fact]
    public async Task A_reported_failure_of_ours_is_owned_and_the_draft_says_so()
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial" });
        var stance = json["stance"]!;

        Assert.Equal("own_part", (string?)stance["taken"]);
        Assert.Equal("Own our part", (string?)stance["takenLabel"]);
        Assert.Contains("has still not arrived", (string?)stance["evidence"]![0]!["text"]);
        Assert.Contains("You are right to raise this", (string)json["text"]!);
    }

    [Fact]
    public async Task An_announced_change_is_answered_as_an_imposition()
    {
        var json = await Draft(new { email = Json.Email(NewTerms), category = "payment_terms", audience = "finance" });

        Assert.Equal("imposed", (string?)json["stance"]!["taken"]);
        Assert.Contains("We have not agreed to this change", (string)json["text"]!);
    }

    [Fact]
    public async Task The_account_manager_can_take_another_stance_and_the_log_keeps_both()
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial", stance = "refuse" });

        Assert.Equal("refuse", (string?)json["stance"]!["taken"]);
        Assert.Equal("own_part", (string?)json["stance"]!["suggested"]);
        Assert.DoesNotContain("You are right to raise this", (string)json["text"]!);

        var detail = await (await factory.ClientAs("ComplianceReviewer", "Rita Reviewer").GetAsync($"/api/compliance/drafts/{(string)json["id"]!}")).ReadNodeAsync();
        Assert.Equal("refuse", (string?)detail["generated"]!["stance"]!["taken"]);
        Assert.Equal("own_part", (string?)detail["generated"]!["stance"]!["suggested"]);
    }

    [Fact]
    public async Task A_plain_ask_is_refused_with_no_stance_paragraph()
    {
        var json = await Draft(new { email = Json.Email("Hi Alex,\n\nCould you take 15% off the $48,000 renewal?\n\nThanks,\nPriya"), category = "discount", audience = "commercial" });

        Assert.Equal("refuse", (string?)json["stance"]!["taken"]);
        Assert.Empty(json["stance"]!["evidence"]!.AsArray());
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("small")]
    public async Task A_stance_the_product_does_not_draft_is_a_clear_problem(string stance)
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial", stance }, HttpStatusCode.BadRequest);

        Assert.Contains("is not a stance this product drafts", json["errors"]!["stance"]![0]!.ToString());
    }
}
