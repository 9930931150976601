using System.Text;
using OutlookSayNo.Asks;

namespace OutlookSayNo.Evaluation;

/// <summary>How often the stance the product suggests matches the labelled one. The stance is read for the
/// labelled kind (the kind an account manager drafts), on the emails with an ask: a stance is only taken
/// for a reply that answers one. "small" counts as "refuse" here (the product does not suggest it yet).</summary>
public static class StanceReport
{
    public static string Write(string name, IEnumerable<Prediction> predictions, bool details)
    {
        var rows = predictions.Where(p => p.Email.Stance is not ("none" or "")).Select(p =>
        {
            var kind = p.Email.Kind;
            var read = StanceReader.Read(p.Result, kind);
            var label = p.Email.Stance == "small" ? Stances.Refuse : p.Email.Stance;
            return (p.Email.File, Label: label, Raw: p.Email.Stance, Read: read);
        }).ToList();
        var sb = new StringBuilder();
        sb.AppendLine($"== stance: {name} ({rows.Count} emails with an ask; 'small' counts as 'refuse') ==");
        foreach (var stance in new[] { Stances.OwnPart, Stances.Imposed })
        {
            var tp = rows.Count(r => r.Label == stance && r.Read.Suggested == stance);
            var predicted = rows.Count(r => r.Read.Suggested == stance);
            var labelled = rows.Count(r => r.Label == stance);
            sb.AppendLine($"{Stances.Label(stance),-22} precision {Ratio(tp, predicted)} recall {Ratio(tp, labelled)} (labelled {labelled}, suggested {predicted}, right {tp})");
        }
        sb.AppendLine($"stance right: {rows.Count(r => r.Label == r.Read.Suggested)}/{rows.Count}");
        if (details)
            foreach (var r in rows.Where(r => r.Label != r.Read.Suggested))
                sb.AppendLine($"  {r.File,-18} labelled {r.Raw,-9} read {r.Read.Suggested,-9} {string.Join(" | ", r.Read.Evidence.Select(e => Cut(e.Text)))}");
        return sb.ToString();
    }

    private static string Ratio(int a, int b) => b == 0 ? "-" : $"{(double)a / b:0.000}";
    private static string Cut(string s) { s = s.Replace('\n', ' '); return s.Length > 90 ? s[..90] + "..." : s; }
}
