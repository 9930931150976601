using System.Text.RegularExpressions;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Evaluation;

/// <summary>K-fold cross-validation on the dev split only: each fold is classified by a catalog whose
/// word model also learned the other folds' asking sentences. Folds follow source groups, so two
/// messages from one page never sit on both sides.</summary>
public static partial class CrossValidation
{
    public static string Group(string source)
    {
        if (source.StartsWith("enron:", StringComparison.Ordinal))
            return MaildirRegex().Match(source) is { Success: true } m ? "enron:" + m.Groups[1].Value
                : MboxRegex().Match(source) is { Success: true } x ? "enron:" + x.Groups[1].Value : source;
        if (GithubRegex().Match(source) is { Success: true } g) return ("github/" + g.Groups[1].Value + "/" + g.Groups[2].Value).ToLowerInvariant();
        return HostRegex().Match(source) is { Success: true } h ? h.Groups[1].Value.ToLowerInvariant() : source;
    }

    public static int Fold(LabelledEmail e, int folds) =>
        (int)((uint)StableHash(Group(e.Source)) % (uint)folds);

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }

    /// <summary>The asking sentences a labelled email teaches: its evidence clause for its kind; for an
    /// email that asks nothing, each line of its newest message for "other".</summary>
    public static IEnumerable<(string Kind, string Sentence)> Teaches(LabelledEmail e)
    {
        if (e.Kind != "other")
        {
            if (e.Evidence.Length > 0) yield return (e.Kind, e.Evidence);
            yield break;
        }
        var email = Reading.EmailReader.Read(e.Body);
        foreach (var line in email.MessageText.Split(['\n', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (line.Length >= 25) yield return ("other", line);
    }

    /// <summary>The catalog with its word model retrained on its examples (those <paramref name="keep"/>
    /// accepts) plus <paramref name="extra"/>. The kinds' definitions keep their example lists; only the model changes.</summary>
    public static KindCatalog WithExtraExamples(KindCatalog catalog, IEnumerable<(string Kind, string Sentence)> extra, Func<string, bool>? keep = null)
    {
        var repeat = int.TryParse(Environment.GetEnvironmentVariable("SAYNO_REAL_WEIGHT"), out var r) ? r : 1;
        var byKind = extra.GroupBy(x => x.Kind).ToDictionary(g => g.Key, g => g.SelectMany(x => Enumerable.Repeat(x.Sentence, repeat)).ToList());
        var training = catalog.Kinds.Values.Where(k => k.Definition.Examples.Count > 0)
            .Select(k => (k.Id, (IEnumerable<string>)k.Definition.Examples.Where(e => keep?.Invoke(e) ?? true).Concat(byKind.GetValueOrDefault(k.Id) ?? []).ToList()))
            .ToList();
        return new KindCatalog
        {
            Kinds = catalog.Kinds, Currency = catalog.Currency, Facts = catalog.Facts, ThreatDefinition = catalog.ThreatDefinition,
            Threat = catalog.Threat, AbusiveDefinition = catalog.AbusiveDefinition, Abusive = catalog.Abusive,
            AudienceCues = catalog.AudienceCues, Partials = catalog.Partials, Documents = catalog.Documents, Version = catalog.Version,
            FlagExamples = catalog.FlagExamples, Examples = ExampleModel.Train(training),
        };
    }

    public static List<Prediction> Run(KindCatalog catalog, IReadOnlyList<LabelledEmail> dev, int folds, bool learn)
    {
        var result = new List<Prediction>();
        for (var f = 0; f < folds; f++)
        {
            var held = dev.Where(e => Fold(e, folds) == f).ToList();
            var devSentences = Training.DevSentences(dev);
            var trained = learn
                ? WithExtraExamples(catalog, dev.Where(e => Fold(e, folds) != f).SelectMany(Teaches), e => !devSentences.Contains(e))
                : WithExtraExamples(catalog, [], e => !devSentences.Contains(e));
            result.AddRange(EvalSet.Run(trained, held));
        }
        return result.OrderBy(p => p.Email.File, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"maildir/([^/]+)/")]
    private static partial Regex MaildirRegex();
    [GeneratedRegex(@"/enron\.([a-z]+-[a-z])\.")]
    private static partial Regex MboxRegex();
    [GeneratedRegex(@"github\.com/([^/]+)/([^/#?]+)", RegexOptions.IgnoreCase)]
    private static partial Regex GithubRegex();
    [GeneratedRegex(@"^https?://(?:www\.)?([^/]+)")]
    private static partial Regex HostRegex();
}
