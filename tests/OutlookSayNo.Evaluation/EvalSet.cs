using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Evaluation;

/// <summary>One labelled email of tests/eval/emails (format in tests/eval/README.md).</summary>
public sealed record LabelledEmail(
    string File, string Kind, IReadOnlyList<string> Secondary, IReadOnlyList<string> Flags, string? Audience,
    string Style, string Split, string Subject, string FromName, string FromEmail, string Body);

public sealed record Prediction(LabelledEmail Email, Classification Result)
{
    public bool Correct => Result.Primary.Category == Email.Kind;
}

public static class EvalSet
{
    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No OutlookSayNo.sln above {start}.");
    }

    public static List<LabelledEmail> Load(string folder)
    {
        var list = new List<LabelledEmail>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n");
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            if (split < 0) throw new FormatException($"{file}: no blank line between the headers and the body.");
            var headers = text[..split].Split('\n')
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            string H(string k) => headers.TryGetValue(k, out var v) ? v : "";
            static List<string> Csv(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var from = H("From");
            var lt = from.IndexOf('<');
            var (name, email) = lt >= 0 ? (from[..lt].Trim().Trim('"'), from[(lt + 1)..].TrimEnd('>').Trim()) : ("", from);
            if (H("Kind").Length == 0) throw new FormatException($"{file}: no Kind header.");
            list.Add(new LabelledEmail(Path.GetFileName(file), H("Kind"), Csv(H("Secondary")), Csv(H("Flags")),
                H("Audience") is { Length: > 0 } a ? a : null, H("Style"), H("Split") is { Length: > 0 } s ? s : "dev",
                H("Subject"), name, email, text[(split + 2)..]));
        }
        return list;
    }

    public static List<Prediction> Run(KindCatalog catalog, IEnumerable<LabelledEmail> emails, TimeProvider? clock = null)
    {
        var classifier = new Classifier(clock ?? TimeProvider.System);
        return emails.Select(e => new Prediction(e, classifier.Classify(catalog, e.Subject, e.Body))).ToList();
    }
}
