using OutlookSayNo.Reading;

namespace OutlookSayNo.Kinds;

/// <summary>A naive Bayes model over words and word pairs, trained at load from each kind's
/// example sentences. It catches asks phrased in words no cue lists, and it stays explainable:
/// for a sentence it names the words that weighed most for a kind.</summary>
public sealed class ExampleModel
{
    private const double Alpha = 0.5;
    private readonly string[] _kinds;
    private readonly Dictionary<string, double[]> _logLikelihood;
    private readonly double[] _logPrior;

    private ExampleModel(string[] kinds, Dictionary<string, double[]> logLikelihood, double[] logPrior)
    {
        _kinds = kinds;
        _logLikelihood = logLikelihood;
        _logPrior = logPrior;
    }

    public IReadOnlyList<string> Kinds => _kinds;

    public bool IsEmpty => _logLikelihood.Count == 0;

    public static ExampleModel Train(IEnumerable<(string Kind, IEnumerable<string> Examples)> training)
    {
        var kinds = new List<string>();
        var counts = new List<Dictionary<string, int>>();
        var totals = new List<int>();
        foreach (var (kind, examples) in training)
        {
            var c = new Dictionary<string, int>(StringComparer.Ordinal);
            var total = 0;
            foreach (var example in examples)
            {
                var tokens = Tokenizer.Tokenize(example, 0, example.Length).Tokens;
                foreach (var f in Features(tokens, 0, tokens.Length).Distinct())
                {
                    c[f] = c.GetValueOrDefault(f) + 1;
                    total++;
                }
            }
            kinds.Add(kind);
            counts.Add(c);
            totals.Add(total);
        }
        var vocabulary = counts.SelectMany(c => c.Keys).ToHashSet(StringComparer.Ordinal);
        var v = Math.Max(1, vocabulary.Count);
        var logLikelihood = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var word in vocabulary)
        {
            var row = new double[kinds.Count];
            for (var k = 0; k < kinds.Count; k++)
                row[k] = Math.Log((counts[k].GetValueOrDefault(word) + Alpha) / (totals[k] + Alpha * v));
            logLikelihood[word] = row;
        }
        // Uniform priors: how often admins wrote examples says nothing about how often customers ask.
        var logPrior = kinds.Select(_ => Math.Log(1.0 / Math.Max(1, kinds.Count))).ToArray();
        return new ExampleModel(kinds.ToArray(), logLikelihood, logPrior);
    }

    /// <summary>The probability of each kind for tokens [from, to), or null when the span has too
    /// few known words to say anything. Scores words and neighbouring pairs without building strings.</summary>
    public double[]? Posterior(Token[] tokens, int from, int to)
    {
        if (_kinds.Length == 0) return null;
        var scores = (double[])_logPrior.Clone();
        var seen = 0;
        string? previous = null;
        var lookup = _logLikelihood.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> pair = stackalloc char[128];
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            var word = t.IsNumber ? "#" : t.Word;
            if (StopWords.Contains(word) || word.Length == 1 && word != "#") continue;
            if (_logLikelihood.TryGetValue(word, out var row))
            {
                seen++;
                for (var k = 0; k < scores.Length; k++) scores[k] += row[k];
            }
            if (previous is not null && previous.Length + word.Length + 1 <= pair.Length)
            {
                previous.AsSpan().CopyTo(pair);
                pair[previous.Length] = ' ';
                word.AsSpan().CopyTo(pair[(previous.Length + 1)..]);
                if (lookup.TryGetValue(pair[..(previous.Length + word.Length + 1)], out var pairRow))
                {
                    seen++;
                    for (var k = 0; k < scores.Length; k++) scores[k] += pairRow[k];
                }
            }
            previous = word;
        }
        if (seen < 2) return null;
        var max = scores.Max();
        var sum = 0.0;
        for (var k = 0; k < scores.Length; k++) { scores[k] = Math.Exp(scores[k] - max); sum += scores[k]; }
        for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
        return scores;
    }

    /// <summary>How strongly a feature points to a kind against the others (log ratio).</summary>
    public double Weight(string feature, int kind)
    {
        if (!_logLikelihood.TryGetValue(feature, out var row)) return 0;
        var others = 0.0;
        for (var k = 0; k < row.Length; k++) if (k != kind) others += Math.Exp(row[k]);
        others /= Math.Max(1, row.Length - 1);
        return row[kind] - Math.Log(others);
    }

    public int IndexOf(string kind) => Array.IndexOf(_kinds, kind);

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "is", "are", "was", "were", "be", "been", "being",
        "it", "its", "it's", "this", "that", "these", "those", "we", "i", "you", "our", "your", "my", "us", "me", "they", "their",
        "them", "he", "she", "his", "her", "hi", "hello", "dear", "regards", "please", "can", "could", "would", "will", "just",
        "so", "if", "as", "with", "have", "has", "had", "do", "does", "did", "there", "here", "what", "which", "who", "am",
        "we're", "we'd", "we'll", "i'm", "i'd", "i'll", "you're", "let", "know", "also", "all", "any", "some", "from", "about",
        "but", "then", "than", "into", "up", "out", "get", "got", "like", "kind", "best", "team", "hope", "well", "very", "really",
    };

    /// <summary>Words (numbers as "#") and pairs of neighbouring content words, within one sentence.
    /// <see cref="Posterior"/> walks tokens the same way without building strings; keep the two in step
    /// (ExampleModelTests compares them).</summary>
    public static IEnumerable<string> Features(Token[] tokens, int from, int to)
    {
        string? previous = null;
        var previousSentence = -1;
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            var word = t.IsNumber ? "#" : t.Word;
            if (StopWords.Contains(word) || word.Length == 1 && word != "#") continue;
            yield return word;
            if (previous is not null && previousSentence == t.Sentence) yield return previous + " " + word;
            previous = word;
            previousSentence = t.Sentence;
        }
    }
}
