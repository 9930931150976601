namespace OutlookSayNo.Reading;

public enum FigureKind { Percent, Money, Date, Duration, Quantity }

/// <summary>A figure found in text. <see cref="Number"/> is what arithmetic uses: the percent,
/// the amount, the days of a duration, the days from today until a date, the count.</summary>
public sealed record Figure(
    FigureKind Kind,
    string Text,
    int Start,
    int Length,
    decimal Number,
    string? Currency = null,
    DateOnly? Date = null,
    string? Iso = null,
    string? Unit = null);
