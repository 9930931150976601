using System.Security.Claims;
using System.Text.Json.Nodes;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>An alternative written for a situation (kind.json's <c>when</c>) is offered first when the email is in
/// that situation: a customer charged twice is offered a check of the charges, not a repair at cost.</summary>
public sealed class AlternativeWhenTests
{
    private static readonly Classifier Classifier = new(TimeProvider.System);

    private static List<string> Offered(string body, bool brief = false, string? stance = Stances.Refuse)
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        var c = Classifier.Classify(catalog, "Invoice", body);
        return catalog.Find("liability")!.Offered(brief, stance, c.Evidence?.Message);
    }

    [Fact]
    public void The_alternative_for_the_situation_comes_first_in_place_of_the_last_default()
    {
        var defaults = Offered("Hi Sam,\n\nThe pump failed after a week. We want a full refund.\n\nThanks,\nPriya");
        Assert.Equal(["repair-at-cost", "root-cause-review"], defaults);

        var charged = Offered("Hi Sam,\n\nYou charged us twice for invoice 4471. Please refund the second payment.\n\nThanks,\nPriya");
        // Nothing broke: a repair at cost answers nothing here, so the check of the charges stands alone.
        Assert.Equal(["charges-review"], charged);
        Assert.Equal(["charges-review"], Offered("You charged us twice for invoice 4471. Refund it.", brief: true));
    }

    [Fact]
    public void A_late_order_owned_as_ours_is_offered_phased_delivery_only_when_it_has_parts_to_phase()
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        List<string> Late(string body) => catalog.Find("deadline")!.Offered(false, Stances.OwnPart, Classifier.Classify(catalog, "Order", body).Evidence?.Message);

        // One robot vacuum, late: the earliest date we can keep, not "what you need most first".
        Assert.Equal(["earliest-date"], Late("Dear Sir,\n\nI ordered a robot vacuum on 3 March and it has not arrived. Please deliver it within 2 weeks.\n\nAino"));
        // 400 units, some of them urgent: phased delivery is offered beside the single default, not in its place.
        Assert.Equal(["phased-delivery", "earliest-date"], Late("Hi Sam,\n\nOur order of 400 units is two weeks late. We need part of the order by Friday and the rest next week.\n\nNadia"));
        // A business order of many things, and a building project, have parts to phase too.
        Assert.Equal(["phased-delivery", "earliest-date"], Late("Dear Sirs,\n\nOrder No. 5518 - 40 office workstations. The goods have not been delivered. Delivery must be made within 14 days.\n\nStephen Marlow"));
        Assert.Equal(["phased-delivery", "earliest-date"], Late("Dear Ms Farrell,\n\nThe ductwork on floors 4 to 6 of the project is late because your sections came late. Please send us your revised timelines.\n\nTom"));
        // Two weeks and 14 days are not things to phase, nor is a website.
        Assert.Equal(["earliest-date"], Late("Hi,\n\nMy account is still in review after two days. Fix it and verify me so I can start to use your site.\n\nJeroen"));
        Assert.Equal(["earliest-date"], Late("Dear Sir,\n\nI ordered a kettle on 3 March. It is 2 weeks late. Please deliver it within 14 days of this letter.\n\nAino"));
    }

    [Theory]
    [InlineData("Can I pay for the licence with a Wise account? I don't have a credit card.")]
    [InlineData("If you have a physical address, I could mail you checks instead.")]
    public void A_question_about_how_to_pay_is_offered_the_ways_to_pay(string body)
    {
        var catalog = TemplateFixture.Catalog.ForPack("software");
        var c = Classifier.Classify(catalog, "Paying", body);
        Assert.Equal("ways-to-pay", catalog.Find("payment_terms")!.Offered(false, Stances.Refuse, c.Evidence?.Message)[0]);
    }

    [Fact]
    public void A_customer_who_lost_their_job_is_offered_instalments_first()
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        var terms = catalog.Find("payment_terms")!;
        var hard = Classifier.Classify(catalog, "Invoice", "I lost my job in May and cannot pay the full balance at once. Could I have 90 days?");
        var plain = Classifier.Classify(catalog, "Invoice", "Could we have 90 days to pay the next invoice?");

        Assert.Equal(["instalments", "early-payment"], terms.Offered(false, Stances.Refuse, hard.Evidence?.Message));
        Assert.Equal(["early-payment", "instalments"], terms.Offered(false, Stances.Refuse, plain.Evidence?.Message));
    }

    [Fact]
    public void A_customer_in_hardship_is_not_offered_a_discount_for_paying_early_or_up_front()
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        var hard = Classifier.Classify(catalog, "Invoice", "I lost my job in May and cannot pay the full balance at once. Could I have 90 days?");
        Assert.True(AskReader.TellsOfHardship(hard));
        Assert.Equal(["instalments"], catalog.Find("payment_terms")!.Offered(false, Stances.Refuse, hard.Evidence?.Message, AskReader.TellsOfHardship(hard)));

        var cut = Classifier.Classify(catalog, "Renewal", "Our budget was cut by a third this year. Could you take 15% off the renewal?");
        Assert.True(AskReader.TellsOfHardship(cut));
        Assert.DoesNotContain("upfront-payment", catalog.Find("discount")!.Offered(false, Stances.Refuse, cut.Evidence?.Message, hardship: true));
        Assert.False(AskReader.TellsOfHardship(Classifier.Classify(catalog, "Invoice", "Could we have 90 days to pay the next invoice?")));
    }

    [Theory]
    [InlineData("I am going through financial difficulties and cannot keep up my payments on time. Could I have an extra 45 days?", true)]
    [InlineData("Owing to certain financial constraints at our end we are not in a position to pay on the due date. Please shift it by a few days.", true)]
    [InlineData("I accept that my account is in arrears. I cannot make you any offer of payment at present; please hold the account for six months.", true)]
    [InlineData("I want to pay this balance, but I can't pay all of it at once. Could we agree $90 a month?", true)]
    [InlineData("Our policy is 60-day terms for all suppliers. Please confirm you accept them.", false)]
    [InlineData("We bought a licence for 2 editors by accident instead of 1. Please refund one of them.", false)]
    [InlineData("We cannot pay by card; could you send an invoice with 30-day terms?", false)]
    [InlineData("Last week a fire in our despatch department destroyed most of the stock. Could we have another 30 days?", true)]
    // Hardship told of someone else is not the writer's: a law quoted, consumers who pay the price of inflation.
    [InlineData("The law provides for the death or illness of the person who was to perform. Please refund the deposit.", false)]
    [InlineData("Shoppers have been paying the price of sustained inflation. Please lower the list price by 2%.", false)]
    public void Money_trouble_told_in_plain_words_is_hardship(string body, bool hardship) =>
        Assert.Equal(hardship, AskReader.TellsOfHardship(Classifier.Classify(TemplateFixture.Catalog, "Invoice", body)));

    [Fact]
    public void The_draft_offers_the_alternative_for_the_situation_and_not_one_for_another()
    {
        const string body = "Hi Sam,\n\nYou charged us twice for invoice 4471, $1,250 each time. Please refund the second payment.\n\nThanks,\nPriya";
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        var c = Classifier.Classify(catalog, "Invoice 4471", body);
        var kind = catalog.Find("liability")!;
        var email = new DraftEmail("Invoice 4471", body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
        var text = Composer.Compose(catalog, new ComposeInput(kind, "commercial", email, c, new Dictionary<string, string?>(), kind.Offered(false, Stances.Refuse, c.Evidence?.Message),
            null, user, Stance: Stances.Refuse), new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;

        Assert.Contains("A check of the charges", text);
        // Nothing broke, so a repair at cost, which answers only a breakage, is not offered.
        Assert.DoesNotContain("Repair at cost", text);
    }

    [Fact]
    public void An_alternative_only_for_a_breakage_is_not_offered_for_a_change_of_mind()
    {
        // Bought by mistake: no repair and no review of a cause; the first alternative written for no particular case.
        var changed = Offered("Hi Sam,\n\nI bought the annual plan by mistake and would like a refund please.\n\nPriya");
        Assert.Equal(["account-credit"], changed);
        // Something broke: the repair and the review are offered as before.
        Assert.Equal(["repair-at-cost", "root-cause-review"], Offered("Hi Sam,\n\nThe pump arrived broken and stopped working. We want a full refund.\n\nPriya"));
    }

    [Fact]
    public void Only_when_without_phrases_is_refused_with_the_alternative_named()
    {
        var e = TemplateFixture.RefusedWith("liability", kind => kind["alternatives"]![0]!.AsObject().Remove("when"));
        Assert.Contains("onlyWhen", e.Message);
    }

    [Fact]
    public void A_when_phrase_that_does_not_parse_is_refused_with_the_alternative_named()
    {
        var e = TemplateFixture.RefusedWith("liability", kind => kind["alternatives"]![0]!["when"] = new JsonArray("(charged twice"));
        Assert.Contains("when", e.Message);
    }
}
