using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Evaluation;

/// <summary>A figure the labeller marked in the body, with its role ("requested", "current", ...).</summary>
public sealed record LabelledFigure(string Text, string Role);

/// <summary>One labelled email: of the real-mail corpus (tests/corpus, format in tests/corpus/LABELLING.md)
/// or of the hand-written set (tests/eval, format in tests/eval/README.md).</summary>
public sealed record LabelledEmail(
    string File, string Kind, IReadOnlyList<string> Secondary, IReadOnlyList<string> Flags, string? Audience,
    string Style, string Split, string Subject, string FromName, string FromEmail, string Body)
{
    public string Source { get; init; } = "";
    public string Collection { get; init; } = "";
    public string Stance { get; init; } = "";
    public string Register { get; init; } = "";
    /// <summary>The kind of supplier the email is written to: software, goods, services or other ("" unlabelled).</summary>
    public string Trade { get; init; } = "";
    public IReadOnlyList<LabelledFigure> Figures { get; init; } = [];
    /// <summary>The clause that makes the primary ask, as it appears in the body ("" for "other").</summary>
    public string Evidence { get; init; } = "";
}

public sealed record Prediction(LabelledEmail Email, Classification Result, double Milliseconds = 0)
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

    /// <summary>The real-mail corpus: tests/corpus/dev and tests/corpus/test.</summary>
    public static string CorpusFolder(string root) => Path.Combine(root, "tests", "corpus");

    /// <summary>Loads every *.txt in <paramref name="folder"/> and, for the corpus, in its dev/ and test/
    /// folders. An email without a Split header takes its folder's name as its split.</summary>
    public static List<LabelledEmail> Load(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.txt").ToList();
        foreach (var sub in new[] { "dev", "test" })
            if (Directory.Exists(Path.Combine(folder, sub))) files.AddRange(Directory.EnumerateFiles(Path.Combine(folder, sub), "*.txt"));
        var list = new List<LabelledEmail>();
        foreach (var file in files.Order(StringComparer.Ordinal))
            list.Add(Parse(file, File.ReadAllText(file)));
        return list.OrderBy(e => e.File, StringComparer.Ordinal).ToList();
    }

    public static LabelledEmail Parse(string file, string content)
    {
        var text = content.Replace("\r\n", "\n");
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
        var folderSplit = Path.GetFileName(Path.GetDirectoryName(file)) is "dev" or "test" ? Path.GetFileName(Path.GetDirectoryName(file))! : "dev";
        var body = text[(split + 2)..];
        var figures = H("Figures").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f =>
            {
                var open = f.LastIndexOf(" (", StringComparison.Ordinal);
                return open > 0 && f.EndsWith(')') ? new LabelledFigure(f[..open].Trim(), f[(open + 2)..^1]) : new LabelledFigure(f, "");
            }).ToList();
        return new LabelledEmail(Path.GetFileName(file), H("Kind"), Csv(H("Secondary")), Csv(H("Flags")),
            H("Audience") is { Length: > 0 } a ? a : null, H("Style"), H("Split") is { Length: > 0 } s ? s : folderSplit,
            H("Subject"), name, email, body)
        {
            Source = H("Source"),
            Collection = H("Collection"),
            Stance = H("Stance"),
            Register = H("Register"),
            Trade = H("Trade"),
            Figures = figures,
            Evidence = H("Evidence"),
        };
    }

    public static List<Prediction> Run(KindCatalog catalog, IEnumerable<LabelledEmail> emails, TimeProvider? clock = null, Classifier? classifier = null)
    {
        classifier ??= new Classifier(clock ?? TimeProvider.System);
        var list = new List<Prediction>();
        foreach (var e in emails)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = classifier.Classify(catalog, e.Subject, e.Body);
            list.Add(new Prediction(e, result, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
        return list;
    }
}
