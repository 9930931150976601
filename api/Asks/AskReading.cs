using System.Text.RegularExpressions;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>Words of the email. <c>Start</c>/<c>Length</c> index the body as sent; <c>Text</c> is the words as read.</summary>
public sealed record ReadSpan(string Text, int Start, int Length);

/// <summary>The ask read in full, for the kind being drafted: the sentence that asks, what we would be
/// refusing in our own voice, every figure with its role, the reason they give and what they offer in
/// return. Each part keeps its place in the email, so the pane can show it and the account manager can
/// correct it; a part that cannot be read is null and the draft does without it.</summary>
public sealed record AskReading(
    string Kind,
    ReadSpan? Request,
    string? RequestOurs,
    IReadOnlyList<RoledFigure> Figures,
    RoledFigure? Requested,
    ReadSpan? Reason,
    string? ReasonTheirs,
    ReadSpan? Offer,
    string? OfferTheirs)
{
    /// <summary>The email the figures' places refer to.</summary>
    public EmailText? EmailText { get; init; }

    /// <summary>The index of the newest message's sentence read as the ask (null when none was found).</summary>
    public int? RequestIndex { get; init; }

    /// <summary>The account manager pointed to the sentence that asks: it is the ask, whatever the reader found.</summary>
    public bool Pointed { get; init; }

    /// <summary>The customer tells of hardship (a fire, an illness, a lost job or client, a budget cut, slow trade):
    /// the reply leaves out arguments about what their ask would cost us.</summary>
    public bool Hardship { get; init; }

    /// <summary>When they ask for a failure to be put right, how: <c>refund</c>, <c>replace</c>, <c>repair</c>, <c>redo</c> or
    /// <c>correct</c> (a charge or an invoice). Null when the ask is not a remedy of that kind.</summary>
    public string? Remedy { get; init; }

    /// <summary>The remedy is called for in a sentence that asks ("please repair it"), not only in one the reader took
    /// for this ask: a draft that owns our part and grants it answers something this email asks.</summary>
    public bool RemedyAsks { get; init; }

    /// <summary>They ask for more than putting it right: compensation, damages, their losses or costs.</summary>
    public bool Beyond { get; init; }

    /// <summary>They ask to have it free of charge ("for free", "we have no budget", "in exchange for a photo credit"),
    /// not for a lower price: the reply says no to that, not to a discount.</summary>
    public bool Free { get; init; }

    /// <summary>They report something wrong with what we supplied (a fault, damage, an outage, a delay, an error, no
    /// answer). A refund asked for without one (a change of mind, a purchase made by mistake) has no cause to look into.</summary>
    public bool Fault { get; init; }

    /// <summary>Whether the reason reads as a clause ("your budget was cut") rather than a thing ("the fire in despatch").</summary>
    public bool ReasonIsClause => ReasonTheirs is { } r && AskReader.IsClause(r);
}

public static partial class AskReader
{
    /// <summary>Words longer than this are not a phrase we can say back; the draft falls back on the kind's own words.</summary>
    public const int MaxPhraseWords = 16;

    /// <summary>Whether the newest message tells of hardship (a lost job, an illness, a budget cut): <see cref="AskReading.Hardship"/>
    /// without reading the ask, for choosing which alternatives to offer.</summary>
    public static bool TellsOfHardship(Classification c) => c.Evidence?.Message is { } m && TellsOfHardship(c.Email, m);

    /// <summary>Reads the ask of <paramref name="kind"/>; <paramref name="pointed"/> is the index of the sentence the
    /// account manager says asks it (one of the newest message's sentences), which then carries the ask and its figure.</summary>
    public static AskReading Read(Classification c, string kind, int? pointed = null)
    {
        var email = c.Email;
        var chosen = pointed is { } p && c.Evidence?.Message.Sentences is { } all && p >= 0 && p < all.Length ? all[p] : null;
        // Of the kind's strongest sentences, one that asks or imposes carries the ask before one that only tells
        // ("I have taken £337 off your statement" before "your credit note for £19 relates to it").
        var acts = c.Evidence?.Acts;
        var sentences = chosen is not null ? [chosen]
            : Classifier.AskSentences(c, kind).OrderBy(x => acts is not null && x.Index < acts.Length && SentenceActs.Asks(acts[x.Index]) ? 0 : 1).ToList();
        var figures = FigureRoles.Assign(email, c.Figures, kind, sentences, c.Evidence?.Message, acts);
        // A pointed sentence is the whole ask: its figure, never one from another sentence the reader took for asking.
        var requested = FigureRoles.Requested(chosen is null ? figures : figures.Where(f => f.InMainAsk).ToList(), kind, sentences.FirstOrDefault());
        var ask = sentences.FirstOrDefault();
        var request = ask is null ? null : Span(email, ask.Start, ask.Length);
        var ours = ask is null ? null : RequestPhrase(email.Text.Substring(ask.Start, ask.Length));

        var message = c.Evidence?.Message;
        var (reason, reasonTheirs) = message is null ? (null, null) : FindReason(email, message, acts, ask);
        var (offer, offerTheirs) = message is null ? (null, null) : FindOffer(email, message);
        var (remedy, remedyAsks) = RemedyAsked(email, message, acts, sentences);
        return new AskReading(kind, request, ours, figures, requested, reason, reasonTheirs, offer, offerTheirs)
        {
            EmailText = email, RequestIndex = ask?.Index, Pointed = chosen is not null, Hardship = message is not null && TellsOfHardship(email, message),
            Remedy = remedy, RemedyAsks = remedyAsks, Beyond = message is not null && AsksBeyond(email, message),
            Fault = StanceReader.ReportsFailure(c),
            Free = message is not null && message.Sentences.Any(s => FreeRegex().IsMatch(email.Text.AsSpan(s.Start, s.Length))),
        };
    }

    /// <summary>The remedy the sentence carrying this ask calls for, else the first other asking sentence that calls for
    /// one; within a sentence the remedy named first ("till it's fixed or I get my money back" asks for the fix).</summary>
    private static (string? Remedy, bool InAsk) RemedyAsked(EmailText email, TokenizedText? message, SentenceAct[]? acts, IReadOnlyList<Sentence> main)
    {
        var asking = main.ToList();
        if (message is not null && acts is not null)
            asking.AddRange(message.Sentences.Where(s => s.Index < acts.Length && SentenceActs.Asks(acts[s.Index]) && !main.Contains(s)));
        foreach (var s in asking)
        {
            var text = email.Text.Substring(s.Start, s.Length);
            var first = Remedies.Select(r => (r.Remedy, Match: r.Regex.Match(text))).Where(r => r.Match.Success).OrderBy(r => r.Match.Index).FirstOrDefault();
            if (first.Remedy is not null) return (first.Remedy, acts is not null && s.Index < acts.Length && SentenceActs.Asks(acts[s.Index]));
        }
        return (null, false);
    }

    private static readonly (string Remedy, Regex Regex)[] Remedies =
    [
        ("correct", CorrectRegex()), ("replace", ReplaceRegex()), ("repair", RepairRegex()), ("redo", RedoRegex()), ("refund", RefundRegex()),
    ];

    private static bool AsksBeyond(EmailText email, TokenizedText message) =>
        message.Sentences.Any(s => BeyondRegex().IsMatch(email.Text.AsSpan(s.Start, s.Length)));

    [GeneratedRegex(@"\b(?:adjust|correct|fix|amend|reverse|remove|cancel|take off)\s+(?:the|this|that|my|our|these|those)\s+(?:[\w-]+\s+)?(?:charges?|invoices?|bills?|statement|billing|fees?)\b|\b(?:charged|billed|debited)\s+(?:me|us)?\s*(?:twice|double)\b|\bdouble[- ]charged?\b|\b(?:annul|void|reverse|cancel)\s+(?:the|these|those|this|that|all|both)?\s*(?:[\w-]+\s+){0,2}(?:transactions?|charges?|debits?|duplicates?)\b|\bcorrected\s+(?:invoice|statement|bill)\b|\bwithout\s+(?:the|any|a|an)\s+(?:[\w-]+\s+){0,2}(?:fee|charge|penalty)\b|\bwaive\s+(?:the|this|that|my|our|any)\s+(?:[\w-]+\s+){0,2}(?:fees?|charges?|penalty|penalties)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    // A charge corrected: adjusted, reversed or annulled, a corrected invoice sent, a fee waived or a cancellation without it.
    private static partial Regex CorrectRegex();

    [GeneratedRegex(@"\b(?:replace|(?<!for a |waiting for (?:a |the )?)replacement|exchange (?:it|them|this|the (?:item|product|goods|unit|order|part))|resend|re-send|redeliver|re-deliver|send (?:me |us )?(?:again|another|a new|new)|send again)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplaceRegex();

    [GeneratedRegex(@"\b(?:repair|fixed|fix (?:it|them|this|the (?:fault|problem|issue|defect)))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RepairRegex();

    [GeneratedRegex(@"\b(?:redo|re-do|rework|do (?:it|the work|the job) again)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RedoRegex();

    [GeneratedRegex(@"\b(?:refund\w*|money back|pay (?:me |us |it |[\w-]+ )?back|reimburse\w*|repay\w*|(?:my|our) (?:[$€£]?[\d,.]+ )?(?:money|payment|deposit|fee) back|credit (?:for|back|the|of)|credit (?:my|our|the) account|credit note|allowance)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RefundRegex();

    // More than putting it right: compensation, damages, losses, costs of their own.
    [GeneratedRegex(@"\b(?:compensat\w*|damages|recompense|goodwill|consequential|out of pocket|loss of (?:business|income|earnings|revenue|profits?|sales|a day)|lost (?:business|revenue|income|profits?|sales|earnings|wages|a day|days|time|a season)|(?:costs?|expenses|fees) (?:we|i) (?:have |had )?(?:incurred|had|paid|suffered)|incurred (?:\w+ ){0,2}(?:costs?|expenses|losses)|(?:for|of) (?:the |my |our |all the |this |any )?(?:inconvenience|distress)|inconvenience (?:caused|suffered)|(?<!without (?:any |a |the |an )?(?:[\w-]+ )?)penalt(?:y|ies)|(?:hotel|taxi|travel|rental|legal|storage|labour|labor) (?:costs?|bills?|fees|expenses)|(?:extra|additional) (?:costs?|expenses)|(?:pay|cover|bear|absorb) (?:for )?(?:the |our |my )?(?:costs?|\w+(?:ing|ation)))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BeyondRegex();

    private static ReadSpan? Span(EmailText email, int start, int length)
    {
        // Trim the spaces and line breaks a sentence span may carry.
        while (length > 0 && char.IsWhiteSpace(email.Text[start])) { start++; length--; }
        while (length > 0 && char.IsWhiteSpace(email.Text[start + length - 1])) length--;
        if (length <= 0) return null;
        var (s, l) = email.ToSource(start, length);
        return new ReadSpan(Squash(email.Text.Substring(start, length)), s, l);
    }

    private static string Squash(string s) => SpacesRegex().Replace(s, " ").Trim();

    /// <summary>What they ask us to do, in our voice, when the sentence asks it plainly: "Could you lower
    /// both prices by 30%?" gives "lower both prices by 30%". Null for anything less plain, and for verbs
    /// that would make an odd refusal ("help us", "let us know").</summary>
    internal static string? RequestPhrase(string sentence)
    {
        var s = Squash(sentence.Replace('\u2019', '\''));
        var m = RequestRegex().Match(s);
        if (!m.Success) return null;
        var vp = m.Groups["vp"].Value;
        vp = PhraseEndRegex().Split(vp)[0].Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim();
        vp = TrailingPleaseRegex().Replace(vp, "").Trim();
        if (vp.Length == 0) return null;
        var words = vp.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > MaxPhraseWords) return null;
        if (WeakVerbs.Contains(words[0].ToLowerInvariant()) || NotVerbs.Contains(words[0].ToLowerInvariant())) return null;
        return Voice.ToThem(vp);
    }

    private static readonly HashSet<string> WeakVerbs = new(StringComparer.Ordinal)
    {
        "help", "let", "tell", "advise", "confirm", "check", "look", "see", "know", "reply", "respond", "get", "do", "make", "be", "have",
        "please", "kindly", "contact", "call", "email", "explain", "clarify", "inform", "understand", "answer", "update", "think", "keep",
    };

    private static readonly HashSet<string> NotVerbs = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "to", "it", "this", "that", "these", "those", "we", "i", "you", "us", "me", "our", "my", "your", "not", "also", "just",
        "any", "some", "all", "can", "could", "would", "will", "shall", "may", "might", "should", "must", "more", "there", "here", "so", "and", "or", "but", "if", "in", "on", "for", "with", "of", "at", "by",
    };

    /// <summary>How many sentences from the ask a stated cause may stand and still be the reason for it.</summary>
    private const int ReasonReach = 3;

    private static (ReadSpan?, string?) FindReason(EmailText email, TokenizedText message, SentenceAct[]? acts, Sentence? ask)
    {
        // A cause stated in the asking sentence first; then hardship told anywhere (a lost job, a fire); then a cause
        // stated in another sentence that asks, or in a story sentence near the ask. A story sentence far from it tells
        // the story, not why they ask ("we upgraded because we wanted the fastest speed", many sentences before
        // "please give us priority").
        if (ask is not null && Because(email, ask) is { } inAsk) return inAsk;
        foreach (var s in message.Sentences)
        {
            var text = email.Text.Substring(s.Start, s.Length);
            var m = HardshipRegex().Match(text);
            if (!m.Success || !FirstPersonRegex().IsMatch(text)) continue;
            // "My rent will be late because I lost my job": the cause, not the whole sentence.
            if (ReasonMarkerRegex().Match(text) is { Success: true } marker && marker.Index < m.Index && Because(email, s) is { } cause) return cause;
            // "I accept that my account is in arrears": the hardship is what follows "I accept that"; said back
            // whole it would read "you accept that your account with us is in arrears".
            var admitted = AdmitLeadRegex().Match(text);
            var clause = ClauseFrom(text, admitted.Success ? admitted.Length : 0);
            if (clause is null || !SaysBackWell(Voice.ToThem(Decapitalise(Squash(clause))))) continue;
            var lead = admitted.Success ? admitted.Length : text.Length - text.TrimStart().Length;
            return (Span(email, s.Start + lead, clause.Length), Voice.ToThem(Decapitalise(Squash(clause))));
        }
        bool Asking(Sentence s) => acts is not null && s.Index < acts.Length && SentenceActs.Asks(acts[s.Index]);
        foreach (var s in message.Sentences.Where(s => s != ask && (ask is null || Asking(s) || Math.Abs(s.Index - ask.Index) <= ReasonReach)))
            if (Because(email, s) is { } near) return near;
        return (null, null);
    }

    // The cause a sentence states after "because", "due to", "as we ...", when it says back well.
    private static (ReadSpan?, string?)? Because(EmailText email, Sentence s)
    {
        var text = email.Text.Substring(s.Start, s.Length);
        var m = ReasonMarkerRegex().Match(text);
        if (!m.Success) return null;
        var clause = ClauseFrom(text, m.Index + m.Length);
        if (clause is null || !SaysBackWell(Voice.ToThem(Squash(clause)))) return null;
        return (Span(email, s.Start + m.Index + m.Length, clause.Length), Voice.ToThem(Squash(clause)));
    }

    /// <summary>Whether the newest message (its signature too) is written for a business rather than by a private person:
    /// their company, staff, stores or customers, a buying team, seats or licences, suppliers, a purchase order.
    /// A household's "we" is not a business.</summary>
    public static bool WritesForABusiness(Classification c) => BusinessRegex().IsMatch(c.Email.Text);

    // Hardship is the writer's own: a sentence that tells it speaks of "I", "we", "our" ("a fire in our despatch
    // department"); a law quoted about "the death or illness of the person" or a retailer's "consumers paying the
    // price of inflation" is not the customer's hardship.
    private static bool TellsOfHardship(EmailText email, TokenizedText message) =>
        message.Sentences.Any(s => HardshipRegex().IsMatch(email.Text.AsSpan(s.Start, s.Length)) && FirstPersonRegex().IsMatch(email.Text.AsSpan(s.Start, s.Length)));

    private static (ReadSpan?, string?) FindOffer(EmailText email, TokenizedText message)
    {
        foreach (var s in message.Sentences)
        {
            var text = email.Text.Substring(s.Start, s.Length).Replace('\u2019', '\'');
            var m = OfferRegex().Match(text);
            if (!m.Success) continue;
            // "If you do not deliver within two weeks, I will cancel" holds a consequence over us: a threat, not an offer.
            if (ThreatConditionRegex().IsMatch(text)) continue;
            var g = m.Groups["offer"];
            if (ThreatActRegex().IsMatch(g.Value)) continue;
            var offer = PhraseEndRegex().Split(g.Value)[0].Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim();
            var words = offer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words is < 1 or > MaxPhraseWords) continue;
            return (Span(email, s.Start + g.Index, offer.Length), Voice.ToThem(Squash(offer)));
        }
        return (null, null);
    }

    // The clause from a position to the end of the sentence or the next turn ("..., so could you"), when it is short enough to say back.
    private static string? ClauseFrom(string sentence, int from)
    {
        var rest = sentence[from..].Replace('\u2019', '\'').TrimStart();
        var clause = PhraseEndRegex().Split(rest)[0];
        clause = ClauseEndRegex().Split(clause)[0].Trim().TrimEnd('.', '!', '?', ',', ';', ':', ')').Trim();
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words is < 2 or > MaxPhraseWords ? null : clause;
    }

    internal static bool IsClause(string s) => ClauseVerbRegex().IsMatch(s);

    /// <summary>Whether a reason reads well after "I understand that …" or "… puts you in": a clause that starts
    /// with its subject ("your budget was cut"), or a short noun phrase ("the fire in your despatch area").
    /// Anything else ("You're concerned", "circumstances you did not expect", "you can") is not said back:
    /// a garbled echo of their words does more harm than none.</summary>
    internal static bool SaysBackWell(string reason)
    {
        var words = reason.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4) return false;
        if (char.IsUpper(words[0][0]) && words[0] != "I") return false;
        // Their charge against us, turned round ("we misrepresented our abilities"): said back, it would admit it.
        if (words[0] is "we" or "our" or "us") return false;
        // Turned-round words that collided ("we you are now overdrawn", "this you could not finish") or a clause of
        // someone else's ("you were by the hours of misery"): better unsaid.
        if (GarbledRegex().IsMatch(reason)) return false;
        if (IsClause(reason)) return ClauseStartRegex().IsMatch(reason) && !DanglingEndRegex().IsMatch(reason);
        // A noun phrase has no verb the word list knows, so "your payments arrive on time" would pass as one: only
        // a phrase naming a cause is taken.
        return words.Length <= 8 && NounPhraseStartRegex().IsMatch(reason) && CauseNounRegex().IsMatch(reason) && !DanglingEndRegex().IsMatch(reason);
    }

    // A subject first: a pronoun, or a determiner and up to three words before the verb ("your biggest client has left").
    [GeneratedRegex(@"^(?:(?:you|we|they|he|she|it|i)(?:'re|'ve|'d|'ll)?\b|(?:your|our|their|his|her|its|the|this|that|these|those|a|an|one|two|three|several|many|most|some|all|both)\s+(?:[\w'-]+\s+){0,3}?(?:is|are|was|were|has|have|had|will|would|can|could|did|do|does|went|came|made|lost|cut|\w{3,}ed|\w{3,}s)\b|(?:\w+\s+){1,2}(?:is|are|was|were|has|have|had)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseStartRegex();

    [GeneratedRegex(@"^(?:your|our|their|the|a|an|this|that|these|those)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NounPhraseStartRegex();

    [GeneratedRegex(@"\b(?:fire|flood|storm|budgets?|cuts?|costs?|prices?|increases?|delays?|cash|illness|surgery|accident|restructuring|merger|audit|pandemic|recession|inflation|shortages?|strike|closure|loss|losses|situation|circumstances|changes?|polic(?:y|ies)|rules?|regulations?|funding|downturn|move|relocation|redundanc(?:y|ies)|season|demand|sales)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CauseNounRegex();

    // A phrase cut off mid-thought: ends on a preposition, an article, an auxiliary or a conjunction.
    [GeneratedRegex(@"\b(?:by|of|to|in|at|for|with|from|on|a|an|the|is|are|was|were|be|been|can|could|will|would|and|or|but|that|your|our|my|before|again)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DanglingEndRegex();

    [GeneratedRegex(@"\blet we\b|^(?:\w+\s+)?(?:we|you|i|this|that)\s+(?:you|we|i)\b|^that\b|\b(?:was|were|is|are)\s+(?:by|of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GarbledRegex();

    private static string Decapitalise(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) && !s.StartsWith("I ", StringComparison.Ordinal) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacesRegex();

    [GeneratedRegex(@"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|do|does|need|needs|must|got|lost|cut|went|came|made|took|became|\w{3,}ed)\b|'(?:s|re|ve|ll|d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseVerbRegex();

    [GeneratedRegex(@"(?:\b(?:could|can|would|will) you (?:please |kindly |possibly |perhaps |maybe |just )?|^(?:so |and |also |hence )?(?:please|kindly|pls|plz) (?:(?:can|could|would|will) you (?:please |kindly )?)?|\b(?:we|i) (?:would like|'d like|want|need|ask|request|expect|require|would ask|'d ask) you to |\b(?:we|i) (?:ask|request|propose|suggest) that you |\bwould it be possible (?:for you )?to |\bis it possible (?:for you )?to |\bis there (?:any|a) (?:way|chance) (?:that )?you (?:could|can|would|might) )(?<vp>[^?!.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestRegex();

    // Where a phrase turns into a reason, a condition or another thought.
    [GeneratedRegex(@",?\s+(?:because|as (?:we|i|our|my|the)|since (?:we|i|our|my|the)|so that|so we|so i|otherwise|if (?:you|we|i|possible|that)|and (?:we|i)|but|which|as soon as|as well|thanks|thank you|in order to)\b|\s+-\s+|;|:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhraseEndRegex();

    [GeneratedRegex(@",\s+(?:so|and|could|can|would|please|we'd|i'd|we|i)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEndRegex();

    [GeneratedRegex(@"(?<!\w)(?:please)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPleaseRegex();

    [GeneratedRegex(@"\b(?:for free|free of (?:charge|cost)|(?:have|has|with) no budget|for nothing|without (?:charge|charging|paying|payment)|at no (?:cost|charge)|in (?:exchange|return) for (?:a |the )?(?:photo )?(?:credit|exposure|mention|link|shout ?out)|for (?:the )?exposure|free (?:use|licen[cs]e|copy|version|upgrade|access|seat|seats))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FreeRegex();

    [GeneratedRegex(@"\b(?:because of|because|due to|owing to|as a result of|on account of|given that|since (?=(?:we|i|our|my|the|this|business|sales|cash|money|funds|budgets?)\b)|(?<!\b(?:far|long|soon|much|well|just|such) )as (?=(?:we|i|our|my)\b(?! (?:discussed|agreed|mentioned|said|per)\b)))\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReasonMarkerRegex();

    [GeneratedRegex(@"\b(?:budgets? (?:was|were|has been|have been|is|are|got) (?:cut|reduced|frozen|slashed|tight|tighter|squeezed|under pressure)|cash ?flow|(?:lost|losing) (?:a|our|the|my|two|three|several)? ?(?:biggest |largest |main |key )?(?:clients?|customers?|contracts?|funding|grant|job|income)|fire|flood|storm|surgery|hospital|illness|(?<!by )accident|bereavement|funeral|(?:tough|difficult|hard|slow|challenging) (?:times|year|quarter|season|months|market|trading)|(?:sales|revenue|orders|business|demand|income) (?:is|are|has been|have been|was|were) (?:down|slow|falling|dropping|poor|weak)|(?:we are|we're|i am|i'm) (?:only )?(?:a |an )?(?:small|tiny|non-profit|nonprofit|charity|start-up|startup|student|family business|sole trader|freelancer)|recession|inflation|pandemic|covid|price increases? from our|laid off|made redundant|unemployed|out of work|medical (?:bills|expenses)|passed away|financial (?:difficult(?:y|ies)|hardship|constraints?|problems?|position|situation|trouble|circumstances|strain|crisis)|(?:my|our) finances|in arrears|(?:on|living on) benefits|debt advice|money is (?:tight|short)|struggling (?:financially|to pay|to make ends meet|to keep up)|(?:can't|cannot|can not|unable to|not able to|not in a position to) (?:afford|keep up|pay (?:all|the (?:full|whole)|in full|at once|what (?:is|i|we) owe|on (?:the|its) due date|anything|it all)))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HardshipRegex();

    [GeneratedRegex(@"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|we'd|us|our)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstPersonRegex();

    [GeneratedRegex(@"\b(?:our (?:company|business|firm|organi[sz]ation|team|staff|employees|customers|clients|stores?|shops?|members|users|department|group|school|practice|agency|suppliers|vendors|board|budget|procurement|finance|purchasing)|(?:we are|we're) an? (?:company|business|firm|agency|retailer|distributor|manufacturer|charity|non-profit|nonprofit|startup|start-up|school|practice|team)|my (?:company|business|firm|organi[sz]ation|shop|store|agency|practice|clients|customers|staff|employees)|suppliers?|retailers?|wholesale\w*|purchase orders?|procurement|seats|per (?:seat|user)|licen[cs]es for|(?:buying|purchasing|procurement|accounts payable|accounts|finance|category) (?:team|department|dept|manager|director|office)|ltd|llc|inc|gmbh|plc|limited)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BusinessRegex();

    [GeneratedRegex(@"^\s*(?:i|we) (?:(?:fully |do )?(?:accept|know|understand|realise|realize|appreciate|admit|acknowledge|recognise|recognize)|am aware|are aware)(?: that)?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdmitLeadRegex();

    // The condition after "we will sign ..." is looked for within 400 characters: an unbounded look ran to the
    // end of the sentence from every "we will", quadratic in a long run-on sentence.
    [GeneratedRegex(@"(?:\bif you (?:can |could |would |will |are able to |agree to )?[^,.!?]{3,80},?\s+(?:then )?(?:we|i) (?:will|'ll|would|'d|can|could|are ready to|am ready to|are prepared to|am prepared to|are willing to|am willing to|are happy to|am happy to|shall) |\bin (?:return|exchange)(?: for [^,.!?]{3,60})?,?\s+(?:we|i) (?:will|'ll|would|'d|can|could|are ready to|am ready to|are prepared to|are willing to|are happy to) |\b(?:we|i) (?:will|'ll|would|'d|are ready to|am ready to|are prepared to|am prepared to|are willing to|am willing to|are happy to|am happy to|shall) (?=(?:sign|commit|order|place|pay|prepay|renew|extend|buy|purchase|increase|double|recommend|refer|continue|stay|keep|give you|send you|take|book|switch|move|guarantee)\b[^.!?]{0,400}\b(?:if|provided|as long as|on condition|in return|in exchange|should you|once you)\b))(?<offer>[^.!?]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfferRegex();

    [GeneratedRegex(@"\b(?:if you (?:do not|don't|did not|didn't|fail|cannot|can't|won't|will not|are not|aren't|are unable|refuse|still)\b|unless\b|otherwise\b|or else\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThreatConditionRegex();

    // What a customer does to a supplier, not for one: a conditional with these is leverage whatever its condition.
    [GeneratedRegex(@"^\s*(?:(?:have to|need to|be forced to|be obliged to|use (?:my|our) right to) )?(?:cancel|terminate|demand|report|escalate|sue|withdraw|leave|stop|claim|complain|dispute|withhold|take (?:legal|this|my|our|the matter|further)|move (?:my|our|the) business|switch|look elsewhere|go elsewhere|seek|pursue|file|post|review)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThreatActRegex();
}
