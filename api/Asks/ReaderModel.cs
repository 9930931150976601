namespace OutlookSayNo.Asks;

/// <summary>Turns a message's evidence into a probability per kind: a softmax over one score per
/// refusable kind (its <see cref="AskFeatures.ForKind"/> numbers, weighed alike for every kind, plus
/// the kind's own bias) and one score for "nothing to refuse" (<see cref="AskFeatures.ForOther"/>).
/// The weights are learned from the development split of the real-mail corpus
/// (<c>dotnet run --project tests/OutlookSayNo.Evaluation -- --train</c>); a kind an admin adds has no
/// bias of its own and is read with the shared weights.</summary>
public sealed class ReaderModel(IReadOnlyList<double> kindWeights, IReadOnlyList<double> otherWeights, IReadOnlyDictionary<string, double> bias)
{
    public static ReaderModel Default { get; } = new(ReaderWeights.Kind, ReaderWeights.Other, ReaderWeights.Bias);

    public IReadOnlyList<double> KindWeights { get; } = kindWeights;
    public IReadOnlyList<double> OtherWeights { get; } = otherWeights;
    public IReadOnlyDictionary<string, double> Bias { get; } = bias;

    /// <summary>Kind id → probability, "other" included; they sum to 1.</summary>
    public Dictionary<string, double> Probabilities(MessageEvidence evidence, IReadOnlyList<string> refusable)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var kind in refusable)
            scores[kind] = Score(KindWeights, AskFeatures.ForKind(evidence, kind)) + Bias.GetValueOrDefault(kind);
        scores["other"] = Score(OtherWeights, AskFeatures.ForOther(evidence, refusable)) + Bias.GetValueOrDefault("other");
        var max = scores.Values.Max();
        var sum = 0.0;
        foreach (var k in scores.Keys.ToList()) sum += scores[k] = Math.Exp(scores[k] - max);
        foreach (var k in scores.Keys.ToList()) scores[k] /= sum;
        return scores;
    }

    private static double Score(IReadOnlyList<double> weights, double[] features)
    {
        var z = 0.0;
        for (var i = 0; i < features.Length && i < weights.Count; i++) z += weights[i] * features[i];
        return z;
    }
}
