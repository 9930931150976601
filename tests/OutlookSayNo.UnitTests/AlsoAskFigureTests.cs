using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>With two asks ticked, each figure is refused once, by the ask that makes it.</summary>
public sealed class AlsoAskFigureTests
{
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));

    private const string Notice =
        "Dear Supplier,\n\nWe are invoking the force majeure clause of our contract and cancelling every undelivered purchase order with effect from today. " +
        "In addition, all goods already with freight forwarders will be subject to a 30% discount.\n\nYours sincerely,\nEmily Warburton";

    private static Composed Compose(IReadOnlyList<string>? also)
    {
        var catalog = TemplateFixture.Catalog;
        var c = new Classifier(TimeProvider.System).Classify(catalog, "Force majeure", Notice);
        var email = new DraftEmail("Force majeure", Notice, new EmailAddress("Emily Warburton", "emily@outfitters.com"), null, null);
        var input = new ComposeInput(catalog.Kinds["liability"], "commercial", email, c, new Dictionary<string, string?>(), [], null, User,
            Stance: Stances.Imposed, Also: also);
        return Composer.Compose(catalog, input, new DateOnly(2026, 11, 16), [], CancellationToken.None)!;
    }

    [Fact]
    public void The_other_asks_figure_is_not_refused_as_this_one()
    {
        var both = Compose(["discount"]);

        Assert.Null(both.Reading.Requested);
        // The 30% is answered once, in the sentence on the price.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(both.Text, "30%"));
        Assert.Contains("On the price", both.Text);
    }
}
