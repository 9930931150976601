using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

/// <summary>A refund asked for with nothing wrong reported (a change of mind, a purchase made by mistake) has no cause
/// to look into: the refusal gives the business's terms for a purchase, not "we do not know what caused the problem".</summary>
public sealed class NoFaultRefundTests
{
    private static readonly Classifier Classifier = new(TimeProvider.System);

    private static string Draft(string pack, string audience, string body)
    {
        // As the draft request sees it: the pack, then the facts this message concerns (no uptime figures without an outage).
        var c = Classifier.Classify(TemplateFixture.Catalog.ForPack(pack), "Refund", body);
        var catalog = TemplateFixture.Catalog.ForPack(pack).ForMessage(c.Evidence?.Message, "liability");
        var kind = catalog.Find("liability")!;
        var email = new DraftEmail("Refund", body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
        var offered = kind.Offered(false, Stances.Refuse, c.Evidence?.Message);
        return Composer.Compose(catalog, new ComposeInput(kind, audience, email, c, new Dictionary<string, string?>(), offered, null, user,
            Stance: Stances.Refuse), new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;
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

    [Fact]
    public void A_reported_failure_is_read_as_one_and_a_mistake_of_their_own_is_not()
    {
        Assert.True(StanceReader.ReportsFailure(Classifier.Classify(TemplateFixture.Catalog, "Order", "The parcel never arrived. Please refund me.")));
        Assert.False(StanceReader.ReportsFailure(Classifier.Classify(TemplateFixture.Catalog, "Order", ChangeOfMind)));
        Assert.False(StanceReader.ReportsFailure(Classifier.Classify(TemplateFixture.Catalog, "Order", "Our driver dropped the pallet and it arrived broken. Can you refund it?")));
    }
}
