using OutlookSayNo.Asks;
using OutlookSayNo.Checks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

/// <summary>The sixth check fails on what matters: a refusal of something the email never asked,
/// a figure nobody supplied, a finding nobody made.</summary>
public sealed class GroundedCheckTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;
    private static readonly Classifier Classifier = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));

    private const string Draft =
        "Hi Priya,\n\nWe can't lower the price by 15%, because every customer of your size pays the same rate.\n\n" +
        "Here is what we can do instead:\n\n- Pay the year up front: we take 4% off the $48,000.\n\nBest regards,\nSam";

    private static GroundingSources Sources(string email, string kind, IReadOnlyDictionary<string, string?>? fields = null)
    {
        var c = Classifier.Classify(Catalog, "Renewal", email);
        var k = Catalog.Kinds[kind];
        var reading = AskReader.Read(c, kind);
        fields ??= new Dictionary<string, string?>();
        var data = DataPoints.Resolve(k, Catalog, c, reading, fields, Today, []);
        return Grounding.For(c, reading, data, Catalog, fields, k, Today);
    }

    private static CheckResult Check(string text, GroundingSources sources) => DraftChecker.Check(text, Catalog, Today, sources);

    private const string AskingEmail = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal?\n\nThanks,\nPriya";

    [Fact]
    public void A_draft_whose_figures_all_come_from_the_email_and_the_facts_is_grounded()
    {
        var result = Check(Draft, Sources(AskingEmail, "discount"));

        Assert.True(result.Checks.Grounded, string.Join(" ", result.Notes));
    }

    [Fact]
    public void A_figure_nobody_supplied_fails_and_is_named()
    {
        var result = Check(Draft.Replace("by 15%", "by 15%, and 212 customers agree"), Sources(AskingEmail, "discount"));

        Assert.False(result.Checks.Grounded);
        Assert.Contains(result.Notes, n => n.StartsWith("Figures with no source", StringComparison.Ordinal) && n.Contains("212"));
    }

    [Fact]
    public void A_reported_failure_backs_a_reply_that_grants_and_nothing_else()
    {
        const string scratched = "Dear Ms Porter,\n\nOrder 7714 arrived this morning, and twelve of the discs were scratched. The list is attached.\n\nLena Brandt";
        var c = Classifier.Classify(Catalog, "Order 7714", scratched);
        var k = Catalog.Kinds["liability"];
        var reading = AskReader.Read(c, "liability");
        var none = new Dictionary<string, string?>();
        var data = DataPoints.Resolve(k, Catalog, c, reading, none, Today, []);

        Assert.True(reading.Fault);
        // Nothing asks: a refusal has no ask to answer, even when we own our part.
        Assert.False(Grounding.For(c, reading, data, Catalog, none, k, Today, ownPart: true).AskEvidenced);
        // Granting a remedy for the failure they report refuses nothing and answers what the email says.
        Assert.True(Grounding.For(c, reading, data, Catalog, none, k, Today, ownPart: true, grants: true).AskEvidenced);
        // With nothing wrong reported, a grant has nothing to answer either.
        var thanks = Classifier.Classify(Catalog, "Order 7714", "Hi Sam,\n\nOrder 7714 arrived this morning, thanks.\n\nLena");
        var thanksReading = AskReader.Read(thanks, "liability");
        Assert.False(Grounding.For(thanks, thanksReading, DataPoints.Resolve(k, Catalog, thanks, thanksReading, none, Today, []), Catalog, none, k, Today, ownPart: true, grants: true).AskEvidenced);
    }

    [Fact]
    public void Refusing_a_kind_the_email_never_asks_for_fails()
    {
        const string thanks = "Hi Sam,\n\nThanks for the quick delivery last week, the team is very happy with it.\n\nBest,\nPriya";

        var result = Check(Draft, Sources(thanks, "discount"));

        Assert.False(result.Checks.Grounded);
        Assert.Contains(result.Notes, n => n.StartsWith("Nothing in this email asks for discount", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Our review found no fault in our work.")]
    [InlineData("The service logs and signed delivery receipts back this up.")]
    [InlineData("According to our records the parcel was delivered on time.")]
    public void A_finding_nobody_supplied_fails(string finding)
    {
        const string claim = "Hi Sam,\n\nThe pump failed after a week. Please refund the $1,200 we paid.\n\nThanks,\nPriya";
        var text = "Hi Priya,\n\nWe can't refund the $1,200, because the warranty covers our own faults only. " + finding + "\n\nBest regards,\nSam";

        var result = Check(text, Sources(claim, "liability"));

        Assert.False(result.Checks.Grounded);
        Assert.Contains(result.Notes, n => n.StartsWith("A finding nobody supplied", StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_the_account_manager_typed_is_a_source()
    {
        const string claim = "Hi Sam,\n\nThe pump failed after a week. Please refund the $1,200 we paid.\n\nThanks,\nPriya";
        const string found = "the filter was never fitted during installation";
        var text = $"Hi Priya,\n\nWe can't refund the $1,200, because the warranty covers our own faults only. We found that {found}.\n\nBest regards,\nSam";

        var without = Check(text, Sources(claim, "liability"));
        var with = Check(text, Sources(claim, "liability", new Dictionary<string, string?> { ["whatWeFound"] = found }));

        Assert.False(without.Checks.Grounded);
        Assert.True(with.Checks.Grounded, string.Join(" ", with.Notes));
    }

    [Fact]
    public void A_rate_unit_and_small_counts_are_words_not_figures()
    {
        var text = Draft.Replace("pays the same rate", "pays the same rate of $150 an hour, with two options and one call a week");
        var result = Check(text, Sources(AskingEmail, "discount"));

        Assert.DoesNotContain(result.Notes, n => n.StartsWith("Figures with no source", StringComparison.Ordinal) && (n.Contains("an hour") || n.Contains("a week")));
    }

    [Fact]
    public void Without_sources_the_check_is_not_judged()
    {
        Assert.True(DraftChecker.Check(Draft.Replace("15%", "37%"), Catalog, Today).Checks.Grounded);
    }

    [Fact]
    public void A_sent_reply_may_rest_on_its_draft_but_not_on_a_figure_added_by_hand()
    {
        var sources = Grounding.ForSent(Draft, ["15%", "$48,000"], Catalog, Today);

        Assert.True(DraftChecker.Check(Draft, Catalog, Today, sources).Checks.Grounded);
        var edited = DraftChecker.Check(Draft.Replace("by 15%", "by 15%, although we gave Contoso 11% last month"), Catalog, Today, sources);
        Assert.False(edited.Checks.Grounded);
    }
}
