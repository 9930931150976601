using OutlookSayNo.Reading;

namespace OutlookSayNo.Kinds;

/// <summary>A compiled cue: a short phrase matched against word tokens within one sentence.
/// Syntax (case-insensitive): words separated by spaces; <c>*</c> inside a word matches any
/// letters (<c>discount*</c>, <c>f*ck</c>); <c>(a|b c)</c> matches one of several phrases and
/// <c>(a|b)?</c> makes it optional; <c>...</c> allows up to three words between; <c>#</c> is a
/// number; a hyphen counts as a space ("go-live" is "go live").</summary>
public sealed class CuePattern
{
    private readonly Node[] _sequence;

    private CuePattern(string source, double weight, Node[] sequence, bool aimed = false)
    {
        Source = source;
        Weight = weight;
        Aimed = aimed;
        _sequence = sequence;
        FirstWords = FirstWordsOf(sequence, 0);
    }

    public string Source { get; }
    public double Weight { get; }
    /// <summary>Counts only in a sentence addressed to the reader (<see cref="CueDefinition.Aimed"/>).</summary>
    public bool Aimed { get; }

    /// <summary>Index keys a match can start with: an exact word, or "~xy" for a word starting with
    /// the two letters xy (from a wildcard). Null when it can start with anything.</summary>
    public IReadOnlyList<string>? FirstWords { get; }

    public static CuePattern Parse(string pattern, double weight, bool aimed = false)
    {
        if (string.IsNullOrWhiteSpace(pattern)) throw new FormatException("A cue pattern is empty.");
        if (pattern.Length > 600) throw new FormatException($"Cue '{pattern[..40]}...' is longer than 600 characters.");
        if (weight is <= 0 or > 10) throw new FormatException($"Cue '{pattern}' has weight {weight}; use a weight above 0 and at most 10.");
        var p = new Parser(pattern.ToLowerInvariant().Replace('\u2019', '\'').Replace('-', ' '), pattern);
        var seq = p.ParseSequence(topLevel: true);
        if (seq.Length == 0) throw new FormatException($"Cue '{pattern}' has no words.");
        if (seq[0] is Gap || seq[^1] is Gap) throw new FormatException($"Cue '{pattern}' cannot start or end with '...'.");
        return new CuePattern(pattern, weight, seq, aimed);
    }

    /// <summary>Matches at token <paramref name="at"/>; returns the index after the last token matched, or -1.</summary>
    public int MatchAt(Token[] tokens, int at) =>
        MatchSequence(_sequence, 0, tokens, at, tokens[at].Sentence, end => end);

    // Continuation-passing so that groups and gaps can backtrack into the rest of the phrase.
    private static int MatchSequence(Node[] seq, int i, Token[] tokens, int t, int sentence, Func<int, int> rest)
    {
        if (i == seq.Length) return rest(t);
        switch (seq[i])
        {
            case Gap:
                for (var skip = 0; skip <= 3; skip++)
                {
                    if (t + skip >= tokens.Length || tokens[t + skip].Sentence != sentence) break;
                    var r = MatchSequence(seq, i + 1, tokens, t + skip, sentence, rest);
                    if (r >= 0) return r;
                }
                return -1;
            case Group g:
                foreach (var alt in g.Alternatives)
                {
                    var r = MatchSequence(alt, 0, tokens, t, sentence, next => MatchSequence(seq, i + 1, tokens, next, sentence, rest));
                    if (r >= 0) return r;
                }
                return g.Optional ? MatchSequence(seq, i + 1, tokens, t, sentence, rest) : -1;
            default:
                if (t >= tokens.Length || tokens[t].Sentence != sentence || !seq[i].Matches(tokens[t])) return -1;
                return MatchSequence(seq, i + 1, tokens, t + 1, sentence, rest);
        }
    }

    private static IReadOnlyList<string>? FirstWordsOf(Node[] seq, int i)
    {
        if (i >= seq.Length) return null;
        switch (seq[i])
        {
            case Word { Glob: null } w: return [w.Text];
            case Word { Glob: [{ Length: >= 2 } head, ..] }: return ["~" + head[..2]];
            case WordSet set:
                var keys = new List<string>();
                foreach (var w in set.Words)
                {
                    if (w.Glob is null) keys.Add(w.Text);
                    else if (w.Glob[0].Length >= 2) keys.Add("~" + w.Glob[0][..2]);
                    else return null;
                }
                return keys.Distinct().ToList();
            case Group g:
                var words = new List<string>();
                foreach (var alt in g.Alternatives)
                {
                    var first = FirstWordsOf(alt, 0);
                    if (first is null) return null;
                    words.AddRange(first);
                }
                if (g.Optional)
                {
                    var after = FirstWordsOf(seq, i + 1);
                    if (after is null) return null;
                    words.AddRange(after);
                }
                return words.Distinct().ToList();
            default: return null;
        }
    }

    private abstract class Node
    {
        public virtual bool Matches(Token token) => false;
    }

    private sealed class Gap : Node;

    private sealed class NumberNode : Node
    {
        public override bool Matches(Token token) => token.IsNumber;
    }

    private sealed class Word(string text) : Node
    {
        public string Text { get; } = text;
        public string[]? Glob { get; } = text.Contains('*') ? text.Split('*') : null;

        public override bool Matches(Token token)
        {
            var w = token.Word;
            if (Glob is null) return w == Text;
            // "f*ck*": starts with "f", then "ck" somewhere after, anything at the end.
            if (!w.StartsWith(Glob[0], StringComparison.Ordinal)) return false;
            var pos = Glob[0].Length;
            for (var k = 1; k < Glob.Length; k++)
            {
                var part = Glob[k];
                if (part.Length == 0) continue;
                if (k == Glob.Length - 1) return w.Length - part.Length >= pos && w.EndsWith(part, StringComparison.Ordinal);
                var found = w.IndexOf(part, pos, StringComparison.Ordinal);
                if (found < 0) return false;
                pos = found + part.Length;
            }
            return true;
        }
    }

    private sealed class WordSet(Word[] words) : Node
    {
        private readonly HashSet<string> _exact = words.Where(w => w.Glob is null).Select(w => w.Text).ToHashSet(StringComparer.Ordinal);
        private readonly Word[] _globs = words.Where(w => w.Glob is not null).ToArray();
        public Word[] Words { get; } = words;

        public override bool Matches(Token token)
        {
            if (_exact.Contains(token.Word)) return true;
            foreach (var g in _globs) if (g.Matches(token)) return true;
            return false;
        }
    }

    private sealed class Group(List<Node[]> alternatives, bool optional) : Node
    {
        public List<Node[]> Alternatives { get; } = alternatives;
        public bool Optional { get; } = optional;
    }

    private sealed class Parser(string text, string original)
    {
        private int _pos;

        public Node[] ParseSequence(bool topLevel)
        {
            var nodes = new List<Node>();
            while (true)
            {
                while (_pos < text.Length && text[_pos] == ' ') _pos++;
                if (_pos >= text.Length)
                {
                    if (!topLevel) throw new FormatException($"Cue '{original}' has a '(' without its ')'.");
                    return nodes.ToArray();
                }
                var c = text[_pos];
                if (c is '|' or ')')
                {
                    if (topLevel) throw new FormatException($"Cue '{original}' has a '{c}' outside a group.");
                    return nodes.ToArray();
                }
                if (c == '(')
                {
                    _pos++;
                    var alts = new List<Node[]>();
                    while (true)
                    {
                        alts.Add(ParseSequence(topLevel: false));
                        if (_pos >= text.Length) throw new FormatException($"Cue '{original}' has a '(' without its ')'.");
                        if (text[_pos++] == ')') break;
                    }
                    var optional = _pos < text.Length && text[_pos] == '?';
                    if (optional) _pos++;
                    if (alts.Any(a => a.Length == 0)) { optional = true; alts = alts.Where(a => a.Length > 0).ToList(); }
                    if (alts.Count == 0) throw new FormatException($"Cue '{original}' has an empty group.");
                    // "(price|prices|rate*)" is one word out of several: match it in place, no backtracking.
                    if (!optional && alts.All(a => a is [Word])) nodes.Add(new WordSet(alts.Select(a => (Word)a[0]).ToArray()));
                    else nodes.Add(new Group(alts, optional));
                    continue;
                }
                var start = _pos;
                while (_pos < text.Length && text[_pos] is not (' ' or '(' or ')' or '|')) _pos++;
                var word = text[start.._pos];
                if (word is "..." or "…") { nodes.Add(new Gap()); continue; }
                if (word == "#") { nodes.Add(new NumberNode()); continue; }
                if (word.Trim('*').Length == 0 || word.Any(ch => !char.IsLetterOrDigit(ch) && ch is not ('\'' or '*')))
                    throw new FormatException($"Cue '{original}': '{word}' is not a word (use letters, digits, apostrophes and *).");
                nodes.Add(new Word(word));
            }
        }
    }
}

/// <summary>A set of cues indexed by first word so matching costs one lookup per token.</summary>
public sealed class CueSet
{
    private readonly Dictionary<string, List<(CuePattern Cue, int Id)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly List<(CuePattern Cue, int Id)> _wildFirst = [];
    private readonly Dictionary<string, List<(CuePattern Cue, int Id)>>.AlternateLookup<ReadOnlySpan<char>> _byPrefix;
    private readonly Dictionary<string, List<(CuePattern Cue, int Id)>>.AlternateLookup<ReadOnlySpan<char>> _byFirstWordBySpan;

    public CueSet(IEnumerable<CuePattern> cues)
    {
        var byPrefix = new Dictionary<string, List<(CuePattern Cue, int Id)>>(StringComparer.Ordinal);
        var id = 0;
        foreach (var cue in cues)
        {
            Cues.Add(cue);
            if (cue.FirstWords is { } first)
                foreach (var key in first.Distinct())
                {
                    var index = key.StartsWith('~') ? byPrefix : _byFirstWord;
                    var k = key.StartsWith('~') ? key[1..] : key;
                    if (!index.TryGetValue(k, out var list)) index[k] = list = [];
                    list.Add((cue, id));
                }
            else _wildFirst.Add((cue, id));
            id++;
        }
        _byPrefix = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _byFirstWordBySpan = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public List<CuePattern> Cues { get; } = [];

    public readonly record struct CueMatch(CuePattern Cue, int CueId, int FirstToken, int EndToken);

    /// <summary>Whether a cue of the set could start at a token with this (lower-case) word: the same lookups
    /// as <see cref="MatchAll"/>, so a text none of whose words passes has no match.</summary>
    public bool CouldStartAt(ReadOnlySpan<char> word) =>
        _wildFirst.Count > 0 || _byFirstWordBySpan.ContainsKey(word) || word.Length >= 2 && _byPrefix.ContainsKey(word[..2]);

    /// <summary>The first match <see cref="MatchAll"/> would give, or null, without reading on past it.</summary>
    public CueMatch? FirstMatch(Token[] tokens)
    {
        for (var t = 0; t < tokens.Length; t++)
        {
            if (_byFirstWord.TryGetValue(tokens[t].Word, out var list))
                foreach (var (cue, id) in list)
                {
                    var end = cue.MatchAt(tokens, t);
                    if (end > t) return new CueMatch(cue, id, t, end);
                }
            if (tokens[t].Word.Length >= 2 && _byPrefix.TryGetValue(tokens[t].Word.AsSpan(0, 2), out var byPrefix))
                foreach (var (cue, id) in byPrefix)
                {
                    var end = cue.MatchAt(tokens, t);
                    if (end > t) return new CueMatch(cue, id, t, end);
                }
            foreach (var (cue, id) in _wildFirst)
            {
                var end = cue.MatchAt(tokens, t);
                if (end > t) return new CueMatch(cue, id, t, end);
            }
        }
        return null;
    }

    public void MatchAll(Token[] tokens, List<CueMatch> into)
    {
        for (var t = 0; t < tokens.Length; t++)
        {
            if (_byFirstWord.TryGetValue(tokens[t].Word, out var list))
                foreach (var (cue, id) in list)
                {
                    var end = cue.MatchAt(tokens, t);
                    if (end > t) into.Add(new CueMatch(cue, id, t, end));
                }
            if (tokens[t].Word.Length >= 2 && _byPrefix.TryGetValue(tokens[t].Word.AsSpan(0, 2), out var byPrefix))
                foreach (var (cue, id) in byPrefix)
                {
                    var end = cue.MatchAt(tokens, t);
                    if (end > t) into.Add(new CueMatch(cue, id, t, end));
                }
            foreach (var (cue, id) in _wildFirst)
            {
                var end = cue.MatchAt(tokens, t);
                if (end > t) into.Add(new CueMatch(cue, id, t, end));
            }
        }
    }
}
