using System.Security.Claims;
using System.Text.Json.Nodes;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>"Consider a yes" comes from the business's own limit: what the ask would cost against the most an
/// account manager may concede without approval (a fact), through the kind's <c>smallWhen</c> rule.</summary>
public sealed class SmallAskTests
{
    private static readonly DateOnly Today = new(2026, 11, 16);
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));

    private static Composed Compose(KindCatalog catalog, string kind, string body, params (string Name, string Value)[] fields)
    {
        var c = new Classifier(TimeProvider.System).Classify(catalog, "Order", body);
        var email = new DraftEmail("Order", body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var input = new ComposeInput(catalog.Kinds[kind], "commercial", email, c, fields.ToDictionary(f => f.Name, f => (string?)f.Value), [], null, User);
        return Composer.Compose(catalog, input, Today, [], CancellationToken.None)!;
    }

    private const string TwoPercent = "Hi Sam,\n\nCould you take 2% off our order this time?\n\nThanks,\nPriya";

    [Fact]
    public void A_discount_worth_less_than_the_limit_suggests_a_yes_and_the_text_stays_a_no_until_asked_otherwise()
    {
        var composed = Compose(TemplateFixture.Catalog, "discount", TwoPercent, ("contractValue", "3000"));

        Assert.Equal(Stances.Small, composed.StanceRead.Suggested);
        Assert.Contains("Amount the discount removes: $60", composed.StanceRead.Reason);
        Assert.Contains("2% off", composed.StanceRead.Evidence.Single().Text);
        // The composed text is what "draft a no anyway" gives: a plain refusal, never a half-written yes.
        Assert.Equal(Stances.Refuse, composed.Stance);
        Assert.Contains("We can't lower the price by 2%", composed.Text);
    }

    [Theory]
    [InlineData("10000")] // $200 removed: over the $100 limit
    [InlineData(null)]    // the order's value unknown: the amount is not known either
    public void Over_the_limit_or_unknown_it_is_a_plain_no(string? contractValue)
    {
        var composed = contractValue is null
            ? Compose(TemplateFixture.Catalog, "discount", TwoPercent)
            : Compose(TemplateFixture.Catalog, "discount", TwoPercent, ("contractValue", contractValue));

        Assert.Equal(Stances.Refuse, composed.StanceRead.Suggested);
    }

    [Fact]
    public void A_small_ask_after_a_failure_of_ours_is_worth_a_yes()
    {
        // $60 off an order that arrived damaged: refusing it to own our part would cost more goodwill than it saves.
        const string body = "Hi Sam,\n\nThe order arrived damaged, so could you take 2% off it?\n\nThanks,\nPriya";

        Assert.Equal(Stances.Small, Compose(TemplateFixture.Catalog, "discount", body, ("contractValue", "3000")).StanceRead.Suggested);
        // Over the limit, the failure is owned and the excess declined.
        Assert.Equal(Stances.OwnPart, Compose(TemplateFixture.Catalog, "discount", body, ("contractValue", "30000")).StanceRead.Suggested);
    }

    [Fact]
    public void An_amount_in_another_currency_is_not_compared_with_the_limit()
    {
        const string body = "Hi Sam,\n\nPlease refund the €80 we paid for the extra pallet.\n\nThanks,\nPriya";
        var dollars = Compose(TemplateFixture.Catalog, "liability", body.Replace("€80", "$80"));
        var euros = Compose(TemplateFixture.Catalog, "liability", body);

        Assert.Equal(Stances.Small, dollars.StanceRead.Suggested);
        Assert.Equal(Stances.Refuse, euros.StanceRead.Suggested);
    }

    [Fact]
    public void A_business_without_the_limit_never_gets_the_suggestion()
    {
        var catalog = Catalog(facts => facts.AsArray().Single(f => (string?)f!["name"] == "discretionAmount")!["value"] = null);

        Assert.Equal(Stances.Refuse, Compose(catalog, "discount", TwoPercent, ("contractValue", "3000")).StanceRead.Suggested);
    }

    [Theory]
    [InlineData("nope", "discretionAmount", "smallWhen names the data point 'nope', which this kind does not have.")]
    [InlineData("discountAmount", "nope", "smallWhen names the fact 'nope', which facts.json does not have.")]
    [InlineData("requestedDiscountPercent", "discretionAmount", "smallWhen compares 'requestedDiscountPercent' (percent) with 'discretionAmount' (money); use a fact in the same unit.")]
    public void A_rule_naming_what_is_not_there_or_comparing_unlike_units_is_refused(string dataPoint, string fact, string message)
    {
        var e = TemplateFixture.RefusedWith("discount", kind => kind["smallWhen"] = new JsonObject { ["dataPoint"] = dataPoint, ["atMostFact"] = fact });
        Assert.Contains(message, e.Message);
    }

    private static KindCatalog Catalog(Action<JsonNode> editFacts)
    {
        var docs = CatalogDocuments.ReadFolder(TemplateFixture.Folder);
        var facts = JsonNode.Parse(docs["facts.json"].Content!)!;
        editFacts(facts["facts"]!);
        docs["facts.json"] = docs["facts.json"] with { Content = facts.ToJsonString() };
        return KindCatalog.Build(docs);
    }

    [Theory]
    [InlineData("exception", "Hi Sam,\n\nHow can I use my licence on the new computer?\n\nThanks,\nPriya", "Your setup lists asks like this", "new computer")]
    [InlineData("payment_terms", "Hi Sam,\n\nIs it possible to pay the annual subscription by wire transfer?\n\nThanks,\nPriya", "Your setup lists asks like this", "wire transfer")]
    [InlineData("payment_terms", "Hi Sam,\n\nWould you waive the $39 late fee as a one-time courtesy?\n\nThanks,\nPriya", "They ask for it as a one-off.", "one-time courtesy")]
    [InlineData("exception", "Hi Sam,\n\nI reinstalled Windows on the same PC and now the app says my licence is used. Do I have to buy it again?\n\nThanks,\nPriya", "Your setup lists asks like this", "reinstalled")]
    [InlineData("exception", "Hi Sam,\n\nI lost my licence key when my old laptop died. Can you resend it?\n\nThanks,\nPriya", "Your setup lists asks like this", "lost my licence key")]
    [InlineData("payment_terms", "Hi Sam,\n\nCould you send me a PayPal payment link for the invoice?\n\nThanks,\nPriya", "Your setup lists asks like this", "payment link")]
    [InlineData("discount", "Hi Sam,\n\nIs there any way to get the new update without paying again?\n\nThanks,\nPriya", "Your setup lists asks like this", "without paying again")]
    public void An_ask_the_kind_lists_as_usually_granted_or_asked_as_a_one_off_suggests_a_yes(string kind, string body, string reason, string quoted)
    {
        var read = Compose(TemplateFixture.Catalog, kind, body).StanceRead;

        Assert.Equal(Stances.Small, read.Suggested);
        Assert.StartsWith(reason, read.Reason);
        Assert.Contains(quoted, read.Evidence.Single().Text);
    }

    [Fact]
    public void A_usual_ask_told_with_a_failure_of_ours_is_still_worth_a_yes()
    {
        const string body = "Hi Sam,\n\nThe app doesn't work on my new computer. Please move my licence.\n\nThanks,\nPriya";

        Assert.Equal(Stances.Small, Compose(TemplateFixture.Catalog, "exception", body).StanceRead.Suggested);
    }

    [Fact]
    public void A_small_cue_that_does_not_parse_is_refused_with_where_it_is()
    {
        var e = TemplateFixture.RefusedWith("exception", kind => kind["smallCues"] = new JsonArray(new JsonObject { ["pattern"] = "(new|", ["weight"] = 1 }));
        Assert.Contains("smallCues", e.Message);
    }
}
