using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

public class ReplyTextTests
{
    // ---------------------------------------------------------------- Tidy

    [Fact]
    public void Tidy_leaves_one_blank_line_between_paragraphs()
    {
        var rendered = "\n\nDear Maria,\n\n\n\nWe can't do that.\n   \n\t\nKind regards,\nSam\n\n\n";

        Assert.Equal("Dear Maria,\n\nWe can't do that.\n\nKind regards,\nSam", ReplyText.Tidy(rendered));
    }

    [Theory]
    [InlineData("We  can't   do that.", "We can't do that.")]
    [InlineData("We \t can't do that.", "We can't do that.")]
    [InlineData("We\u00a0\u00a0can't do that.", "We can't do that.")]
    [InlineData("   indented line   ", "indented line")]
    public void Tidy_removes_double_spaces_and_trims_lines(string rendered, string expected)
    {
        Assert.Equal(expected, ReplyText.Tidy(rendered));
    }

    [Theory]
    [InlineData("the price , which is fair", "the price, which is fair")]
    [InlineData("the price  .", "the price.")]
    [InlineData("Really ?", "Really?")]
    [InlineData("Note : the terms ; the dates !", "Note: the terms; the dates!")]
    [InlineData("Thanks , Maria ,\nSam", "Thanks, Maria,\nSam")]
    public void Tidy_removes_the_space_a_missing_value_leaves_before_punctuation(string rendered, string expected)
    {
        Assert.Equal(expected, ReplyText.Tidy(rendered));
    }

    [Theory]
    [InlineData("We use .NET 10", "We use .NET 10")]
    [InlineData("a ratio of 1 :2", "a ratio of 1 :2")]
    [InlineData("version .5 of the plan", "version .5 of the plan")]
    public void Tidy_keeps_a_space_before_punctuation_that_starts_a_word(string rendered, string expected)
    {
        Assert.Equal(expected, ReplyText.Tidy(rendered));
    }

    [Fact]
    public void Tidy_turns_CRLF_and_CR_into_LF()
    {
        Assert.Equal("Dear Maria,\n\nWe can't.\nSam", ReplyText.Tidy("Dear Maria,\r\n\r\n\r\nWe can't.\rSam\r\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n\r\n \t ")]
    public void Tidy_of_nothing_is_empty(string rendered)
    {
        Assert.Equal("", ReplyText.Tidy(rendered));
    }

    [Fact]
    public void Tidy_keeps_bullets_and_unicode()
    {
        var rendered = "Options:\n  - a 3-year deal  at 5 % less\n  - Grüße \U0001F600 ,  ok";

        Assert.Equal("Options:\n- a 3-year deal at 5 % less\n- Grüße \U0001F600, ok", ReplyText.Tidy(rendered));
    }

    [Fact]
    public void Tidy_is_idempotent()
    {
        var once = ReplyText.Tidy("Dear Maria ,\n\n\n  We can't  .\n\n- one\n- two  ,  three\n\n\nSam");

        Assert.Equal(once, ReplyText.Tidy(once));
    }

    // ---------------------------------------------------------------- ToHtml

    [Fact]
    public void ToHtml_makes_a_paragraph_per_block_and_br_per_line()
    {
        var html = ReplyText.ToHtml("Dear Maria,\n\nWe can't do that.\nHere is why.\n\nKind regards,\nSam");

        Assert.Equal("<p>Dear Maria,</p><p>We can't do that.<br>Here is why.</p><p>Kind regards,<br>Sam</p>", html.Replace("&#39;", "'"));
    }

    [Fact]
    public void ToHtml_makes_a_list_of_dash_lines()
    {
        var html = ReplyText.ToHtml("What we can do:\n- a 3-year deal\n- net 45\nTell me which.");

        Assert.Equal("<p>What we can do:</p><ul><li>a 3-year deal</li><li>net 45</li></ul><p>Tell me which.</p>", html);
    }

    [Theory]
    [InlineData("-no space after the dash", "<p>-no space after the dash</p>")]
    [InlineData("- ", "<ul><li></li></ul>")]
    [InlineData("-- signature", "<p>-- signature</p>")]
    public void ToHtml_only_treats_dash_space_as_a_bullet(string text, string expected)
    {
        Assert.Equal(expected, ReplyText.ToHtml(text));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("Smith & Co \"Pro\"", "<p>Smith &amp; Co &quot;Pro&quot;</p>")]
    [InlineData("it's < 5 days", "<p>it&#39;s &lt; 5 days</p>")]
    [InlineData("&amp; stays literal", "<p>&amp;amp; stays literal</p>")]
    [InlineData("- <b>bold</b>", "<ul><li>&lt;b&gt;bold&lt;/b&gt;</li></ul>")]
    [InlineData("{{ customer.name }}", "<p>{{ customer.name }}</p>")]
    public void ToHtml_encodes_every_character_that_could_be_markup(string text, string expected)
    {
        Assert.Equal(expected, ReplyText.ToHtml(text));
    }

    [Fact]
    public void ToHtml_encodes_non_ascii_so_no_raw_character_reaches_the_markup()
    {
        var html = ReplyText.ToHtml("Grüße");

        Assert.Equal("<p>Gr&#252;&#223;e</p>", html);
    }

    [Fact]
    public void ToHtml_of_empty_text_is_empty()
    {
        Assert.Equal("", ReplyText.ToHtml(""));
    }

    [Fact]
    public void ToHtml_after_Tidy_of_CRLF_text_has_no_carriage_returns()
    {
        var html = ReplyText.ToHtml(ReplyText.Tidy("Dear Maria,\r\n\r\n\r\nWe can't.\r\n- one\r\n- two\r\n"));

        Assert.Equal("<p>Dear Maria,</p><p>We can&#39;t.</p><ul><li>one</li><li>two</li></ul>", html);
    }

    [Fact]
    public void ToHtml_handles_a_huge_text()
    {
        var text = string.Join("\n\n", Enumerable.Repeat("We can't & won't.", 20_000));

        var html = ReplyText.ToHtml(text);

        Assert.Equal(20_000, CountOf(html, "<p>"));
        Assert.Equal(20_000, CountOf(html, "&amp;"));
        Assert.DoesNotContain(" & ", html);
    }

    private static int CountOf(string s, string part)
    {
        var n = 0;
        for (var i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
