using System.Globalization;
using System.Text;

namespace OutlookSayNo.Evaluation;

/// <summary>Per-kind precision and recall, a confusion matrix, overall accuracy, flags and audience.</summary>
public static class Report
{
    public static double Accuracy(IReadOnlyCollection<Prediction> predictions) =>
        predictions.Count == 0 ? 0 : predictions.Count(p => p.Correct) / (double)predictions.Count;

    public static string Write(string title, IReadOnlyList<Prediction> predictions)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var kinds = predictions.Select(p => p.Email.Kind).Concat(predictions.Select(p => p.Result.Primary.Category))
            .Distinct().OrderBy(k => k == "other" ? "~" : k, StringComparer.Ordinal).ToList();
        sb.AppendLine($"== {title}: {predictions.Count} emails ==");
        sb.AppendLine(string.Format(inv, "{0,-14} {1,9} {2,7} {3,6} {4,8}", "kind", "precision", "recall", "f1", "support"));
        foreach (var k in kinds)
        {
            var tp = predictions.Count(p => p.Email.Kind == k && p.Result.Primary.Category == k);
            var predicted = predictions.Count(p => p.Result.Primary.Category == k);
            var actual = predictions.Count(p => p.Email.Kind == k);
            var precision = predicted == 0 ? 0 : tp / (double)predicted;
            var recall = actual == 0 ? 0 : tp / (double)actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            sb.AppendLine(string.Format(inv, "{0,-14} {1,9:0.000} {2,7:0.000} {3,6:0.000} {4,8}", k, precision, recall, f1, actual));
        }
        sb.AppendLine();
        sb.AppendLine("confusion matrix (rows: labelled, columns: predicted)");
        sb.Append(string.Format(inv, "{0,-14}", ""));
        foreach (var k in kinds) sb.Append(string.Format(inv, "{0,8}", Abbrev(k)));
        sb.AppendLine();
        foreach (var row in kinds)
        {
            sb.Append(string.Format(inv, "{0,-14}", row));
            foreach (var col in kinds)
                sb.Append(string.Format(inv, "{0,8}", predictions.Count(p => p.Email.Kind == row && p.Result.Primary.Category == col)));
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine(string.Format(inv, "primary accuracy: {0:0.0%} ({1}/{2})", Accuracy(predictions.ToList()), predictions.Count(p => p.Correct), predictions.Count));
        foreach (var flag in new[] { "threat", "abusive" })
        {
            var tp = predictions.Count(p => p.Email.Flags.Contains(flag) && p.Result.Flags.Contains(flag));
            var predicted = predictions.Count(p => p.Result.Flags.Contains(flag));
            var actual = predictions.Count(p => p.Email.Flags.Contains(flag));
            sb.AppendLine(string.Format(inv, "flag {0,-8} precision {1:0.000} recall {2:0.000} (labelled {3}, flagged {4})", flag,
                predicted == 0 ? 0 : tp / (double)predicted, actual == 0 ? 0 : tp / (double)actual, actual, predicted));
        }
        var withAudience = predictions.Where(p => p.Email.Audience is not null).ToList();
        if (withAudience.Count > 0)
            sb.AppendLine(string.Format(inv, "suggested audience matches label: {0:0.0%} ({1}/{2})",
                withAudience.Count(p => p.Result.Audience.Suggested == p.Email.Audience) / (double)withAudience.Count,
                withAudience.Count(p => p.Result.Audience.Suggested == p.Email.Audience), withAudience.Count));
        var withSecondary = predictions.Where(p => p.Email.Secondary.Count > 0).ToList();
        if (withSecondary.Count > 0)
        {
            var found = withSecondary.Sum(p => p.Email.Secondary.Count(s => p.Result.Secondary.Any(x => x.Category == s) || p.Result.Primary.Category == s));
            sb.AppendLine(string.Format(inv, "secondary asks found: {0}/{1}", found, withSecondary.Sum(p => p.Email.Secondary.Count)));
        }
        return sb.ToString();
    }

    public static string Mistakes(IEnumerable<Prediction> predictions)
    {
        var sb = new StringBuilder();
        foreach (var p in predictions.Where(p => !p.Correct))
            sb.AppendLine($"{p.Email.File,-8} labelled {p.Email.Kind,-14} predicted {p.Result.Primary.Category,-14} {p.Result.Primary.Confidence:0.00}  " +
                          $"[{string.Join(" | ", p.Result.Primary.Evidence.Select(e => e.Text))}]");
        return sb.ToString();
    }

    private static string Abbrev(string k) => k.Length <= 7 ? k : k[..7];
}
