using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>The stance before the words: a failure of ours is owned, an announcement is answered as one,
/// and a plain ask is refused.</summary>
public sealed class StanceReaderTests
{
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;
    private static readonly Classifier Classifier = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));

    private static StanceReading Read(string body, string kind) => StanceReader.Read(Classifier.Classify(Catalog, "", body), kind);

    [Theory]
    [InlineData("Order 5521 was due on 10 November and has still not arrived. We need it by Friday.", "deadline", "has still not arrived")]
    [InlineData("Your service was down for six hours on Monday. We want a credit of $2,000 for the outage.", "liability", "was down")]
    [InlineData("You charged us twice for invoice 4410. Please refund the second payment of $980.", "liability", "charged us twice")]
    [InlineData("The app doesnt work on Windows at all, i want a full refund please.", "liability", "doesnt work")]
    [InlineData("On 18 January we ordered 700 jars of relish, but you sent us only 400 jars. Please send the missing 300.", "deadline", "sent us only 400")]
    [InlineData("You promised the work would take four weeks. The job is still only half done, and we want $500 back.", "liability", "still only half done")]
    [InlineData("My project got deleted when I clicked restore. Can I have the 12 million tokens back?", "liability", "got deleted")]
    [InlineData("I am concerned about the cost overrun against budget. Please review your fees.", "liability", "cost overrun")]
    [InlineData("My card was charged for two months, yet I have not been able to use the platform at all. Please refund me.", "liability", "not been able to use the platform")]
    [InlineData("Your staff told us we would be refunded, and we have received nothing. Please send the refunds.", "liability", "received nothing")]
    [InlineData("The quality of this printing paper is very terrible. Please send good paper in 2 days.", "deadline", "very terrible")]
    [InlineData("They are two very different cakes from what we ordered. We deserve a refund.", "liability", "very different cakes from what we ordered")]
    public void A_failure_of_ours_is_owned_with_the_sentence_that_reports_it(string body, string kind, string quoted)
    {
        var s = Read(body, kind);

        Assert.Equal(Stances.OwnPart, s.Suggested);
        Assert.Contains(s.Evidence, e => e.Text.Contains(quoted, StringComparison.Ordinal) && body.Substring(e.Start, e.Length) == e.Text);
    }

    [Theory]
    [InlineData("With effect from 1 March we will pay all supplier invoices at 90 days.", "payment_terms")]
    [InlineData("We have deducted $4,000 from your invoice for the late shipment.", "liability")]
    [InlineData("This is our 10 days notice that we intend to end the agreement.", "exception")]
    [InlineData("Our standard for all suppliers is 90 days net and that is what we will apply.", "payment_terms")]
    [InlineData("I've instructed Accounting to hold back the October charges of $26,374 until you verify the meters.", "liability")]
    [InlineData("Under your amended terms, a one-time allowance of 10 percent applies to all shipments to new stores.", "discount")]
    [InlineData("The skis arrived from elsewhere. Please do not send this shipment: cancel purchase order 1234.", "exception")]
    [InlineData("Going forward, invoices without a purchase order number will be returned unpaid.", "payment_terms")]
    [InlineData("We hereby give you notice that we will terminate the supply agreement on 31 March.", "exception")]
    [InlineData("Here are the tickets: your band is responsible for selling them. That's how it works.", "scope")]
    public void An_announcement_is_answered_as_an_imposition(string body, string kind)
    {
        Assert.Equal(Stances.Imposed, Read(body, kind).Suggested);
    }

    [Theory]
    [InlineData("The SSD failed after a week. I am therefore giving you formal notice to resolve this matter within 10 days.", "liability")]
    [InlineData("You have ignored my letters. I am therefore giving you notice that I intend to issue county court proceedings.", "liability")]
    public void Notice_of_a_demand_or_of_proceedings_is_not_an_imposition(string body, string kind)
    {
        // A demand to put something right, or a threat of court, is not new terms set on us.
        Assert.NotEqual(Stances.Imposed, Read(body, kind).Suggested);
    }

    [Theory]
    [InlineData("Could you take 15% off the renewal? Our budget was cut.", "discount")]
    [InlineData("Our standard for all suppliers is 90 days net. We ask you to change the terms on the contract to net 90.", "payment_terms")]
    [InlineData("Our forklift driver dropped the pallet, and the damaged units must be replaced free of charge.", "liability")]
    [InlineData("Would it be possible to move the delivery to 3 March?", "deadline")]
    [InlineData("Going forward I'd like a statement every month listing the estimated data.", "scope")]
    public void A_plain_ask_is_refused(string body, string kind)
    {
        var s = Read(body, kind);

        Assert.Equal(Stances.Refuse, s.Suggested);
        Assert.Empty(s.Evidence);
    }

    [Fact]
    public void People_see_plain_words_for_every_stance()
    {
        Assert.All(Stances.All, s => Assert.DoesNotContain("_", Stances.Label(s)));
    }
}
