using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

public sealed class LineDiffTests
{
    private static string Render(IEnumerable<DiffLine> lines) =>
        string.Join("\n", lines.Select(l => (l.Op switch { "add" => "+", "remove" => "-", _ => " " }) + l.Text));

    [Fact]
    public void One_changed_line_shows_as_one_removed_and_one_added_between_unchanged_lines()
    {
        var diff = LineDiff.Compute("a\nb\nc", "a\nB\nc");
        Assert.Equal(" a\n-b\n+B\n c", Render(diff));
        Assert.Equal((2, null), (diff[1].OldLine, diff[1].NewLine));
        Assert.Equal((null, 2), (diff[2].OldLine, diff[2].NewLine));
        Assert.Equal((3, 3), (diff[3].OldLine, diff[3].NewLine));
    }

    [Fact]
    public void Inserted_lines_keep_the_numbering_of_both_sides()
    {
        var diff = LineDiff.Compute("a\nb", "a\nx\ny\nb");
        Assert.Equal(" a\n+x\n+y\n b", Render(diff));
        Assert.Equal((2, 4), (diff[3].OldLine, diff[3].NewLine));
    }

    [Fact]
    public void Moved_and_deleted_lines_are_found_with_the_longest_common_run_kept()
    {
        var diff = LineDiff.Compute("1\n2\n3\n4\n5", "1\n3\n4\n2\n5");
        Assert.Equal(4, diff.Count(l => l.Op == "same"));
        Assert.Equal(1, diff.Count(l => l.Op == "add"));
        Assert.Equal(1, diff.Count(l => l.Op == "remove"));
    }

    [Fact]
    public void A_created_or_retired_document_is_all_added_or_all_removed()
    {
        Assert.All(LineDiff.Compute(null, "a\nb"), l => Assert.Equal("add", l.Op));
        Assert.All(LineDiff.Compute("a\nb", null), l => Assert.Equal("remove", l.Op));
        Assert.Empty(LineDiff.Compute(null, null));
    }

    [Fact]
    public void Windows_line_endings_do_not_make_every_line_differ()
    {
        Assert.All(LineDiff.Compute("a\r\nb", "a\nb"), l => Assert.Equal("same", l.Op));
    }

    [Fact]
    public void A_rewrite_too_large_for_the_table_is_shown_as_removed_then_added()
    {
        var before = string.Join("\n", Enumerable.Range(0, 3000).Select(i => "old " + i));
        var after = string.Join("\n", Enumerable.Range(0, 3000).Select(i => "new " + i));
        var diff = LineDiff.Compute(before, after);
        Assert.Equal(6000, diff.Count);
        Assert.All(diff.Take(3000), l => Assert.Equal("remove", l.Op));
        Assert.All(diff.Skip(3000), l => Assert.Equal("add", l.Op));
    }
}

public sealed class WordDiffTests
{
    [Fact]
    public void A_changed_phrase_is_one_removed_and_one_added_span_and_both_texts_can_be_rebuilt()
    {
        const string generated = "We can't lower the price, because 140 companies pay the same rate.";
        const string sent = "We can't lower the price this year, because 140 companies pay the same rate.";
        var diff = LineDiff.Words(generated, sent);
        Assert.Equal(generated, string.Concat(diff.Where(d => d.Op != "add").Select(d => d.Text)));
        Assert.Equal(sent, string.Concat(diff.Where(d => d.Op != "remove").Select(d => d.Text)));
        Assert.Equal(" this year", Assert.Single(diff, d => d.Op == "add").Text);
        Assert.DoesNotContain(diff, d => d.Op == "remove");
    }

    [Fact]
    public void A_removed_sentence_shows_as_removed()
    {
        var diff = LineDiff.Words("No. Here is what we can do instead: a call.", "No.");
        Assert.Contains(diff, d => d.Op == "remove" && d.Text.Contains("instead"));
    }

    private const string Draft =
        "Hi Priya,\n\nWe can't lower the price by 15%, because every customer of your size pays the same rate.\n\n" +
        "Here is what we can do instead:\n\n- Pay the year up front: we take 4% off the $48,000.\n\nBest regards,\nSam";

    private static void Rebuilds(string before, string after, IReadOnlyList<DiffLine> diff)
    {
        Assert.Equal(before, string.Concat(diff.Where(d => d.Op != "add").Select(d => d.Text)));
        Assert.Equal(after, string.Concat(diff.Where(d => d.Op != "remove").Select(d => d.Text)));
    }

    [Fact]
    public void A_sent_body_of_199000_dots_diffs_quickly_by_line_and_says_so()
    {
        // The review: the reviewer's detail page took 25 s every time it opened (the spans were joined a piece at a time).
        var dots = new string('.', 199_000);

        LinearTime.AssertRelative("diff", n => new string('.', n), sent => LineDiff.WordsOrLines(Draft, sent), TimeSpan.FromSeconds(10), dots.Length);
        var diff = LineDiff.WordsOrLines(Draft, dots);

        Assert.True(diff.ByLine);
        Rebuilds(Draft, dots, diff.Spans);
        Assert.Equal(dots, Assert.Single(diff.Spans, d => d.Op == "add").Text);
    }

    [Fact]
    public void An_ordinary_edit_is_still_compared_word_by_word()
    {
        var sent = Draft.Replace("every customer", "each customer", StringComparison.Ordinal);

        var diff = LineDiff.WordsOrLines(Draft, sent);

        Assert.False(diff.ByLine);
        Assert.Equal(LineDiff.Words(Draft, sent), diff.Spans);
        Assert.Equal("every", Assert.Single(diff.Spans, d => d.Op == "remove").Text);
        Assert.Equal("each", Assert.Single(diff.Spans, d => d.Op == "add").Text);
    }

    [Fact]
    public void A_small_edit_in_a_long_text_is_word_by_word_because_the_common_head_and_tail_are_skipped()
    {
        var before = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"Line {i} of the long reply, with several words in it.\n"));
        var after = before.Replace("Line 1500 of", "Line 1500 from", StringComparison.Ordinal);

        var diff = LineDiff.WordsOrLines(before, after);

        Assert.False(diff.ByLine);
        Assert.Equal("of", Assert.Single(diff.Spans, d => d.Op == "remove").Text);
        Rebuilds(before, after, diff.Spans);
    }

    [Fact]
    public void Two_long_texts_that_differ_everywhere_are_compared_by_line_then_whole_within_the_budget()
    {
        var before = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"old {i}\n"));
        var after = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"new {i}\n"));
        LinearTime.Within("diff", after, a => LineDiff.WordsOrLines(before, a), LinearTime.Ms(250));
        var diff = LineDiff.WordsOrLines(before, after);

        Assert.True(diff.ByLine);
        Assert.Equal(["remove", "add"], diff.Spans.Select(d => d.Op));
        Rebuilds(before, after, diff.Spans);
    }
}
