namespace OutlookSayNo.Drafts;

public sealed record DiffLine(string Op, string Text, int? OldLine, int? NewLine);

/// <summary>Diffs for the template history (by line) and for a generated-versus-sent reply (by word).
/// Common head and tail are skipped first (an edit usually touches a little); the rest is a
/// longest-common-subsequence table, bounded so a huge rewrite shows as removed-then-added instead
/// of using a lot of memory.</summary>
public static partial class LineDiff
{
    public const int MaxTableCells = 4_000_000;

    public static List<DiffLine> Compute(string? before, string? after) => Compute(Split(before), Split(after));

    /// <summary>Word by word, whitespace kept as its own pieces, so the pieces join back to each text.
    /// Line numbers are piece indexes.</summary>
    public static List<DiffLine> Words(string? before, string? after) => Merge(Compute(Pieces(before), Pieces(after)));

    private static string[] Pieces(string? text) =>
        string.IsNullOrEmpty(text) ? [] : PieceRegex().Matches(text.Replace("\r\n", "\n")).Select(m => m.Value).ToArray();

    /// <summary>Joins neighbouring pieces with the same operation, so a changed phrase is one span.</summary>
    private static List<DiffLine> Merge(List<DiffLine> pieces)
    {
        var merged = new List<DiffLine>();
        foreach (var p in pieces)
        {
            if (merged.Count > 0 && merged[^1].Op == p.Op) merged[^1] = merged[^1] with { Text = merged[^1].Text + p.Text };
            else merged.Add(p);
        }
        return merged;
    }

    // Words (with their apostrophes and hyphens), runs of whitespace, and each punctuation mark alone,
    // so "price," and "price this year," share "price" and ",".
    [System.Text.RegularExpressions.GeneratedRegex(@"\s+|[\p{L}\p{N}_'’\-]+|[^\s\p{L}\p{N}_'’\-]")]
    private static partial System.Text.RegularExpressions.Regex PieceRegex();

    private static List<DiffLine> Compute(string[] a, string[] b)
    {
        var result = new List<DiffLine>(Math.Max(a.Length, b.Length));
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail]) tail++;

        for (var i = 0; i < head; i++) result.Add(new("same", a[i], i + 1, i + 1));
        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        if ((long)(n + 1) * (m + 1) > MaxTableCells)
        {
            for (var i = 0; i < n; i++) result.Add(new("remove", a[head + i], head + i + 1, null));
            for (var j = 0; j < m; j++) result.Add(new("add", b[head + j], null, head + j + 1));
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
                if (x < n && y < m && a[head + x] == b[head + y]) { result.Add(new("same", a[head + x], head + x + 1, head + y + 1)); x++; y++; }
                // Removals before additions, as diff tools show a changed line.
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) { result.Add(new("remove", a[head + x], head + x + 1, null)); x++; }
                else { result.Add(new("add", b[head + y], null, head + y + 1)); y++; }
            }
        }
        for (var k = tail; k > 0; k--) result.Add(new("same", a[a.Length - k], a.Length - k + 1, b.Length - k + 1));
        return result;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").Split('\n');
}
