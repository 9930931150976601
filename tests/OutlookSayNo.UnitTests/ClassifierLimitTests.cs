using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>The classifier reads at most <see cref="Classifier.MaxMessageChars"/> of the newest
/// message, so one very long new message cannot make a request take seconds.</summary>
public sealed class ClassifierLimitTests
{
    private static readonly KindCatalog Catalog = KindCatalog.Load(Path.Combine(Root(), "templates"));
    private readonly Classifier _classifier = new(TimeProvider.System);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("OutlookSayNo.sln not found.");
    }

    private static string Filler(int chars)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; sb.Length < chars; i++) sb.Append("The canteen at plant ").Append(i).Append(" served soup and bread to the staff.\n\n");
        return sb.ToString();
    }

    [Fact]
    public void An_ask_at_the_start_of_a_very_long_new_message_is_still_found_with_its_figures()
    {
        var body = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal?\n\n" + Filler(1_000_000) + "Best regards,\nPriya";

        var c = _classifier.Classify(Catalog, "Renewal", body);

        // Found, with its words at the start (long filler may add weak asks of its own around it).
        var discount = Assert.Single(new[] { c.Primary }.Concat(c.Secondary), a => a.Category == "discount");
        Assert.Contains(discount.Evidence, e => e.Start < 100);
        Assert.Contains(c.Figures, f => f.Number == 15);
        Assert.Contains(c.Figures, f => f.Number == 48_000);
    }

    [Fact]
    public void What_comes_after_the_reading_limit_of_a_new_message_is_not_read()
    {
        var ask = "Could you reduce the price by 15% on the $48,000 renewal?";
        var body = "Hi Sam,\n\n" + Filler(Classifier.MaxMessageChars + 100) + ask + "\n\nBest regards,\nPriya";

        var c = _classifier.Classify(Catalog, null, body);

        Assert.DoesNotContain(c.Figures, f => f.Number == 48_000);
        Assert.DoesNotContain(new[] { c.Primary }.Concat(c.Secondary), a => a.Category == "discount");
    }
}
