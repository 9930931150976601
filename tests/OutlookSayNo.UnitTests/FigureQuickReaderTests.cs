using System.Text;
using OutlookSayNo.Reading;
using OutlookSayNo.Testing;

namespace OutlookSayNo.UnitTests;

/// <summary>The extractor reads the commonest money and percent forms ("$1", "1$", "1%") straight from the
/// matched characters instead of through a Match. Property: on random text built from the pieces those
/// patterns care about, the figures are exactly those of the Match reading, in the same order.</summary>
public class FigureQuickReaderTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static readonly string[] Pieces =
    [
        "1", "7", "15", "250", "2026", "0", "01", "1234567890123", "12345678901234567890", "1.5", "12,5", "1,000", "48.000,50",
        "%", "$", "£", "€", "¥", "₹", "US$", "Rs.", "USD", "EUR", "dollars", "euros", "k", "m", "bn", "million",
        " ", " ", " ", "  ", "\n", ".", ",", ";", "-", "/", "(", ")", "!", "a", "x",
        "March", "Nov", "may", "June 3", "days", "3 days", "weeks", "percent", "per cent", "pct", "cents", "units", "net 30",
        "1%", "$1", "1$", "€5", "5€", "£1,000", "$1.5k", "1 %", "$ 1", "100%", "1234%",
    ];

    private static string RandomText(Random r, int pieces)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pieces; i++) sb.Append(Pieces[r.Next(Pieces.Length)]);
        return sb.ToString();
    }

    private static void AssertSameAsMatchReading(string text, int start, int length, int max)
    {
        var quick = FigureExtractor.Extract(text, start, length, Today, max, quickReaders: true, out var quickComplete);
        var reference = FigureExtractor.Extract(text, start, length, Today, max, quickReaders: false, out var referenceComplete);
        // ToString shows every member, and a decimal with its scale ("1" is not "1.0").
        Assert.Equal(reference.Select(f => f.ToString()), quick.Select(f => f.ToString()));
        Assert.Equal(referenceComplete, quickComplete);
    }

    [Fact]
    public void Random_texts_give_the_figures_of_the_match_reading()
    {
        var r = new Random(2026_12_07);
        for (var i = 0; i < 3000; i++)
        {
            var text = RandomText(r, r.Next(1, i < 2500 ? 30 : 300));
            AssertSameAsMatchReading(text, 0, text.Length, int.MaxValue);
            // A part of the text (look-behinds see what is before it) and a cap on the figures.
            var from = r.Next(text.Length);
            AssertSameAsMatchReading(text, from, r.Next(text.Length - from + 1), r.Next(1, 6));
        }
    }

    [Theory]
    [InlineData("percent")]
    [InlineData("dollar digit")]
    [InlineData("digits")]
    [InlineData("days")]
    public void Dense_bodies_give_the_figures_of_the_match_reading(string shape)
    {
        foreach (var chars in new[] { 31, 1000, 20_000 })
        {
            var body = PathologicalBodies.Make(shape, chars);
            AssertSameAsMatchReading(body, 0, body.Length, int.MaxValue);
        }
    }
}
