using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

public class CuePatternTests
{
    private static Token[] Tokens(string text) => Tokenizer.Tokenize(text, 0, text.Length).Tokens;

    /// <summary>The text of the first match of the pattern, or null.</summary>
    private static string? FirstMatch(string pattern, string text)
    {
        var tokens = Tokens(text);
        var matches = new List<CueSet.CueMatch>();
        new CueSet([CuePattern.Parse(pattern, 1)]).MatchAll(tokens, matches);
        if (matches.Count == 0) return null;
        var m = matches[0];
        var start = tokens[m.FirstToken].Start;
        var last = tokens[m.EndToken - 1];
        return text[start..(last.Start + last.Length)];
    }

    // ---------------------------------------------------------------- matching

    [Theory]
    [InlineData("reduce the price", "Could you reduce the price?", "reduce the price")]
    [InlineData("Reduce The PRICE", "could you REDUCE the price", "REDUCE the price")]
    [InlineData("reduce the price", "reduce the unit price", null)]
    [InlineData("reduce the price", "reduce the", null)]
    [InlineData("reduce the price", "reduce the. Price is fine", null)]
    public void Words_match_in_order_within_one_sentence(string pattern, string text, string? expected)
    {
        Assert.Equal(expected, FirstMatch(pattern, text));
    }

    [Theory]
    [InlineData("discount*", "any discounts?", "discounts")]
    [InlineData("discount*", "a discounted rate", "discounted")]
    [InlineData("discount*", "a discount", "discount")]
    [InlineData("discount*", "a discoun", null)]
    [InlineData("f*ck", "what the fuck", "fuck")]
    [InlineData("f*ck", "what the fucking", null)]
    [InlineData("f*ck*", "what the fucking", "fucking")]
    [InlineData("*ing", "the shipping cost", "shipping")]
    [InlineData("s*p*ng", "the shipping cost", "shipping")]
    public void A_star_inside_a_word_matches_any_letters(string pattern, string text, string? expected)
    {
        Assert.Equal(expected, FirstMatch(pattern, text));
    }

    [Theory]
    [InlineData("(lower|reduce) the price", "please lower the price", "lower the price")]
    [InlineData("(lower|reduce) the price", "please reduce the price", "reduce the price")]
    [InlineData("(lower|reduce) the price", "please raise the price", null)]
    [InlineData("reduce (the)? price", "reduce price now", "reduce price")]
    [InlineData("reduce (the)? price", "reduce the price now", "reduce the price")]
    [InlineData("reduce (|the) price", "reduce price now", "reduce price")]
    [InlineData("(cut|(lower|reduce) the) price", "reduce the price", "reduce the price")]
    [InlineData("(cut|(lower|reduce) the) price", "cut price", "cut price")]
    public void A_group_matches_one_of_its_phrases_and_a_question_mark_makes_it_optional(string pattern, string text, string? expected)
    {
        Assert.Equal(expected, FirstMatch(pattern, text));
    }

    [Fact]
    public void A_group_backtracks_to_a_longer_alternative_when_the_rest_does_not_fit()
    {
        Assert.Equal("the big price", FirstMatch("(the|the big) price", "the big price"));
    }

    [Theory]
    [InlineData("reduce the price", "reduce the price")]
    [InlineData("reduce our price", "reduce our price")]
    [InlineData("reduce our unit price", "reduce our unit price")]
    [InlineData("reduce our annual unit price", "reduce our annual unit price")]
    [InlineData("reduce price", "reduce price")]
    [InlineData("reduce our total annual unit price", null)]
    [InlineData("reduce it. The price", null)]
    public void Three_dots_allow_up_to_three_words_between_in_the_same_sentence(string text, string? expected)
    {
        Assert.Equal(expected, FirstMatch("reduce ... price", text));
    }

    [Theory]
    [InlineData("15 percent off", "15 percent")]
    [InlineData("1,200 percent off", "1,200 percent")]
    [InlineData("12.5 percent off", "12.5 percent")]
    [InlineData("fifteen percent off", null)]
    [InlineData("3rd percent", null)]
    public void A_hash_matches_a_number_token(string text, string? expected)
    {
        Assert.Equal(expected, FirstMatch("# percent", text));
    }

    [Theory]
    [InlineData("go-live", "can we go live early", "go live")]
    [InlineData("go-live", "move the go-live date", "go-live")]
    [InlineData("go live", "move the go-live date", "go-live")]
    [InlineData("can't", "we can\u2019t accept", "can\u2019t")]
    [InlineData("can\u2019t", "we can't accept", "can't")]
    public void Hyphens_are_spaces_and_curly_apostrophes_are_straight(string pattern, string text, string expected)
    {
        Assert.Equal(expected, FirstMatch(pattern, text));
    }

    [Fact]
    public void MatchAt_returns_the_token_after_the_match_or_minus_one()
    {
        var tokens = Tokens("please reduce the price");
        var cue = CuePattern.Parse("reduce the price", 2.5);

        Assert.Equal(4, cue.MatchAt(tokens, 1));
        Assert.Equal(-1, cue.MatchAt(tokens, 0));
        Assert.Equal(-1, cue.MatchAt(tokens, 3));
    }

    [Fact]
    public void A_parsed_cue_keeps_its_source_and_weight()
    {
        var cue = CuePattern.Parse("Reduce (the)? PRICE", 2.5);

        Assert.Equal("Reduce (the)? PRICE", cue.Source);
        Assert.Equal(2.5, cue.Weight);
    }

    [Theory]
    [InlineData("reduce the price", new[] { "reduce" })]
    [InlineData("(lower|reduce) the price", new[] { "lower", "reduce" })]
    [InlineData("(please)? reduce the price", new[] { "please", "reduce" })]
    [InlineData("(a|a b) c", new[] { "a" })]
    [InlineData("Can\u2019t accept", new[] { "can't" })]
    public void First_words_list_every_exact_word_a_match_can_start_with(string pattern, string[] expected)
    {
        Assert.Equal(expected, CuePattern.Parse(pattern, 1).FirstWords);
    }

    [Theory]
    [InlineData("discount*", new[] { "~di" })]
    [InlineData("(please|pl*se) reduce", new[] { "please", "~pl" })]
    public void A_wildcard_first_word_is_indexed_by_its_first_two_letters(string pattern, string[] expected)
    {
        Assert.Equal(expected, CuePattern.Parse(pattern, 1).FirstWords);
    }

    [Theory]
    [InlineData("# percent")]
    [InlineData("(please)?")]
    [InlineData("f*ck")]
    public void First_words_are_null_when_a_match_can_start_with_any_word(string pattern)
    {
        Assert.Null(CuePattern.Parse(pattern, 1).FirstWords);
    }

    // ---------------------------------------------------------------- malformed cues

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("(a|b", "'(' without its ')'")]
    [InlineData("a (b c", "'(' without its ')'")]
    [InlineData("(a|(b)", "'(' without its ')'")]
    [InlineData("...", "cannot start or end with '...'")]
    [InlineData("\u2026 price", "cannot start or end with '...'")]
    [InlineData("a ... ", "cannot start or end with '...'")]
    [InlineData("... a", "cannot start or end with '...'")]
    [InlineData("a | b", "'|' outside a group")]
    [InlineData("a)", "')' outside a group")]
    [InlineData("()", "empty group")]
    [InlineData("(|)?", "empty group")]
    [InlineData("$100 off", "'$100' is not a word")]
    [InlineData("*", "'*' is not a word")]
    [InlineData("price.", "'price.' is not a word")]
    [InlineData("reduce...price", "is not a word")]
    public void A_malformed_cue_throws_a_FormatException_that_says_what_is_wrong(string pattern, string messagePart)
    {
        var ex = Assert.Throws<FormatException>(() => CuePattern.Parse(pattern, 1));

        Assert.Contains(messagePart, ex.Message);
    }

    [Fact]
    public void A_cue_over_the_length_limit_is_refused_with_its_start_in_the_message()
    {
        var pattern = string.Join(" ", Enumerable.Repeat("price", 200));

        var ex = Assert.Throws<FormatException>(() => CuePattern.Parse(pattern, 1));

        Assert.Contains("is longer than", ex.Message);
        Assert.Contains(pattern[..40], ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10.5)]
    public void A_weight_outside_zero_to_ten_is_refused(double weight)
    {
        var ex = Assert.Throws<FormatException>(() => CuePattern.Parse("discount", weight));

        Assert.Contains("weight", ex.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(10)]
    public void A_weight_just_inside_the_range_is_accepted(double weight)
    {
        Assert.Equal(weight, CuePattern.Parse("discount", weight).Weight);
    }

    // ---------------------------------------------------------------- cue sets

    [Fact]
    public void A_cue_set_reports_every_match_with_its_cue_id_and_token_range()
    {
        var set = new CueSet([
            CuePattern.Parse("reduce the price", 1),
            CuePattern.Parse("# percent", 1),
            CuePattern.Parse("discount*", 1),
        ]);
        var tokens = Tokens("Please reduce the price by 15 percent. Any discounts?");
        var matches = new List<CueSet.CueMatch>();

        set.MatchAll(tokens, matches);

        Assert.Equal([(0, 1, 4), (1, 5, 7), (2, 8, 9)], matches.Select(m => (m.CueId, m.FirstToken, m.EndToken)).ToArray());
        Assert.Same(set.Cues[1], matches[1].Cue);
    }

    [Theory]
    [InlineData("Please reduce the price by 15 percent. Any discounts?")]
    [InlineData("Any discounts? Or reduce the price.")]
    [InlineData("nothing to see here")]
    [InlineData("please reduce the price")]
    public void FirstMatch_is_the_first_of_MatchAll_and_CouldStartAt_admits_every_start(string text)
    {
        // The respectful check takes the first abusive match only, and tokenizes nothing when no word could start one.
        var set = new CueSet([
            CuePattern.Parse("(please)? reduce the price", 1),
            CuePattern.Parse("fifteen percent", 1),
            CuePattern.Parse("discount*", 1),
        ]);
        var tokens = Tokens(text);
        var matches = new List<CueSet.CueMatch>();

        set.MatchAll(tokens, matches);

        Assert.Equal(matches.Count > 0 ? matches[0] : null, set.FirstMatch(tokens));
        Assert.All(matches, m => Assert.True(set.CouldStartAt(tokens[m.FirstToken].Word)));
        if (!tokens.Any(t => set.CouldStartAt(t.Word))) Assert.Empty(matches);
    }

    [Fact]
    public void CouldStartAt_is_false_for_words_no_cue_begins_with()
    {
        var set = new CueSet([CuePattern.Parse("idiot*", 1), CuePattern.Parse("shut up", 1)]);

        Assert.True(set.CouldStartAt("idiots"));
        Assert.True(set.CouldStartAt("shut"));
        Assert.False(set.CouldStartAt("a"));
        Assert.False(set.CouldStartAt("up"));
        Assert.True(new CueSet([CuePattern.Parse("# percent", 1)]).CouldStartAt("a")); // a cue that starts with any number is tried everywhere
    }

    [Fact]
    public void A_cue_with_an_optional_first_group_is_found_with_and_without_it()
    {
        var set = new CueSet([CuePattern.Parse("(please)? reduce the price", 1)]);
        var tokens = Tokens("please reduce the price");
        var matches = new List<CueSet.CueMatch>();

        set.MatchAll(tokens, matches);

        Assert.Contains(matches, m => m.FirstToken == 0 && m.EndToken == 4);
        Assert.Contains(matches, m => m.FirstToken == 1 && m.EndToken == 4);
    }

    [Fact]
    public void A_cue_set_finds_nothing_in_empty_text()
    {
        var set = new CueSet([CuePattern.Parse("discount*", 1), CuePattern.Parse("price", 1)]);
        var matches = new List<CueSet.CueMatch>();

        set.MatchAll([], matches);

        Assert.Empty(matches);
    }

    [Fact]
    public void A_cue_that_only_has_an_optional_group_never_matches_an_empty_span()
    {
        var set = new CueSet([CuePattern.Parse("(please)?", 1)]);
        var matches = new List<CueSet.CueMatch>();

        set.MatchAll(Tokens("thank you"), matches);

        Assert.Empty(matches);
    }
}
