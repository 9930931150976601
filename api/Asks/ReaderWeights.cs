namespace OutlookSayNo.Asks;

/// <summary>The reader model's weights, written by the evaluation command's --train run on the
/// development split (tests/corpus/dev). Regenerate them there; do not tune them by hand.
/// Fitted on 285 dev emails and 204 hand-written ones (weight 0.3), L2 0.03, dev 5-fold log-loss 1.187.</summary>
public static class ReaderWeights
{
    /// <summary>One weight per <see cref="AskFeatures.KindNames"/> entry, shared by every kind.</summary>
    public static readonly double[] Kind = [0.4868, 1.1301, 0.3893, 0.2262, 0.7526, 0.675, 0, 0.5166];

    /// <summary>One weight per <see cref="AskFeatures.OtherNames"/> entry.</summary>
    public static readonly double[] Other = [-0.1027, 0.2171, -0.0628, 0.1568, 0.4377, -0.0986, 0.2869];

    public static readonly Dictionary<string, double> Bias = new(StringComparer.Ordinal)
    {
        ["deadline"] = -0.2803,
        ["discount"] = -0.2463,
        ["exception"] = 0.3675,
        ["liability"] = 0.4124,
        ["other"] = 0.7467,
        ["payment_terms"] = -0.7925,
        ["scope"] = -0.2075,
    };
}
