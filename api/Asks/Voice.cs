using System.Text;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Asks;

/// <summary>Turns the customer's words round so that we can say them back: "our budget was cut"
/// becomes "your budget was cut", "could you extend your deadline" becomes "extend our deadline".
/// Swaps are made in one pass, so "we" → "you" and "you" → "we" never undo each other.</summary>
public static partial class Voice
{
    private static readonly Dictionary<string, string> TheirsToYours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["we"] = "you", ["us"] = "you", ["our"] = "your", ["ours"] = "yours", ["ourselves"] = "yourselves",
        ["i"] = "you", ["me"] = "you", ["my"] = "your", ["mine"] = "yours", ["myself"] = "yourself",
        ["we're"] = "you're", ["we've"] = "you've", ["we'd"] = "you'd", ["we'll"] = "you'll",
        ["i'm"] = "you're", ["i've"] = "you've", ["i'd"] = "you'd", ["i'll"] = "you'll",
        ["you"] = "we", ["your"] = "our", ["yours"] = "ours", ["yourself"] = "ourselves", ["yourselves"] = "ourselves",
        ["you're"] = "we're", ["you've"] = "we've", ["you'd"] = "we'd", ["you'll"] = "we'll",
    };

    /// <summary>The customer's clause as we would say it back to them.</summary>
    public static string ToThem(string clause)
    {
        var text = clause.Replace('\u2019', '\'');
        var sb = new StringBuilder(text.Length + 8);
        var last = 0;
        foreach (Match m in WordRegex().Matches(text))
        {
            if (m.Index < last) continue; // taken with the word before it ("I am")
            sb.Append(text, last, m.Index - last);
            last = m.Index + m.Length;
            var word = m.Value;
            if (!TheirsToYours.TryGetValue(word, out var swapped)) { sb.Append(word); continue; }
            var lower = word.ToLowerInvariant();
            var rest = text.AsSpan(last);
            // "you" after a verb or preposition is an object: "could you send you" never happens, but "pay you" → "pay us".
            if (lower == "you" && !StartsClause(sb) && !AfterAuxiliary(sb) && !BeforeVerb(rest)) swapped = "us";
            // Verbs agree with the new subject: "I am" → "you are", "I was" → "you were", "you are" → "we are".
            if (lower is "i" && AmWasRegex().Match(rest.ToString()) is { Success: true } v)
            {
                sb.Append(Case(word, "you")).Append(v.Groups[1].Value).Append(v.Groups[2].Value.ToLowerInvariant() == "am" ? "are" : "were");
                last += v.Length;
                continue;
            }
            sb.Append(Case(word, swapped));
        }
        sb.Append(text, last, text.Length - last);
        return sb.ToString();
    }

    // "you" starts a clause at the start, after a conjunction or a comma; elsewhere it is an object.
    private static bool StartsClause(StringBuilder sb)
    {
        var before = sb.ToString().TrimEnd();
        if (before.Length == 0 || before.EndsWith(',') || before.EndsWith(';')) return true;
        var lastSpace = before.LastIndexOf(' ');
        var lastWord = before[(lastSpace + 1)..].ToLowerInvariant();
        return lastWord is "and" or "but" or "that" or "if" or "because" or "since" or "as" or "so" or "when" or "while" or "or" or "unless" or "although" or "though";
    }

    // "could you send" and "you could not answer": "you" is the subject there, so it becomes "we".
    private static bool AfterAuxiliary(StringBuilder sb)
    {
        var before = sb.ToString().TrimEnd();
        var lastWord = before[(before.LastIndexOf(' ') + 1)..].ToLowerInvariant();
        return Auxiliaries.Contains(lastWord);
    }

    private static bool BeforeVerb(ReadOnlySpan<char> rest)
    {
        var r = rest.TrimStart();
        var end = 0;
        while (end < r.Length && (char.IsLetter(r[end]) || r[end] == '\'')) end++;
        var next = r[..end].ToString().ToLowerInvariant();
        return Auxiliaries.Contains(next) || next is "promised" or "said" or "told" or "agreed" or "offered" or "charged" or "sent" or "delivered"
            or "confirmed" or "quoted" or "asked" or "wrote" or "explained" or "know" or "knew" or "need" or "needed" or "want" or "wanted";
    }

    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "can", "could", "would", "will", "should", "shall", "may", "might", "must", "do", "did", "does", "are", "were", "have", "had",
        "can't", "couldn't", "won't", "wouldn't", "didn't", "don't", "haven't", "hadn't", "weren't", "aren't", "cannot",
    };

    private static string Case(string original, string replacement) =>
        original.Length > 0 && char.IsUpper(original[0]) && original != "I" ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement;

    [GeneratedRegex(@"[A-Za-z]+(?:'[a-z]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"^(\s+)(?:(am|was)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmWasRegex();
}
