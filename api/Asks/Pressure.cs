using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>The threat and abusive flags. A threat is a consequence (leaving, cancelling, suing, a bad
/// review: the catalog's threat cues) held over the supplier to get the ask, so a consequence counts
/// only where the sentence, or the one before it, frames it as leverage: "if you don't...", "unless",
/// "otherwise", "or we will", "we will have no choice but to". Cancelling an order, naming a competitor
/// or signing as Managing Director is not a threat. Abuse is the catalog's abusive cues: insults and
/// contempt aimed at the reader, not bluntness.</summary>
public static partial class Pressure
{
    private static CueSet Cues(params string[] patterns) => new(patterns.Select(p => CuePattern.Parse(p, 1)));

    /// <summary>Words that make a consequence leverage: a condition, a forced hand, a last warning.</summary>
    private static readonly CueSet Leverage = Cues(
        "if", "unless", "otherwise", "or else", "failing (which|that|this|delivery|payment|a reply|an answer|receipt)",
        "or (we|i|we'll|i'll|we're|i'm)", "(we|i) (will|shall|would|may|might|'ll) (have|be forced|need|be obliged|be compelled) to",
        "(we'll|i'll) (have|be forced|need) to", "(we|i) (will|would|'ll) have no (choice|option|alternative)", "(we'll|i'll|we'd|i'd) have no (choice|option|alternative)",
        "(we|i) (have|had) no (choice|option|alternative)", "(we|i) (are|am) (left|forced)",
        "(until|before) (we|i) (hear|receive|get|see)", "(in the|in that) (event|case)", "should (you|this|it) (not|fail)", "(last|final) (chance|warning|notice|opportunity)",
        "(we|i) (will|'ll) be (forced|compelled|obliged)", "(we'll|i'll) be (forced|compelled|obliged)", "time is (now)? of the essence",
        "(should|must|do) (i|we) (go|look|move|switch|change|find|take)", "maybe (i|we) should", "keep this up",
        "(if|when|should) (this|it) (happens|continues|happen|continue) again", "any (further|more) (delay|delays|failure|failures|problems)",
        "in case ... (no|not|refus*|fail*)", "where (we|i) (judge|find|consider|deem|feel)");

    /// <summary>Threats that need no framing: the words are the leverage.</summary>
    private static readonly CueSet Explicit = Cues(
        "(final|last) warning", "see you in court", "you will (lose|be losing) (us|our business|my business|a customer|this account)",
        "you'll (lose|be losing) (us|our business|my business|a customer|this account)", "(hear|be hearing) from (my|our) (lawyer*|attorney*|solicitor*)",
        "(flag*|report*|expose*|name) ... (as)? (a|an)? (thief|thieves|scam*|fraud*|crook*|cheat*)",
        // A claim already opened, or charges announced as disputed: the consequence is under way.
        "(opened|filed|raised|started|lodged) ... (claim*|dispute*|chargeback*|case) ... (paypal|bank|card|visa|mastercard|amex)",
        "(going to be|will be|are being|have been) (disputed|charged back)");

    /// <summary>Words that speak to the reader.</summary>
    private static readonly CueSet Reader = Cues("(you|your|you're|youre|yours|yourself|yourselves|u|ur|ya|y'all)");

    /// <summary>Whether the threat is to take their business elsewhere: only then does a reply offer an orderly move.
    /// A threat of a bad review or a lawyer is answered with the same calm, not with an offer to help them leave.</summary>
    public static bool ThreatensToLeave(Classification c) =>
        c.Threat && c.FlagEvidence.Any(e => e.In == "threat" && LeavingRegex().IsMatch(e.Text));

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:elsewhere|another (?!chance|day|week|month|try|go|look|email|call)\w+|someone else|somebody else|other (?:suppliers|vendors|providers|options)|competitor|switch|move (?:our|my|the) (?:business|account|work)|take (?:our|my) (?:business|custom|account|work)|go (?:with|to) (?:someone|another|a different)|lose (?:us|our|my|a customer|this account|the account|the rest|all)|losing (?:us|our|my)|cancel (?:the|our|my|this) (?:contract|account|subscription|agreement|membership|service)|terminat\w*|stop (?:using|working with|buying|ordering)|leave|look (?:for|at) other|find (?:another|a new|someone))", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LeavingRegex();

    /// <summary>A sentence the flag word model is at least this sure of raises "abusive" on its own.</summary>
    public const double AbusiveModelThreshold = 0.97;

    public static (List<string> Flags, List<Evidence> Evidence) Read(KindCatalog catalog, EmailText email, TokenizedText message)
    {
        var flags = new List<string>();
        var evidence = new List<Evidence>();
        var sentences = Math.Max(1, message.Sentences.Length);

        // Threat: a consequence cue in a sentence framed as leverage (or right after one that is).
        var leverage = SentencesWith(Leverage, message, sentences, Quoted(message));
        var found = new List<CueSet.CueMatch>();
        catalog.Threat.MatchAll(message.Tokens, found);
        var threats = found.Where(m =>
            {
                var s = message.Tokens[m.FirstToken].Sentence;
                return s < sentences && (leverage[s] || s > 0 && leverage[s - 1]);
            })
            .ToList();
        var explicitFound = new List<CueSet.CueMatch>();
        Explicit.MatchAll(message.Tokens, explicitFound);
        // "The only reason I haven't filed a claim with my bank is…": a consequence denied is not held over us.
        explicitFound.RemoveAll(m => Denied(message.Tokens, m.FirstToken));
        var weight = threats.DistinctBy(m => m.CueId).Sum(m => m.Cue.Weight) + explicitFound.Count * 3;
        if (weight >= catalog.ThreatDefinition.Threshold)
        {
            flags.Add(AskFlags.Threat);
            foreach (var m in threats.Concat(explicitFound).OrderByDescending(m => m.Cue.Weight).Take(3).OrderBy(m => m.FirstToken))
                evidence.Add(Sentence(email, message, m.FirstToken, AskFlags.Threat));
        }

        // Abusive: the catalog's cues, or a sentence the flag model is near certain of. A cue marked "aimed" (swearing,
        // a word for a thing) counts only in a sentence that speaks to the reader.
        found.Clear();
        catalog.Abusive.MatchAll(message.Tokens, found);
        if (found.Any(m => m.Cue.Aimed))
        {
            var toReader = SentencesWith(Reader, message, sentences);
            found.RemoveAll(m => m.Cue.Aimed && !(message.Tokens[m.FirstToken].Sentence is var s && s < sentences && toReader[s]));
        }
        if (found.Count > 0 && found.DistinctBy(m => m.CueId).Sum(m => m.Cue.Weight) >= catalog.AbusiveDefinition.Threshold)
        {
            flags.Add(AskFlags.Abusive);
            foreach (var m in found.OrderByDescending(m => m.Cue.Weight).Take(3).OrderBy(m => m.FirstToken))
                evidence.Add(Sentence(email, message, m.FirstToken, AskFlags.Abusive));
        }
        else if (catalog.FlagExamples.IndexOf(AskFlags.Abusive) is var index and >= 0)
        {
            (int From, int To, double P)? strongest = null;
            foreach (var (from, to) in Classifier.SentenceRanges(message.Tokens))
                if (catalog.FlagExamples.Posterior(message.Tokens, from, to) is { } p && p[index] >= AbusiveModelThreshold && (strongest is null || p[index] > strongest.Value.P))
                    strongest = (from, to, p[index]);
            if (strongest is { } hit)
            {
                flags.Add(AskFlags.Abusive);
                evidence.Add(Sentence(email, message, hit.From, AskFlags.Abusive));
            }
        }
        return (flags, evidence.DistinctBy(e => (e.Start, e.In)).ToList());
    }

    /// <summary>Whether the words just before a token deny it ("haven't", "did not", "never").</summary>
    private static bool Denied(Token[] tokens, int first)
    {
        for (var i = first - 1; i >= 0 && i >= first - 2 && tokens[i].Sentence == tokens[first].Sentence; i--)
            if (tokens[i].Word.ToLowerInvariant() is "not" or "never" or "haven't" or "hasn't" or "hadn't" or "didn't" or "havent" or "didnt" or "n't") return true;
        return false;
    }

    private static bool[] SentencesWith(CueSet cues, TokenizedText message, int sentences, bool[]? quoted = null)
    {
        var marked = new bool[sentences];
        var found = new List<CueSet.CueMatch>();
        cues.MatchAll(message.Tokens, found);
        foreach (var m in found)
        {
            if (quoted is not null && quoted[m.FirstToken]) continue;
            var s = message.Tokens[m.FirstToken].Sentence;
            if (s < sentences) marked[s] = true;
        }
        return marked;
    }

    /// <summary>The longest quotation read as someone else's words.</summary>
    public const int MaxQuoteChars = 300;

    /// <summary>Which tokens stand inside a short quotation ("the renewal email said: 'If you cancel before…'"):
    /// someone else's words, not the customer's leverage. One pass over the text; an opening mark with no closing
    /// one within <see cref="MaxQuoteChars"/> quotes nothing.</summary>
    internal static bool[] Quoted(TokenizedText message)
    {
        var text = message.Text;
        var quoted = new bool[message.Tokens.Length];
        var t = 0;
        for (var i = 0; i < text.Length && t < quoted.Length; i++)
        {
            var c = text[i];
            if (c is not ('"' or '\u201C')) continue;
            var close = c == '"' ? '"' : '\u201D';
            var end = text.IndexOf(close, i + 1, Math.Min(MaxQuoteChars, text.Length - i - 1));
            if (end < 0) continue;
            while (t < quoted.Length && message.Tokens[t].Start < i) t++;
            for (; t < quoted.Length && message.Tokens[t].Start < end; t++) quoted[t] = true;
            i = end;
        }
        return quoted;
    }

    /// <summary>The whole sentence that holds the token: the pressure is shown in its context.</summary>
    internal static Evidence Sentence(EmailText email, TokenizedText message, int token, string flag)
    {
        var index = message.Tokens[token].Sentence;
        var sentence = message.Sentences.FirstOrDefault(s => s.Index == index);
        var (start, length) = sentence is null ? (message.Tokens[token].Start, message.Tokens[token].Length) : (sentence.Start, sentence.Length);
        while (length > 0 && char.IsWhiteSpace(email.Text[start])) { start++; length--; }
        while (length > 0 && char.IsWhiteSpace(email.Text[start + length - 1])) length--;
        if (length > Classifier.MaxEvidenceChars)
        {
            // A very long sentence: the words around the cue.
            var at = message.Tokens[token].Start;
            start = Math.Max(start, at - Classifier.MaxEvidenceChars / 3);
            length = Math.Min(Classifier.MaxEvidenceChars, sentence!.Start + sentence.Length - start);
        }
        var (srcStart, srcLength) = email.ToSource(start, length);
        return new Evidence(email.Text.Substring(start, length), srcStart, srcLength, flag);
    }
}
