using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>The account manager points to the sentence that asks: the reply refuses what that sentence asks, with its
/// figure, and the "grounded" check takes it as the ask's evidence; without it, a kind the email never asks for fails.</summary>
public sealed class PointedAskTests
{
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;
    private static readonly DateOnly Today = new(2026, 11, 16);
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));

    // The reader takes this as a deadline; the account manager reads the second sentence as the ask for later payment.
    private const string Body = "Hi Sam,\n\nThe March parts order went well, thank you. For the April batch, the plant would rather you sent it straight from the line this time and left the final paperwork until later.\n\nThanks,\nPriya Nair";

    private static Composed Compose(string kind, int? pointed)
    {
        var c = new Classifier(TimeProvider.System).Classify(Catalog, "Parts", Body);
        var email = new DraftEmail("Parts", Body, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var input = new ComposeInput(Catalog.Kinds[kind], "finance", email, c, new Dictionary<string, string?>(), [], null, User, AskSentence: pointed);
        return Composer.Compose(Catalog, input, Today, [], CancellationToken.None)!;
    }

    [Fact]
    public void A_kind_with_no_asking_sentence_fails_grounded_until_the_account_manager_points_to_one()
    {
        var unpointed = Compose("exception", null);
        Assert.False(unpointed.Check.Checks.Grounded);
        Assert.Contains(unpointed.Check.Notes, n => n.StartsWith("Nothing in this email asks for", StringComparison.Ordinal));
        Assert.False(unpointed.Reading.Pointed);

        var pointed = Compose("exception", 2);
        Assert.True(pointed.Check.Checks.Grounded, string.Join(" / ", pointed.Check.Notes));
        Assert.True(pointed.Reading.Pointed);
        Assert.Equal(2, pointed.Reading.RequestIndex);
        Assert.StartsWith("For the April batch, the plant would rather you sent it straight from the line", pointed.Reading.Request!.Text);
    }

    [Fact]
    public void The_pointed_sentence_carries_the_figure_the_reply_refuses()
    {
        const string body = "Hi Sam,\n\nOur budget for the renewal is $20,000. We would need 12% off to sign this month.\n\nThanks,\nPriya Nair";
        var c = new Classifier(TimeProvider.System).Classify(Catalog, "Renewal", body);
        Assert.Equal("12%", AskReader.Read(c, "discount").Requested?.Figure.Text);

        // Pointing to the budget sentence: what it states is what the reply takes up, never the other sentence's 12%.
        var pointed = AskReader.Read(c, "discount", 1);
        Assert.True(pointed.Pointed);
        Assert.StartsWith("Our budget for the renewal", pointed.Request!.Text);
        Assert.NotEqual("12%", pointed.Requested?.Figure.Text);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(99)]
    public void An_index_outside_the_message_is_not_a_pointed_sentence(int index)
    {
        var c = new Classifier(TimeProvider.System).Classify(Catalog, "Parts", Body);
        var reading = AskReader.Read(c, "exception", index);
        Assert.False(reading.Pointed);
    }
}
