using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Reading;

/// <summary>Finds percentages, money, dates, durations and quantities in text.</summary>
public static partial class FigureExtractor
{
    private const string NumberWords =
        "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|seventy|eighty|ninety|a hundred|hundred|half";

    private static readonly Dictionary<string, decimal> WordValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15,
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["forty-five"] = 45, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["a hundred"] = 100, ["hundred"] = 100,
        ["half"] = 0.5m, ["a"] = 1, ["an"] = 1, ["another"] = 1, ["a couple of"] = 2, ["couple of"] = 2, ["a few"] = 3,
    };

    private static readonly Dictionary<string, string> CurrencySymbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = "USD", ["us$"] = "USD", ["usd"] = "USD", ["dollars"] = "USD", ["dollar"] = "USD", ["bucks"] = "USD",
        ["€"] = "EUR", ["eur"] = "EUR", ["euros"] = "EUR", ["euro"] = "EUR",
        ["£"] = "GBP", ["gbp"] = "GBP", ["pounds"] = "GBP",
        ["¥"] = "JPY", ["jpy"] = "JPY", ["chf"] = "CHF", ["cad"] = "CAD", ["c$"] = "CAD",
        ["aud"] = "AUD", ["a$"] = "AUD", ["inr"] = "INR", ["₹"] = "INR", ["rs"] = "INR", ["rs."] = "INR",
        ["sek"] = "SEK", ["nok"] = "NOK", ["dkk"] = "DKK", ["pln"] = "PLN", ["zar"] = "ZAR", ["sgd"] = "SGD",
    };

    public static List<Figure> Extract(string text, DateOnly today) => Extract(text, 0, text.Length, today);

    public static List<Figure> Extract(string text, int start, int length, DateOnly today) => Extract(text, start, length, today, int.MaxValue, out _);

    /// <summary>At most <paramref name="maxFigures"/> figures: a caller that only needs to know whether the text
    /// states figures, and which, need not read a hundred thousand of them ("1%" typed over and over);
    /// <paramref name="complete"/> says whether every figure was read.</summary>
    public static List<Figure> Extract(string text, int start, int length, DateOnly today, int maxFigures, out bool complete) =>
        Extract(text, start, length, today, maxFigures, quickReaders: true, out complete);

    /// <summary>As above; with <paramref name="quickReaders"/> false every figure is read through its Match,
    /// the reading the quick readers of "1%" and "$1" must equal (a property test compares the two).</summary>
    internal static List<Figure> Extract(string text, int start, int length, DateOnly today, int maxFigures, bool quickReaders, out bool complete)
    {
        using var found = new FoundFigures(start, length, maxFigures);
        var segment = text.Substring(start, length);
        // Each pattern's matches as places first (no Match object), and a Match only for one whose first
        // character no earlier figure claimed: its figure starts there and would be refused anyway. A text
        // of a hundred thousand figures otherwise made a Match for each of them several times over.
        // Matches of one pattern never overlap, so the claims a match makes cannot touch a later one's start,
        // and each match is read as it is found, in text order: no list of places, which for a hundred
        // thousand figures was arrays on the large-object heap. (Each step of the enumeration takes the
        // pattern's runner afresh, so a Match between two steps does not disturb it.)
        // A pattern may also have a quick reader for its commonest form ("1%", "$1"), which takes the matched
        // characters and says whether it read them; only the others get a Match. A text of nothing but "1%"
        // otherwise made a hundred thousand Match objects, which cost more than the matching itself.
        void Scan(Regex pattern, Action<Match> read, Func<int, int, bool>? quick = null, Regex? places = null)
        {
            quick = quickReaders ? quick : null;
            foreach (var v in (places ?? pattern).EnumerateMatches(segment))
            {
                if (found.Full) return;
                if (found.IsClaimed(start + v.Index)) continue;
                if (quick is not null && quick(v.Index, v.Length)) continue;
                var m = pattern.Match(segment, v.Index); // the same match: it starts here, and look-behinds see the text before it
                Debug.Assert(m.Index == v.Index);
                read(m);
            }
        }
        // A pattern whose key words (a currency, a month, a unit) are nowhere in the text is not run at all:
        // on a long run of digits each pattern would otherwise try every digit as a start.
        void ScanIf(Regex needs, Regex pattern, Action<Match> read, Func<int, int, bool>? quick = null, Regex? places = null)
        {
            if (!found.Full && needs.IsMatch(segment)) Scan(pattern, read, quick, places);
        }
        bool SignThenDigits(int at, int length) => TrySignThenDigits(found, segment.AsSpan(at, length), start + at);
        bool DigitsThenSign(int at, int length) => TryDigitsThenSign(found, segment.AsSpan(at, length), start + at);
        bool DigitsThenPercent(int at, int length) => TryDigitsThenPercent(found, segment.AsSpan(at, length), start + at);
        // A date pattern's figure: the date its reader makes of the match, if any.
        Action<Match> Dates(DateReader reader) => m =>
        {
            if (reader(m, today, out var d)) AddDate(found, m, start, d, today);
        };

        Scan(MoneyPrefixRegex(), m => AddMoney(found, m, start, m.Groups["cur"].Value), SignThenDigits);
        ScanIf(SuffixCurrencyRegex(), MoneySuffixRegex(), m => AddMoney(found, m, start, m.Groups["cur"].Value), DigitsThenSign, MoneySuffixPlacesRegex());
        ScanIf(DigitThenMultiplierRegex(), MoneyBareRegex(), m => AddMoney(found, m, start, null));

        ScanIf(PercentWordRegex(), PercentRegex(), m =>
        {
            if (TryNumber(m.Groups["num"].Value, out var n))
                Add(found, new Figure(FigureKind.Percent, found.Text(m.ValueSpan), start + m.Index, m.Length, n));
        }, DigitsThenPercent);

        Scan(IsoDateRegex(), Dates(TryIsoDate));
        ScanIf(DigitSeparatorDigitRegex(), NumericDateRegex(), Dates((Match m, DateOnly _, out DateOnly d) => TryNumericDate(m, out d)));
        ScanIf(MonthWordRegex(), DayMonthRegex(), Dates(TryNamedDate));
        ScanIf(MonthWordRegex(), MonthDayRegex(), Dates(TryNamedDate));
        ScanIf(DayWordRegex(), RelativeDayRegex(), Dates(TryRelative));

        ScanIf(PeriodWordRegex(), PeriodRegex(), Dates(TryPeriod));
        Scan(OrdinalDayRegex(), Dates(TryOrdinalDay));
        ScanIf(SlashRegex(), ShortDateRegex(), Dates(TryShortDate));
        ScanIf(MonthWordRegex(), MonthYearRegex(), Dates(TryMonth));

        Scan(NetTermsRegex(), m =>
        {
            if (!TryNumber(m.Groups["num"].Value, out var n)) return;
            Add(found, new Figure(FigureKind.Duration, found.Text(m.ValueSpan), start + m.Index, m.Length, n, Iso: found.Text($"P{n:0}D"), Unit: "days"));
        });
        ScanIf(DurationUnitRegex(), DurationRegex(), m =>
        {
            if (!TryNumber(m.Groups["num"].Value, out var n)) return;
            var unit = m.Groups["unit"].Value.ToLowerInvariant();
            var (days, iso) = unit switch
            {
                _ when unit.StartsWith("hour") || unit.StartsWith("hr") => (n, $"PT{n:0.##}H"),
                _ when unit.StartsWith("min") => (n / 60m, $"PT{n:0.##}M"),
                _ when unit.StartsWith("week") || unit.StartsWith("wk") => (n * 7, $"P{n:0.##}W"),
                _ when unit.StartsWith("month") => (n * 30, $"P{n:0.##}M"),
                _ when unit.StartsWith("year") || unit.StartsWith("yr") => (n * 365, $"P{n:0.##}Y"),
                _ => (n, $"P{n:0.##}D"),
            };
            var isHours = iso.StartsWith("PT", StringComparison.Ordinal);
            Add(found, new Figure(FigureKind.Duration, found.Text(m.ValueSpan), start + m.Index, m.Length, days, Iso: found.Text(iso), Unit: isHours ? "hours" : "days"));
        });
        ScanIf(QuantityUnitRegex(), QuantityRegex(), m =>
        {
            if (!TryNumber(m.Groups["num"].Value, out var n)) return;
            Add(found, new Figure(FigureKind.Quantity, found.Text(m.ValueSpan), start + m.Index, m.Length, n, Unit: found.Text(m.Groups["unit"].Value.ToLowerInvariant())));
        });

        ScanIf(FractionWordRegex(), FractionRegex(), m =>
        {
            var share = Fraction(m);
            if (share > 0) Add(found, new Figure(FigureKind.Percent, found.Text(m.ValueSpan), start + m.Index, m.Length, Math.Round(share * 100, 2)));
        });
        ScanIf(CentWordRegex(), CentsRegex(), m =>
        {
            if (TryNumber(m.Groups["num"].Value, out var cents))
                Add(found, new Figure(FigureKind.Money, found.Text(m.ValueSpan), start + m.Index, m.Length, cents / 100m, Currency: "USD"));
        });
        // Any other count of things: "700 jars", "seven posters", "25 china dolls".
        foreach (var (at, span, n, unit) in found.Full ? [] : Counts(segment))
        {
            if (found.Full) break;
            Add(found, new Figure(FigureKind.Quantity, found.Text(segment.AsSpan(at, span)), start + at, span, n, Unit: found.Text(unit)));
        }

        complete = !found.Full;
        return found.InOrder();
    }

    private delegate bool DateReader(Match m, DateOnly today, out DateOnly date);

    private static bool TryIsoDate(Match m, DateOnly today, out DateOnly date) =>
        DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static void AddMoney(FoundFigures found, Match m, int offset, string? cur)
    {
        if (!TryNumber(m.Groups["num"].Value, out var n)) return;
        // Amounts beyond any real contract (a trillion) are noise, not money; the bound for each multiplier is
        // written out, as a decimal division for each of a hundred thousand amounts was a cost of its own.
        var (multiplier, most) = m.Groups["mult"].Value.ToLowerInvariant() switch
        {
            "k" or "thousand" => (1_000m, 1_000_000_000m),
            "m" or "mn" or "mm" or "million" => (1_000_000m, 1_000_000m),
            "bn" or "b" or "billion" => (1_000_000_000m, 1_000m),
            _ => (1m, 1_000_000_000_000m),
        };
        if (n > most) return;
        n *= multiplier;
        string? code = null;
        if (!string.IsNullOrEmpty(cur)) CurrencySymbols.TryGetValue(cur.Trim(), out code);
        Add(found, new Figure(FigureKind.Money, found.Text(m.ValueSpan.Trim()), offset + m.Index, m.ValueSpan.TrimEnd().Length, n, Currency: code));
    }

    /// <summary>A money-prefix match that is a one-character sign and plain digits ("$1", "€250"), read
    /// as <see cref="AddMoney"/> reads it, without a Match.</summary>
    private static bool TrySignThenDigits(FoundFigures found, ReadOnlySpan<char> matched, int at) =>
        TryPlainMoney(found, matched, matched[1..], matched[0], at);

    /// <summary>A money-suffix match that is plain digits and a one-character sign ("1$", "250€"): as above.
    /// A run of "$1" is read this way: each "$" after a digit is no prefix, so "1$" is the figure.</summary>
    private static bool TryDigitsThenSign(FoundFigures found, ReadOnlySpan<char> matched, int at) =>
        TryPlainMoney(found, matched, matched[..^1], matched[^1], at);

    private static bool TryPlainMoney(FoundFigures found, ReadOnlySpan<char> matched, ReadOnlySpan<char> digits, char sign, int at)
    {
        if (!IsPlainDigits(digits) || !SignCodes.TryGetValue(sign, out var code)) return false;
        decimal n = long.Parse(digits, CultureInfo.InvariantCulture);
        // No multiplier, so AddMoney's bound for a bare amount: beyond a trillion is noise, read and refused.
        if (n <= 1_000_000_000_000m)
            Add(found, new Figure(FigureKind.Money, found.Text(matched), at, matched.Length, n, Currency: code));
        return true;
    }

    /// <summary>A percent match that is plain digits and the sign ("1%", "25%"), read as the Match path
    /// reads it, without a Match.</summary>
    private static bool TryDigitsThenPercent(FoundFigures found, ReadOnlySpan<char> matched, int at)
    {
        if (matched[^1] != '%' || !IsPlainDigits(matched[..^1])) return false;
        decimal n = long.Parse(matched[..^1], CultureInfo.InvariantCulture);
        Add(found, new Figure(FigureKind.Percent, found.Text(matched), at, matched.Length, n));
        return true;
    }

    // Digits only, and few enough for a long: the form TryNumber parses without its separator rules.
    private static bool IsPlainDigits(ReadOnlySpan<char> s) => s.Length is > 0 and <= 18 && AllDigits(s);

    // A loop rather than ContainsAnyExceptInRange: until the JIT recompiles it, the framework's precompiled
    // generic boxes characters on every call, which for a body of 131,072 "1%" was 24 MB in a fresh process.
    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    // The one-character currency signs ("$", "€") by character, in either case as CurrencySymbols compares them:
    // the quick readers look one up for each of up to a hundred thousand figures, and a character needs no
    // case-blind string hash.
    private static readonly Dictionary<char, string> SignCodes = CurrencySymbols
        .Where(s => s.Key.Length == 1)
        .SelectMany(s => new[] { s.Key[0], char.ToUpperInvariant(s.Key[0]), char.ToLowerInvariant(s.Key[0]) }.Distinct().Select(c => (c, s.Value)))
        .ToDictionary(s => s.c, s => s.Value);

    private static void AddDate(FoundFigures found, Match m, int offset, DateOnly d, DateOnly today) =>
        Add(found, new Figure(FigureKind.Date, found.Text(m.ValueSpan), offset + m.Index, m.Length, d.DayNumber - today.DayNumber,
            Date: d, Iso: found.Iso(d)));

    // The first pattern to claim characters keeps them: money before percent before date before duration.
    private static void Add(FoundFigures found, Figure f) => found.Add(f);

    private static bool TryNumber(string s, out decimal value)
    {
        s = s.Trim();
        // Most figures are plain digits ("15", "2026"): parse them without the separator rules below, which
        // cost a figure-dense text (a run of "1%") most of its reading time.
        if (IsPlainDigits(s)) { value = long.Parse(s, CultureInfo.InvariantCulture); return true; }
        if (WordValues.TryGetValue(s, out value)) return true;
        // "shift the due date by few days": only a duration reads a bare "few" (never "very few people" as a count).
        if (s.Equals("few", StringComparison.OrdinalIgnoreCase)) { value = 3; return true; }
        // "48,000" and "48.000,50" as well as "12.5".
        var digits = s.Replace(" ", "").Replace("\u00a0", "");
        if (EuropeanThousandsRegex().IsMatch(digits) || EuropeanDecimalRegex().IsMatch(digits))
            digits = digits.Replace(".", "").Replace(',', '.'); // "48.000,50" and "12,5": European decimals
        else
            digits = digits.Replace(",", "");
        return decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]{1,2})?$")]
    private static partial Regex EuropeanThousandsRegex();

    [GeneratedRegex(@"^[0-9]+,[0-9]{1,2}$")]
    private static partial Regex EuropeanDecimalRegex();

    private static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static bool TryNamedDate(Match m, DateOnly today, out DateOnly date)
    {
        date = default;
        var mon = m.Groups["mon"].Value.ToLowerInvariant();
        var month = Array.FindIndex(Months, x => mon.StartsWith(x, StringComparison.Ordinal)) + 1;
        // "Nov 0" is no date: refuse it before any DateOnly is built from it.
        if (month == 0 || !int.TryParse(m.Groups["day"].Value, out var day) || day is < 1 or > 31) return false;
        int year;
        if (m.Groups["year"].Success) year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        else
        {
            // No year: the first such date from two weeks ago on (an email about a date mostly looks
            // forward; "December 28" written on 5 January is the one just past).
            year = today.Year + 1;
            foreach (var y in new[] { today.Year - 1, today.Year, today.Year + 1 })
                if (day <= DateTime.DaysInMonth(y, month) && new DateOnly(y, month, day) >= today.AddDays(-14)) { year = y; break; }
        }
        if (year is < 1990 or > 2100 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryNumericDate(Match m, out DateOnly date)
    {
        date = default;
        var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 100) year += 2000;
        int day, month;
        if (a > 12) (day, month) = (a, b);
        else if (b > 12) (month, day) = (a, b);
        else if (m.Groups["sep"].Value == "/") (month, day) = (a, b); // ambiguous slash: US order
        else (day, month) = (a, b);                                      // dots and dashes: day first
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static bool TryRelative(Match m, DateOnly today, out DateOnly date)
    {
        var word = m.Groups["wd"].Value.ToLowerInvariant();
        if (word == "tomorrow") { date = today.AddDays(1); return true; }
        if (word is "today" or "tonight") { date = today; return true; }
        if (word == "yesterday") { date = today.AddDays(-1); return true; }
        var target = Array.IndexOf(Weekdays, word);
        if (m.Groups["next"].Value.Equals("last", StringComparison.OrdinalIgnoreCase))
        {
            var back = ((int)today.DayOfWeek - target + 7) % 7;
            date = today.AddDays(-(back == 0 ? 7 : back));
            return true;
        }
        var delta = (target - (int)today.DayOfWeek + 7) % 7;
        if (delta == 0 || m.Groups["next"].Value.Equals("next", StringComparison.OrdinalIgnoreCase) && delta < 7 && m.Groups["next"].Success && delta <= 2)
            delta += 7;
        date = today.AddDays(delta);
        return true;
    }

    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "this", "was", "has", "does", "its", "his", "hers", "yes", "always", "less", "unless", "across", "thus", "plus", "perhaps",
        "towards", "besides", "nevertheless", "sometimes", "whereas", "regards", "thanks", "news", "business", "process", "access",
        "address", "status", "basis", "various", "previous", "serious", "obvious", "famous", "express", "progress", "success",
    };

    private static readonly HashSet<string> SingularUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "pair", "set", "case", "sheet", "copy", "machine", "licence", "license", "seat", "user", "unit", "item", "piece", "box",
    };

    /// <summary>A number (digits or a number word) followed, within three words on the same line and with no
    /// punctuation between, by a plural noun or a unit: one pass over the text, no backtracking.</summary>
    private static IEnumerable<(int At, int Length, decimal Number, string Unit)> Counts(string text)
    {
        var words = new WordWindow(text);
        // Words are looked at in place: a text of a hundred thousand numbers made a string of each, twice.
        for (var w = 0; words.TryGet(w, out var number); w++)
        {
            var (ns, ne) = number;
            if (ns > 0 && (char.IsLetterOrDigit(text[ns - 1]) || text[ns - 1] is '$' or '€' or '£' or '/' or '.' or ',')) continue;
            var digits = char.IsDigit(text[ns]);
            decimal n;
            var isNumber = digits ? TryNumber(text, ns, ne, out n) : WordValuesBySpan.TryGetValue(text.AsSpan(ns, ne - ns), out n) && ne - ns > 2;
            if (!isNumber) continue;
            if (digits && n is >= 1900 and <= 2100 && text.AsSpan(ns, ne - ns).IndexOf(',') < 0) continue; // a year
            var before = ne; // where the word before the next one ends
            for (var k = w + 1; k <= w + 3 && words.TryGet(k, out var next); k++)
            {
                var (ws, we) = next;
                var gap = text.AsSpan(before, ws - before);
                if (gap.Length > 3 || gap.ContainsAny(CountBreaks)) break;
                if (!AllLetters(text.AsSpan(ws, we - ws))) break;
                var plural = we - ws >= 4 && text[we - 1] == 's' && text[we - 2] != 's' && !NotCountedBySpan.Contains(text.AsSpan(ws, we - ws));
                if (plural || SingularUnitsBySpan.Contains(text.AsSpan(ws, we - ws)))
                {
                    yield return (ns, we - ns, n, text[ws..we].ToLowerInvariant());
                    w = k;
                    break;
                }
                before = we;
            }
        }
    }

    // Built once: ContainsAny with a string of more than five characters builds its lookup on every call,
    // which for a text of a hundred thousand numbers was most of the cost of looking for counts.
    private static readonly SearchValues<char> CountBreaks = SearchValues.Create("\n.,;:!?()");

    private static readonly Dictionary<string, decimal>.AlternateLookup<ReadOnlySpan<char>> WordValuesBySpan = WordValues.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotCountedBySpan = NotCounted.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SingularUnitsBySpan = SingularUnits.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool AllLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (!char.IsLetter(c)) return false;
        return true;
    }

    // TryNumber of text[start..end], without making a string of plain digits.
    private static bool TryNumber(string text, int start, int end, out decimal value)
    {
        var span = text.AsSpan(start, end - start);
        if (span.Length <= 18 && AllDigits(span)) { value = long.Parse(span, CultureInfo.InvariantCulture); return true; }
        return TryNumber(text[start..end], out value);
    }

    /// <summary>"next week", "end of this month", "end of September", "the beginning of November".</summary>
    private static bool TryPeriod(Match m, DateOnly today, out DateOnly date)
    {
        date = default;
        var which = m.Groups["which"].Value.ToLowerInvariant();
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var edge = m.Groups["edge"].Value.ToLowerInvariant();
        var start = edge is "beginning" or "start" or "early";
        if (m.Groups["mon"].Success)
        {
            var month = Array.FindIndex(Months, x => m.Groups["mon"].Value.ToLowerInvariant().StartsWith(x, StringComparison.Ordinal)) + 1;
            if (month == 0) return false;
            var year = month >= today.Month - 1 ? today.Year : today.Year + 1;
            date = start ? new DateOnly(year, month, 1) : new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return true;
        }
        // "this year" is a time frame, not a date; "the end of the year" is one.
        if (unit == "year" && edge.Length == 0) return false;
        var shift = which switch { "next" or "following" or "coming" => 1, "last" or "past" or "previous" => -1, _ => 0 };
        switch (unit)
        {
            case "week":
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7 * shift);
                date = edge.Length == 0 ? monday : start ? monday : monday.AddDays(4);
                return true;
            case "month":
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(shift);
                date = start || edge.Length == 0 ? first : first.AddMonths(1).AddDays(-1);
                return true;
            case "quarter":
                var q = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(3 * shift);
                date = start || edge.Length == 0 ? q : q.AddMonths(3).AddDays(-1);
                return true;
            case "year":
                var y = new DateOnly(today.Year + shift, 1, 1);
                date = start || edge.Length == 0 ? y : new DateOnly(y.Year, 12, 31);
                return true;
            default:
                return false;
        }
    }

    /// <summary>"the 24th", "the 15th of each month": the next such day of a month.</summary>
    private static bool TryOrdinalDay(Match m, DateOnly today, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(m.Groups["day"].Value, out var day) || day is < 1 or > 31) return false;
        var month = new DateOnly(today.Year, today.Month, 1);
        for (var i = 0; i < 3; i++, month = month.AddMonths(1))
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) >= today)
            {
                date = new DateOnly(month.Year, month.Month, day);
                return true;
            }
        return false;
    }

    /// <summary>"28/06" (day and month, no year) and "2024/01/28" (year first).</summary>
    private static bool TryShortDate(Match m, DateOnly today, out DateOnly date)
    {
        date = default;
        if (m.Groups["y"].Success)
        {
            var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            var mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (y is < 1990 or > 2100 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return false;
            date = new DateOnly(y, mo, d);
            return true;
        }
        var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        // Two-digit pairs without a year: day first where that is the only reading, else month first (US).
        var (day, month) = a > 12 ? (a, b) : b > 12 ? (b, a) : (a, b);
        if (month is < 1 or > 12 || day < 1 || day > 31) return false;
        var year = new DateOnly(today.Year, month, 1) < new DateOnly(today.Year, today.Month, 1).AddMonths(-1) ? today.Year + 1 : today.Year;
        if (day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>"October", "May 2016", "in March": the first of that month (the next one when no year is given).</summary>
    private static bool TryMonth(Match m, DateOnly today, out DateOnly date)
    {
        date = default;
        var word = m.Groups["mon"].Value;
        // "may" is a verb: only "May" with a year or after a preposition is the month.
        if (word.Equals("may", StringComparison.OrdinalIgnoreCase) && !(m.Groups["year"].Success || m.Groups["prep"].Success) || word == "may") return false;
        var lower = word.ToLowerInvariant(); // once, not once for each month tried
        var month = Array.FindIndex(Months, x => lower.StartsWith(x, StringComparison.Ordinal)) + 1;
        if (month == 0) return false;
        var year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture)
            : month >= today.Month - 1 ? today.Year : today.Year + 1;
        if (year is < 1990 or > 2100) return false;
        date = new DateOnly(year, month, 1);
        return true;
    }

    private static decimal Fraction(Match m)
    {
        if (m.Groups["n"].Success && m.Groups["d"].Success)
        {
            var n = decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var d = decimal.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            return d == 0 || n >= d ? 0 : n / d;
        }
        if (m.Groups["half"].Success) return 0.5m;
        var count = m.Groups["wn"].Value.ToLowerInvariant() switch { "one" or "a" => 1m, "two" => 2m, "three" => 3m, "four" => 4m, _ => 0m };
        var part = m.Groups["wd"].Value.ToLowerInvariant().TrimEnd('s') switch { "half" or "halve" => 2m, "third" => 3m, "quarter" => 4m, "fourth" => 4m, "fifth" => 5m, "tenth" => 10m, _ => 0m };
        return count == 0 || part == 0 || count >= part ? 0 : count / part;
    }

    private const string MonthNames =
        @"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    [GeneratedRegex(@"(?<![\w$€£])(?<cur>US\$|C\$|A\$|\$|€|£|¥|₹|USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|ZAR|SGD|Rs\.?)\s?(?<num>[0-9]{1,3}(?:[,.\u00a0 ][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]+)?)(?:\s?(?<mult>k|m|mm|mn|bn|million|thousand|billion)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPrefixRegex();

    private const string SuffixNumber = @"[0-9]{1,3}(?:[,.][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]+)?";
    private const string SuffixMultiplier = "k|m|mn|bn|million|thousand|billion";
    private const string SuffixCurrency = @"USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|ZAR|SGD|dollars?|euros?|pounds|bucks|€|£|\$";

    [GeneratedRegex(@"(?<![\w.,])(?<num>" + SuffixNumber + @")\s?(?<mult>" + SuffixMultiplier + @")?\s?(?<cur>" + SuffixCurrency + @")(?![A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex MoneySuffixRegex();

    // The same pattern without its groups, which matches the same places: only those are needed to find the
    // matches, and keeping no groups made finding the 131,072 of a run of "$1" a quarter quicker.
    [GeneratedRegex(@"(?<![\w.,])(?:" + SuffixNumber + @")\s?(?:" + SuffixMultiplier + @")?\s?(?:" + SuffixCurrency + @")(?![A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex MoneySuffixPlacesRegex();

    // "90k" or "1.2m" with no currency: in a business email that is money.
    [GeneratedRegex(@"(?<![\w.,$€£])(?<num>[0-9]+(?:[.,][0-9]+)?)(?<mult>k|m|mn|bn)\b(?!\s*(?:m|km|g|b|kg|units?|users?|licen[cs]es?|seats?|miles?|hours?|hrs?|rows|records|lines|pieces|emails|visits|views|downloads|requests|calls)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyBareRegex();

    [GeneratedRegex(@"(?<![\w.])(?<num>[0-9]{1,3}(?:[.,][0-9]+)?|" + NumberWords + @")\s?(?:%|percentage points?\b|percent\b|per cent\b|pct\b|procent\b|por ciento\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentRegex();

    [GeneratedRegex(@"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"(?<![0-9])(?<a>[0-9]{1,2})(?<sep>[/.\-])(?<b>[0-9]{1,2})\k<sep>(?<y>[0-9]{4}|[0-9]{2})(?![0-9])")]
    private static partial Regex NumericDateRegex();

    [GeneratedRegex(@"\b(?<day>[0-9]{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<mon>" + MonthNames + @")\b\.?(?:,?\s+(?<year>[0-9]{4}))?", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthRegex();

    [GeneratedRegex(@"\b(?<mon>" + MonthNames + @")\.?\s+(?:the\s+)?(?<day>[0-9]{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<year>[0-9]{4}))?", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayRegex();

    // A weekday that names a date written next to it ("Wednesday 9th April", "Monday, October 10") is that date, not the next such day.
    [GeneratedRegex(@"\b(?:(?<next>next|this|by|on|until|before|last|from)\s+)?(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!,?\s+(?:the\s+)?[0-9]{1,2}(?:st|nd|rd|th)?\b|,?\s+(?:" + MonthNames + @")\.?\s+[0-9])|\b(?<wd>tomorrow|yesterday)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeDayRegex();

    [GeneratedRegex(@"\bnet[\s\-]?(?<num>[0-9]{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex NetTermsRegex();

    [GeneratedRegex(@"(?<![\w.])(?<num>[0-9]{1,4}(?:[.,][0-9]+)?|" + NumberWords + @"|a couple of|couple of|a few|(?<=\b(?:by|in|for|within|after|next) )few|another|an|a)[\s\-]+(?:(?:more|extra|additional|business|working|calendar|full|man|person|consecutive|straight|whole|long|short)[\s\-]+)?(?<unit>days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|nights?|minutes?|mins?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"(?<![\w.])(?<num>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\s+(?:(?:more|extra|additional|new)\s+)?(?<unit>units?|licen[cs]es?|seats?|users?|pallets?|pieces|pcs|items?|boxes|cases|tons?|tonnes?|kg|devices|laptops|servers|machines|screens|cartons|containers|trucks|sites|stores|locations|revisions|rounds|reports|dashboards|pages|screens|sensors|modules|workstations|vehicles|kits)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"\b(?:(?:the|by|at|before|until|from|in)\s+)?(?:(?<edge>end|beginning|start|middle|rest|early|late)\s+(?:of\s+)?)?(?:(?<which>this|next|last|the|coming|following|past|previous)\s+)?(?<unit>week|month|quarter|year)\b(?!\s*-)(?<=(?:end|beginning|start|middle|rest|early|late|this|next|last|coming|following|past|previous)\s+(?:of\s+)?(?:the\s+|this\s+|next\s+|last\s+)?(?:week|month|quarter|year))|\b(?<edge>end|beginning|start|middle|rest)\s+of\s+(?<mon>" + MonthNames + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodRegex();

    [GeneratedRegex(@"\b(?:on\s+|by\s+|until\s+|before\s+)?the\s+(?<day>[0-9]{1,2})(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrdinalDayRegex();

    [GeneratedRegex(@"(?<![0-9/.\-])(?:(?<y>(?:19|20)[0-9]{2})/(?<m>[0-9]{1,2})/(?<d>[0-9]{1,2})|(?<a>[0-3][0-9])/(?<b>[0-3][0-9]))(?![0-9/])")]
    private static partial Regex ShortDateRegex();

    [GeneratedRegex(@"(?:(?<prep>\b(?:in|of|by|until|since|from|early|late|mid|during|before|after)\s+))?(?<![0-9]\s?)\b(?<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?(?:\s+(?<year>(?:19|20)[0-9]{2})\b)?(?!\s*,?\s*[0-9])")]
    private static partial Regex MonthYearRegex();

    [GeneratedRegex(@"(?<![\w/.])(?:(?<n>[1-9])/(?<d>[1-9][0-9]?)(?![0-9/])|(?:about\s+)?(?<wn>one|two|three|four|a)[\s\-]+(?<wd>halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b|\b(?<half>half)\s+(?:the|your|our|its|of|that|this|price|off)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex FractionRegex();

    [GeneratedRegex(@"(?<![\w.])(?<num>[0-9]{1,3})\s?(?:cents?|¢)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CentsRegex();

    // What each pattern cannot match without (a word of it, with the same case rule): where the text has
    // none of it, the pattern is not run. Each is one pass that stops at the first hit.
    [GeneratedRegex(@"USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|ZAR|SGD|dollar|euro|pounds|bucks|[€£$]", RegexOptions.IgnoreCase)]
    private static partial Regex SuffixCurrencyRegex();

    [GeneratedRegex(@"[0-9](?:k|m|bn)", RegexOptions.IgnoreCase)]
    private static partial Regex DigitThenMultiplierRegex();

    [GeneratedRegex(@"%|percent|per cent|pct|procent|por ciento", RegexOptions.IgnoreCase)]
    private static partial Regex PercentWordRegex();

    [GeneratedRegex(@"[0-9][/.\-][0-9]")]
    private static partial Regex DigitSeparatorDigitRegex();

    // Every month name, short or long, and in either case, starts with one of these.
    [GeneratedRegex(@"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", RegexOptions.IgnoreCase)]
    private static partial Regex MonthWordRegex();

    // "monday" to "sunday" and "yesterday" all end in "day".
    [GeneratedRegex(@"day|tomorrow", RegexOptions.IgnoreCase)]
    private static partial Regex DayWordRegex();

    // A period is a week, a month, a quarter or a year, or the end (or start) "of" a named month.
    [GeneratedRegex(@"week|month|quarter|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodWordRegex();

    [GeneratedRegex(@"/")]
    private static partial Regex SlashRegex();

    [GeneratedRegex(@"day|week|wk|month|year|yr|hour|hr|night|min", RegexOptions.IgnoreCase)]
    private static partial Regex DurationUnitRegex();

    [GeneratedRegex(@"unit|licen[cs]e|seat|user|pallet|piece|pcs|item|box|case|ton|kg|device|laptop|server|machine|screen|container|truck|site|store|location|revision|round|report|dashboard|page|sensor|module|workstation|vehicle|kit", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityUnitRegex();

    [GeneratedRegex(@"/|hal|third|quarter|fourth|fifth|tenth", RegexOptions.IgnoreCase)]
    private static partial Regex FractionWordRegex();

    [GeneratedRegex(@"cent|¢", RegexOptions.IgnoreCase)]
    private static partial Regex CentWordRegex();

}
