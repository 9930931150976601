using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

/// <summary>A letter is answered as a letter, a quick message plainly.</summary>
public sealed class RegisterTests
{
    [Theory]
    [InlineData("Dear Mr Chen,\n\nPlease extend our terms to 60 days.\n\nRegards,\nAnna")]
    [InlineData("To whom it may concern,\n\nWe request a refund of the call-out charge.")]
    [InlineData("27 February 2025\n\nOrder 7714\n\nThe rug arrived soiled.\n\nYours faithfully,\nJ. Ashworth")]
    [InlineData("I am writing to ask for a credit note for the damaged goods.\n\nM. Delorme")]
    // The addresses and the date come first; the salutation is a line of its own below them.
    [InlineData("Ladies' Clothing\n421 Michigan Avenue\nChicago, Ill. 60602\n\nMarch 3\n\nHartley Mills\n12 Canal Street\n\nGentlemen:\n\nThe dresses are the wrong colour.\n\nLorraine Pike")]
    [InlineData("The museum cannot pay the price you ask, but would be glad to borrow the relic.\n\nVery respectfully yours,\nW. J. Harland")]
    [InlineData("We look forward to your settling these points without delay.\n\nVery truly yours,\nLorraine Pike\nBuyer")]
    public void A_letter_is_formal(string body) => Assert.Equal(Register.Formal, Register.Read(EmailReader.Read(body)));

    [Theory]
    [InlineData("Hi Sam,\n\ncan you knock 10% off? Yours sincerely would be overkill here.\n\nthanks")]
    [InlineData("hey, the app doesnt work, refund please")]
    [InlineData("Could you ship it by Friday?\n\nCheers,\nTom")]
    // A "Dear" inside a sentence further down is not a salutation.
    [InlineData("quick one\nthe invoice is wrong\nsee below\nalso\nDear me, what a week: can you fix it?\n\nTom")]
    public void A_message_is_informal(string body) => Assert.Equal(Register.Informal, Register.Read(EmailReader.Read(body)));

    [Fact]
    public void A_formal_close_in_the_quoted_history_does_not_make_the_newest_message_a_letter()
    {
        var body = "Could you ship it by Friday?\n\nTom\n\n-----Original Message-----\nFrom: Sam\n\nDear Tom,\n\nYours sincerely,\nSam";

        Assert.Equal(Register.Informal, Register.Read(EmailReader.Read(body)));
    }

    [Fact]
    public void A_long_run_of_blank_lines_is_read_in_linear_time()
    {
        // "^\s*" at every line start read on through all the blank lines after it, and failed there: quadratic.
        static string Body(int n) => "Thanks for the update.\n" + new string('\n', n) + "Best,\nAnna";

        // Judged against itself, so tests running beside it on two cores cost it rounds, not a failure; a hang still fails.
        LinearTime.AssertRelative("register", Body, b => Register.Read(EmailReader.Read(b)), LinearTime.Ms(400));

        Assert.Equal(Register.Informal, Register.Read(EmailReader.Read(Body(150_000))));
        Assert.Equal(Register.Formal, Register.Read(EmailReader.Read("Thanks for the update.\n" + new string('\n', 150_000) + "Yours sincerely,\nAnna")));
    }

    [Theory]
    [InlineData("hey, the app doesnt work, refund please", true)]
    [InlineData("Hi Sam,\n\ncan you knock 10% off the renewal? Money is tight this quarter.\n\nthanks\nJo", true)]
    // A letter keeps a letter's length, however short.
    [InlineData("Dear Mr Chen,\n\nPlease extend our terms to 60 days.\n\nYours sincerely,\nAnna", false)]
    public void A_short_informal_message_is_answered_briefly(string body, bool brief) =>
        Assert.Equal(brief, Register.IsBrief(EmailReader.Read(body)));

    [Fact]
    public void Brief_counts_the_newest_message_only_and_stops_at_sixty_one_words()
    {
        var words = (int n) => string.Join(' ', Enumerable.Repeat("word", n));
        Assert.True(Register.IsBrief(EmailReader.Read("Hi,\n" + words(58))));
        Assert.False(Register.IsBrief(EmailReader.Read("Hi,\n" + words(61))));
        // The quoted history below the newest message does not make it long.
        Assert.True(Register.IsBrief(EmailReader.Read("Hi, refund please.\n\nJo\n\n-----Original Message-----\nFrom: Sam\n\n" + words(500))));
    }
}
