using System.Globalization;
using System.Text.RegularExpressions;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Drafts;

public sealed record DataPointValue(string Name, string Label, string Unit, string Value, decimal? Number, string Source);

public sealed record MissingField(string Name, string Label, string Unit);

/// <summary>Works out the data points of a kind: typed fields first, then the email's figures,
/// then computed values. Facts are formatted the same way.</summary>
public static partial class DataPoints
{
    public static Dictionary<string, DataPointValue?> Resolve(
        Kind kind, KindCatalog catalog, Classification classification, AskReading reading, IReadOnlyDictionary<string, string?> fields,
        DateOnly today, Dictionary<string, string[]> errors, ISet<string>? setAside = null)
    {
        var result = new Dictionary<string, DataPointValue?>(StringComparer.Ordinal);
        var used = new HashSet<Figure>();
        var currency = classification.Figures.FirstOrDefault(f => f.Kind == FigureKind.Money && f.Currency is not null)?.Currency ?? catalog.Currency;

        foreach (var (name, _) in fields)
        {
            var known = kind.Definition.DataPoints.FirstOrDefault(d => d.Name == name);
            // A field of another kind is what a kind switch leaves behind: it does not apply here and is set aside quietly.
            if (known is null && setAside is not null && catalog.Kinds.Values.Any(k => k.Definition.DataPoints.Any(d => d.Name == name && d.Input)))
            {
                setAside.Add(name);
                continue;
            }
            if (known is null || known.Compute is not null)
                errors[$"fields.{name}"] = [known is null
                    ? $"'{name}' is not a data point of the {kind.Id} kind. Known: {string.Join(", ", kind.Definition.DataPoints.Where(d => d.Compute is null).Select(d => d.Name))}."
                    : $"'{name}' is computed from other values ({known.Compute}); it cannot be typed."];
        }

        foreach (var dp in kind.Definition.DataPoints.Where(d => d.Compute is null))
        {
            if (fields.TryGetValue(dp.Name, out var typed) && !string.IsNullOrWhiteSpace(typed))
            {
                var parsed = ParseField(dp, typed.Trim(), currency, today, out var error);
                if (error is not null) errors[$"fields.{dp.Name}"] = [error];
                result[dp.Name] = parsed;
                continue;
            }
            result[dp.Name] = FromEmail(dp, reading, used, currency);
        }

        foreach (var dp in kind.Definition.DataPoints.Where(d => d.Compute is not null))
        {
            var formula = Formula.Parse(dp.Compute!);
            var value = formula.Evaluate(
                n => result.TryGetValue(n, out var v) ? v?.Number : null,
                n => catalog.Facts.TryGetValue(n, out var f) ? f.Value : null);
            result[dp.Name] = value is null ? null
                : new DataPointValue(dp.Name, dp.Label, dp.Unit, Format(dp.Unit, dp.Unit == "money" && Math.Abs(value.Value) >= 100 ? Math.Round(value.Value) : value.Value, currency, today), Math.Round(value.Value, 4), "computed");
        }
        return result;
    }

    private static DataPointValue? FromEmail(DataPointDefinition dp, AskReading reading, HashSet<Figure> used, string currency)
    {
        if (dp.From is null) return null;
        var kind = dp.From switch
        {
            "email:percent" => FigureKind.Percent,
            "email:money" => FigureKind.Money,
            "email:date" => FigureKind.Date,
            "email:duration" => FigureKind.Duration,
            _ => FigureKind.Quantity,
        };
        var roles = dp.Roles.Count > 0 ? dp.Roles : [FigureRole.Requested];
        // Only a figure whose role the reading knows fills a point: "$86,400 a year" is the deal, not a term.
        var candidates = reading.Figures.Where(f => f.Figure.Kind == kind && roles.Contains(f.Role) && !used.Contains(f.Figure)).ToList();
        if (kind == FigureKind.Duration)
        {
            var wantHours = dp.Unit == "hours";
            candidates = candidates.Where(f => (f.Figure.Unit == "hours") == wantHours).ToList();
        }
        if (kind == FigureKind.Date && dp.Dates == "future") candidates = candidates.Where(f => f.Figure.Number >= 0).ToList();
        if (kind == FigureKind.Date && dp.Dates == "past") candidates = candidates.Where(f => f.Figure.Number <= 0).ToList();
        if (candidates.Count == 0) return null;

        // The value asked for is the reading's pick; for other roles, the first in the order of the roles listed.
        var picked = reading.Requested is { } r && candidates.Contains(r) ? r
            : roles.Select(role => candidates.FirstOrDefault(f => f.Role == role)).FirstOrDefault(f => f is not null)!;
        var pick = picked.Figure;
        used.Add(pick);
        // "1/3 of the full price" asks for 66.67% off: the point holds the reduction, as the draft argues with it.
        var number = picked.AsReduction is { } reduction && kind == FigureKind.Percent ? reduction
            : kind == FigureKind.Duration && dp.Unit == "months" ? Math.Round(pick.Number / 30m, 1)
            : kind == FigureKind.Duration && dp.Unit is "number" or "years" ? Math.Round(pick.Number / 365m, 1)
            : pick.Number;
        var value = kind == FigureKind.Date
            ? FormatEmailDate(pick)
            // A percent they wrote is said back as precisely as they wrote it ("a 1.45% deduction", not 1.5%).
            : dp.Unit == "percent" && picked.AsReduction is null ? number.ToString("0.##", CultureInfo.InvariantCulture) + "%"
            : Format(dp.Unit, number, pick.Currency ?? currency, default);
        return new DataPointValue(dp.Name, dp.Label, dp.Unit, value, number, "email");
    }

    private static DataPointValue? ParseField(DataPointDefinition dp, string typed, string currency, DateOnly today, out string? error)
    {
        error = null;
        if (typed.Length > 200) { error = $"The value of {dp.Name} is longer than 200 characters."; return null; }
        switch (dp.Unit)
        {
            case "text":
                return new DataPointValue(dp.Name, dp.Label, dp.Unit, typed, null, "field");
            case "date":
                var dates = FigureExtractor.Extract(typed, today).Where(f => f.Kind == FigureKind.Date).ToList();
                if (dates.Count != 1) { error = $"'{Short(typed)}' is not a date (write it as 2027-03-03 or 3 March 2027)."; return null; }
                return new DataPointValue(dp.Name, dp.Label, dp.Unit, FormatDate(dates[0].Date!.Value), dates[0].Number, "field");
            default:
                var cleaned = typed.Trim().TrimEnd('%').Replace(",", "").Replace("$", "").Replace("€", "").Replace("£", "").Trim();
                if (!decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) || Math.Abs(n) > 1_000_000_000_000m)
                {
                    error = $"'{Short(typed)}' is not a number ({dp.Label}).";
                    return null;
                }
                if (dp.Unit == "percent" && (n < -100 || n > 1000)) { error = $"{n}% is not a plausible percentage for {dp.Label}."; return null; }
                return new DataPointValue(dp.Name, dp.Label, dp.Unit, Format(dp.Unit, n, currency, today), n, "field");
        }
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..37] + "...";

    public static string Format(string unit, decimal n, string currency, DateOnly today) => unit switch
    {
        "percent" => n.ToString("0.#", CultureInfo.InvariantCulture) + "%",
        "money" => FormatMoney(n, currency),
        "days" => Plural(n, "day"),
        "hours" => Plural(n, "hour"),
        "months" => Plural(n, "month"),
        "date" => FormatDate(today.AddDays((int)Math.Round(n))),
        _ => Math.Abs(n) >= 1000 ? n.ToString("#,0", CultureInfo.InvariantCulture) : n.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string FormatDate(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A date from the email as its writer gave it: "10 October" stays without the year they did not write
    /// (the year we would guess for an old message is wrong), and "by Saturday" names the day as well as the date.</summary>
    public static string FormatEmailDate(Figure date)
    {
        var d = date.Date!.Value;
        if (YearWrittenRegex().IsMatch(date.Text)) return FormatDate(d);
        var weekday = WeekdayRegex().IsMatch(date.Text);
        return d.ToString(weekday ? "dddd d MMMM" : "d MMMM", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\b[0-9]{4}\b|['’][0-9]{2}\b|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}\b")]
    private static partial Regex YearWrittenRegex();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeekdayRegex();

    private static string Plural(decimal n, string word)
    {
        var s = n.ToString(Math.Abs(n) >= 1000 ? "#,0" : "0.#", CultureInfo.InvariantCulture);
        return n == 1 ? $"1 {word}" : $"{s} {word}s";
    }

    public static string FormatMoney(decimal n, string currency)
    {
        // Cents are kept when there are any: "$623.26" is what the customer wrote, "$623" would misquote them.
        // Computed amounts of 100 or more are rounded before they get here ("comes to €1,243").
        var amount = n == Math.Round(n) || Math.Abs(n) >= 100_000
            ? Math.Round(n).ToString("#,0", CultureInfo.InvariantCulture)
            : n.ToString("#,0.00", CultureInfo.InvariantCulture);
        var sign = n < 0 ? "-" : "";
        amount = amount.TrimStart('-');
        return currency switch
        {
            "USD" => $"{sign}${amount}",
            "EUR" => $"{sign}€{amount}",
            "GBP" => $"{sign}£{amount}",
            "JPY" => $"{sign}¥{amount}",
            "INR" => $"{sign}₹{amount}",
            _ => $"{sign}{currency} {amount}",
        };
    }
}
