using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>A request's work stops when its client has gone: the endpoints hand their request token to
/// reading, classifying and composing, and each stops at its next step.</summary>
public sealed class CancellationTests
{
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;
    private static readonly DateOnly Today = new(2026, 11, 16);
    private const string Body = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal?\n\nBest regards,\nPriya Nair";

    private static CancellationToken Gone()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        return source.Token;
    }

    [Fact]
    public void Classifying_for_a_request_that_has_gone_stops_before_reading()
    {
        var readings = new Readings(new Classifier(TimeProvider.System), TimeProvider.System);

        Assert.Throws<OperationCanceledException>(() => readings.Classify(Catalog, "Renewal", Body + " (gone)", Gone()));
        Assert.Equal(0, readings.Classified);
    }

    [Fact]
    public void Composing_for_a_request_that_has_gone_stops()
    {
        var c = new Classifier(TimeProvider.System).Classify(Catalog, "Renewal", Body);
        var kind = Catalog.Kinds["discount"];
        var email = new DraftEmail("Renewal", Body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
        var input = new ComposeInput(kind, "finance", email, c, new Dictionary<string, string?>(), [], null, user);

        Assert.Throws<OperationCanceledException>(() => Composer.Compose(Catalog, input, Today, [], Gone()));
        Assert.NotNull(Composer.Compose(Catalog, input, Today, [], CancellationToken.None));
    }
}
