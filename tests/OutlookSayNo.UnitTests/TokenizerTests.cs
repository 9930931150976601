using System.Text;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

public class TokenizerTests
{
    private static TokenizedText Tokenize(string text) => Tokenizer.Tokenize(text, 0, text.Length);

    private static string[] Words(string text) => Tokenize(text).Tokens.Select(t => t.Word).ToArray();

    [Fact]
    public void Words_are_lower_cased_with_their_offsets_in_the_text()
    {
        var result = Tokenize("Please REDUCE the Price");

        Assert.Equal(
            [new Token("please", 0, 6, 0, false), new Token("reduce", 7, 6, 0, false), new Token("the", 14, 3, 0, false), new Token("price", 18, 5, 0, false)],
            result.Tokens);
    }

    [Theory]
    [InlineData("We can't do it", new[] { "we", "can't", "do", "it" })]
    [InlineData("We can\u2019t do it", new[] { "we", "can't", "do", "it" })]
    [InlineData("WE\u2019D LIKE", new[] { "we'd", "like" })]
    [InlineData("a follow-up call", new[] { "a", "follow", "up", "call" })]
    [InlineData("the customers' needs", new[] { "the", "customers", "needs" })]
    [InlineData("in the 90's", new[] { "in", "the", "90", "s" })]
    [InlineData("'quoted'", new[] { "quoted" })]
    public void Apostrophes_stay_inside_words_and_hyphens_split(string text, string[] expected)
    {
        Assert.Equal(expected, Words(text));
    }

    [Theory]
    [InlineData("Please REDUCE the Price by 1,200.50 units; we can\u2019t. WE\u2019D, follow-up e.g. No. 4")]
    [InlineData("\u0456d\u0456\u043Et, a\u200Bb\u202Ec \u00C9T\u00C9 ")]
    [InlineData("")]
    public void AnyWord_sees_the_same_lower_case_words_as_Tokenize(string text)
    {
        // The respectful check skips tokenizing a text when no word passes AnyWord: both must see the same words.
        var long_ = text + " " + new string('X', 70) + "\u2019S " + new string('y', 64);
        foreach (var t in new[] { text, long_ })
        {
            var seen = new List<string>();
            Assert.False(Tokenizer.AnyWord(t, w => { seen.Add(w.ToString()); return false; }));
            Assert.Equal(Words(t), seen);
        }
        Assert.Equal(Words(long_).Length > 0, Tokenizer.AnyWord(long_, _ => true));
    }

    [Fact]
    public void A_curly_apostrophe_keeps_the_token_length_of_the_source()
    {
        var token = Tokenize("can\u2019t").Tokens.Single();

        Assert.Equal("can't", token.Word);
        Assert.Equal(0, token.Start);
        Assert.Equal(5, token.Length);
    }

    [Fact]
    public void Numbers_with_thousands_separators_and_decimals_are_one_number_token()
    {
        var tokens = Tokenize("1,200 units at 12.5% and 3rd in 2027").Tokens;

        Assert.Equal(["1,200", "units", "at", "12.5", "and", "3rd", "in", "2027"], tokens.Select(t => t.Word).ToArray());
        Assert.Equal([true, false, false, true, false, false, false, true], tokens.Select(t => t.IsNumber).ToArray());
    }

    [Fact]
    public void A_number_at_the_end_of_a_sentence_does_not_swallow_the_full_stop()
    {
        var result = Tokenize("We need 500. Then more.");

        Assert.Equal("500", result.Tokens[2].Word);
        Assert.Equal(2, result.Sentences.Length);
    }

    [Fact]
    public void Full_stops_question_marks_exclamations_and_semicolons_end_sentences()
    {
        var result = Tokenize("We want 15% off. Can you do it? Thanks! One more; last");

        Assert.Equal(5, result.Sentences.Length);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 4], result.Tokens.Select(t => t.Sentence).ToArray());
    }

    [Fact]
    public void Sentences_have_start_and_length_in_the_text()
    {
        var result = Tokenize("Hi Sam. We need 15%.");

        Assert.Equal([new Sentence(0, 0, 7), new Sentence(1, 7, 13)], result.Sentences);
    }

    [Theory]
    [InlineData("The price is 12.5 per unit.")]
    [InlineData("Use e.g the portal.")]
    [InlineData("See example.com for details.")]
    public void A_full_stop_not_followed_by_a_space_does_not_end_a_sentence(string text)
    {
        Assert.Single(Tokenize(text).Sentences);
    }

    [Fact]
    public void A_full_stop_before_a_closing_quote_ends_the_sentence()
    {
        var result = Tokenize("He said \"no.\" Then he left.");

        Assert.Equal(2, result.Sentences.Length);
        Assert.Equal([0, 0, 0, 1, 1, 1], result.Tokens.Select(t => t.Sentence).ToArray());
    }

    [Fact]
    public void Several_punctuation_marks_in_a_row_end_only_one_sentence()
    {
        var result = Tokenize("Really?!... Yes.");

        Assert.Equal(2, result.Sentences.Length);
        Assert.Equal([0, 1], result.Tokens.Select(t => t.Sentence).ToArray());
    }

    [Fact]
    public void A_short_line_ends_a_sentence()
    {
        var result = Tokenize("Hi Sam\nwe need a discount");

        Assert.Equal([0, 0, 1, 1, 1, 1], result.Tokens.Select(t => t.Sentence).ToArray());
    }

    [Fact]
    public void A_hard_wrapped_long_line_continues_the_sentence()
    {
        var text = "We would like to ask whether you could reduce the unit price\nfor the next order of laptops.";
        Assert.True(text.IndexOf('\n') >= 55);

        var result = Tokenize(text);

        Assert.Single(result.Sentences);
        Assert.All(result.Tokens, t => Assert.Equal(0, t.Sentence));
    }

    [Theory]
    [InlineData("We would like to ask whether you could reduce the unit price\n\nfor the next order")]
    [InlineData("We would like to ask whether you could reduce the unit price\n- for the next order")]
    [InlineData("We would like to ask whether you could reduce the unit price\nFor the next order")]
    public void A_long_line_followed_by_a_blank_line_a_bullet_or_a_capital_ends_the_sentence(string text)
    {
        Assert.Equal(2, Tokenize(text).Sentences.Length);
    }

    [Fact]
    public void CRLF_line_endings_split_sentences_like_LF()
    {
        var crlf = Tokenize("Hi Sam\r\nwe need a discount\r\n");
        var lf = Tokenize("Hi Sam\nwe need a discount\n");

        Assert.Equal(lf.Tokens.Select(t => (t.Word, t.Sentence)), crlf.Tokens.Select(t => (t.Word, t.Sentence)));
        Assert.Equal(2, crlf.Sentences.Length);
    }

    [Fact]
    public void A_window_gives_tokens_and_sentences_with_offsets_in_the_whole_text()
    {
        var text = "Ignore this. Reduce the price. Ignore that.";
        var start = text.IndexOf("Reduce", StringComparison.Ordinal);
        var length = "Reduce the price.".Length;

        var result = Tokenizer.Tokenize(text, start, length);

        Assert.Equal(["reduce", "the", "price"], result.Tokens.Select(t => t.Word).ToArray());
        Assert.Equal(start, result.Tokens[0].Start);
        Assert.Equal([new Sentence(0, start, length)], result.Sentences);
        Assert.Same(text, result.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("...!!! ??? ;;; --- ***")]
    [InlineData("\U0001F600 \U0001F44D")]
    public void Text_without_words_has_no_tokens_and_no_sentences(string text)
    {
        var result = Tokenize(text);

        Assert.Empty(result.Tokens);
        Assert.Empty(result.Sentences);
    }

    [Fact]
    public void A_word_longer_than_the_stack_buffer_is_still_lower_cased_whole()
    {
        var word = "Supercalifragilistic" + new string('X', 100);

        var token = Tokenize("The " + word + " plan").Tokens[1];

        Assert.Equal(word.ToLowerInvariant(), token.Word);
        Assert.Equal(word.Length, token.Length);
        Assert.Equal(4, token.Start);
    }

    [Fact]
    public void A_long_word_with_a_curly_apostrophe_is_normalised_too()
    {
        var word = new string('A', 70) + "\u2019S";

        var token = Tokenize(word).Tokens.Single();

        Assert.Equal(new string('a', 70) + "'s", token.Word);
    }

    [Theory]
    [InlineData("Grüße ÄRGER über Preise", new[] { "grüße", "ärger", "über", "preise" })]
    [InlineData("ΜΕΙΩΣΗ τιμής", new[] { "μειωση", "τιμής" })]
    [InlineData("我们 需要 折扣", new[] { "我们", "需要", "折扣" })]
    public void Unicode_letters_are_words(string text, string[] expected)
    {
        Assert.Equal(expected, Words(text));
    }

    [Fact]
    public void A_huge_text_is_tokenized_whole()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 20_000; i++) sb.Append("We need 15% off now. ");
        var text = sb.ToString();

        var result = Tokenize(text);
        Assert.Equal(100_000, result.Tokens.Length);
        Assert.Equal(20_000, result.Sentences.Length);
        Assert.Equal(19_999, result.Tokens[^1].Sentence);
    }
    [Theory]
    [InlineData("Please issue your credit note No. 4471 for the damaged goods. Thanks.", 2)]
    [InlineData("Dear Mr. Chen, we need the parts sooner. Can you help?", 2)]
    [InlineData("It takes approx. two weeks to ship. We cannot wait.", 2)]
    [InlineData("The answer is no. We will not pay.", 2)]
    [InlineData("The wallpaper (Cat. No. WR 114) came back in July; your credit note No. CN 118 relates to it. Please check.", 3)]
    [InlineData("Is there a credit? No. I checked twice.", 3)]
    [InlineData("We moved to Main St. We need the invoice changed.", 2)]
    public void An_abbreviation_does_not_end_the_sentence(string text, int sentences)
    {
        Assert.Equal(sentences, Tokenize(text).Sentences.Length);
    }
}
