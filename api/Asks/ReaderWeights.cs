namespace OutlookSayNo.Asks;

/// <summary>The reader model's weights, written by the evaluation command's --train run on the
/// development split (tests/corpus/dev). Regenerate them there; do not tune them by hand.
/// Fitted on 459 dev emails and 204 hand-written ones (weight 0.3), L2 0.01, dev 5-fold log-loss 1.153.</summary>
public static class ReaderWeights
{
    /// <summary>One weight per <see cref="AskFeatures.KindNames"/> entry, shared by every kind.</summary>
    public static readonly double[] Kind = [0.4172, 1.5725, 0.241, 0.0866, 0.9378, 0.7195, 0, 0.4549];

    /// <summary>One weight per <see cref="AskFeatures.OtherNames"/> entry.</summary>
    public static readonly double[] Other = [-0.0342, 0.3959, -0.0865, 0.2325, 0.3996, -0.1306, 0.4004];

    public static readonly Dictionary<string, double> Bias = new(StringComparer.Ordinal)
    {
        ["deadline"] = -0.2465,
        ["discount"] = -0.303,
        ["exception"] = 0.4297,
        ["liability"] = 0.4533,
        ["other"] = 0.5823,
        ["payment_terms"] = -0.7388,
        ["scope"] = -0.1769,
    };
}
