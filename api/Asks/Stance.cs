using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>The position a reply takes, decided before any words: saying no is a judgement first.</summary>
public static class Stances
{
    /// <summary>Decline the ask, with a reason and alternatives.</summary>
    public const string Refuse = "refuse";
    /// <summary>The customer reports a failure of ours: admit it, give the remedy, decline only the excess.</summary>
    public const string OwnPart = "own_part";
    /// <summary>The customer announces rather than asks (new terms, a deduction, a cancellation): do not accept it, propose terms.</summary>
    public const string Imposed = "imposed";
    /// <summary>The ask is small next to the relationship: consider a yes.</summary>
    public const string Small = "small";

    public static readonly IReadOnlyList<string> All = [Refuse, OwnPart, Imposed, Small];

    public static bool IsKnown(string? stance) => stance is not null && All.Contains(stance);

    /// <summary>The words people see for a stance.</summary>
    public static string Label(string stance) => stance switch
    {
        OwnPart => "Own our part",
        Imposed => "Answer an imposition",
        Small => "Consider a yes",
        _ => "Say no",
    };
}

/// <summary>The stance the email suggests, with the sentences that suggest it and why, in plain words.</summary>
public sealed record StanceReading(string Suggested, string Reason, IReadOnlyList<Evidence> Evidence);

/// <summary>Reads which stance an email calls for. A customer who reports our failure (an outage, a late
/// or missing delivery, a double charge, an unanswered case) gets "own our part"; one who announces new
/// terms, a deduction or a cancellation gets "answer an imposition"; otherwise "say no". This is language
/// every kind and trade shares, so it lives in code beside the sentence acts.</summary>
public static class StanceReader
{
    private static CueSet Cues(params string[] patterns) => new(patterns.Select(p => CuePattern.Parse(p, 1)));

    // A failure on the supplier's side, told by the customer: what did not arrive, work, happen or add up.
    private static readonly CueSet Failure = Cues(
        "(never|not|hasn't|haven't|has not|have not|didn't|did not|still not|yet to be|wasn't|was not|weren't|were not) (been)? (arrived|delivered|received|turned up|shown up|showed up|shipped|dispatched|fixed|resolved|repaired|answered|responded|refunded|credited|installed|completed|finished|honoured|honored)",
        "(never|not|didn't|did not|hasn't|has not|haven't|have not) (arrive|arrived|show|showed|turn up|turned up|work|worked|respond|responded|reply|replied|answer|answered|come|came)",
        "(stopped|stop|stops|ceased) working", "(does|do|did|is|are|was|were)(n't| not) (work|working|function|functioning|load|loading|start|starting)",
        "(arrived|came|was|were|is|are) (damaged|broken|faulty|defective|late|incomplete|missing|wrong|short|cracked|dented|leaking|spoiled|mouldy|moldy|stained|torn|dead)",
        "(damaged|broken|faulty|defective|cracked|leaking|dead) on arrival",
        "(charged|debited|billed|invoiced) (us|me)? (twice|double|two times|again|in error|wrongly|incorrectly|for something)", "(double|duplicate) (charge|charged|billing|payment|debit)",
        "overcharged", "over charged", "(outage|downtime|down time|service interruption|went down|was down|has been down|been offline|went offline)",
        "(no one|nobody|noone) (has)? (replied|responded|answered|called|came|turned up|showed up|got back|contacted)",
        "(still)? (waiting|waited) (for)? ... (weeks|days|months|hours|reply|response|answer|delivery|refund|credit)",
        "(your|the) (mistake|error|fault|oversight|failure)", "(mistakes|errors) (in|on) (your|the) (invoice|statement|bill|order|delivery)",
        "(missed|missing) (the)? (deadline|delivery|appointment|date|slot|items|parts|pieces)",
        "(delivery|shipment|order|goods|parts|it) (was|is|were|are|has been|have been|arrived) (late|delayed)",
        "(doesnt|doesn't|dont|don't|didnt|didn't|does not|do not|did not|isnt|isn't|is not|wont|won't|will not|cannot|can't|cant|couldn't|could not) (work|working|load|start|open|run|connect|sync|print|install|activate|log in|login)",
        "nothing (works|work|worked|is working)", "not working", "still no", "(poor|bad|terrible|low|inferior|awful) quality", "quality (is|was|of) ... (poor|bad|terrible|awful|unacceptable)",
        "(soiled|frayed|scratched|dented|smashed|ripped|rotten|mouldy|moldy)", "(promised|advertised|guaranteed|paid for) ... (but|only|still)", "fell (well)? short",
        "not (the|what) ... (i|we) (ordered|paid for|bought)", "(because of|due to|through) (your|the supplier's) (negligence|mistake|error|delay|fault)", "your negligence",
        "never (got|received|came|arrived|answered|replied|did|worked)", "(no|never got a|never received a) (reply|response|answer) (from|to|yet)",
        "(has|have) to be fixed", "(vanishes|disappears|crashes|keeps crashing|lag problem|error messages|all i get is)", "(second|third|fourth) time ... (we|i) (have|'ve) had to",
        "(appalled|disgusted|appalling|outrageous)", "(you|they) (only)? sent ... (poor|wrong|damaged|instead)",
        "(wrong|incorrect) (item|items|goods|size|colour|color|parts|product|order|amount|invoice|charge)",
        "(not|never) (what|as) (we|i) (ordered|described|agreed|were promised|was promised)", "(neither|never) ordered nor received",
        "cut (our|my) (quota|limit|allowance|access)", "(locked|shut) (us|me) out", "(lost|deleted|corrupted) (our|my) (data|files|work|order|booking)",
        "(did not|didn't|failed to|fail to) (deliver|ship|meet|honour|honor|keep|turn up|show up|respond|reply|notify|inform|tell|call)",
        "(cancelled|canceled) (my|our) (order|booking|flight|appointment) (without|with no)", "(underperformance|under performance|underperformed|breach of (the)? (sla|service level))",
        "(service|support) (was|has been|is) (terrible|poor|appalling|awful|unacceptable|non existent|nonexistent)",
        // Short deliveries, things gone or broken, promises not kept, fixes that did not hold (dev, 2026-12-07).
        "(short shipped|short delivered|short shipment|short delivery)", "(sent|shipped|delivered) (us|me)? only #", "only # ... (had been|have been|were|was) (shipped|delivered|sent)",
        "(is|was|are|were) still (only)? (half done|unfinished|not done|not finished|broken|faulty|down|missing)", "still (has|have|had) (a|some)? (problem|problems|issues|fault|faults)",
        "quality ... (is|was|are|were) (very|really|so)? (poor|bad|terrible|awful|unacceptable)", "(badly)? (undercooked|overcooked|stale|expired food|spoilt)",
        "(got|was|were|has been|have been) (deleted|wiped|erased|lost)", "(was|is|were|are) (completely|all)? (gone|empty) (this morning|today|now|after)",
        "(you|they) (don't|do not|didn't|did not|won't|will not) (fix|repair|return|refund|honour|honor) (it|my|our|the)", "(false|broken) promises",
        "(does not|doesn't|no longer|don't|do not) (recognise|recognize|accept) (my|our|the) (license|licence|key|payment|code)", "(didn't|did not) carry over",
        "(paid|charged) (twice|two times|double)", "(got|received|had) no (answer|reply|response)", "caused by a (defect|fault|manufacturing fault)",
        "(late|delayed) (delivery|shipment|arrival) of (your|the)",
        // Overruns, delays and things that came out other than ordered; a service paid for and never usable (dev, second batch).
        "(cost|budget|time|schedule) overrun*", "(overran|overrun) (the|our|its)? (budget|deadline|schedule|estimate)",
        "(because of|due to|caused by|through) (the|your|these|those|all the|repeated) (delay|delays|late delivery|late deliveries|overrun|overruns)",
        "(is|was|has been|have been|are) (taking|taken|took) (so|too|far too|much too|this) long", "how long (this|the|our) (project|job|work|order|repair|fix) (is|was|has been) taking",
        "(not|never) (been)? able to (use|access|log in|login|download|activate|open) (it|the|your|our|my|this|any)",
        "(very|completely|totally|entirely) different ... (from|to) (what|the one|the ones) (we|i) (asked|ordered|chose|agreed|paid)",
        "(we|i) (asked|paid) for ... (but|and) (got|received|you sent|you delivered)",
        "(have|has|we've|i've) received nothing", "you (told|promised|assured) (me|us) ... (would|will) (be|arrive|get|come)", "(your staff|your team|you) promised (us|me)?",
        "where is the promise", "quality of ... (is|was) (very|really|so|extremely)? (poor|bad|terrible|awful|unacceptable)",
        "(could not|couldn't|cannot|can't|can not) be used", "(undue|unreasonable|excessive) delay*",
        "(constant|repeated|ongoing|recurring|continual) (problems|issues|errors|outages|failures|crashes)", "(was|is|were|are) completely gone",
        "(not getting any|no|without any) (resolution|compensation) (at all|so far|yet)?", "now (it)? (shows|says|shows as) (expired|invalid)");

    // An imposition only counts when it is the customer's decision, not a question about one.
    private static readonly CueSet StrongImposition = Cues(
        "with (immediate)? effect", "effective (immediately|from|as of|#|on)", "as from",
        "(we|i) (have|'ve) (decided|taken the decision|cancelled|canceled|deducted|withheld|suspended|terminated)",
        "(we|i) will (now|no longer|henceforth|therefore|only) (pay|accept|deduct|charge|apply|settle|order|be)",
        "(we|i) will be (deducting|charging|applying|extending|cancelling|canceling|introducing|requiring|withholding|paying)",
        "(we|i) (are|am) (extending|cancelling|canceling|reducing|introducing|withholding|deducting|terminating|suspending)",
        "(is|are) (hereby)? (cancelled|canceled|terminated|suspended)", "(we|i) (hereby|formally) (give notice|notify|terminate|cancel)",
        "notice of (termination|cancellation)", "force majeure",
        // Notice of what we decide, not "notice that I intend to issue proceedings" (a threat) or "notice to resolve this" (a demand).
        "(giving|give|serving|serve) you ... notice (of|that (we|i) (will|are|am|have|shall) (now|hereby)? (terminat*|cancel*|end*|withdraw*|stop*|no longer|not renew*|suspend*))",
        "will be subject to",
        "(have|has) taken ... off (your|the) (statement|invoice|bill)",
        "(we|i) (have|'ve) (instructed|stopped|told) ... (hold|payment|accounting|accounts|bank)", "(we|i) (will|shall) (not|no longer) (be)? (paying|pay|accept|accepting)",
        "(we|i) (will|shall) (only)? be able to pay (by|on|in|at)", "(we|i) expect to (be able to)? (make|pay|settle) (our|the|this|payment)",
        "(your|the) new (payment)? terms",
        "(this is|is) ... notice that", "(we|i) intend to (end|terminate|cancel|withdraw|stop)", "cancel (my|our|this|the) (order|subscription|purchase order|contract|booking)",
        "(cancelled|canceled) (my|our) (subscription|order|contract)", "you (have|'ve) # days (from|to)", "(we are|we're) (now)? (extending|rolling out|requiring)",
        "(we are|we're) (prepared|willing) to (take|accept|pay) ... (at|only)", "(deducted|withheld|withholding|deducting) ... (from|off) (your|the) (invoice|payment|statement|remittance)",
        // Decisions told in a contraction or in trade terms: short-paying, holding back, amended terms, a cancelled PO (dev, 2026-12-07).
        "(i've|we've) (instructed|decided|cancelled|canceled|stopped|deducted|withheld|told)", "(short pay|short paying|short paid|short-pay)", "hold back ... (invoice|invoices|payment|charges|charge)",
        "(your|our) (amended|revised|updated) (terms|agreement|agreements|contract)", "changes to (our|your) (supplier)? (agreement|agreements|terms|contract)",
        "(sticks|stick|keeps|keep) to (its|our|their) (standard)? (payment)? terms", "(won't|will not|cannot|can't) accept (faster|early|earlier|quicker) payment",
        "cancel (purchase order|po|p o)", "please do not (send|ship|deliver) (this|the|our|that)");

    // A policy that applies to the supplier ("our standard for all suppliers is 90 days"): an imposition only when
    // the email does not also ask politely ("we ask you to change the terms"), which makes it a request.
    private static readonly CueSet PolicyImposition = Cues(
        "(all|every|each) (of our)? (suppliers|vendors|supplier|vendor) (will|must|are|is|should)", "every (single)? supplier", "(all|every) new and existing suppliers",
        "(expect|expects) ... to (back|pay|contribute|fund|discount|accept|absorb|invest)", "(we're|we are) after (a|an)",
        "(will|shall) be required to", "(our|the) (standard|new) payment (term|terms)", "you agree to",
        // "From now on" announces only when nothing in the email asks politely ("going forward I'd like a monthly statement").
        "from now on", "going forward", "that's how it works", "(your|the) (band|team|company|firm|side) (is|are) responsible for");

    private static readonly CueSet PoliteAsk = Cues(
        "(we|i) (would)? (ask|request) (you|that you)", "(could|can|would|will) you", "(is|would) it (be)? possible", "(we|i) (would|'d) (like|appreciate|be grateful)",
        "please (change|extend|accept|agree|consider|allow|let|approve|confirm whether)", "(we|i) (hope|wonder|wondered|were wondering)",
        "(i'd|we'd) (like|appreciate|be grateful)", "(just)? want to make sure");

    // The customer says the cause was on their side ("our driver dropped the pallet"): damage is not our failure.
    private static readonly CueSet OwnCause = Cues(
        "(we|i) ... (dropped|broke|spilled|damaged|misused|forgot|overloaded|mishandled)", "(our|my) (own)? (fault|mistake|error|oversight)",
        "(our|my) (driver|staff|team|forklift|technician|engineer|employee|warehouse|son|daughter|kids|child|dog) ... (dropped|broke|spilled|damaged|crashed|deleted|mishandled)");

    public static StanceReading Read(Classification c, string kind)
    {
        if (c.Evidence is not { } e) return new StanceReading(Stances.Refuse, "", []);
        var message = e.Message;
        var found = new List<CueSet.CueMatch>();

        var imposing = SentencesMatching(StrongImposition, message, found);
        if (imposing.Count == 0 && SentencesMatching(PoliteAsk, message, found).Count == 0)
            imposing = SentencesMatching(PolicyImposition, message, found);
        // An enquiry about a change ("what would the terms be from May?") imposes nothing.
        imposing.RemoveAll(t => message.Tokens[t].Sentence is var s && (s >= e.Acts.Length || e.Acts[s] is SentenceAct.Enquiry));
        var failing = SentencesMatching(Failure, message, found);
        if (SentencesMatching(OwnCause, message, found).Count > 0) failing.Clear();

        // Our failure outweighs the customer's reaction to it: "you lost our order, so we are cancelling"
        // is owned first, and the imposition is answered inside that reply. In a payment-terms letter a
        // grievance usually backs the new terms rather than asking for a remedy, so the imposition leads.
        if (failing.Count > 0 && kind is not "payment_terms")
            return new StanceReading(Stances.OwnPart, "The customer reports a failure on our side.", Quotes(c, message, failing));
        if (imposing.Count > 0)
            return new StanceReading(Stances.Imposed, "The customer announces a decision rather than asking for one.", Quotes(c, message, imposing));
        if (failing.Count > 0)
            return new StanceReading(Stances.OwnPart, "The customer reports a failure on our side.", Quotes(c, message, failing));
        return new StanceReading(Stances.Refuse, "", []);
    }

    // Words for something gone wrong that are too common to set the stance on their own ("the pump failed", "a bug"),
    // but enough to say the customer reports a problem rather than a change of mind.
    private static readonly CueSet Trouble = Cues(
        "(failed|fails|failing|failure|broke|broken|breaks|faulty|fault|faults|defect*|damaged|malfunction*|leak*|cracked|dented|scratched|torn|died|dead)",
        "(stopped|stops) (working|running|charging|responding)", "(error|errors|bug|bugs|crash|crashes|crashed|glitch*|outage|outages|downtime)",
        "(late|delayed|missing|lost|wrong|incorrect|inaccurate|never arrived|not arrived|not received|no reply|no response)",
        "(does|did|do|is|was)(n't| not) (work|working|arrive|arrived)", "not (working|as described|what (i|we) ordered)", "(poor|bad|terrible) (quality|service|workmanship)",
        "(isn't|is not|wasn't|was not|not) what (i|we) (expected|paid for|ordered|wanted|asked for)", "(got|get|getting) what (i|we) paid for",
        "(took|taking|takes) (so|too|far too|way too) long", "(you|they) (stopped|suspended|closed|cancelled|canceled|deleted|removed) (my|our)",
        "(charged|billed|debited) (me|us|my|our)", "(unlawful|unfair|hidden|unauthorised|unauthorized) (charge|charges|fee|fees)", "(haven't|have not|hasn't|has not) had (a|any|one|1|a single)",
        "(is|are|was|were) (garbage|rubbish|junk|useless|crap|worthless|unusable|a joke|a disaster|terrible|awful|appalling|shoddy)");

    /// <summary>Whether the customer reports a failure or a problem on our side (and not one they say they caused
    /// themselves): false for a refund asked after a change of mind or a purchase made by mistake.</summary>
    public static bool ReportsFailure(Classification c)
    {
        if (c.Evidence is not { } e) return false;
        var found = new List<CueSet.CueMatch>();
        if (SentencesMatching(OwnCause, e.Message, found).Count > 0) return false;
        return SentencesMatching(Failure, e.Message, found).Count > 0 || SentencesMatching(Trouble, e.Message, found).Count > 0;
    }

    /// <summary>The first matching token of each sentence the cues match, in order.</summary>
    private static List<int> SentencesMatching(CueSet cues, TokenizedText message, List<CueSet.CueMatch> found)
    {
        found.Clear();
        cues.MatchAll(message.Tokens, found);
        return found.Select(m => m.FirstToken).DistinctBy(t => message.Tokens[t].Sentence).Order().ToList();
    }

    private static IReadOnlyList<Evidence> Quotes(Classification c, TokenizedText message, List<int> tokens) =>
        tokens.Take(2).Select(t => Pressure.Sentence(c.Email, message, t, "stance")).ToList();
}
