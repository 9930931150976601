using System.Text.RegularExpressions;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>What a figure is in the customer's email: the value they ask for, today's value, a
/// competitor's offer, the size of the deal, what is overdue, how long they have been a customer.
/// A draft may only argue with a figure whose role it knows: "$86,400 a year" is the contract, not a
/// payment term, and "seven years" is loyalty, not 2,555 days.</summary>
public static class FigureRole
{
    public const string Requested = "requested";
    public const string Current = "current";
    public const string Competitor = "competitor";
    public const string Contract = "contract";
    public const string Overdue = "overdue";
    public const string Tenure = "tenure";
    public const string Quantity = "quantity";
    public const string Date = "date";
    /// <summary>An amount or a percentage in the asking sentence whose role could not be told: shown for
    /// the account manager to place, never used as the value asked for.</summary>
    public const string Unclear = "unclear";
    public const string Other = "other";

    public static string Label(string role) => role switch
    {
        Requested => "What they ask for",
        Current => "Today's value",
        Competitor => "Another supplier's offer",
        Contract => "Size of the deal",
        Overdue => "Amount owed",
        Tenure => "How long they have been a customer",
        Quantity => "Quantity",
        Date => "A date they give",
        Unclear => "Not sure what this figure is",
        _ => "Also mentioned",
    };
}

/// <summary>A figure with its role; <c>InMainAsk</c> when it sits in a sentence that carries this kind's ask
/// (rather than in another sentence that asks or imposes).</summary>
public sealed record RoledFigure(Figure Figure, string Role, bool InMainAsk = false)
{
    /// <summary>For a discount stated as the price they would pay ("1/3 of the full price", "70% of the fee"): the
    /// reduction that asks for, in percent (66.67, 30). Null when the figure is the reduction itself.</summary>
    public decimal? AsReduction { get; init; }
}

public static partial class FigureRoles
{
    /// <summary>The kinds of figure that can state what a kind asks for (a discount asks in percent or
    /// money, a deadline in a date or a duration). Kinds an admin adds take any figure.</summary>
    private static readonly Dictionary<string, FigureKind[]> RequestedKinds = new(StringComparer.Ordinal)
    {
        ["discount"] = [FigureKind.Percent, FigureKind.Money],
        ["deadline"] = [FigureKind.Date, FigureKind.Duration],
        ["payment_terms"] = [FigureKind.Duration, FigureKind.Date, FigureKind.Money],
        ["liability"] = [FigureKind.Money, FigureKind.Percent],
        ["scope"] = [FigureKind.Quantity, FigureKind.Duration, FigureKind.Money],
        ["exception"] = [FigureKind.Date, FigureKind.Duration],
    };

    /// <summary>The figure kinds that may state the value a kind asks for, most telling first.</summary>
    public static IReadOnlyList<FigureKind> RequestedFigureKinds(string kind) =>
        RequestedKinds.TryGetValue(kind, out var k) ? k : Enum.GetValues<FigureKind>();

    /// <summary>Gives every figure of the newest message a role, for an ask of <paramref name="kind"/>
    /// carried by <paramref name="askSentences"/>.</summary>
    public static IReadOnlyList<RoledFigure> Assign(EmailText email, IReadOnlyList<Figure> figures, string kind, IReadOnlyList<Sentence> askSentences,
        TokenizedText? message = null, SentenceAct[]? acts = null)
    {
        var text = email.Text;
        var allowed = RequestedFigureKinds(kind);
        var result = new List<RoledFigure>(figures.Count);
        // Figures in the sentences that carry the ask come first; when none of them can state the ask,
        // any other sentence that asks or imposes may ("Please refund it. It was $85.").
        // Figures in the sentences that carry the ask come first (InMainAsk); any other sentence that asks or
        // imposes may also state it ("Please refund it. It was $85."; "you will be subject to a 30% discount").
        var main = askSentences.ToList();
        var asking = main.ToList();
        bool In(IEnumerable<Sentence> ss, Figure f) => ss.Any(s => f.Start >= s.Start && f.Start < s.Start + s.Length);
        if (acts is not null && message is not null)
            asking.AddRange(message.Sentences.Where(s => s.Index < acts.Length && SentenceActs.Asks(acts[s.Index])));
        foreach (var f in figures)
        {
            var sentence = asking.FirstOrDefault(s => f.Start >= s.Start && f.Start < s.Start + s.Length);
            var (lineStart, lineEnd) = SentenceAround(text, f.Start, f.Start + f.Length);
            var before = text[Math.Max(lineStart, f.Start - 60)..f.Start].ToLowerInvariant();
            var after = text[(f.Start + f.Length)..Math.Min(lineEnd, f.Start + f.Length + 40)].ToLowerInvariant();
            var whole = text[lineStart..lineEnd].ToLowerInvariant();
            var role = RoleOf(f, before, after, whole, sentence is not null, allowed, kind);
            var share = kind == "discount" && role == FigureRole.Requested && f.Kind == FigureKind.Percent && f.Number is > 0 and < 100
                && SharePriceRegex().IsMatch(f.Text.EndsWith(" of", StringComparison.OrdinalIgnoreCase) ? " of" + after : after) && !ReductionWordRegex().IsMatch(LastWords(before, 4));
            result.Add(new RoledFigure(f, role, In(main, f)) { AsReduction = share ? Math.Round(100 - f.Number, 2) : null });
        }
        if (main.Count > 0 && allowed.Contains(FigureKind.Money) && !result.Any(r => r.InMainAsk && r.Role == FigureRole.Requested))
            NamedCharge(text, main[0], result);
        return result;
    }

    /// <summary>"Please refund the call-out charge": the ask names a charge whose amount an earlier sentence gave
    /// ("we were charged a call-out fee of £89.98"). The nearest such amount before the ask is what they ask for;
    /// one whose role is already known (overdue, a competitor's, the deal's size) is left alone.</summary>
    private static void NamedCharge(string text, Sentence ask, List<RoledFigure> figures)
    {
        var named = NamedChargeRegex().Match(text.Substring(ask.Start, ask.Length));
        if (!named.Success) return;
        var modifier = named.Groups["mod"].Value.ToLowerInvariant();
        for (var i = figures.Count - 1; i >= 0; i--)
        {
            var (f, role) = (figures[i].Figure, figures[i].Role);
            if (f.Kind != FigureKind.Money || f.Start >= ask.Start || role is not (FigureRole.Other or FigureRole.Unclear or FigureRole.Current)) continue;
            var around = text[Math.Max(0, f.Start - 50)..Math.Min(text.Length, f.Start + f.Length + 30)].ToLowerInvariant();
            if (!ChargeNounRegex().IsMatch(around) || modifier.Length > 0 && !Plain(modifier) && !around.Contains(modifier, StringComparison.Ordinal)) continue;
            figures[i] = figures[i] with { Role = FigureRole.Requested, InMainAsk = true };
            return;
        }
    }

    // A modifier that says nothing about which charge ("the full fee", "the whole amount").
    private static bool Plain(string modifier) => modifier is "full" or "whole" or "entire" or "total" or "extra" or "additional" or "same" or "last";

    private static string RoleOf(Figure f, string before, string after, string sentence, bool inAsk, IReadOnlyList<FigureKind> allowed, string kind)
    {
        if (f.Kind == FigureKind.Duration && f.Unit != "hours" && f.Number >= 180 && TenureRegex().IsMatch(before + " " + after))
            return FigureRole.Tenure;
        // A competitor's price sits next to the competitor ("another supplier quoted $4.10", "$4.10 elsewhere"); "give us
        // 20% off or we go elsewhere" asks for the 20%.
        if (f.Kind is FigureKind.Money or FigureKind.Percent && !AskVerbJustBefore(before) && !after.TrimStart().StartsWith("off", StringComparison.Ordinal)
            && (CompetitorRegex().IsMatch(before) || CompetitorRegex().IsMatch(after.Length > 30 ? after[..30] : after)))
            return FigureRole.Competitor;
        if (f.Kind == FigureKind.Money && (ContractBeforeRegex().IsMatch(before) || ContractAfterRegex().IsMatch(after)))
            return FigureRole.Contract;
        // "$2,340 overdue", "$500 still outstanding"; not "a plan of $90 a month until the balance is paid off".
        if (f.Kind == FigureKind.Money && (OverdueRegex().IsMatch(before) || OverdueRegex().IsMatch(FirstWords(after, 4))))
            return FigureRole.Overdue;
        // "a year (or so) ago", "2 days after installing": when something happened, not what they want.
        if (f.Kind is FigureKind.Duration && (HistoryAfterRegex().IsMatch(after) || HistoryBeforeRegex().IsMatch(LastWords(before, 4))))
            return FigureRole.Other;
        // "1/2 of the gates", "a third of our staff": a share of things, not of a price.
        if (f.Kind == FigureKind.Percent && PartOfThingsRegex().IsMatch(f.Text.EndsWith(" of", StringComparison.OrdinalIgnoreCase) ? " of" + after : after))
            return FigureRole.Other;
        // "our budget was cut by 20%", "costs rose 8%": a change that already happened is part of their reason, not their ask.
        if (f.Kind is FigureKind.Money or FigureKind.Percent && PastChangeRegex().IsMatch(LastWords(before, 4)))
            return FigureRole.Other;
        if (f.Kind is FigureKind.Money or FigureKind.Percent or FigureKind.Duration && !ToJustBefore(before)
            && !TheirNewTermsRegex().IsMatch(LastWords(before, 6))
            && (CurrentRegex().IsMatch(LastWords(before, 6)) || NowRegex().IsMatch(LastWords(before, 2)) || FromRegex().IsMatch(LastWords(before, 2)) && after.Contains(" to ", StringComparison.Ordinal)
                || kind != "liability" && ChargedRegex().IsMatch(LastWords(before, 5))
                // (a pay verb before it proposes a price; before a policy window it is the policy's own: "give a refund within 28 days of purchase")
                || CurrentAfterRegex().IsMatch(after) && !AskVerbJustBefore(before) && (f.Kind == FigureKind.Duration || !PayVerbRegex().IsMatch(LastWords(before, 4)))
                // "$400 for a logo?!" opens the sentence: the price they were quoted, not one they propose ("more like $300 for the whole thing").
                || before.Trim().Length == 0 && PriceOfThingRegex().IsMatch(after)))
            return FigureRole.Current;
        // "I ordered it on 2 May": a date that tells when something happened is history, whatever year the calendar gives it.
        if (f.Kind == FigureKind.Date && (PastEventRegex().IsMatch(LastWords(before, 6)) && !WantedRegex().IsMatch(LastWords(before, 7))
                || EventAfterRegex().IsMatch(after)))
            return FigureRole.Date;
        if (inAsk && allowed.Contains(f.Kind) && !(kind == "payment_terms" && f.Kind == FigureKind.Date && PastDateRegex().IsMatch(LastWords(before, 3))))
            return FigureRole.Requested;
        return f.Kind switch
        {
            FigureKind.Quantity => FigureRole.Quantity,
            FigureKind.Date => FigureRole.Date,
            FigureKind.Money or FigureKind.Percent when inAsk => FigureRole.Unclear,
            _ => FigureRole.Other,
        };
    }

    /// <summary>The value asked for: the first figure of the strongest asking sentence whose kind can
    /// state this ask, preferring the most telling kind ("by 30%" over "$4.20").</summary>
    public static RoledFigure? Requested(IReadOnlyList<RoledFigure> figures, string kind, Sentence? strongest = null)
    {
        // The strongest asking sentence's own figure first, then any other sentence that carries the ask.
        if (strongest is not null)
        {
            var own = figures.Where(f => f.InMainAsk && f.Figure.Start >= strongest.Start && f.Figure.Start < strongest.Start + strongest.Length).ToList();
            if (own.Count > 0 && Requested(own, kind) is { } found) return found;
        }
        foreach (var main in new[] { true, false })
            foreach (var k in RequestedFigureKinds(kind))
                // A date already past is history ("my email of 23 August"), never the date they want.
                if (figures.FirstOrDefault(f => f.Role == FigureRole.Requested && f.InMainAsk == main && f.Figure.Kind == k
                        && !(k == FigureKind.Date && f.Figure.Number < 0)) is { } found) return found;
        return null;
    }

    private static string FirstWords(string s, int n)
    {
        var i = 0;
        for (var w = 0; w < n && i < s.Length; w++)
        {
            while (i < s.Length && s[i] == ' ') i++;
            while (i < s.Length && s[i] != ' ') i++;
        }
        return s[..i];
    }

    private static bool AskVerbJustBefore(string before) => MatchVerbRegex().IsMatch(LastWords(before, 4));
    private static bool ToJustBefore(string before) => ToRegex().IsMatch(LastWords(before, 2));

    private static string LastWords(string s, int n)
    {
        var i = s.Length;
        for (var w = 0; w < n && i > 0; w++)
        {
            while (i > 0 && s[i - 1] == ' ') i--;
            while (i > 0 && s[i - 1] != ' ') i--;
        }
        return s[i..];
    }

    // The sentence around a span, without reading past 400 characters either side.
    private static (int Start, int End) SentenceAround(string text, int start, int end)
    {
        var s = start;
        while (s > 0 && start - s < 400 && text[s - 1] is not ('.' or '!' or '?' or '\n')) s--;
        var e = end;
        while (e < text.Length && e - end < 400 && text[e] is not ('.' or '!' or '?' or '\n')) e++;
        return (s, e);
    }

    [GeneratedRegex(@"\b(?:customers?|clients?|with you|with your|working with|worked with|partners?|partnership|loyal|relationship|been (?:using|ordering|buying|with|a|your)|shopp(?:ed|ing)|subscriber|member|account (?:holder|with)|since we|business with|dealt with|dealing with|used you|used your)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TenureRegex();

    [GeneratedRegex(@"\b(?:competitors?|competition|another (?:supplier|vendor|company|provider|firm|agency|shop|store|dealer|contractor|printer|manufacturer)|other (?:suppliers?|vendors?|companies|providers?|firms|agencies|dealers|contractors|printers|manufacturers)|elsewhere|cheaper|rivals?|(?:quoted|offered|offering|offers|charges|charging) (?:us|me)|can get (?:it|the same|them|this)|(?:got|have|received) (?:a |an )?(?:quote|offer|quotation) from|other quotes?|better (?:offer|deal|price) from)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CompetitorRegex();

    [GeneratedRegex(@"\b(?:match|beat|meet)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MatchVerbRegex();

    [GeneratedRegex(@"\b(?:contract|order|deal|account|spend|spending|budget|project|agreement|purchase|business|po|volume|turnover|worth|valued?|total(?:ling|ing)?|annual|yearly|we spend|we spent|spent)\b(?:\s+\w+){0,3}\s*(?:is|was|of|at|worth|valued|value|totall?ing|around|about|over|nearly|almost|roughly)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ContractBeforeRegex();

    [GeneratedRegex(@"^\s*(?:a year|per year|per annum|annually|each year|every year|a month in|of business|worth of|in (?:annual|yearly) (?:sales|business|spend|revenue|purchases)|contract|order|renewal|subscription|licen[cs]e|project|job|engagement|deal|purchase order|po|in orders|in business|in purchases|in sales|in revenue)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ContractAfterRegex();

    [GeneratedRegex(@"\b(?:overdue|outstanding|owe|owed|owing|unpaid|past due|balance|arrears|late payment|not (?:yet )?paid|due (?:on|since))\b", RegexOptions.CultureInvariant)]
    private static partial Regex OverdueRegex();

    [GeneratedRegex(@"\b(?:current(?:ly)?|present(?:ly)?|quoted|quote|quotation|your price|list price|we're paying|we are paying|agreed|standard|scheduled|usual(?:ly)?|normal(?:ly)?|regular(?:ly)?|instead of|rather than|existing|original(?:ly)?|priced at|retail)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CurrentRegex();

    [GeneratedRegex(@"\b(?:now|today)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NowRegex();

    // "our standard payment term is 120 days": in a customer's letter, their standard is what they ask of us.
    [GeneratedRegex(@"\bour (?:new|standard|revised|updated|own) (?:\w+ ){0,3}(?:is|are|will be|of|becomes?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TheirNewTermsRegex();

    [GeneratedRegex(@"\bfrom\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex FromRegex();

    [GeneratedRegex(@"\b(?:you charge|charged|charging|we pay|paying|invoiced|billed)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ChargedRegex();

    [GeneratedRegex(@"\b(?:to|down to|by|until|till|at)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ToRegex();

    [GeneratedRegex(@"(?:\b(?:was|were|been|got|has|have|had)\s+(?:cut|reduced|slashed|trimmed|increased|raised|lowered)|\b(?:rose|fell|dropped|grew|shrank|jumped|climbed|declined|went up|went down|gone up|gone down))\s+(?:by\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PastChangeRegex();

    [GeneratedRegex(@"\b(?:ordered|bought|purchased|paid|placed|received|sent|signed|booked|arrived|delivered|started|began|opened|reported|emailed|called|wrote|written|submitted|installed|renewed|subscribed|joined|registered|confirmed|promised|happened|occurred|went down|broke|failed|charged|billed|shipped|dispatched)\b(?:\s+\S+){0,4}?\s*(?:on|in|at|since)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PastEventRegex();

    // "On 2 May I bought a bench": the date opens a sentence that tells what happened.
    [GeneratedRegex(@"^\s*,?\s*(?:i|we|they|you|he|she)\s+(?:(?:had|have|already|just|first)\s+)?(?:ordered|bought|purchased|paid|placed|received|sent|signed|booked|started|began|opened|reported|emailed|called|wrote|submitted|installed|renewed|subscribed|joined|registered|confirmed|promised|shipped|dispatched|delivered|charged|billed|told|asked|agreed|spoke|met|visited|stayed|arrived|moved|cancelled|canceled|returned)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EventAfterRegex();

    // "it must be delivered on 5 May", "please have it shipped on Friday": the date they want, not history.
    [GeneratedRegex(@"\b(?:be|been|get|need|needs|want|wants|must|should|will|can|could|please|have it|have them)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WantedRegex();

    // "my email of 23 August" is history; "a due date of April 17" is the date they want.
    [GeneratedRegex(@"(?<!due date |deadline |due )\b(?:dated|of|from|since|on)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PastDateRegex();

    [GeneratedRegex(@"^\s*(?:\([^)]{0,12}\)\s*)?(?:ago|earlier|after (?:i|we|installing|buying|purchasing|ordering|signing|subscribing|the purchase|purchase|delivery))\b", RegexOptions.CultureInvariant)]
    private static partial Regex HistoryAfterRegex();

    // "it has been 35 days", "for the past two weeks": time already gone by, not time they ask for.
    [GeneratedRegex(@"\b(?:it has been|it's been|it had been|has been|have been|had been|already been|for the (?:past|last)|in the (?:past|last)|over the (?:past|last))\s*(?:almost|nearly|over|about|around|more than)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HistoryBeforeRegex();

    // A share "of the gates" or "of the month": things or time, not money.
    [GeneratedRegex(@"^\s*of (?:the |our |my |all |your |their )?(?:(?!(?:prices?|rates?|invoices?|amounts?|bills?|fees?|costs?|totals?|balances?|charges?|purchases?|values?|orders?|contracts?|sums?|money|deposits?|payments?|refunds?|items?|goods|products?|units?|licen[cs]es?|seats?|hours|days|work|job)\b)[a-z]+s|day|week|month|year|season|quarter|period|time)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PartOfThingsRegex();

    // What they are on or what a thing costs now: "the $10 tier", "$15 isn't exactly cheap",
    // "within 28 days of purchase", "a 21 day return window", "scheduled completion date: 28 June".
    [GeneratedRegex(@"^\s*(?:(?:tier|plan|package|level|edition|bundle)\b|(?:is|isn't|is not|was|seems|feels|sounds)\s+(?:\w+\s+){0,2}?(?:cheap|expensive|steep|high|pricey|costly|too|a lot|much|over|more than)\b|of (?:purchase|delivery|buying|ordering|the purchase)\b|(?:return|refund|trial|grace|cancellation|cooling-off|money-back|returns) (?:window|period|policy)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex CurrentAfterRegex();

    [GeneratedRegex(@"\b(?:refund|waive|credit|reimburse|repay|reverse|remove|cancel|return|give (?:me|us) back|pay back)\b[^.!?]{0,40}?\b(?:the|this|that|my|our|your)\s+(?:(?<mod>[\w-]+)\s+)?(?:charges?|fees?|costs?|deposits?|payments?|price|amounts?|bills?|surcharges?|premiums?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedChargeRegex();

    [GeneratedRegex(@"\b(?:charges?|charged|fees?|costs?|deposits?|paid|payments?|price|amounts?|bills?|billed|surcharges?|premiums?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ChargeNounRegex();

    // "pay 1/3 of the full price", "70% of the original fee": the price they would pay, as a share of ours.
    [GeneratedRegex(@"^\s*of (?:(?:the|your|our|its|my)\s+)?(?:(?:full|normal|usual|list|original|current|regular|standard|quoted|asking)\s+)?(?:price|rate|cost|fee|amount|quote)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SharePriceRegex();

    [GeneratedRegex(@"\b(?:off|discount|reduction|reduce|less|lower|cut|rebate|knock)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReductionWordRegex();

    [GeneratedRegex(@"^\s*for (?:a|an|one|the|this|that|just|only|my|our) [\w-]+(?: [\w-]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PriceOfThingRegex();

    [GeneratedRegex(@"\b(?:pay|paying|do it|do this|offer|accept|take|settle|give|release|budget)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PayVerbRegex();
}
