using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>Everything read from one message before a kind is chosen: what each sentence does, the
/// catalog's cue weight of each kind in each sentence, the word model's reading of each sentence and
/// the subject's cues. The reader model turns it into a probability per kind.</summary>
public sealed class MessageEvidence
{
    public required TokenizedText Message { get; init; }
    public required SentenceAct[] Acts { get; init; }
    /// <summary>Kind id → the cue weight it got in each sentence (each cue once per sentence, words claimed once).</summary>
    public required IReadOnlyDictionary<string, double[]> Cue { get; init; }
    /// <summary>The word model's probabilities per sentence (null where it had too few known words).</summary>
    public required double[]?[] Posterior { get; init; }
    public required ExampleModel Model { get; init; }
    /// <summary>Kind id → cue weight found in the subject.</summary>
    public required IReadOnlyDictionary<string, double> SubjectCue { get; init; }
    /// <summary>Kind id → per sentence, how close the sentence's meaning is to the kind's examples (optional signal).</summary>
    public IReadOnlyDictionary<string, double[]>? Similarity { get; init; }

    public int Sentences => Acts.Length;

    public double Nb(int sentence, string kind)
    {
        var k = Model.IndexOf(kind);
        return k < 0 || sentence >= Posterior.Length || Posterior[sentence] is not { } p ? 0 : p[k];
    }

    public double CueAt(string kind, int sentence) =>
        Cue.TryGetValue(kind, out var c) && sentence < c.Length ? c[sentence] : 0;

    public double SimilarityAt(string kind, int sentence) =>
        Similarity is not null && Similarity.TryGetValue(kind, out var c) && sentence < c.Length ? c[sentence] : 0;

    /// <summary>What a sentence gives a kind: its cues and the word model, weighed by what the sentence does.</summary>
    public double Contribution(string kind, int sentence) =>
        SentenceActs.Weight(Acts[sentence]) * (Math.Min(CueAt(kind, sentence), 6) + 2.5 * Nb(sentence, kind) + 2.5 * SimilarityAt(kind, sentence));
}

/// <summary>The few numbers per kind the reader model weighs. Each is shared by every kind (one weight
/// for all), so a kind an admin adds is read with the same weights as the built-in ones.</summary>
public static class AskFeatures
{
    public const int KindCount = 8;
    public const int OtherCount = 7;

    public static readonly string[] KindNames =
    [
        "cues, weighed by act (log, top 3 sentences)", "word model, weighed by act (top 3 sentences)", "word model in the strongest asking sentence",
        "cues in the strongest asking sentence", "subject cues (log)", "cues anywhere (log)", "meaning close to the examples, asking sentences", "share of the message's cues",
    ];

    public static readonly string[] OtherNames =
    [
        "asking sentences (log)", "enquiries (log)", "thanks (log)", "the 'other' kind's cues (log, top 3)", "word model reads 'other' (top 3)",
        "strongest ask cue of any kind (log)", "sentences (log)",
    ];

    public static double[] ForKind(MessageEvidence e, string kind)
    {
        var n = e.Sentences;
        var weighedCue = new List<double>(n);
        var weighedNb = new List<double>(n);
        double askNb = 0, askCue = 0, anyCue = 0, askSim = 0;
        for (var s = 0; s < n; s++)
        {
            var w = SentenceActs.Weight(e.Acts[s]);
            var cue = e.CueAt(kind, s);
            var nb = e.Nb(s, kind);
            weighedCue.Add(cue * w);
            weighedNb.Add(nb * w);
            anyCue += cue;
            if (SentenceActs.Asks(e.Acts[s]))
            {
                askNb = Math.Max(askNb, nb);
                askCue = Math.Max(askCue, Math.Min(cue, 6) / 3);
                askSim = Math.Max(askSim, e.SimilarityAt(kind, s));
            }
        }
        var allCue = e.Cue.Where(c => c.Key != "other").Sum(c => c.Value.Sum());
        return
        [
            Math.Log(1 + Top3(weighedCue)),
            Top3(weighedNb),
            askNb,
            askCue,
            Math.Log(1 + e.SubjectCue.GetValueOrDefault(kind)),
            Math.Log(1 + anyCue),
            askSim,
            allCue <= 0 ? 0 : anyCue / allCue,
        ];
    }

    public static double[] ForOther(MessageEvidence e, IEnumerable<string> refusable)
    {
        int asks = 0, enquiries = 0, thanks = 0;
        foreach (var a in e.Acts)
        {
            if (SentenceActs.Asks(a)) asks++;
            else if (a == SentenceAct.Enquiry) enquiries++;
            else if (a == SentenceAct.Thanks) thanks++;
        }
        var otherCue = new List<double>(e.Sentences);
        var otherNb = new List<double>(e.Sentences);
        for (var s = 0; s < e.Sentences; s++)
        {
            otherCue.Add(e.CueAt("other", s));
            otherNb.Add(e.Nb(s, "other"));
        }
        var strongest = 0.0;
        foreach (var kind in refusable)
            for (var s = 0; s < e.Sentences; s++)
                if (SentenceActs.Asks(e.Acts[s])) strongest = Math.Max(strongest, e.CueAt(kind, s));
        return
        [
            Math.Log(1 + asks),
            Math.Log(1 + enquiries),
            Math.Log(1 + thanks),
            Math.Log(1 + Top3(otherCue)),
            Top3(otherNb),
            Math.Log(1 + strongest),
            Math.Log(1 + e.Sentences),
        ];
    }

    private static double Top3(List<double> values)
    {
        double a = 0, b = 0, c = 0;
        foreach (var v in values)
        {
            if (v > a) (a, b, c) = (v, a, b);
            else if (v > b) (b, c) = (v, b);
            else if (v > c) c = v;
        }
        return a + b + c;
    }
}
