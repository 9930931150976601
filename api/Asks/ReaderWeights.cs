namespace OutlookSayNo.Asks;

/// <summary>The reader model's weights, written by the evaluation command's --train run on the
/// development split (tests/corpus/dev). Regenerate them there; do not tune them by hand.
/// Fitted on 232 dev emails and 204 hand-written ones (weight 0.3), L2 0.03, dev 5-fold log-loss 1.130.</summary>
public static class ReaderWeights
{
    /// <summary>One weight per <see cref="AskFeatures.KindNames"/> entry, shared by every kind.</summary>
    public static readonly double[] Kind = [0.5157, 1.2199, 0.3606, 0.181, 0.8156, 0.7801, 0, 0.4396];

    /// <summary>One weight per <see cref="AskFeatures.OtherNames"/> entry.</summary>
    public static readonly double[] Other = [-0.0896, 0.1964, -0.0445, 0.2319, 0.4031, -0.2059, 0.404];

    public static readonly Dictionary<string, double> Bias = new(StringComparer.Ordinal)
    {
        ["deadline"] = -0.2723,
        ["discount"] = -0.303,
        ["exception"] = 0.4386,
        ["liability"] = 0.4856,
        ["other"] = 0.6966,
        ["payment_terms"] = -0.8478,
        ["scope"] = -0.1977,
    };
}
