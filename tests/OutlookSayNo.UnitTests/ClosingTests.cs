using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

/// <summary>The close asks the customer to choose only when there is a choice; a customer in hardship is not argued with about cost.</summary>
public sealed class ClosingTests
{
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));

    private const string Body =
        "Dear Sam,\n\nWe have been customers for six years and our budget for next year has been cut. We would like a 12% discount on the renewal of our contract, " +
        "which is worth $48,000 a year. Please let us know by the end of the month.\n\nKind regards,\nPriya Nair\nHead of Operations";

    private static string Draft(string audience, IReadOnlyCollection<string> offered)
    {
        var catalog = TemplateFixture.Catalog;
        var c = new Classifier(TimeProvider.System).Classify(catalog, "Renewal", Body);
        var email = new DraftEmail("Renewal", Body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        return Composer.Compose(catalog, new ComposeInput(catalog.Kinds["discount"], audience, email, c, new Dictionary<string, string?>(), offered, null, User),
            new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;
    }

    [Fact]
    public void A_customer_in_hardship_is_not_told_what_their_ask_costs_us()
    {
        static string PaymentDraft(string body, string audience)
        {
            var catalog = TemplateFixture.Catalog;
            var c = new Classifier(TimeProvider.System).Classify(catalog, "Invoice", body);
            var email = new DraftEmail("Invoice", body, new EmailAddress("Tom Reed", "tom@reedjoinery.com"), null, null);
            return Composer.Compose(catalog, new ComposeInput(catalog.Kinds["payment_terms"], audience, email, c, new Dictionary<string, string?>(), [], null, User),
                new DateOnly(2026, 11, 16), [], CancellationToken.None)!.Text;
        }
        // Long enough (over 60 words) for the full reply rather than the brief one.
        const string Story = " We have ordered from you for six years, and the joinery work is steady; the spring is always the slowest part of our year, with most of our customers paying us late, and the summer brings it back. Our accountant suggested we ask you first, since you are our largest supplier and the one we would most like to keep working with for many years to come.";
        const string Plain = "Hi Sam,\n\nCould we move our invoices to 60-day terms from next month? It would help us plan our orders." + Story + "\n\nThanks,\nTom";
        const string Hard = "Hi Sam,\n\nI was laid off from my second job last month and money is very tight. Could we move our invoices to 60-day terms from next month?" + Story + "\n\nThanks,\nTom";

        var plain = PaymentDraft(Plain, "commercial");
        Assert.True(plain.Contains("paid for by the others", StringComparison.Ordinal), plain);
        Assert.DoesNotContain("paid for by the others", PaymentDraft(Hard, "commercial"));
        Assert.Contains("cost of capital", PaymentDraft(Plain, "finance"));
        Assert.DoesNotContain("cost of capital", PaymentDraft(Hard, "finance"));
    }

    [Theory]
    [InlineData("commercial", "whether that suits you")]
    [InlineData("technical", "whether that fits your plans")]
    [InlineData("finance", "whether that works for your budget")]
    public void One_alternative_is_accepted_or_not_two_are_chosen_between(string audience, string one)
    {
        var ids = TemplateFixture.Catalog.Kinds["discount"].Definition.Alternatives.Select(a => a.Id).ToList();

        var single = Draft(audience, [ids[0]]);
        Assert.Contains(one, single);
        Assert.DoesNotContain("which option", single);
        Assert.Contains("which option", Draft(audience, [ids[0], ids[1]]));
    }
}
