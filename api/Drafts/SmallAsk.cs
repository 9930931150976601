using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Drafts;

/// <summary>Reads whether an ask is small enough to consider a yes: the kind's rule (<c>smallWhen</c>) compares what
/// they ask for with the most an account manager may agree without approval, a fact the business sets; or the ask is
/// one the kind lists as usually granted (<c>smallCues</c>: a licence moved to a new computer, paying by bank
/// transfer), or is asked as a one-off.</summary>
public static class SmallAsk
{
    /// <summary>A "consider a yes" reading with what makes it so (the two figures, or the sentence that asks a usual
    /// favour), or null: no rule or cue of the kind applies, the business has not set the limit, the value is unknown,
    /// not above zero, over the limit or in another currency.</summary>
    public static StanceReading? Read(Kind kind, KindCatalog catalog, IReadOnlyDictionary<string, DataPointValue?> data, AskReading reading,
        Classification classification, DateOnly today) =>
        WithinLimit(kind, catalog, data, reading, classification, today) ?? UsuallyGranted(kind, classification);

    // Asks made as a one-off, in words every kind shares ("as a one-time courtesy", "only for this month").
    private static readonly CueSet OneOff = new(new[]
    {
        "(one time|one off) (courtesy|exception|gesture|favour|favor)", "just this (once|one time)", "(only|just) (for)? this (once|month|one time)", "temporarily",
    }.Select(p => CuePattern.Parse(p, 1)));

    /// <summary>An ask the kind lists as one an account manager usually grants (<c>smallCues</c>), or one asked as a one-off.</summary>
    private static StanceReading? UsuallyGranted(Kind kind, Classification c)
    {
        if (c.Evidence is not { } e) return null;
        var found = new List<CueSet.CueMatch>();
        kind.SmallCues.MatchAll(e.Message.Tokens, found);
        var reason = "Your setup lists asks like this as ones an account manager usually grants.";
        if (found.Count == 0)
        {
            OneOff.MatchAll(e.Message.Tokens, found);
            reason = "They ask for it as a one-off.";
        }
        if (found.Count == 0) return null;
        var first = found.MinBy(m => m.FirstToken);
        return new StanceReading(Stances.Small, reason, [Pressure.Sentence(c.Email, e.Message, first.FirstToken, "stance")]);
    }

    private static string Lower(string label) => label.Length == 0 ? label : char.ToLowerInvariant(label[0]) + label[1..];

    private static StanceReading? WithinLimit(Kind kind, KindCatalog catalog, IReadOnlyDictionary<string, DataPointValue?> data, AskReading reading,
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
        var reason = $"{asked.Label}: {asked.Value}; {Lower(limit.Label)}: {DataPoints.Format(limit.Unit, most, factCurrency, today)}.";
        IReadOnlyList<Evidence> evidence = reading.Request is { } r ? [new Evidence(r.Text, r.Start, r.Length)] : [];
        return new StanceReading(Stances.Small, reason, evidence);
    }
}
