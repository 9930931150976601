using System.Security.Claims;
using System.Text;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Evaluation;

/// <summary>How often the stance the product suggests matches the labelled one. The stance is the one the compose
/// step takes for the labelled kind (the kind an account manager drafts), through the email's trade pack, on the
/// emails with an ask: a stance is only taken for a reply that answers one. "Consider a yes" comes from the shipped
/// limits an account manager may agree without approval (facts), so it is measured with those.</summary>
public static class StanceReport
{
    public static string Write(string name, KindCatalog catalog, IEnumerable<Prediction> predictions, bool details, DateOnly today)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "eval"));
        var rows = predictions.Where(p => p.Email.Stance is not ("none" or "") && catalog.Find(p.Email.Kind) is { Definition.Refusable: true }).Select(p =>
        {
            var view = catalog.Packs.ContainsKey(p.Email.Trade) ? catalog.ForPack(p.Email.Trade) : catalog;
            var kind = view.Find(p.Email.Kind)!;
            var email = new DraftEmail(p.Email.Subject, p.Email.Body, new EmailAddress(p.Email.FromName, p.Email.FromEmail), null, null);
            var composed = Composer.Compose(view, new ComposeInput(kind, Audiences.Commercial, email, p.Result, new Dictionary<string, string?>(),
                kind.Offered(Register.IsBrief(p.Result.Email), null, p.Result.Evidence?.Message), null, user), today, [], CancellationToken.None);
            var read = composed?.StanceRead ?? StanceReader.Read(p.Result, kind.Id);
            return (p.Email.File, Label: p.Email.Stance, Raw: p.Email.Stance, Read: read);
        }).ToList();
        var sb = new StringBuilder();
        sb.AppendLine($"== stance: {name} ({rows.Count} emails with an ask a draft can answer) ==");
        foreach (var stance in new[] { Stances.OwnPart, Stances.Imposed, Stances.Small })
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
