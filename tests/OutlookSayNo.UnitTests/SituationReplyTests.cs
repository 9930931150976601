using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

/// <summary>The refusal answers the situation the email is in: a refund asked for with nothing wrong reported (a change
/// of mind, a purchase made by mistake) has no cause to look into, so it gets the business's terms for a purchase, not
/// "we do not know what caused the problem"; an ask to have something free is refused as that, not as a discount.</summary>
public sealed class SituationReplyTests
{
    private static readonly Classifier Classifier = new(TimeProvider.System);

    /// <summary>A draft as the draft request makes it: the pack, then the facts this message concerns (no uptime figures
    /// without an outage), the alternatives offered by default for the stance and any hardship told.</summary>
    private static string Draft(string pack, string audience, string body, string kindId = "liability", string stance = Stances.Refuse,
        Dictionary<string, string?>? fields = null)
    {
        var c = Classifier.Classify(TemplateFixture.Catalog.ForPack(pack), "Re: your message", body);
        var catalog = TemplateFixture.Catalog.ForPack(pack).ForMessage(c.Evidence?.Message, kindId);
        var kind = catalog.Find(kindId)!;
        var email = new DraftEmail("Re: your message", body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
        var offered = kind.Offered(false, stance, c.Evidence?.Message, AskReader.TellsOfHardship(c));
        return Composer.Compose(catalog, new ComposeInput(kind, audience, email, c, fields ?? new Dictionary<string, string?>(), offered, null, user,
            Stance: stance), new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;
    }

    private const string ChangeOfMind = "Hi Sam,\n\nI bought the annual plan yesterday but the extras are not really for me. Can I return it and get my money back?\n\nPriya";

    [Theory]
    [InlineData("commercial")]
    [InlineData("technical")]
    [InlineData("finance")]
    public void A_change_of_mind_is_answered_with_the_terms_of_a_purchase_not_a_search_for_a_cause(string audience)
    {
        var text = Draft("software", audience, ChangeOfMind);

        Assert.Contains("14 days", text);
        Assert.DoesNotContain("caused", text);
        Assert.DoesNotContain("cause is not established", text);
        Assert.DoesNotContain("findings", text);
        Assert.DoesNotContain("the problem", text);
        Assert.Contains("on your account as credit", text);
    }

    [Fact]
    public void Goods_give_the_return_window_and_a_reported_fault_still_gets_the_cause_looked_into()
    {
        Assert.Contains("within 30 days of delivery", Draft("goods", "commercial", ChangeOfMind));

        var broken = Draft("goods", "commercial", "Hi Sam,\n\nThe pump stopped working after a week. I want my money back.\n\nPriya");
        Assert.Contains("we do not know what caused the problem", broken);
        Assert.Contains("Repair at cost", broken);
    }

    [Theory]
    [InlineData("Could we use one of your beach photos on our site? I'm afraid we have no budget for it, but we'd credit you.", true)]
    [InlineData("Is there a free license for charities like ours?", true)]
    [InlineData("Could you take 15% off the renewal?", false)]
    public void An_ask_to_have_it_free_is_read_as_one(string body, bool free)
    {
        var c = Classifier.Classify(TemplateFixture.Catalog, "Price", body);
        Assert.Equal(free, AskReader.Read(c, "discount").Free);
    }

    [Fact]
    public void A_free_use_ask_is_refused_as_such_and_not_as_a_discount()
    {
        const string body = "Hello,\n\nI do the picture research for a holiday website. Could we use one of your beach shots in an article? I'm afraid we have no budget at all for it, but we would credit you.\n\nHarriet";
        foreach (var (audience, no) in new[] { ("commercial", "We can't let you have it free of charge"), ("technical", "provide it free of charge"), ("finance", "supplying it free of charge") })
        {
            var text = Draft("services", audience, body, "discount");
            Assert.Contains(no, text);
            Assert.DoesNotContain("lower the price", text);
        }
    }

    [Fact]
    public void Hardship_with_no_reason_to_say_back_gets_sympathy_but_a_business_imposing_terms_does_not()
    {
        string Reply(string body, string stance) => Draft("goods", "commercial", body, "payment_terms", stance);

        var person = Reply("Dear Mr Porter,\n\nBecause of circumstances I did not expect, I am going through financial difficulties and cannot keep up my payments on time. Could you give me 60 days to pay the $18,400 instead of 30?\n\nTeresa Monroe", Stances.Refuse);
        Assert.Contains("I am sorry to hear of the difficult time you are going through", person);
        Assert.DoesNotContain("early", person);

        var retailer = Reply("Dear Supplier,\n\nWith our stores closed we are in financial difficulty. With immediate effect all invoices will be paid at 90 days instead of 30.\n\nAccounts Payable", Stances.Imposed);
        Assert.DoesNotContain("sorry to hear", retailer);
    }

    [Fact]
    public void A_reported_failure_is_read_as_one_and_a_mistake_of_their_own_is_not()
    {
        Assert.True(StanceReader.ReportsFailure(Classifier.Classify(TemplateFixture.Catalog, "Order", "The parcel never arrived. Please refund me.")));
        Assert.False(StanceReader.ReportsFailure(Classifier.Classify(TemplateFixture.Catalog, "Order", ChangeOfMind)));
        Assert.False(StanceReader.ReportsFailure(Classifier.Classify(TemplateFixture.Catalog, "Order", "Our driver dropped the pallet and it arrived broken. Can you refund it?")));
    }

    [Theory]
    [InlineData("commercial", "Hi Sarah,\n\nI'd like to ask, respectfully, for a 7 day extension on payment of invoice #4721.\n\nTom", "move your payment date by 7 days")]
    [InlineData("finance", "Hi Sarah,\n\nI'd like to ask, respectfully, for a 7 day extension on payment of invoice #4721.\n\nTom", "extend the terms by 7 days")]
    [InlineData("technical", "Dear Sarah,\n\nCould we please pay this invoice at the end of September instead?\n\nTom", "extend the terms to the end of September")]
    public void The_payment_date_they_ask_for_is_refused_in_words_not_in_brackets(string audience, string body, string said)
    {
        var text = Draft("goods", audience, body, "payment_terms");

        Assert.Contains(said, text);
        Assert.DoesNotContain("as you asked (", text);
        Assert.DoesNotContain("you asked for (", text);
    }

    [Fact]
    public void Paid_within_some_days_of_invoice_is_terms_not_a_delay()
    {
        var text = Draft("goods", "commercial", "Hi Sarah,\n\nGoing forward we will pay all invoices within 10 days of the 25th of the following month.\n\nTom", "payment_terms", Stances.Imposed);

        Assert.DoesNotContain("moving by", text);
    }

    [Theory]
    [InlineData("commercial")]
    [InlineData("technical")]
    [InlineData("finance")]
    public void An_exception_names_the_rule_the_account_manager_gave(string audience)
    {
        const string body = "Hi Sam,\n\nI know it has been 35 days, but could you make an exception and take the jacket back?\n\nPriya";
        var text = Draft("goods", audience, body, "exception", fields: new() { ["theRule"] = "our 30-day return window." });

        Assert.Contains("our 30-day return window", text);
        // Said inside a sentence, without the full stop they typed.
        Assert.DoesNotContain("window. applies", text);
        Assert.DoesNotContain("window., because", text);
        Assert.DoesNotContain("skip or bypass", text);
        Assert.DoesNotContain("the same rule", text);

        // Without it, the rule is not named, and the pane asks for it.
        Assert.DoesNotContain("return window", Draft("goods", audience, body, "exception"));
    }

    [Fact]
    public void No_alternative_gives_more_off_than_the_discount_refused()
    {
        // Refused 2%, the draft does not offer 5% off from the second year or 4% off for paying up front; the volume
        // tier, whose lower prices depend on their buying more, stays as a counter.
        var small = Draft("goods", "commercial", "Dear supplier,\n\nOur suppliers are all being asked for a 2% reduction on list prices from next month; our buying team will apply it to your account.\n\nBuying Team", "discount");
        Assert.Contains("2%", small);
        Assert.DoesNotContain("5% off", small);
        Assert.DoesNotContain("4% off", small);
        Assert.Contains("6% lower prices", small);

        // Refused 30%, the price lock with 5% off from the second year is a smaller concession, and stays.
        var large = Draft("goods", "commercial", "Dear supplier,\n\nWe need a 30% reduction on list prices from next month to keep your products in our stores.\n\nBuying Team", "discount");
        Assert.Contains("5% off from the second year", large);
    }

    [Fact]
    public void Credit_instead_of_a_refund_is_not_offered_while_the_cause_of_a_fault_is_unknown()
    {
        // "Nobody answered" reports a failure of ours, with no cue for a repair or a review: credit was the fallback.
        var text = Draft("software", "commercial", "Hi Sam,\n\nI asked for a refund of the $49 two weeks ago and nobody answered me. It is really bad. Please refund me.\n\nPriya");

        Assert.Contains("cause", text);
        Assert.DoesNotContain("Instead of a refund", text);
        // Something is still offered: an alternative for a fault, or another way found together.
        Assert.True(text.Contains("\n- ", StringComparison.Ordinal) || text.Contains("another way", StringComparison.Ordinal), text);

        // After a change of mind, credit on the account is still the offer.
        Assert.Contains("Instead of a refund", Draft("software", "commercial", ChangeOfMind));
    }

    [Fact]
    public void A_few_days_asked_for_in_hardship_is_not_answered_with_months_of_instalments()
    {
        var days = Draft("goods", "finance", "Dear Sarah,\n\nI lost my job last month. Could I have a 7 day extension on the invoice?\n\nTom", "payment_terms");
        Assert.DoesNotContain("monthly instalments", days);

        var months = Draft("goods", "finance", "Dear Sarah,\n\nI lost my job last month and can't pay the invoice in full. Could I have 90 days to pay it?\n\nTom", "payment_terms");
        Assert.Contains("monthly instalments", months);
    }
}
