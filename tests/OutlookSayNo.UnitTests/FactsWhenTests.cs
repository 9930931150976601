using System.Security.Claims;
using System.Text.Json.Nodes;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>A kind cites some facts only to a message about them (kind.json's <c>factsWhen</c>): a claim is argued
/// with the warranty when the customer reports a fault, with the uptime commitment when the service was down, and
/// with neither for a statement error or a hotel refund, where they read as stock text about someone else.</summary>
public sealed class FactsWhenTests
{
    private static readonly Classifier Classifier = new(TimeProvider.System);
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));

    private static Composed Draft(string pack, string body, string stance = Stances.Refuse, string audience = "commercial")
    {
        var catalog = TemplateFixture.Catalog.ForPack(pack);
        var c = Classifier.Classify(catalog, "Claim", body);
        var kind = catalog.Find("liability")!;
        var email = new DraftEmail("Claim", body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        // The offered alternatives as the draft request picks them: from the kind as this message sees it.
        var offered = catalog.ForMessage(c.Evidence?.Message, "liability").Find("liability")!.Offered(false, stance, c.Evidence?.Message);
        return Composer.Compose(catalog, new ComposeInput(kind, audience, email, c, new Dictionary<string, string?>(), offered, null, User, Stance: stance),
            new DateOnly(2026, 11, 16), [], CancellationToken.None)!;
    }

    [Fact]
    public void A_fault_in_what_we_supplied_is_argued_with_the_warranty_and_a_statement_error_is_not()
    {
        // Long enough for the full reply (a two-line message gets the brief one, which leaves the cover out).
        var fault = Draft("goods", "Hi Sam,\n\nThe pump you supplied for our cooling line stopped working after a week, and our engineers spent two days " +
            "working around it before the replacement part arrived. We had to hire a temporary unit for the whole time, and our production manager " +
            "has asked me to recover what we paid for it. Please refund the $480 we paid for the hire.\n\nThanks,\nPriya").Text;
        Assert.Contains("12 months", fault);

        var statement = Draft("goods", "Hi Sam,\n\nYour July statement charges us $480 for a delivery we returned in June, with the collection note " +
            "signed by your driver. Our accounts team has checked it twice against our own records and the return is there, so the charge " +
            "should never have been raised. Please refund the $480 we paid against that statement.\n\nThanks,\nPriya", audience: "finance").Text;
        Assert.DoesNotContain("warranty", statement, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("12 months", statement);
    }

    [Fact]
    public void An_outage_is_argued_with_the_uptime_commitment_and_offered_the_service_credit_and_a_refund_request_is_not()
    {
        var outage = Draft("software", "Hi Sam,\n\nYour service was down for most of Tuesday and we lost a day of orders. We want $2,000 in compensation.\n\nThanks,\nPriya", Stances.OwnPart);
        Assert.Contains("99.9%", outage.Text);
        Assert.Contains(outage.Alternatives, a => a.Id == "sla-credit");

        var refund = Draft("software", "Hi Sam,\n\nI asked for a refund of the $90 Pro plan within 24 hours of buying it and nobody has answered. Please refund it.\n\nThanks,\nPriya", Stances.OwnPart);
        Assert.DoesNotContain("99.9%", refund.Text);
        Assert.DoesNotContain("uptime", refund.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(refund.Alternatives, a => a.Id == "sla-credit");
        Assert.True(refund.Check.Checks.AllPass, string.Join(" ", refund.Check.Notes) + "\n" + refund.Text);
    }

    [Fact]
    public void A_discount_is_argued_with_the_customers_of_the_same_tier_only_to_a_business()
    {
        string Discount(string body)
        {
            var catalog = TemplateFixture.Catalog.ForPack("software");
            var c = Classifier.Classify(catalog, "Price", body);
            var kind = catalog.Find("discount")!;
            var email = new DraftEmail("Price", body, new EmailAddress("Kelvin Chan", "kelvin@example.com"), null, null);
            return Composer.Compose(catalog, new ComposeInput(kind, "commercial", email, c, new Dictionary<string, string?>(), [], null, User, Stance: Stances.Refuse),
                new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;
        }

        // A student asking for a student discount is not told how many companies pay the same.
        var student = Discount("Hi, I really like the app, but $15 is a lot for a high school student. Do you do a student discount?");
        Assert.DoesNotContain("companies", student);
        Assert.Contains("we charge every customer the same price", student);

        var business = Discount("Hi Sam, we have 40 seats on your plan and our renewal is due. Could you take 15% off the renewal?");
        Assert.Contains("140 companies", business);

        // A household writes "we" too: a family paying for TV is not a company of some size.
        var household = Discount("Hi, we have been with you for 10 years and we pay £43 a month. New customers pay £15 less. Could you lower our price?");
        Assert.DoesNotContain("companies", household);
        Assert.DoesNotContain("retraining your users", household);
    }

    [Theory]
    [InlineData("rachel.p@gmail.com", "Hi, we have had your TV package for ten years. Could you lower the price?", false)]
    [InlineData("rachel.p@btinternet.com", "Hi, we have had your TV package for ten years. Could you lower the price?", false)]
    [InlineData("rachel.p@gmail.com", "Hi, my company has 12 seats on your plan. Could you lower the price?", true)]
    [InlineData("rachel@northwind-foods.com", "Hi, could you lower the price?", true)]
    public void Seats_are_offered_to_a_business_and_a_plan_to_a_private_person(string address, string body, bool business)
    {
        var catalog = TemplateFixture.Catalog.ForPack("software");
        var c = Classifier.Classify(catalog, "Price", body);
        var kind = catalog.Find("discount")!;
        var email = new DraftEmail("Price", body, new EmailAddress("Rachel P", address), null, null);
        var text = Composer.Compose(catalog, new ComposeInput(kind, "commercial", email, c, new Dictionary<string, string?>(), ["plan-change"], null, User, Stance: Stances.Refuse),
            new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;

        Assert.Contains("move you to the plan", text);
        Assert.Equal(business, text.Contains("number of seats", StringComparison.Ordinal));
        Assert.Equal(business, text.Contains("per seat", StringComparison.Ordinal));
    }

    [Fact]
    public void Someone_not_writing_as_a_business_is_not_offered_a_volume_tier_or_a_price_lock_but_still_an_alternative()
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        List<string> Offered(string body)
        {
            var c = Classifier.Classify(catalog, "Price", body);
            return catalog.ForMessage(c.Evidence?.Message, "discount").Find("discount")!.Offered(false, Stances.Refuse, c.Evidence?.Message);
        }

        Assert.Equal(["volume-tier", "multi-year"], Offered("Hi Sam, our annual order is due. Could you take 10% off our order this year?"));
        var person = Offered("Hi, I would like one print of the Solitude photo, mounted. Could you do it for $150 instead of $200?");
        Assert.DoesNotContain("volume-tier", person);
        Assert.DoesNotContain("multi-year", person);
        Assert.Equal(["upfront-payment"], person);
    }

    [Fact]
    public void Another_kind_still_cites_the_fact_to_every_message()
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        var c = Classifier.Classify(catalog, "Price", "Could you take 15% off the next order?");
        Assert.True(catalog.ForMessage(c.Evidence?.Message, "discount").Facts.ContainsKey("warrantyMonths"));
        Assert.False(catalog.ForMessage(c.Evidence?.Message, "liability").Facts.ContainsKey("warrantyMonths"));
    }

    [Fact]
    public void A_message_view_is_kept_and_its_own_view_is_itself()
    {
        var catalog = TemplateFixture.Catalog.ForPack("goods");
        var message = Classifier.Classify(catalog, "Statement", "Please refund the $480 on your July statement.").Evidence?.Message;
        var view = catalog.ForMessage(message, "liability");

        Assert.NotSame(catalog, view);
        Assert.Same(view, catalog.ForMessage(message, "liability"));
        Assert.Same(view, view.ForMessage(message, "liability"));
    }

    [Theory]
    [InlineData("noSuchFact", "[\"fault\"]", "factsWhen names the fact 'noSuchFact'")]
    [InlineData("warrantyMonths", "[]", "give 'warrantyMonths' at least one phrase")]
    [InlineData("warrantyMonths", "[\"(fault\"]", "factsWhen 'warrantyMonths'")]
    public void A_factsWhen_entry_that_cannot_work_is_refused_with_the_kind_named(string fact, string phrases, string message)
    {
        var e = TemplateFixture.RefusedWith("liability", kind => kind["factsWhen"] = new JsonObject { [fact] = JsonNode.Parse(phrases) });
        Assert.Contains(message, e.Message);
    }
}
