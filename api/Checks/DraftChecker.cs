using System.Text.RegularExpressions;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Checks;

/// <summary>The six checks of a good "no", judged from the text (a draft, an edited reply or the text that
/// was finally sent), never from what a template meant to say. <c>Grounded</c> also needs what the text may
/// rest on (<see cref="GroundingSources"/>); without them it is not judged and stays true.
/// <c>Grants</c>: the reply owns a failure of ours and grants the remedy asked for, with no "no" in it (see
/// <see cref="DraftChecker.Check"/>); <c>SaysNo</c> then means it gives that answer plainly.</summary>
public sealed record DraftChecks(bool SaysNo, bool GivesReason, bool CitesData, bool OffersAlternative, bool Respectful, bool Grounded = true, bool Grants = false)
{
    public bool AllPass => SaysNo && GivesReason && CitesData && OffersAlternative && Respectful && Grounded;
}

/// <summary>What a reply may rest on: the figures of the customer's email, of the data points (typed,
/// read or computed) and of the facts; whether the refused ask has a sentence in this email; and what
/// the account manager typed as findings. Anything else a reply states as a figure or a finding is unsourced.</summary>
public sealed record GroundingSources(IReadOnlyList<Figure> Figures, bool AskEvidenced, string AskTitle, IReadOnlyList<string> Findings);

public sealed record CheckResult(DraftChecks Checks, IReadOnlyList<string> Notes);

public static partial class DraftChecker
{
    /// <summary>The most figures read from a text. A reply has tens; one with thousands (a pasted table, "1%"
    /// typed over and over) is not traced figure by figure: it is not grounded, and the note says why.</summary>
    public const int MaxFigures = 2_000;

    /// <summary>The six checks. <paramref name="ct"/> is checked between them and per sentence, so a long sent
    /// text of a request that has gone is not read to the end. With <paramref name="mayGrant"/> (the reply owns
    /// our part), a text with no "no" in it passes the first check when a sentence grants the remedy plainly
    /// ("we will refund the £65"): refusing something nobody asked for, to pass a check, is the defect.</summary>
    public static CheckResult Check(string text, KindCatalog? catalog = null, DateOnly? today = null, GroundingSources? sources = null,
        CancellationToken ct = default, bool mayGrant = false)
    {
        ct.ThrowIfCancellationRequested();
        text ??= "";
        var notes = new List<string>();
        // Sentences as places in the text, not strings: a text of many short lines would otherwise cost a string each.
        var sentences = new List<Range>();
        foreach (var m in SentenceRegex().EnumerateMatches(text)) sentences.Add(new Range(m.Index, m.Index + m.Length));

        Range? firstNo = null;
        var saysNo = false;
        foreach (var s in sentences)
        {
            ct.ThrowIfCancellationRequested();
            if (!ClearNoRegex().IsMatch(text.AsSpan(s))) continue;
            firstNo ??= s;
            if (!HedgeRegex().IsMatch(text.AsSpan(s))) { saysNo = true; break; }
        }
        var grants = false;
        if (!saysNo && firstNo is null && mayGrant)
            foreach (var s in sentences)
            {
                ct.ThrowIfCancellationRequested();
                if (GrantRegex().IsMatch(text.AsSpan(s)) && !HedgeRegex().IsMatch(text.AsSpan(s))) { saysNo = grants = true; break; }
            }
        if (!saysNo)
            notes.Add(firstNo is { } hedged
                ? $"The no is hedged: \"{Trim(text[hedged])}\"."
                : mayGrant
                    ? "No sentence says no, or grants the remedy, plainly (for example \"we can't\" or \"we will refund\")."
                    : "No sentence says no plainly (for example \"we can't\" or \"we won't be able to\").");

        var givesReason = ReasonRegex().IsMatch(text);
        if (!givesReason) notes.Add("No reason is given (for example \"because ...\" or \"the reason is ...\").");

        ct.ThrowIfCancellationRequested();
        var figures = FigureExtractor.Extract(text, 0, text.Length, today ?? DateOnly.FromDateTime(DateTime.UtcNow), MaxFigures, out var everyFigure);
        ct.ThrowIfCancellationRequested();
        // Figures back the reason for a no; a reply that grants the remedy asked for refuses nothing they need to weigh.
        var citesData = grants || figures.Count > 0;
        if (!citesData) notes.Add("No figure backs the reason (a percentage, an amount, a date, a duration or a count).");

        // A reply that grants the remedy asked for needs no other way to put it right.
        var offersAlternative = grants || AlternativeRegex().IsMatch(text);
        if (!offersAlternative) notes.Add("No alternative is offered (for example \"what we can do is ...\" or \"instead, ...\").");

        // Read as the customer will see it, so an invisible character or a look-alike letter hides nothing.
        string? rudeWord = null;
        foreach (var reading in LookAlikes.Readings(text))
            if ((rudeWord = RudeWording(reading, catalog)) is not null) break;
        if (rudeWord is null && ShoutingRegex().IsMatch(text)) rudeWord = ShoutingRegex().Match(text).Value;
        var respectful = rudeWord is null;
        if (!respectful) notes.Add($"Blaming or rude wording: \"{Trim(rudeWord!)}\".");

        ct.ThrowIfCancellationRequested();
        var grounded = sources is null || Grounded(text, sentences, figures, everyFigure, sources, today ?? DateOnly.FromDateTime(DateTime.UtcNow), notes, ct);

        return new CheckResult(new DraftChecks(saysNo, givesReason, citesData, offersAlternative, respectful, grounded, grants), notes);
    }

    private static string? RudeWording(string text, KindCatalog? catalog)
    {
        var rude = RudeRegex().Match(text);
        if (rude.Success) return rude.Value;
        if (catalog is null) return null;
        // A long text none of whose words can begin an abusive cue is not tokenized (a string for each word).
        if (!Tokenizer.AnyWord(text, catalog.Abusive.CouldStartAt)) return null;
        var tokens = Tokenizer.Tokenize(text, 0, text.Length);
        if (catalog.Abusive.FirstMatch(tokens.Tokens) is not { } m) return null;
        var start = tokens.Tokens[m.FirstToken].Start;
        var last = tokens.Tokens[m.EndToken - 1];
        return text[start..(last.Start + last.Length)];
    }

    /// <summary>Every figure traces to a source, the refused ask is in the email, and no sentence states a
    /// finding, a log or a record that nobody supplied.</summary>
    private static bool Grounded(string text, List<Range> sentences, IReadOnlyList<Figure> figures, bool everyFigure, GroundingSources sources, DateOnly today,
        List<string> notes, CancellationToken ct)
    {
        var ok = true;
        // Past the reader's limit the figures after it were not read, so "every figure traces" cannot be said.
        if (!everyFigure)
        {
            ok = false;
            notes.Add($"More than {MaxFigures:N0} figures: too many to trace each one to a source.");
        }
        if (!sources.AskEvidenced)
        {
            ok = false;
            notes.Add($"Nothing in this email asks for {sources.AskTitle.ToLowerInvariant()}: check the kind, or point to the sentence that asks, before you send a refusal.");
        }
        var unsourced = figures.Where(f => !Traces(f, sources.Figures)).Select(f => f.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (unsourced.Count > 0)
        {
            ok = false;
            notes.Add($"Figures with no source (not in the email, a fact, a field or a computation): {string.Join(", ", unsourced.Take(4).Select(f => $"\"{f}\""))}.");
        }
        foreach (var range in sentences)
        {
            ct.ThrowIfCancellationRequested();
            var sentence = text.AsSpan(range);
            if (!ClaimRegex().IsMatch(sentence)) continue;
            if (Supplied(sentence, sources.Findings)) continue;
            ok = false;
            notes.Add($"A finding nobody supplied: \"{Trim(text[range])}\" (type what you found in the field for it, or leave it out).");
            break;
        }
        return ok;
    }

    private static bool Supplied(ReadOnlySpan<char> sentence, IReadOnlyList<string> findings)
    {
        foreach (var f in findings)
            if (f.Length > 0 && sentence.Contains(f, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // A figure traces when a source states the same amount, percentage, date, duration or count. Small
    // counts ("two options", "one call") are ordinary words, not data.
    private static bool Traces(Figure f, IReadOnlyList<Figure> sources)
    {
        if (f.Kind == FigureKind.Quantity && f.Number <= 3) return true;
        // "$150 an hour", "within a week": a single unit is a rate or an ordinary phrase, not a figure.
        if (f.Kind == FigureKind.Duration && SingleUnitRegex().IsMatch(f.Text)) return true;
        foreach (var s in sources)
        {
            if (s.Kind != f.Kind && !(f.Kind is FigureKind.Quantity or FigureKind.Duration && s.Kind is FigureKind.Quantity or FigureKind.Duration)) continue;
            if (f.Kind == FigureKind.Date && s.Date is { } d && f.Date is { } fd) { if (d == fd) return true; continue; }
            if (Math.Abs(s.Number - f.Number) <= Math.Max(0.01m, Math.Abs(s.Number) * 0.005m)) return true;
        }
        return false;
    }

    private static string Trim(string s)
    {
        s = s.Trim();
        return s.Length <= 120 ? s : s[..117] + "...";
    }

    [GeneratedRegex(@"^(?:a|an|one|per)\s+(?:hour|day|week|month|year)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingleUnitRegex();

    [GeneratedRegex(@"[^.!?\n]+[.!?]*", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceRegex();

    // Statements of something checked or recorded: only the account manager knows these.
    [GeneratedRegex(@"\b(?:(?:our|the)\s+(?:review|investigation|inspection|records?|logs?|checks?|analysis|engineers?|team|technicians?|tests?|monitoring|data)\s+(?:found|finds|show(?:s|ed)?|confirm(?:s|ed)?|indicate(?:s|d)?|prove(?:s|d)?|back(?:s|ed)?\s+(?:this|that|it)\s+up)|(?:service|system|server|access)\s+logs|signed\s+(?:delivery\s+)?receipts?|proof\s+of\s+delivery|according\s+to\s+our\s+records|we\s+(?:found|have\s+found|checked\s+and|confirmed|verified)\s+(?:that|no|the|nothing)|no\s+(?:such\s+)?fault\s+(?:of\s+ours|in\s+our|was\s+found)|(?:found|find)\s+no\s+(?:such\s+)?fault)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClaimRegex();

    [GeneratedRegex(@"\b(?:(?:we|i)(?:\s+really|\s+simply)?\s+(?:can't|can’t|cannot|can\s+not|won't|won’t|will\s+not|must\s+decline|have\s+to\s+decline|need\s+to\s+decline|are\s+not\s+able\s+to|aren't\s+able\s+to|am\s+not\s+able\s+to|are\s+unable\s+to|am\s+unable\s+to|are\s+not\s+in\s+a\s+position\s+to|do\s+not\s+(?:offer|make|agree|accept|provide|extend|waive|grant|skip)|don't\s+(?:offer|make|agree|accept|provide|extend|waive|grant|skip))|(?:we're|we’re|i'm|i’m)\s+(?:not\s+able\s+to|unable\s+to|not\s+in\s+a\s+position\s+to|not\s+going\s+to)|(?:our|the)\s+answer\s+is\s+no|(?:is|isn't|is\s+not)\s+(?:not\s+)?something\s+we\s+(?:can|will)\s+(?:not\s+)?(?:do|offer|agree|accept)|we\s+have\s+to\s+say\s+no|we\s+will\s+have\s+to\s+say\s+no|we'll\s+have\s+to\s+say\s+no|we\s+must\s+say\s+no)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClearNoRegex();

    // A remedy given, not promised to be considered: "we will refund", "the £65 goes back to you". "We will
    // correct it" or "put it right" alone names no remedy.
    [GeneratedRegex(@"\b(?:(?:we|i)(?:'ll|’ll|\s+will|\s+shall)\s+(?:refund|credit|reimburse|replace|repair|redo|waive|send\s+you\s+a\s+replacement|correct\s+(?:the|your|this|that)\s+(?:charge|invoice|bill|amount))|goes\s+back\s+to\s+you|(?:is|are|will\s+be)\s+(?:refunded|credited|reimbursed|waived))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GrantRegex();

    [GeneratedRegex(@"\b(?:at\s+this\s+(?:time|point|stage|moment)|for\s+now|right\s+now|maybe|perhaps|possibly|might|not\s+yet|currently\s+unable\s+to\s+consider|unable\s+to\s+consider|for\s+the\s+time\s+being)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HedgeRegex();

    [GeneratedRegex(@"\b(?:because|since\s+(?:the|our|your|a|an|we|it|this|that|each|every|all|any)|as\s+(?:the|our|a|an|we|it|this|that|each|every|all|any)\b|the\s+reason|that\s+is\s+why|that's\s+why|which\s+is\s+why|this\s+is\s+why|due\s+to|given\s+that|in\s+order\s+to|which\s+means|would\s+mean|otherwise)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReasonRegex();

    [GeneratedRegex(@"\b(?:what\s+we\s+can\s+do|what\s+we\s+can\s+offer|here\s+is\s+what\s+we\s+can|here's\s+what\s+we\s+can|we\s+can\s+offer|we\s+could\s+offer|we\s+can\s+propose|we\s+propose|we\s+suggest|instead|alternatively|another\s+option|one\s+option|two\s+options|these\s+options|(?:we|i)\s+(?:would|'d)\s+be\s+(?:happy|glad)\s+to|(?:we|i)\s+(?:are|am)\s+(?:happy|glad)\s+to|we\s+can\s+(?:provide|arrange|schedule|set\s+up|deliver|ship|extend|split|lock|hold|help|support|move|start|include|prepare|send|book)|we\s+will\s+help\s+you\s+move|help\s+you\s+(?:move|transition)\s+to\s+another)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlternativeRegex();

    [GeneratedRegex(@"\b(?:you\s+failed|your\s+(?:own\s+)?fault|you\s+should\s+have|you\s+didn't\s+bother|obviously|as\s+i\s+(?:already\s+)?(?:said|told\s+you|mentioned)|calm\s+down|ridiculous|stupid|idiot\w*|incompetent|useless|pathetic|nonsense|shut\s+up|your\s+problem|not\s+our\s+problem|deal\s+with\s+it|you\s+people|bullshit|damn\w*|hell|crap|clowns?|moron\w*|policy\s+is\s+policy|clearly\s+you|whatever\s+you\s+think)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RudeRegex();

    // Three capitalised words in a row is shouting; acronyms such as "SLA" or "USD" stay short.
    [GeneratedRegex(@"\b[A-Z]{4,}\b(?:\W+\b[A-Z]{2,}\b){2,}|!{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex ShoutingRegex();
}
