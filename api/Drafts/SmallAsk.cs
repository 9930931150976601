using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Drafts;

/// <summary>Reads whether an ask is small enough to consider a yes: the kind's rule (<c>smallWhen</c>) compares what
/// they ask for with the most an account manager may agree without approval, a fact the business sets. No cue in the
/// wording says an ask is small (the real-mail corpus showed none); the business's own limit does.</summary>
public static class SmallAsk
{
    /// <summary>A "consider a yes" reading with the figures that make it so, or null when the kind has no rule, the
    /// business has not set the limit, the value is unknown or not above zero, or it is over the limit.</summary>
    public static StanceReading? Read(Kind kind, KindCatalog catalog, IReadOnlyDictionary<string, DataPointValue?> data, AskReading reading,
        Classification classification, DateOnly today)
    {
        if (kind.Definition.SmallWhen is not { } rule) return null;
        if (!data.TryGetValue(rule.DataPoint, out var asked) || asked?.Number is not { } n || n <= 0) return null;
        if (!catalog.Facts.TryGetValue(rule.AtMostFact, out var limit) || limit.Value is not { } most || n > most) return null;
        var factCurrency = limit.Currency ?? catalog.Currency;
        if (limit.Unit == "money")
        {
            // An amount in another currency is not compared with the limit: 80 euros is not 80 dollars.
            var theirs = classification.Figures.FirstOrDefault(f => f.Kind == FigureKind.Money && f.Currency is not null)?.Currency ?? catalog.Currency;
            if (theirs != factCurrency) return null;
        }
        var reason = $"The ask is within what you may agree without approval. {asked.Label}: {asked.Value}. {limit.Label}: {DataPoints.Format(limit.Unit, most, factCurrency, today)}.";
        IReadOnlyList<Evidence> evidence = reading.Request is { } r ? [new Evidence(r.Text, r.Start, r.Length)] : [];
        return new StanceReading(Stances.Small, reason, evidence);
    }
}
