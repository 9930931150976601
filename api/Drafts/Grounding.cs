using OutlookSayNo.Asks;
using OutlookSayNo.Checks;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Drafts;

/// <summary>What a draft may rest on, gathered for the "grounded" check.</summary>
public static class Grounding
{
    public static GroundingSources For(Classification c, AskReading reading, IReadOnlyDictionary<string, DataPointValue?> data,
        KindCatalog catalog, IReadOnlyDictionary<string, string?> fields, Kind kind, DateOnly today, bool ownPart = false, bool grants = false)
    {
        var figures = new List<Figure>(c.Figures);
        foreach (var v in data.Values)
            if (v is not null && v.Unit != "text") figures.AddRange(Values(v.Value, v.Number, v.Unit, today));
        figures.AddRange(FactFigures(catalog, today));
        var findings = kind.Definition.DataPoints.Where(d => d.Unit == "text" && d.Input)
            .Select(d => fields.TryGetValue(d.Name, out var v) ? v?.Trim() ?? "" : "")
            .Where(v => v.Length > 0).ToList();
        // A sentence the account manager pointed to is the ask's evidence: it is in this email, and they read it as the ask.
        // Owning our part, a sentence that asks for the remedy ("please repair it") is evidence of what the reply answers.
        // A reply that grants and refuses nothing answers the failure they report ("twelve of the discs were scratched").
        var evidenced = reading.Pointed || Classifier.AskEvidenced(c, kind.Id) || ownPart && reading.RemedyAsks || grants && reading.Fault;
        return new GroundingSources(figures, evidenced, kind.Definition.Title, findings);
    }

    /// <summary>The figures a sent reply may rest on: those of the draft it came from (checked when it was made)
    /// and its data points.</summary>
    public static GroundingSources ForSent(string generatedText, IReadOnlyList<string> dataPointValues, KindCatalog catalog, DateOnly today)
    {
        var figures = FigureExtractor.Extract(generatedText, today).Concat(dataPointValues.SelectMany(v => FigureExtractor.Extract(v, today))).ToList();
        figures.AddRange(FactFigures(catalog, today));
        // A finding the draft already stated came from a field the account manager typed (it passed then).
        var findings = dataPointValues.Where(v => v.Length >= 12).ToList();
        return new GroundingSources(figures, AskEvidenced: true, AskTitle: "", Findings: findings);
    }

    // A catalog's facts are fixed for its version, and reading their figures is most of the grounding's cost
    // when the save gate composes a thousand drafts: read them once per catalog and day.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KindCatalog, Tuple<DateOnly, IReadOnlyList<Figure>>> FactsRead = new();

    private static IReadOnlyList<Figure> FactFigures(KindCatalog catalog, DateOnly today)
    {
        if (FactsRead.TryGetValue(catalog, out var cached) && cached.Item1 == today) return cached.Item2;
        var figures = catalog.Facts.Values.Where(f => f.Value is not null)
            .SelectMany(f => Values(DataPoints.Format(f.Unit, f.Value!.Value, f.Currency ?? catalog.Currency, today), f.Value, f.Unit, today)).ToList();
        FactsRead.AddOrUpdate(catalog, Tuple.Create(today, (IReadOnlyList<Figure>)figures));
        return figures;
    }

    // A value as the draft states it ("$12,000", "45 days", "3 March 2027"): what the checker will find in the text.
    private static IEnumerable<Figure> Values(string formatted, decimal? number, string unit, DateOnly today)
    {
        var found = FigureExtractor.Extract(formatted, today);
        if (found.Count > 0) return found;
        // A bare number ("12") still backs a count or a percentage written another way.
        return number is { } n ? [new Figure(FigureKind.Quantity, formatted, 0, formatted.Length, n), new Figure(FigureKind.Percent, formatted, 0, formatted.Length, n)] : [];
    }
}
