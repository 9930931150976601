using System.Text;
using OutlookSayNo.Asks;

namespace OutlookSayNo.Evaluation;

/// <summary>How well the ask is read in full, on emails with a refusable ask, with the labelled kind
/// (as the account manager would pick it): the requested figure, the roles of the figures, and how
/// often a reason, an offer and a plain request phrase are found.</summary>
public static class ReadingReport
{
    public static string Write(string name, IEnumerable<Prediction> predictions, bool mistakes)
    {
        int withRequested = 0, requestedFound = 0, requestedPicked = 0, requestedRight = 0;
        int rolesCompared = 0, rolesRight = 0, asks = 0, reasons = 0, offers = 0, phrases = 0;
        var lines = new StringBuilder();
        var confusion = new Dictionary<(string, string), int>();
        foreach (var p in predictions.Where(p => p.Email.Kind != "other"))
        {
            asks++;
            var reading = AskReader.Read(p.Result, p.Email.Kind);
            var email = p.Result.Email;
            (int Start, int End) Src(RoledFigure f) { var (s, l) = email.ToSource(f.Figure.Start, f.Figure.Length); return (s, s + l); }
            bool Overlaps(LabelledFigure l, RoledFigure f) => Places(p.Email.Body, l.Text).Any(x => x.Start < Src(f).End && Src(f).Start < x.End);

            var labelledRequested = p.Email.Figures.Where(f => f.Role == "requested").ToList();
            if (labelledRequested.Count > 0)
            {
                withRequested++;
                if (reading.Requested is { } r && labelledRequested.Any(l => Overlaps(l, r))) requestedFound++;
                else if (mistakes) lines.AppendLine($"  requested missed {p.Email.File}: labelled [{string.Join(" | ", labelledRequested.Select(l => l.Text))}] read [{reading.Requested?.Figure.Text}] roles [{string.Join(" | ", reading.Figures.Select(f => $"{f.Figure.Text}={f.Role}"))}]");
            }
            if (reading.Requested is { } picked)
            {
                requestedPicked++;
                if (labelledRequested.Any(l => Overlaps(l, picked))) requestedRight++;
                else if (mistakes && labelledRequested.Count == 0) lines.AppendLine($"  requested wrong {p.Email.File}: read [{picked.Figure.Text}], labelled [{string.Join(" | ", p.Email.Figures.Select(f => $"{f.Text}={f.Role}"))}]");
            }
            foreach (var l in p.Email.Figures)
            {
                var f = reading.Figures.FirstOrDefault(f => Overlaps(l, f));
                if (f is null) continue;
                rolesCompared++;
                var read = f.Role is FigureRole.Unclear ? "other" : f.Role;
                if (read == l.Role) rolesRight++;
                confusion[(l.Role, read)] = confusion.GetValueOrDefault((l.Role, read)) + 1;
            }
            if (reading.Reason is not null) reasons++;
            if (reading.Offer is not null) offers++;
            if (reading.RequestOurs is not null) phrases++;
            if (mistakes && (reading.Reason is not null || reading.Offer is not null || reading.RequestOurs is not null))
                lines.AppendLine($"  {p.Email.File}: request [{reading.RequestOurs}] reason [{reading.ReasonTheirs}] offer [{reading.OfferTheirs}]");
        }
        var sb = new StringBuilder();
        sb.AppendLine($"== reading the ask in full: {name} ({asks} emails with an ask, read as the labelled kind) ==");
        sb.AppendLine($"requested figure found: {requestedFound}/{withRequested} ({Pct(requestedFound, withRequested)})");
        sb.AppendLine($"requested figure picked and right: {requestedRight}/{requestedPicked} ({Pct(requestedRight, requestedPicked)})");
        sb.AppendLine($"figure roles right (figures found): {rolesRight}/{rolesCompared} ({Pct(rolesRight, rolesCompared)})");
        sb.AppendLine($"reason read: {reasons}/{asks}; offer read: {offers}/{asks}; plain request phrase: {phrases}/{asks}");
        sb.AppendLine("role confusion (labelled -> read): " + string.Join(", ", confusion.Where(c => c.Key.Item1 != c.Key.Item2).OrderByDescending(c => c.Value).Take(12).Select(c => $"{c.Key.Item1}->{c.Key.Item2} {c.Value}")));
        if (mistakes) sb.Append(lines);
        return sb.ToString();
    }

    private static IEnumerable<(int Start, int End)> Places(string body, string text)
    {
        for (var at = body.IndexOf(text, StringComparison.Ordinal); at >= 0; at = body.IndexOf(text, at + 1, StringComparison.Ordinal))
            yield return (at, at + text.Length);
    }

    private static string Pct(int a, int b) => b == 0 ? "-" : $"{100.0 * a / b:0.0}%";
}
