using System.Text;

namespace OutlookSayNo.Testing;

/// <summary>Email bodies built to be slow to read, at any size: long runs of one character or one
/// piece that a reader might rescan from each of its positions (a '&lt;' with no '&gt;' after it, a blank
/// line, a "we will sign" with no "if" after it, a figure). The hostile-input review found reading a
/// "&lt;p&gt;" and 199,000 '&lt;' took over a minute; the unit tests, the fuzz tests and the benchmarks
/// read each of these in time linear in its size.</summary>
public static class PathologicalBodies
{
    /// <summary>Each shape by name; <c>Make(chars)</c> gives a body of exactly that many characters.</summary>
    public static readonly IReadOnlyList<(string Name, Func<int, string> Make)> Shapes =
    [
        // HTML a reader might rescan: tags never closed, entities never ended, tags never opened.
        ("p then lt", n => "<p>" + Repeat("<", n - 3)),
        ("lt", n => Repeat("<", n)),
        ("p then lt then gt", n => "<p>" + Repeat("<", n - 4) + ">"),
        ("p then lt a", n => "<p>" + Repeat("<a", n - 3)),
        ("lt p space", n => Repeat("<p ", n)),
        ("p then lt bang", n => "<p>" + Repeat("<!", n - 3)),
        ("p then comment open", n => "<p>" + Repeat("<!--", n - 3)),
        ("p then end tag open", n => "<p>" + Repeat("</", n - 3)),
        ("p then script", n => "<p>" + Repeat("<script>", n - 3)),
        ("amp", n => Repeat("&", n)),
        ("p then amp", n => "<p>" + Repeat("&", n - 3)),
        ("p then amp entity open", n => "<p>" + Repeat("&amp", n - 3)),
        ("p then hash entity open", n => "<p>" + Repeat("&#", n - 3)),
        ("quotes", n => Repeat("\"'", n)),
        ("p then quotes", n => "<p>" + Repeat("\"'", n - 3)),
        // Opening marks that never close: the threat reader looks a short way for each closing one.
        ("open curly quotes", n => Repeat("\u201Cif you cancel ", n)),
        ("nested divs", n => Repeat("<div>", n)),
        ("nested quote divs", n => Repeat("<div class=\"gmail_quote\">", n)),
        ("blockquotes", n => Repeat("<blockquote>x", n)),
        ("list items", n => Repeat("<li>", n)),
        ("html words", n => "<html><body>" + Repeat("<p>Could you reduce the <b>price</b> by 15% &amp; because our budget was cut.</p>", n - 12)),
        // Text without the breaks a reader relies on, or with too many of them.
        ("no spaces", n => Repeat("a", n)),
        ("dots", n => Repeat(".", n)),
        ("digits", n => Repeat("1", n)),
        ("digit dot", n => Repeat("1.", n)),
        ("digit comma", n => Repeat("1,", n)),
        ("digit space", n => Repeat("1 ", n)),
        ("digit slash", n => Repeat("1/", n)),
        ("digit dash", n => Repeat("1-", n)),
        ("dashes", n => Repeat("-", n)),
        ("newlines", n => Repeat("\n", n)),
        ("space newline", n => Repeat(" \n", n)),
        ("spaces", n => Repeat(" ", n)),
        ("bangs", n => Repeat("!", n)),
        ("capitals", n => Repeat("AAAA ", n)),
        // Headers and quotes a reader looks several lines ahead for.
        ("on then spaces", n => "Hi\nOn 1234\n" + Repeat(" ", n - 13) + "\nx"),
        ("on then tabs", n => "On 1234 a\n" + Repeat("\t \t", n - 10)),
        ("on lines", n => Repeat("On 12:34 x\n", n)),
        ("from lines", n => Repeat("From: x\n", n)),
        ("quoted lines", n => Repeat("> a\n", n)),
        ("hi lines", n => Repeat("Hi\n", n)),
        // Words and figures a reader weighs at every occurrence.
        ("percent", n => Repeat("1%", n)),
        ("dollar digit", n => Repeat("$1", n)),
        ("days", n => Repeat("1 days ", n)),
        ("dates", n => Repeat("15 March ", n)),
        ("months", n => Repeat("March ", n)),
        ("a space", n => Repeat("a ", n)),
        ("we will sign", n => Repeat("we will sign ", n)),
        ("could you", n => Repeat("could you ", n)),
        ("if you", n => Repeat("if you ", n)),
        ("dear", n => Repeat("Dear ", n)),
        ("words", n => Repeat("Could you reduce the price by 15% because our budget was cut. ", n)),
        // Invisible and look-alike characters.
        ("soft hyphens", n => Repeat("\u00AD", n)),
        ("zero width", n => Repeat("a\u200B", n)),
        ("right to left override", n => Repeat("a\u202E", n)),
        ("cyrillic look-alikes", n => Repeat("\u0456d\u0456\u043Et ", n)),
    ];

    public static string Make(string name, int chars) => Shapes.First(s => s.Name == name).Make(chars);

    public static IEnumerable<string> Names => Shapes.Select(s => s.Name);

    /// <summary><paramref name="piece"/> repeated to exactly <paramref name="chars"/> characters.</summary>
    public static string Repeat(string piece, int chars)
    {
        var sb = new StringBuilder(chars + piece.Length);
        while (sb.Length < chars) sb.Append(piece);
        return sb.ToString(0, Math.Max(0, chars));
    }
}
