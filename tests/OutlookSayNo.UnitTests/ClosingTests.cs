using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

/// <summary>The close asks the customer to choose only when there is a choice.</summary>
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
