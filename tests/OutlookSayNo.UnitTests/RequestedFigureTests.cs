using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

/// <summary>The customer's figure as a draft states it ("We can't make an exception for 3 March"): the
/// sentence's own punctuation and a leading preposition belong to their sentence, not ours.</summary>
public sealed class RequestedFigureTests
{
    [Theory]
    [InlineData("3 March.", "3 March")]
    [InlineData("on Monday", "Monday")]
    [InlineData("by Friday, 10/20", "Friday, 10/20")]
    [InlineData("30%", "30%")]
    [InlineData("$4.20", "$4.20")]
    [InlineData("  90 days; ", "90 days")]
    [InlineData("on", "on")]
    public void The_figure_loses_its_sentences_punctuation_and_preposition(string figure, string stated) =>
        Assert.Equal(stated, DraftService.AsStated(figure));
}
