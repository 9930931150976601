using System.Globalization;
using System.Text;
using OutlookSayNo.Asks;

namespace OutlookSayNo.Evaluation;

/// <summary>The figures the evaluation command prints: accuracy, per-kind precision and recall, the
/// confusion matrix, the two costly mistakes (a real ask waved away, a refusal of nothing), the unsure
/// rate, flags, secondary asks, figures and evidence.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static double Accuracy(IReadOnlyCollection<Prediction> predictions) =>
        predictions.Count == 0 ? 0 : predictions.Count(p => p.Correct) / (double)predictions.Count;

    /// <summary>A real ask that the draft route would answer "no refusable ask" without offering a choice.</summary>
    public static bool AskWavedAway(Prediction p) => p.Email.Kind != "other" && p.Result.Primary.Category == "other" && p.Result.Unsure is null;

    /// <summary>An email that asks for nothing but would be drafted a refusal without a choice.</summary>
    public static bool NothingRefused(Prediction p) => p.Email.Kind == "other" && p.Result.Primary.Category != "other" && p.Result.Unsure is null;

    /// <summary>Right, or unsure with the right kind among the two candidates (the account manager picks it).</summary>
    public static bool RightOrOffered(Prediction p) =>
        p.Correct && p.Result.Unsure is null || p.Result.Unsure?.Candidates.Any(c => c.Category == p.Email.Kind) == true;

    public static (int Tp, int Flagged, int Labelled) Flag(IEnumerable<Prediction> predictions, string flag)
    {
        var list = predictions.ToList();
        return (list.Count(p => p.Email.Flags.Contains(flag) && p.Result.Flags.Contains(flag)),
            list.Count(p => p.Result.Flags.Contains(flag)), list.Count(p => p.Email.Flags.Contains(flag)));
    }

    public static (int Found, int Labelled) SecondaryFound(IEnumerable<Prediction> predictions)
    {
        var withSecondary = predictions.Where(p => p.Email.Secondary.Count > 0).ToList();
        var found = withSecondary.Sum(p => p.Email.Secondary.Count(s => p.Result.Secondary.Any(x => x.Category == s) || p.Result.Primary.Category == s));
        return (found, withSecondary.Sum(p => p.Email.Secondary.Count));
    }

    /// <summary>Labelled figures the reader found: a figure of the result overlaps the labelled text in the body.</summary>
    public static (int Found, int Labelled, List<string> Missed) FiguresFound(IEnumerable<Prediction> predictions)
    {
        int found = 0, labelled = 0;
        var missed = new List<string>();
        foreach (var p in predictions)
        {
            var spans = p.Result.Figures.Select(f => p.Result.Email.ToSource(f.Start, f.Length)).ToList();
            foreach (var figure in p.Email.Figures)
            {
                labelled++;
                var at = p.Email.Body.IndexOf(figure.Text, StringComparison.Ordinal);
                var hit = false;
                while (at >= 0 && !hit)
                {
                    var end = at + figure.Text.Length;
                    hit = spans.Any(s => s.Start < end && s.Start + s.Length > at);
                    at = p.Email.Body.IndexOf(figure.Text, at + 1, StringComparison.Ordinal);
                }
                if (hit) found++;
                else missed.Add($"{p.Email.File}: {figure.Text}");
            }
        }
        return (found, labelled, missed);
    }

    /// <summary>Of the asks read right, how many show the labelled asking clause in their evidence.</summary>
    public static (int Hit, int Total, double MeanWords) EvidenceHits(IEnumerable<Prediction> predictions)
    {
        int hit = 0, total = 0;
        var words = new List<int>();
        foreach (var p in predictions.Where(p => p.Correct && p.Email.Kind != "other" && p.Email.Evidence.Length > 0))
        {
            var at = p.Email.Body.IndexOf(p.Email.Evidence, StringComparison.Ordinal);
            if (at < 0) continue;
            total++;
            var end = at + p.Email.Evidence.Length;
            var body = p.Result.Primary.Evidence.Where(e => e.In == "body").ToList();
            if (body.Any(e => e.Start < end && e.Start + e.Length > at)) hit++;
            words.AddRange(body.Select(e => e.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        }
        return (hit, total, words.Count == 0 ? 0 : words.Average());
    }

    public static string Write(string title, IReadOnlyList<Prediction> predictions)
    {
        var sb = new StringBuilder();
        var kinds = predictions.Select(p => p.Email.Kind).Concat(predictions.Select(p => p.Result.Primary.Category))
            .Distinct().OrderBy(k => k == "other" ? "~" : k, StringComparer.Ordinal).ToList();
        sb.AppendLine($"== {title}: {predictions.Count} emails ==");
        sb.AppendLine(string.Format(Inv, "{0,-14} {1,9} {2,7} {3,6} {4,8}", "kind", "precision", "recall", "f1", "support"));
        foreach (var k in kinds)
        {
            var tp = predictions.Count(p => p.Email.Kind == k && p.Result.Primary.Category == k);
            var predicted = predictions.Count(p => p.Result.Primary.Category == k);
            var actual = predictions.Count(p => p.Email.Kind == k);
            var precision = predicted == 0 ? 0 : tp / (double)predicted;
            var recall = actual == 0 ? 0 : tp / (double)actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            sb.AppendLine(string.Format(Inv, "{0,-14} {1,9:0.000} {2,7:0.000} {3,6:0.000} {4,8}", k, precision, recall, f1, actual));
        }
        sb.AppendLine();
        sb.AppendLine("confusion matrix (rows: labelled, columns: predicted)");
        sb.Append(string.Format(Inv, "{0,-14}", ""));
        foreach (var k in kinds) sb.Append(string.Format(Inv, "{0,8}", Abbrev(k)));
        sb.AppendLine();
        foreach (var row in kinds)
        {
            sb.Append(string.Format(Inv, "{0,-14}", row));
            foreach (var col in kinds)
                sb.Append(string.Format(Inv, "{0,8}", predictions.Count(p => p.Email.Kind == row && p.Result.Primary.Category == col)));
            sb.AppendLine();
        }
        sb.AppendLine();
        var n = predictions.Count;
        var asks = predictions.Count(p => p.Email.Kind != "other");
        var none = n - asks;
        var unsure = predictions.Count(p => p.Result.Unsure is not null);
        sb.AppendLine(string.Format(Inv, "primary accuracy: {0:0.0%} ({1}/{2})", Accuracy(predictions.ToList()), predictions.Count(p => p.Correct), n));
        sb.AppendLine(string.Format(Inv, "unsure (the pane asks first): {0}/{1} ({2:0.0%}); right or offered as a choice: {3}/{1}",
            unsure, n, n == 0 ? 0 : unsure / (double)n, predictions.Count(RightOrOffered)));
        sb.AppendLine(string.Format(Inv, "real asks answered \"no refusable ask\": {0}/{1}", predictions.Count(AskWavedAway), asks));
        sb.AppendLine(string.Format(Inv, "emails with no ask that got a refusal: {0}/{1}", predictions.Count(NothingRefused), none));
        var (tpT, flT, lbT) = Flag(predictions, AskFlags.Threat);
        var (tpA, flA, lbA) = Flag(predictions, AskFlags.Abusive);
        foreach (var (flag, tp, flagged, labelled) in new[] { ("threat", tpT, flT, lbT), ("abusive", tpA, flA, lbA) })
            sb.AppendLine(string.Format(Inv, "flag {0,-8} precision {1:0.000} recall {2:0.000} (labelled {3}, flagged {4}, right {5})", flag,
                flagged == 0 ? 0 : tp / (double)flagged, labelled == 0 ? 0 : tp / (double)labelled, labelled, flagged, tp));
        sb.AppendLine(string.Format(Inv, "flags raised that were right: {0}/{1}", tpT + tpA, flT + flA));
        var withAudience = predictions.Where(p => p.Email.Audience is not null).ToList();
        if (withAudience.Count > 0)
            sb.AppendLine(string.Format(Inv, "suggested audience matches label: {0:0.0%} ({1}/{2})",
                withAudience.Count(p => p.Result.Audience.Suggested == p.Email.Audience) / (double)withAudience.Count,
                withAudience.Count(p => p.Result.Audience.Suggested == p.Email.Audience), withAudience.Count));
        var (sf, sl) = SecondaryFound(predictions);
        if (sl > 0) sb.AppendLine(string.Format(Inv, "secondary asks found: {0}/{1} ({2:0.0%})", sf, sl, sf / (double)sl));
        var named = predictions.Sum(p => p.Result.Secondary.Count);
        var namedRight = predictions.Sum(p => p.Result.Secondary.Count(x => x.Category == p.Email.Kind || p.Email.Secondary.Contains(x.Category)));
        sb.AppendLine(string.Format(Inv, "secondary asks named: {0}, of which asked: {1}", named, namedRight));
        var (ff, fl, _) = FiguresFound(predictions);
        if (fl > 0) sb.AppendLine(string.Format(Inv, "figures found: {0}/{1} ({2:0.0%})", ff, fl, ff / (double)fl));
        var (eh, et, ew) = EvidenceHits(predictions);
        if (et > 0) sb.AppendLine(string.Format(Inv, "evidence shows the asking clause: {0}/{1}; mean evidence length {2:0.0} words", eh, et, ew));
        if (predictions.Any(p => p.Milliseconds > 0))
        {
            var ms = predictions.Select(p => p.Milliseconds).Order().ToList();
            sb.AppendLine(string.Format(Inv, "classify time: median {0:0.00} ms, slowest {1:0.00} ms", ms[ms.Count / 2], ms[^1]));
        }
        return sb.ToString();
    }

    public static string Mistakes(IEnumerable<Prediction> predictions)
    {
        var sb = new StringBuilder();
        foreach (var p in predictions.Where(p => !p.Correct || p.Result.Unsure is not null))
            sb.AppendLine($"{p.Email.File,-16} labelled {p.Email.Kind,-14} predicted {p.Result.Primary.Category,-14} {p.Result.Primary.Confidence:0.00}" +
                          (p.Result.Unsure is { } u ? $" UNSURE[{string.Join("/", u.Candidates.Select(c => c.Category))}]" : "") +
                          $"  [{string.Join(" | ", p.Result.Primary.Evidence.Select(e => Clip(e.Text)))}]");
        return sb.ToString();
    }

    private static string Clip(string s) => (s.Length <= 90 ? s : s[..87] + "...").Replace('\n', ' ');

    private static string Abbrev(string k) => k.Length <= 7 ? k : k[..7];
}
