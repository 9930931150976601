using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>What a sentence does, whatever it is about.</summary>
public enum SentenceAct
{
    /// <summary>Tells: a fact, a story, a complaint.</summary>
    Statement,
    /// <summary>Asks the supplier to do or give something ("could you", "we need", "please extend").</summary>
    Ask,
    /// <summary>Announces what the customer will do or now requires ("with effect from", "we will pay at 90 days").</summary>
    Imposition,
    /// <summary>Asks for information: prices, a quote, a catalogue, whether discounts exist.</summary>
    Enquiry,
    /// <summary>Thanks or praise.</summary>
    Thanks,
}

/// <summary>Reads what each sentence of a message does: asks, imposes, enquires, thanks or tells.
/// This is language every kind shares, so it lives in code; what is asked for is the catalog's job.
/// An enquiry about discounts is not an ask for one, and a complaint that asks for nothing is not a
/// claim: telling these apart is most of reading real mail right.</summary>
public static class SentenceActs
{
    private static CueSet Cues(params string[] patterns) => new(patterns.Select(p => CuePattern.Parse(p, 1)));

    /// <summary>Politeness that makes a sentence an ask, unless the sentence is a courtesy ("please accept our apologies").</summary>
    private static readonly CueSet PoliteMarkers = Cues("please", "pls", "plz", "kindly");

    private static readonly CueSet AskMarkers = Cues(
        "can you", "could you", "would you", "will you", "can we", "could we", "can i", "could i",
        "may we", "may i", "(we|i) ... (need|want|require|expect|demand|insist|request)", "(we|i) (would|should) ... (like|love|appreciate|prefer|need|want|ask)", "(we'd|i'd) ... (like|love|appreciate|prefer|need|want|ask)",
        "need you to", "want you to", "expect you to", "(we are|i am|we're|i'm) ... (asking|requesting|hoping|looking for|writing to ask|writing to request)",
        // Counter-offers say what they will pay or accept ("I can release $750", "I was thinking more like $300").
        "(i|we) can (only)? (release|offer|pay|stretch to|go to|manage)", "(i was|we were|i'm|we're) thinking (more like|of|about)", "(i|we) (would|could|will) (accept|settle for|take|agree to)",
        "(i|we) (think|feel|believe) (that)? (a|an)? ... (is|would be|seems) (fair|reasonable)",
        "(we|i) (now|therefore|hereby|also|again|further|respectfully|formally|kindly)? (ask|request|propose|suggest|urge)", "is it possible", "would it be possible", "is there (any|a) (way|chance|possibility|possibilyty|option)",
        "any chance", "are you able", "(would|could) you (consider|agree|accept|be willing)", "how about", "what about", "let me know if", "let us know if",
        "hoping you (can|could|will)", "hope you (can|could|will)", "must", "(have|has) to", "needs to", "(should|shall) be", "allow (us|me)", "give (us|me)",
        "make an exception", "(willing|open) to", "(why|how come) (should|do|must) (i|we)", "do (i|we) (have|need) to", "(can|could) (i|we) (get|have|receive)",
        "(what|how) (can|will) you do", "(i|we) (trust|assume|hope) (you|that you) (will|can)", "(i|we) (look|are looking) forward to (your|receiving) (refund|credit|payment|compensation|reply with)",
        "in return for", "in exchange for", "on condition", "provided that", "if you (can|could|would|will)", "unless you",
        // A proposal is an ask ("Let's give it a couple of weeks", "let us split the difference").
        "let's (give|wait|say|make|push|move|agree|call|leave|settle|split|meet|try|put|hold|keep|extend|do)", "let us (give|wait|say|make|push|move|agree|settle|split|meet|try|put|hold|keep|extend)");

    // An imperative at the start of a sentence ("Send us...", "Please extend...", "Kindly refund...").
    private static readonly HashSet<string> ImperativeVerbs = new(StringComparer.Ordinal)
    {
        "send", "give", "provide", "extend", "reduce", "lower", "cut", "drop", "waive", "refund", "credit", "reimburse", "compensate",
        "replace", "repair", "fix", "expedite", "rush", "ship", "deliver", "cancel", "accept", "allow", "let", "grant", "restore", "reset",
        "reactivate", "activate", "add", "include", "change", "remove", "make", "take", "cover", "absorb", "pay", "consider", "move",
        "upgrade", "transfer", "match", "hold", "keep", "sort", "resolve", "return", "revert", "honour", "honor", "release", "approve",
        "skip", "bypass", "unlock", "unblock", "enable", "stop", "arrange", "increase", "raise", "update", "revise", "adjust", "amend",
        "bring", "speed", "prioritise", "prioritize", "finish", "complete", "do", "get", "contact", "call", "reply", "respond",
    };

    private static readonly CueSet EnquiryMarkers = Cues(
        "let (us|me) know (your|the|what|whether|if you (have|offer|give|sell|supply|stock|can supply))",
        "(send|mail|email|airmail|forward|quote) (us|me) (your|a|the|some|any) ... (price list|prices|pricelist|quotation|quote|offer|catalogue|catalog|brochure|details|information|samples|sample|terms|proforma|pro forma|invoice|specification*|availability)",
        "(what|how much) (is|are|would|will|does|do) (the|your|it) ... (price|prices|cost|costs|charge|lead time|rate|rates)",
        "(do|would|will|can) you (offer|give|allow|grant|have|sell|supply|stock|provide) (any)? (trade|quantity|volume|bulk|cash|early payment)? (discount*|rebate*|samples|credit terms)",
        "whether you (give|offer|allow|grant|have|can|could|would)", "(like|want|wish|glad|grateful) to know", "(please|kindly)? (quote|advise|inform) (us|me)",
        "(like|want) (some|more|further) (details|information)", "request (for)? (a|your)? (quotation|quote|catalogue|catalog|price list|samples)",
        "(could|can|would) you (tell|advise|inform|confirm|explain) (us|me) (what|how|whether|if|when|why)", "(i|we) (would like|want) to ask (the|your|about|whether|if)", "(i'd|we'd) like to ask (the|your|about|whether|if)",
        "(what|which) (are|is) your (terms|prices|rates|conditions|discounts)", "how (do|can) (i|we) (order|buy|pay|activate|install|use)",
        "(any|an) (update|news) on", "(is|are) there (an|any) update", "(when|where) (is|will) (my|our|the) (order|delivery|refund|package|shipment)");

    private static readonly CueSet ImpositionMarkers = Cues(
        "with (immediate)? effect", "effective (immediately|from|as of|#|date|on)", "going forward", "from now on", "as of #", "as from",
        "(we|i) will (now|no longer|only|not|henceforth|therefore|be) ... (pay|accept|deduct|charge|apply|extend|move|cancel|require|ask|expect|invoice|settle|withhold|hold|reduce|use|order|return|take)",
        "(we|i) have (decided|taken the decision|no choice|had no choice)", "(all|every|each) (of our)? (suppliers|vendors|partners|supplier|vendor) (will|must|are|is|should)",
        "you (will|must|shall|are required to|agree to|undertake to|are expected to) (now)? (be|pay|accept|deliver|provide|give|ensure|make|bear|absorb|meet|comply|send|support|contribute)",
        "(we|i) (are|am) (extending|moving|changing|cancelling|canceling|reducing|introducing|applying|increasing|asking|withholding|deducting|terminating|suspending|returning|rejecting)",
        "(we|i) (have|'ve) (cancelled|canceled|deducted|withheld|suspended|terminated|stopped|returned|rejected)",
        // A deduction made ("I have taken £337 off your statement", "we have held back the October charges").
        "(we|i) (have|'ve) (taken|knocked|held back|short paid|short-paid) ... (off|back|from)", "(we|i) (have|'ve) instructed ... to (hold back|withhold|deduct|short pay|short-pay)",
        "(we|i) will be (asking|deducting|charging|applying|extending|moving|cancelling|canceling|introducing|requiring|withholding|returning|paying)",
        "(we|i) will (now|therefore|then)? (begin|start) (applying|deducting|charging|paying|taking|invoicing|withholding|ordering)",
        "(is|are) (hereby)? (cancelled|canceled|terminated|suspended|amended|changed|extended)", "(this|these) (change|changes|terms) (will)? (apply|applies)",
        "(we|i) (hereby|formally) (give notice|notify|request|demand|require)", "notice of (termination|cancellation)", "force majeure",
        "(giving|give|serving|serve) you ... notice (of|that (we|i) (will|are|am|have|shall) (now|hereby)? (terminat*|cancel*|end*|withdraw*|stop*|no longer|not renew*|suspend*))", "will be subject to", "(will|shall) be (required|expected|asked) to");

    private static readonly CueSet ThanksMarkers = Cues(
        "thank*", "thx", "appreciate*", "grateful", "great (job|work|service|support)", "well done", "kudos", "love the", "(pleased|happy|delighted) with");

    /// <summary>Courtesies in the imperative ("please accept our apologies for the delay", "forgive me"): they ask nothing.</summary>
    private static readonly CueSet CourtesyMarkers = Cues(
        "(accept|excuse) (my|our|the) ... (apolog*|regret*|delay|inconvenience)", "(pardon|forgive) (me|us|my|our)");

    private static readonly HashSet<string> Skip = new(StringComparer.Ordinal) { "please", "kindly", "pls", "plz", "so", "and", "also", "just", "now", "then", "could", "can", "oh" };

    /// <summary>The act of each sentence of <paramref name="message"/> (by sentence index).</summary>
    public static SentenceAct[] Read(TokenizedText message)
    {
        var n = Math.Max(1, message.Sentences.Length);
        var ask = new bool[n];
        var enquiry = new bool[n];
        var imposition = new bool[n];
        var thanks = new bool[n];
        var found = new List<CueSet.CueMatch>();
        void Mark(CueSet cues, bool[] into)
        {
            found.Clear();
            cues.MatchAll(message.Tokens, found);
            foreach (var m in found)
            {
                var s = message.Tokens[m.FirstToken].Sentence;
                if (s < n) into[s] = true;
            }
        }
        Mark(AskMarkers, ask);
        Mark(EnquiryMarkers, enquiry);
        Mark(ImpositionMarkers, imposition);
        Mark(ThanksMarkers, thanks);
        var courtesy = new bool[n];
        Mark(CourtesyMarkers, courtesy);
        var polite = new bool[n];
        Mark(PoliteMarkers, polite);
        for (var i = 0; i < n; i++) ask[i] |= polite[i] && !courtesy[i];

        // Imperatives: the first word that is not "please", "kindly", "so"...
        var firstSeen = new bool[n];
        foreach (var t in message.Tokens)
        {
            if (t.Sentence >= n || firstSeen[t.Sentence]) continue;
            if (Skip.Contains(t.Word)) continue;
            firstSeen[t.Sentence] = true;
            if (ImperativeVerbs.Contains(t.Word) && !courtesy[t.Sentence]) ask[t.Sentence] = true;
        }

        var acts = new SentenceAct[n];
        foreach (var s in message.Sentences)
        {
            if (s.Index >= n) continue;
            var question = message.Text.AsSpan(s.Start, s.Length).Contains('?');
            acts[s.Index] =
                enquiry[s.Index] ? SentenceAct.Enquiry
                : imposition[s.Index] ? SentenceAct.Imposition
                : ask[s.Index] || question ? SentenceAct.Ask
                : thanks[s.Index] ? SentenceAct.Thanks
                : SentenceAct.Statement;
        }
        return acts;
    }

    /// <summary>How much a sentence's cue and word-model evidence counts toward an ask of its kind.</summary>
    public static double Weight(SentenceAct act) => act switch
    {
        SentenceAct.Ask => 1.0,
        SentenceAct.Imposition => 1.0,
        SentenceAct.Statement => 0.5,
        SentenceAct.Thanks => 0.3,
        SentenceAct.Enquiry => 0.25,
        _ => 0.5,
    };

    public static bool Asks(SentenceAct act) => act is SentenceAct.Ask or SentenceAct.Imposition;
}
