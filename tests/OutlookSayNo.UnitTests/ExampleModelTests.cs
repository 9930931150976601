using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

public class ExampleModelTests
{
    // The two kinds share every word; only the order of the pair tells them apart, so the scores
    // depend on Posterior reading word pairs exactly as training (Features) built them.
    private static readonly ExampleModel Model = ExampleModel.Train([
        ("a", ["price match", "price match today", "price match now"]),
        ("b", ["match price", "match price today", "match price now"]),
    ]);

    private static double[] Posterior(string text)
    {
        var tokens = Tokenizer.Tokenize(text, 0, text.Length).Tokens;
        return Model.Posterior(tokens, 0, tokens.Length) ?? throw new Xunit.Sdk.XunitException("no posterior");
    }

    [Theory]
    [InlineData("price match", "a")]
    [InlineData("match price", "b")]
    [InlineData("price for the match", "a")] // stop words are skipped when pairing, as in training
    public void Word_pairs_are_scored_the_way_training_built_them(string text, string expected)
    {
        var p = Posterior(text);
        Assert.True(p[Model.IndexOf(expected)] > 0.6, $"{expected}: {string.Join(", ", p)}");
    }

    [Fact]
    public void A_span_with_fewer_than_two_known_features_gives_no_posterior()
    {
        var tokens = Tokenizer.Tokenize("hello zebra", 0, 11).Tokens;
        Assert.Null(Model.Posterior(tokens, 0, tokens.Length));
    }

    [Fact]
    public void Posteriors_sum_to_one()
    {
        Assert.Equal(1.0, Posterior("price match today").Sum(), 9);
    }
}
