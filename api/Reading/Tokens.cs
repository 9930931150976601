namespace OutlookSayNo.Reading;

/// <summary>A word or number in text, lower-cased, with its place and its sentence.</summary>
public readonly record struct Token(string Word, int Start, int Length, int Sentence, bool IsNumber);

public sealed record Sentence(int Index, int Start, int Length);

public sealed class TokenizedText
{
    public required string Text { get; init; }
    public required Token[] Tokens { get; init; }
    public required Sentence[] Sentences { get; init; }
}

/// <summary>Splits text into lower-case word tokens and sentences. Apostrophes stay inside words
/// ("can't"); hyphens split ("follow-up" gives "follow", "up").</summary>
public static class Tokenizer
{
    public static TokenizedText Tokenize(string text, int start, int length)
    {
        var tokens = new List<Token>(length / 5 + 4);
        var sentences = new List<Sentence>();
        var sentence = 0;
        var sentenceStart = start;
        var end = start + length;
        var lineStart = start;
        var i = start;

        void EndSentence(int at)
        {
            if (tokens.Count > 0 && tokens[^1].Sentence == sentence)
            {
                sentences.Add(new Sentence(sentence, sentenceStart, Math.Max(0, at - sentenceStart)));
                sentence++;
            }
            sentenceStart = at;
        }

        Span<char> buffer = stackalloc char[64];
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var s = i;
                i = WordEnd(text, i, end, out var isNumber);
                var len = i - s;
                var word = len <= buffer.Length ? new string(Lower(text, s, len, buffer)) : LowerLong(text, s, len);
                tokens.Add(new Token(word, s, len, sentence, isNumber));
                continue;
            }
            if (c is '.' or '!' or '?' or ';')
            {
                // A full stop inside "e.g." or "No." followed by a digit does not end a sentence.
                var next = i + 1 < end ? text[i + 1] : ' ';
                if (c != '.' || (char.IsWhiteSpace(next) || next == '"' || next == ')') && !Abbreviation(text, tokens, i, end))
                    EndSentence(i + 1);
            }
            else if (c == '\n')
            {
                // A line break ends a sentence unless the line is hard-wrapped prose.
                var lineLength = i - lineStart;
                var nextIsBlank = i + 1 >= end || text[i + 1] == '\n';
                var nextStartsItem = i + 1 < end && (text[i + 1] is '-' or '*' or '•' || char.IsUpper(text[i + 1]));
                if (nextIsBlank || lineLength < 55 || nextStartsItem) EndSentence(i + 1);
                lineStart = i + 1;
            }
            i++;
        }
        EndSentence(end);
        return new TokenizedText { Text = text, Tokens = tokens.ToArray(), Sentences = sentences.ToArray() };
    }

    /// <summary>Whether any word of the text, lower-cased as a token's is, passes <paramref name="test"/>: the
    /// same words as <see cref="Tokenize"/> finds, without making a string of each. A caller that looks for a
    /// few words need not tokenize a long text that has none of them.</summary>
    public static bool AnyWord(string text, Func<ReadOnlySpan<char>, bool> test)
    {
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var s = i;
            i = WordEnd(text, i, text.Length, out _);
            var len = i - s;
            if (test(len <= buffer.Length ? Lower(text, s, len, buffer) : LowerLong(text, s, len))) return true;
        }
        return false;
    }

    // The end of the word that starts at i: letters and digits, with "can't", "we'd", "1,200", "12.5" kept together.
    private static int WordEnd(string text, int i, int end, out bool isNumber)
    {
        isNumber = char.IsDigit(text[i]);
        while (i < end)
        {
            var d = text[i];
            if (char.IsLetterOrDigit(d)) { if (!char.IsDigit(d)) isNumber = false; i++; continue; }
            if ((d == '\'' || d == '\u2019') && i + 1 < end && char.IsLetter(text[i + 1]) && !isNumber) { i++; continue; }
            if ((d == ',' || d == '.') && isNumber && i + 1 < end && char.IsDigit(text[i + 1])) { i++; continue; }
            break;
        }
        return i;
    }

    private static ReadOnlySpan<char> Lower(string text, int s, int len, Span<char> buffer)
    {
        var span = buffer[..len];
        for (var k = 0; k < len; k++)
        {
            var ch = char.ToLowerInvariant(text[s + k]);
            span[k] = ch == '\u2019' ? '\'' : ch;
        }
        return span;
    }

    private static string LowerLong(string text, int s, int len) => text.Substring(s, len).ToLowerInvariant().Replace('\u2019', '\'');

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal) { "mr", "mrs", "ms", "dr", "prof" };
    private static readonly HashSet<string> BeforeNumbers = new(StringComparer.Ordinal) { "no", "nos", "ref", "inv", "art", "fig", "tel", "ph", "vol", "approx", "ca", "cat" };

    /// <summary>A reference code after "No." ("CN 118", "WR114") or another such word ("Cat. No."): capitals,
    /// then a digit within a few characters; or "No" itself. Reads at most 8 characters.</summary>
    private static bool CodeOrNumberWord(string text, int from, int end)
    {
        if (from + 2 <= end && text[from] == 'N' && text[from + 1] == 'o' && (from + 2 == end || text[from + 2] == '.')) return true;
        for (var k = from; k < end && k < from + 8; k++)
        {
            var ch = text[k];
            if (char.IsDigit(ch)) return k > from;
            if (!char.IsUpper(ch) && ch != ' ' && ch != '-') return false;
        }
        return false;
    }

    /// <summary>Whether the full stop at <paramref name="at"/> closes an abbreviation rather than a sentence:
    /// a title before a name ("Mr. Chen"), "No." or "ref." before a number ("credit note No. 4471"), or a
    /// short word followed by a lower-case word ("approx. two weeks", "incl. VAT" aside). Looks at most a
    /// few characters ahead, so reading stays linear.</summary>
    private static bool Abbreviation(string text, List<Token> tokens, int at, int end)
    {
        if (tokens.Count == 0) return false;
        var last = tokens[^1];
        if (last.Start + last.Length != at || last.IsNumber) return false;
        var j = at + 1;
        while (j < end && j <= at + 3 && text[j] is ' ' or '\t') j++;
        if (j >= end || j > at + 3) return false;
        var following = text[j];
        if (Titles.Contains(last.Word)) return char.IsUpper(following);
        if (BeforeNumbers.Contains(last.Word) && (char.IsDigit(following) || following == '#' || CodeOrNumberWord(text, j, end))) return true;
        return last.Length <= 6 && char.IsLower(following);
    }
}
