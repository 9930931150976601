using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>Step two of the draft path: which ask kinds the newest message makes, with the words
/// that show it, the flags, the figures and the likely reader. Cue phrases come from the catalog;
/// what this class adds is language every kind shares: whether a sentence asks for something.</summary>
public sealed class Classifier(TimeProvider clock)
{
    /// <summary>Below this score nothing refusable was asked.</summary>
    /// <summary>An email whose "other" score beats its best ask by this factor asks for nothing.</summary>
    public const double OtherRatio = 1.6;

    public const double MinAskScore = 2.5;

    private static readonly CueSet RequestMarkers = new(new[]
    {
        "please", "kindly", "can you", "could you", "would you", "will you", "can we", "could we", "can i", "could i",
        "we need", "i need", "we'd need", "we would need", "we will need", "we'll need", "need you to", "need to have",
        "we want", "we'd like", "we would like", "i would like", "i'd like", "we expect", "expect you to", "we require",
        "we request", "i request", "request", "requesting", "is it possible", "would it be possible", "are you able",
        "let me know if", "let us know if", "we'd appreciate", "we would appreciate", "i'd appreciate", "i would appreciate",
        "asking for", "we ask", "i ask", "i'm asking", "we're asking", "we are asking", "hoping you can", "hope you can",
        "must", "have to", "has to", "insist", "demand", "looking for", "willing to", "open to", "any chance", "any way",
        "is there any", "is there a way", "what can you do", "how about", "we propose", "i propose", "we suggest",
        "consider", "allow us", "accept", "agree to", "waive", "grant", "give us", "send us", "make an exception",
        "we'll be", "we will be", "we'd be", "should", "needs to", "need it", "want it", "need them",
    }.Select(p => CuePattern.Parse(p, 1)));

    private static readonly CueSet GratitudeMarkers = new(new[]
    {
        "thank*", "thx", "appreciate*", "grateful", "great job", "well done", "kudos", "love the", "pleased with", "happy with",
    }.Select(p => CuePattern.Parse(p, 1)));

    /// <summary>How much of the newest message is read for asks, flags and figures. Reading grows with
    /// the text (about 0.25 ms a KB), and a quoted thread is already left out; a new message longer
    /// than this is a document, not an ask, and reading all of it would let one request take seconds.</summary>
    public const int MaxMessageChars = 20_000;

    public Classification Classify(KindCatalog catalog, string? subject, string body)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var email = EmailReader.Read(body);
        var end = Math.Min(email.SignatureStart, MaxMessageChars);
        var message = Tokenizer.Tokenize(email.Text, 0, end);
        var figures = FigureExtractor.Extract(email.Text, 0, end, today);

        var weights = SentenceWeights(email.Text, message);
        var posteriors = SentencePosteriors(catalog.Examples, message);
        var otherIndex = catalog.Examples.IndexOf("other");
        var otherShare = posteriors.Select(p => p is null || otherIndex < 0 ? 0 : p.Value.Posterior[otherIndex]).ToArray();
        var scores = new Dictionary<string, KindScore>(StringComparer.Ordinal);
        var matches = new List<CueSet.CueMatch>();
        foreach (var kind in catalog.Kinds.Values)
        {
            matches.Clear();
            kind.Cues.MatchAll(message.Tokens, matches);
            var score = new KindScore(kind.Id);
            var claimed = new HashSet<int>();
            // Strongest cues first; the same words count once for a kind, however many cues they match.
            foreach (var m in matches.OrderByDescending(m => m.Cue.Weight).ThenBy(m => m.FirstToken))
            {
                var sentence = message.Tokens[m.FirstToken].Sentence;
                // A cue counts once per sentence; a sentence that asks counts more than one that thanks.
                if (!score.Seen.Add((sentence, m.CueId))) continue;
                if (!ClaimTokens(claimed, m.FirstToken, m.EndToken)) continue;
                // Refusable cues in a sentence the word model reads as a thank-you or a status question count less.
                var w = m.Cue.Weight * weights[sentence] * (kind.Definition.Refusable ? 1 - OtherDamping * otherShare[sentence] : 1);
                score.Add(sentence, w);
                score.Hits.Add((m, w));
            }
            scores[kind.Id] = score;
        }

        AddExampleModel(catalog, posteriors, weights, scores);
        foreach (var score in scores.Values) score.Settle();

        var subjectHits = new List<(string Kind, Evidence Evidence, double Weight)>();
        if (!string.IsNullOrWhiteSpace(subject))
        {
            var subjectTokens = Tokenizer.Tokenize(subject, 0, subject.Length);
            foreach (var kind in catalog.Kinds.Values)
            {
                matches.Clear();
                kind.Cues.MatchAll(subjectTokens.Tokens, matches);
                foreach (var m in matches.DistinctBy(m => m.CueId))
                {
                    // The subject names the topic, often of a whole thread: it tips a decision, it does not make one.
                    var w = m.Cue.Weight * 0.5;
                    scores[kind.Id].Total += w;
                    var (s, l) = Span(subjectTokens.Tokens, m.FirstToken, m.EndToken);
                    subjectHits.Add((kind.Id, new Evidence(subject.Substring(s, l), s, l, "subject"), w));
                }
            }
        }

        var refusable = scores.Values
            .Where(s => catalog.Kinds[s.Kind].Definition.Refusable)
            .OrderByDescending(s => s.Total)
            .ThenBy(s => s.Kind, StringComparer.Ordinal)
            .ToList();
        var best = refusable.FirstOrDefault();
        var otherScore = scores.TryGetValue("other", out var o) ? o.Total : 0;
        var secondTotal = refusable.Count > 1 ? refusable[1].Total : 0;

        AskFinding primary;
        var noAsk = best is null || best.Total < MinAskScore || otherScore >= best.Total * OtherRatio;
        if (noAsk)
        {
            var strongest = best?.Total ?? 0;
            var confidence = Math.Clamp(0.55 + 0.4 * (1 - strongest / MinAskScore) + Math.Min(0.2, otherScore / 10), 0.5, 0.97);
            if (strongest >= MinAskScore) confidence = Math.Clamp(otherScore / (otherScore + strongest), 0.5, 0.9);
            primary = Finding(catalog.Examples, "other", Math.Round(confidence, 2), o, email, message, figures, subjectHits);
        }
        else
        {
            var s = best!.Total;
            var confidence = (1 - Math.Exp(-s / 2.5)) * Math.Sqrt(s / (s + secondTotal + 0.5));
            primary = Finding(catalog.Examples, best.Kind, Math.Round(Math.Clamp(confidence, 0.05, 0.99), 2), best, email, message, figures, subjectHits);
        }

        var secondary = noAsk
            ? []
            : refusable.Skip(1)
                .Where(s => s.Hits.Count > 0 && s.Total >= Math.Max(MinAskScore, best!.Total * 0.3))
                .Select(s =>
                {
                    var c = (1 - Math.Exp(-s.Total / 2.5)) * Math.Sqrt(s.Total / (s.Total + best!.Total));
                    return Finding(catalog.Examples, s.Kind, Math.Round(Math.Clamp(c, 0.05, 0.95), 2), s, email, message, figures, subjectHits);
                })
                .ToList();

        var (flags, flagEvidence) = Flags(catalog, email, message);
        return new Classification
        {
            Primary = primary,
            Secondary = secondary,
            Flags = flags,
            FlagEvidence = flagEvidence,
            Figures = figures,
            Audience = SuggestAudience(catalog, email, primary.Category),
            Email = email,
        };
    }

    private static bool ClaimTokens(HashSet<int> claimed, int from, int to)
    {
        for (var t = from; t < to; t++) if (claimed.Contains(t)) return false;
        for (var t = from; t < to; t++) claimed.Add(t);
        return true;
    }

    /// <summary>Weight of the word model against the cues: a sentence the model is sure of counts
    /// about as much as one strong cue.</summary>
    public const double ModelWeight = 2.5;

    private static void AddExampleModel(KindCatalog catalog, (int From, int To, double[] Posterior)?[] posteriors, double[] weights, Dictionary<string, KindScore> scores)
    {
        var model = catalog.Examples;
        for (var sentence = 0; sentence < posteriors.Length; sentence++)
        {
            if (posteriors[sentence] is not { } p) continue;
            for (var k = 0; k < p.Posterior.Length; k++)
            {
                if (!scores.TryGetValue(model.Kinds[k], out var score)) continue;
                var w = ModelWeight * weights[sentence] * p.Posterior[k];
                if (w < 0.05) continue;
                score.Add(sentence, w);
                score.ModelHits.Add((p.From, p.To, k, w));
            }
        }
    }

    /// <summary>The word model's reading of each sentence (null where it has too little to go on).</summary>
    private static (int From, int To, double[] Posterior)?[] SentencePosteriors(ExampleModel model, TokenizedText message)
    {
        var result = new (int, int, double[])?[Math.Max(1, message.Sentences.Length)];
        if (model.IsEmpty) return result;
        var tokens = message.Tokens;
        var start = 0;
        while (start < tokens.Length)
        {
            var sentence = tokens[start].Sentence;
            var end = start;
            while (end < tokens.Length && tokens[end].Sentence == sentence) end++;
            if (sentence < result.Length && model.Posterior(tokens, start, end) is { } posterior) result[sentence] = (start, end, posterior);
            start = end;
        }
        return result;
    }

    /// <summary>How much a sentence the model reads as "other" weakens the refusable cues in it.</summary>
    public const double OtherDamping = 0.5;

    private static double[] SentenceWeights(string text, TokenizedText message)
    {
        var weights = new double[Math.Max(1, message.Sentences.Length)];
        var asks = new bool[weights.Length];
        var thanks = new bool[weights.Length];
        var found = new List<CueSet.CueMatch>();
        RequestMarkers.MatchAll(message.Tokens, found);
        foreach (var m in found) asks[message.Tokens[m.FirstToken].Sentence] = true;
        found.Clear();
        GratitudeMarkers.MatchAll(message.Tokens, found);
        foreach (var m in found) thanks[message.Tokens[m.FirstToken].Sentence] = true;
        foreach (var s in message.Sentences)
        {
            var question = text.AsSpan(s.Start, s.Length).Contains('?');
            weights[s.Index] = asks[s.Index] || question ? 1.6 : thanks[s.Index] ? 0.5 : 1.0;
        }
        return weights;
    }

    private static AskFinding Finding(ExampleModel model, string kind, double confidence, KindScore? score, EmailText email, TokenizedText message,
        IReadOnlyList<Figure> figures, List<(string Kind, Evidence Evidence, double Weight)> subjectHits)
    {
        var evidence = new List<Evidence>();
        var sentences = new List<(int, int)>();
        if (score is not null)
        {
            // The strongest few spans, merged where they touch, in reading order.
            var spans = score.Hits
                .OrderByDescending(h => h.Weight)
                .Take(4)
                .Select(h =>
                {
                    var (s, l) = Span(message.Tokens, h.Match.FirstToken, h.Match.EndToken);
                    var sentence = message.Sentences.FirstOrDefault(x => x.Index == message.Tokens[h.Match.FirstToken].Sentence);
                    if (sentence is not null) sentences.Add((sentence.Start, sentence.Length));
                    // Take in a figure that follows the cue closely: "a discount of 15%".
                    var end = s + l;
                    var figure = figures.FirstOrDefault(f => f.Start >= end && f.Start - end <= 20
                        && (sentence is null || f.Start + f.Length <= sentence.Start + sentence.Length)
                        && !email.Text.AsSpan(end, f.Start - end).ContainsAny(".!?\n"));
                    if (figure is not null) l = figure.Start + figure.Length - s;
                    return (Start: s, End: s + l);
                })
                .OrderBy(x => x.Start)
                .ToList();
            // Words the example model weighed most, from the sentences it was surest of.
            foreach (var (from, to, k, _) in score.ModelHits.OrderByDescending(h => h.Weight).Take(2))
            {
                var sentenceIndex = message.Tokens[from].Sentence;
                var sentence = message.Sentences.FirstOrDefault(x => x.Index == sentenceIndex);
                if (sentence is not null) sentences.Add((sentence.Start, sentence.Length));
                if (spans.Count >= 3) continue;
                foreach (var t in Enumerable.Range(from, to - from)
                             .Select(i => (Index: i, W: model.Weight(message.Tokens[i].IsNumber ? "#" : message.Tokens[i].Word, k)))
                             .Where(x => x.W > 0.5).OrderByDescending(x => x.W).Take(2))
                {
                    var tok = message.Tokens[t.Index];
                    if (!spans.Any(sp => tok.Start >= sp.Start && tok.Start < sp.End)) spans.Add((tok.Start, tok.Start + tok.Length));
                }
            }
            spans = spans.OrderBy(x => x.Start).ToList();
            var merged = new List<(int Start, int End)>();
            foreach (var sp in spans)
            {
                if (merged.Count > 0 && sp.Start <= merged[^1].End + 1)
                    merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, sp.End));
                else merged.Add(sp);
            }
            foreach (var (s, e) in merged)
            {
                var (srcStart, srcLength) = email.ToSource(s, e - s);
                evidence.Add(new Evidence(email.Text[s..e], srcStart, srcLength));
            }
        }
        // A decision the word model made from a sentence with no single telling word points at that sentence.
        if (evidence.Count == 0 && score?.ModelHits.Count > 0)
        {
            var (from, to, _, _) = score.ModelHits.MaxBy(h => h.Weight);
            var (s, l) = Span(message.Tokens, from, to);
            var (srcStart, srcLength) = email.ToSource(s, l);
            evidence.Add(new Evidence(email.Text.Substring(s, l), srcStart, srcLength));
        }
        evidence.AddRange(subjectHits.Where(h => h.Kind == kind).Select(h => h.Evidence).DistinctBy(e => e.Start));
        return new AskFinding(kind, confidence, evidence) { Sentences = sentences.Distinct().ToList(), Score = score?.Total ?? 0 };
    }

    private static (int Start, int Length) Span(Token[] tokens, int first, int end)
    {
        var s = tokens[first].Start;
        var last = tokens[end - 1];
        return (s, last.Start + last.Length - s);
    }

    /// <summary>A sentence the flag model is at least this sure of raises the flag on its own.</summary>
    public const double FlagModelThreshold = 0.9;

    private static (List<string>, List<Evidence>) Flags(KindCatalog catalog, EmailText email, TokenizedText message)
    {
        var flags = new List<string>();
        var evidence = new List<Evidence>();
        var model = catalog.FlagExamples;
        foreach (var (name, cues, def) in new[] { (AskFlags.Threat, catalog.Threat, catalog.ThreatDefinition), (AskFlags.Abusive, catalog.Abusive, catalog.AbusiveDefinition) })
        {
            var found = new List<CueSet.CueMatch>();
            cues.MatchAll(message.Tokens, found);
            var total = found.DistinctBy(m => m.CueId).Sum(m => m.Cue.Weight);
            if (found.Count > 0 && total >= def.Threshold)
            {
                flags.Add(name);
                foreach (var m in found.OrderByDescending(m => m.Cue.Weight).Take(3).OrderBy(m => m.FirstToken))
                {
                    var (s, l) = Span(message.Tokens, m.FirstToken, m.EndToken);
                    var (srcStart, srcLength) = email.ToSource(s, l);
                    evidence.Add(new Evidence(email.Text.Substring(s, l), srcStart, srcLength, name));
                }
                continue;
            }
            // No cue enough: the sentence the flag model is surest of, when it is sure enough.
            var index = model.IndexOf(name);
            if (index < 0) continue;
            (int From, int To, double P)? strongest = null;
            foreach (var (from, to) in SentenceRanges(message.Tokens))
                if (model.Posterior(message.Tokens, from, to) is { } p && p[index] >= FlagModelThreshold && (strongest is null || p[index] > strongest.Value.P))
                    strongest = (from, to, p[index]);
            if (strongest is not { } hit) continue;
            flags.Add(name);
            var (hs, hl) = Span(message.Tokens, hit.From, hit.To);
            var (hStart, hLength) = email.ToSource(hs, hl);
            evidence.Add(new Evidence(email.Text.Substring(hs, hl), hStart, hLength, name));
        }
        return (flags, evidence);
    }

    private static IEnumerable<(int From, int To)> SentenceRanges(Token[] tokens)
    {
        var start = 0;
        while (start < tokens.Length)
        {
            var end = start;
            while (end < tokens.Length && tokens[end].Sentence == tokens[start].Sentence) end++;
            yield return (start, end);
            start = end;
        }
    }

    private static AudienceSuggestion SuggestAudience(KindCatalog catalog, EmailText email, string category)
    {
        var signature = email.Signature;
        if (signature.Length > 0)
        {
            var tokens = Tokenizer.Tokenize(signature, 0, signature.Length);
            (string Audience, double Weight, string Words)? best = null;
            foreach (var (audience, cues) in catalog.AudienceCues)
            {
                var found = new List<CueSet.CueMatch>();
                cues.MatchAll(tokens.Tokens, found);
                foreach (var m in found)
                {
                    if (best is not null && best.Value.Weight >= m.Cue.Weight) continue;
                    var (s, l) = Span(tokens.Tokens, m.FirstToken, m.EndToken);
                    best = (audience.Id, m.Cue.Weight, RoleLine(signature, s, l));
                }
            }
            if (best is not null)
                return new AudienceSuggestion(best.Value.Audience, $"signed as \"{best.Value.Words}\"");
        }
        var kind = catalog.Find(category);
        var fallback = kind?.Definition.DefaultAudience ?? Audiences.Commercial;
        var title = kind?.Definition.Title.ToLowerInvariant() ?? category;
        return new AudienceSuggestion(fallback, $"no role in the signature; a {title} ask is argued best with {fallback} data");
    }

    // The signature line that holds the role words, trimmed to the part around them.
    private static string RoleLine(string signature, int start, int length)
    {
        var lineStart = signature.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        var lineEnd = signature.IndexOf('\n', start + length);
        if (lineEnd < 0) lineEnd = signature.Length;
        var line = signature[lineStart..lineEnd].Trim();
        // "Priya Nair | Head of Finance | Northwind": keep the segment with the role.
        foreach (var part in line.Split(['|', ',', '•', '·', '–', '/']))
            if (part.Contains(signature.Substring(start, length), StringComparison.OrdinalIgnoreCase)) return part.Trim();
        return line.Length <= 60 ? line : signature.Substring(start, length);
    }

    /// <summary>A kind's score counts its strongest sentences only: an ask is stated in a sentence or
    /// three, and summing every sentence let pages of neutral context outweigh the one that asks.</summary>
    public const int SentencesCounted = 3;

    private sealed class KindScore(string kind)
    {
        private readonly Dictionary<int, double> _bySentence = [];
        public string Kind { get; } = kind;
        public double Total { get; set; }
        public void Add(int sentence, double weight) => _bySentence[sentence] = _bySentence.GetValueOrDefault(sentence) + weight;
        /// <summary>The total of the strongest sentences (the subject is added after).</summary>
        public void Settle() => Total = _bySentence.Values.OrderByDescending(v => v).Take(SentencesCounted).Sum();
        public HashSet<(int Sentence, int Cue)> Seen { get; } = [];
        public List<(CueSet.CueMatch Match, double Weight)> Hits { get; } = [];
        public List<(int From, int To, int KindIndex, double Weight)> ModelHits { get; } = [];
    }
}
