namespace OutlookSayNo.Asks;

/// <summary>The reader model's weights, written by the evaluation command's --train run on the
/// development split (tests/corpus/dev). Regenerate them there; do not tune them by hand.
/// Fitted on 232 dev emails and 204 hand-written ones (weight 0.3), L2 0.03, dev 5-fold log-loss 1.121.</summary>
public static class ReaderWeights
{
    /// <summary>One weight per <see cref="AskFeatures.KindNames"/> entry, shared by every kind.</summary>
    public static readonly double[] Kind = [0.5254, 1.2126, 0.3615, 0.2117, 0.8196, 0.767, 0, 0.4561];

    /// <summary>One weight per <see cref="AskFeatures.OtherNames"/> entry.</summary>
    public static readonly double[] Other = [-0.0891, 0.2005, -0.0489, 0.2276, 0.4079, -0.1918, 0.406];

    public static readonly Dictionary<string, double> Bias = new(StringComparer.Ordinal)
    {
        ["deadline"] = -0.2504,
        ["discount"] = -0.3029,
        ["exception"] = 0.4428,
        ["liability"] = 0.4818,
        ["other"] = 0.6874,
        ["payment_terms"] = -0.8592,
        ["scope"] = -0.1995,
    };
}
