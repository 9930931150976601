using System.Text;

namespace OutlookSayNo.Drafts;

public sealed record DiffLine(string Op, string Text, int? OldLine, int? NewLine);

/// <summary>A generated-versus-sent diff. <c>ByLine</c> when the texts were too large to compare word by
/// word within <see cref="LineDiff.MaxTableCells"/>, so whole lines were compared instead (and, past
/// that, the differing middles were shown as removed then added whole).</summary>
public sealed record WordDiff(List<DiffLine> Spans, bool ByLine);

/// <summary>Diffs for the template history (by line) and for a generated-versus-sent reply (by word).
/// Common head and tail are skipped first (an edit usually touches a little); the rest is a
/// longest-common-subsequence table, bounded so a huge rewrite shows as removed-then-added instead
/// of using a lot of memory and time.</summary>
public static partial class LineDiff
{
    public const int MaxTableCells = 4_000_000;

    /// <summary>Line by line, for the template history: one entry per line.</summary>
    public static List<DiffLine> Compute(string? before, string? after)
    {
        var a = Split(before);
        var b = Split(after);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var steps = Script(Ids(a, ids), Ids(b, ids), coarseWhenLarge: true)!;
        return steps.Select(s => new DiffLine(s.Op, s.Op == "add" ? b[s.B] : a[s.A], s.Op == "add" ? null : s.A + 1, s.Op == "remove" ? null : s.B + 1)).ToList();
    }

    /// <summary>Word by word, whitespace kept as its own pieces, so the pieces join back to each text.
    /// Line numbers are piece indexes.</summary>
    public static List<DiffLine> Words(string? before, string? after) => WordsOrLines(before, after).Spans;

    /// <summary>Word by word when the table fits <see cref="MaxTableCells"/>; otherwise by line, so a pasted
    /// block (say 199,000 dots against a reply of a hundred words) costs one small table of lines rather
    /// than a table of words, and the result says it is by line. Neighbouring pieces with the same
    /// operation are one span.</summary>
    public static WordDiff WordsOrLines(string? before, string? after)
    {
        var a = (before ?? "").Replace("\r\n", "\n");
        var b = (after ?? "").Replace("\r\n", "\n");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var (pa, pb) = (WordPieces(a, ids), WordPieces(b, ids));
        var steps = Script(pa.Ids, pb.Ids, coarseWhenLarge: false);
        var byLine = steps is null;
        if (byLine)
        {
            ids.Clear();
            (pa, pb) = (LinePieces(a, ids), LinePieces(b, ids));
            steps = Script(pa.Ids, pb.Ids, coarseWhenLarge: true)!;
        }
        return new WordDiff(Join(steps!, a, pa, b, pb), byLine);
    }

    /// <summary>Where each piece of a text starts and ends, and a number per distinct piece (shared by both
    /// texts) so the table compares numbers, and no string is made per piece.</summary>
    private readonly record struct Pieces(int[] Starts, int[] Ends, int[] Ids);

    private static Pieces WordPieces(string text, Dictionary<string, int> ids)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var (starts, ends, numbers) = (new List<int>(), new List<int>(), new List<int>());
        foreach (var m in PieceRegex().EnumerateMatches(text))
        {
            var piece = text.AsSpan(m.Index, m.Length);
            if (!lookup.TryGetValue(piece, out var id)) lookup[piece] = id = ids.Count;
            starts.Add(m.Index);
            ends.Add(m.Index + m.Length);
            numbers.Add(id);
        }
        return new Pieces([.. starts], [.. ends], [.. numbers]);
    }

    // Each line with its line break, so the pieces still join back to the text.
    private static Pieces LinePieces(string text, Dictionary<string, int> ids)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var (starts, ends, numbers) = (new List<int>(), new List<int>(), new List<int>());
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            var line = text.AsSpan(start, end - start);
            if (!lookup.TryGetValue(line, out var id)) lookup[line] = id = ids.Count;
            starts.Add(start);
            ends.Add(end);
            numbers.Add(id);
            start = end;
        }
        return new Pieces([.. starts], [.. ends], [.. numbers]);
    }

    /// <summary>The spans of a script: a run of one operation is one span, its text built once (adding piece
    /// by piece to a string copied the span each time, quadratic in its length).</summary>
    private static List<DiffLine> Join(List<Step> steps, string a, Pieces pa, string b, Pieces pb)
    {
        var spans = new List<DiffLine>();
        var text = new StringBuilder();
        for (var i = 0; i < steps.Count;)
        {
            var first = steps[i];
            text.Clear();
            for (; i < steps.Count && steps[i].Op == first.Op; i++)
            {
                var (source, pieces, k) = first.Op == "add" ? (b, pb, steps[i].B) : (a, pa, steps[i].A);
                text.Append(source.AsSpan(pieces.Starts[k], pieces.Ends[k] - pieces.Starts[k]));
            }
            spans.Add(new DiffLine(first.Op, text.ToString(), first.Op == "add" ? null : first.A + 1, first.Op == "remove" ? null : first.B + 1));
        }
        return spans;
    }

    // Words (with their apostrophes and hyphens), runs of whitespace, and each punctuation mark alone,
    // so "price," and "price this year," share "price" and ",".
    [System.Text.RegularExpressions.GeneratedRegex(@"\s+|[\p{L}\p{N}_'’\-]+|[^\s\p{L}\p{N}_'’\-]")]
    private static partial System.Text.RegularExpressions.Regex PieceRegex();

    private static int[] Ids(string[] items, Dictionary<string, int> ids)
    {
        var result = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
            if (!ids.TryGetValue(items[i], out result[i])) ids[items[i]] = result[i] = ids.Count;
        return result;
    }

    /// <summary>One step of an edit script: "same" (A and B), "remove" (A) or "add" (B); indexes into the pieces.</summary>
    private readonly record struct Step(string Op, int A, int B);

    /// <summary>The edit script from <paramref name="a"/> to <paramref name="b"/>. When the middle between the
    /// common head and tail is too large for the table: null, or (<paramref name="coarseWhenLarge"/>) that
    /// middle all removed then all added.</summary>
    private static List<Step>? Script(int[] a, int[] b, bool coarseWhenLarge)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail]) tail++;
        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        var tooLarge = (long)(n + 1) * (m + 1) > MaxTableCells;
        if (tooLarge && !coarseWhenLarge) return null;

        var steps = new List<Step>(Math.Max(a.Length, b.Length));
        for (var i = 0; i < head; i++) steps.Add(new("same", i, i));
        if (tooLarge)
        {
            for (var i = 0; i < n; i++) steps.Add(new("remove", head + i, -1));
            for (var j = 0; j < m; j++) steps.Add(new("add", -1, head + j));
        }
        else
        {
            // lcs[i, j]: the longest common subsequence of a[head+i..] and b[head+j..].
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
                for (var j = m - 1; j >= 0; j--)
                    lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[head + x] == b[head + y]) { steps.Add(new("same", head + x, head + y)); x++; y++; }
                // Removals before additions, as diff tools show a changed line.
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) { steps.Add(new("remove", head + x, -1)); x++; }
                else { steps.Add(new("add", -1, head + y)); y++; }
            }
        }
        for (var k = tail; k > 0; k--) steps.Add(new("same", a.Length - k, b.Length - k));
        return steps;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").Split('\n');
}
