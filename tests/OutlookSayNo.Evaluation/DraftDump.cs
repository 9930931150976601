using System.Security.Claims;
using System.Text;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Evaluation;

/// <summary>Writes, for every email with an ask, the email and the one draft an account manager would make of it
/// (the labelled kind, stance, audience and other asks picked, nothing typed), one file each, for people to read
/// and grade. Drafts are what the account manager would otherwise have to rewrite, so this shows the writing, not
/// the reading: the reader's own mistakes are measured by the other reports.</summary>
public static class DraftDump
{
    public static int Write(KindCatalog catalog, IEnumerable<Prediction> predictions, string folder, DateOnly today)
    {
        Directory.CreateDirectory(folder);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "eval"));
        var written = 0;
        foreach (var p in predictions.Where(p => p.Email.Kind != "other" && catalog.Find(p.Email.Kind) is { Definition.Refusable: true }))
        {
            var view = catalog.Packs.ContainsKey(p.Email.Trade) ? catalog.ForPack(p.Email.Trade) : catalog;
            var kind = view.Find(p.Email.Kind)!;
            var stance = p.Email.Stance is Stances.OwnPart or Stances.Imposed ? p.Email.Stance : Stances.Refuse;
            var audience = Audiences.All.Contains(p.Email.Audience ?? "") ? p.Email.Audience! : Audiences.Commercial;
            var also = p.Email.Secondary.Where(s => s != kind.Definition.Id && view.Find(s) is { Definition.Refusable: true }).Distinct().ToList();
            var email = new DraftEmail(p.Email.Subject, p.Email.Body, new EmailAddress(p.Email.FromName, p.Email.FromEmail), null, null);
            // The defaults as the draft request picks them: from the kind as this message sees it.
            var offered = view.ForMessage(p.Result.Evidence?.Message, kind.Id).Find(kind.Id)!.Offered(Register.IsBrief(p.Result.Email), stance, p.Result.Evidence?.Message, AskReader.TellsOfHardship(p.Result));
            var composed = Composer.Compose(view, new ComposeInput(kind, audience, email, p.Result, new Dictionary<string, string?>(), offered, null, user,
                Stance: stance, Also: also.Count > 0 ? also : null, OfferedAreDefaults: true), today, new Dictionary<string, string[]>(), CancellationToken.None);
            if (composed is null) continue;
            var sb = new StringBuilder();
            sb.AppendLine($"# {p.Email.File}");
            sb.AppendLine($"Business: {(string.IsNullOrEmpty(p.Email.Trade) ? "unstated" : p.Email.Trade)}; the account manager picked: {kind.Definition.Title}" +
                          $"{(also.Count > 0 ? " (also: " + string.Join(", ", also.Select(a => view.Find(a)!.Definition.Title)) + ")" : "")}; stance {stance}; audience {audience}");
            sb.AppendLine();
            sb.AppendLine("## The customer's email");
            sb.AppendLine($"From: {p.Email.FromName} <{p.Email.FromEmail}>");
            sb.AppendLine($"Subject: {p.Email.Subject}");
            sb.AppendLine();
            sb.AppendLine(p.Email.Body.Trim());
            sb.AppendLine();
            sb.AppendLine("## The draft");
            sb.AppendLine();
            sb.AppendLine(composed.Text.Trim());
            File.WriteAllText(Path.Combine(folder, Path.ChangeExtension(p.Email.File, ".md")), sb.ToString());
            written++;
        }
        return written;
    }
}
