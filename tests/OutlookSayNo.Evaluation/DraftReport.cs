using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Evaluation;

/// <summary>The labelled name to greet, from tests/corpus/names.tsv (labelled by hand, blind to the parser).</summary>
public sealed record NameLabel(string? Given, string? Family, string? Title);

/// <summary>What the drafts for real mail look like, judged automatically: for every email with an ask,
/// drafted as the labelled kind (the kind an account manager would pick) for all three audiences.</summary>
public static partial class DraftReport
{
    public sealed record Measures(int Emails, int Drafts, int Grounded, int GreetingRight, int WithRequested, int RequestedCited,
        int FalsePressure, int Unsourced, double Overlap, int GreetingLabelled, int NoAskEmails = 0, int NoAskRefusable = 0,
        int Formal = 0, int FormalAnswered = 0, int Informal = 0, int InformalAnswered = 0,
        int TradeDrafts = 0, int CrossTrade = 0, int CrossTradeFacts = 0,
        int ShortEmails = 0, int ShortAnsweredShort = 0, double ShortMedianWords = 0, double LongMedianWords = 0,
        int TwoAsk = 0, int SecondRead = 0, int EveryAskAnswered = 0, int AutoRight = 0, int AutoNeverAsked = 0,
        int Pointable = 0, int GroundedOncePointed = 0, int RequestedRead = 0, int RequestedMisread = 0);

    /// <summary>A customer message of at most this many words (before the signature) is short: a two-line post.</summary>
    public const int ShortMessageWords = 60;
    /// <summary>A short message is answered in at most this many words (greeting and sign-off included).</summary>
    public const int ShortReplyWords = 130;

    public static int Words(string text) => CountedWordRegex().Count(text);

    // Words of one trade that a reply to another trade should not bring up unless the customer did.
    // Written from the packs' descriptions, not from the drafts; a word the email itself uses is not counted.
    // Words two trades share are left out: a change order is how a software vendor's custom work and a
    // factory's custom run change too (both packs carry the change-order fact), and a licence is how an
    // agency grants rights to creative work as well as how a vendor sells software (first dev run, 2026-12-06).
    private static readonly Dictionary<string, string[]> TradeWords = new(StringComparer.Ordinal)
    {
        ["goods"] = ["production", "factory", "plant", "freight", "shipping", "shipment", "lead time", "warehouse", "materials", "expedite", "restocking", "pallet"],
        ["software"] = ["release", "uptime", "service level", "sla", "seat", "subscription", "trial", "data retention", "regression"],
        ["services"] = ["revision round", "hourly rate", "billable", "booking"],
    };

    /// <summary>The words of the other trades the draft uses and the email does not.</summary>
    public static List<string> CrossTradeWords(string trade, string draft, string email)
    {
        var found = new List<string>();
        foreach (var (other, words) in TradeWords)
        {
            if (other == trade) continue;
            foreach (var w in words)
                if (Regex.IsMatch(draft, $@"\b{Regex.Escape(w)}s?\b", RegexOptions.IgnoreCase) && !Regex.IsMatch(email, $@"\b{Regex.Escape(w)}", RegexOptions.IgnoreCase))
                    found.Add(w);
        }
        return found;
    }

    public static Dictionary<string, NameLabel> LoadNames(string corpus)
    {
        var names = new Dictionary<string, NameLabel>(StringComparer.Ordinal);
        var path = Path.Combine(corpus, "names.tsv");
        if (!File.Exists(path)) return names;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var c = line.Split('\t');
            if (c.Length < 4) continue;
            string? V(string s) => s is "-" or "" ? null : s;
            names[Path.GetFileName(c[0])] = new NameLabel(V(c[1]), V(c[2]), V(c[3]));
        }
        return names;
    }

    public static (Measures Measures, string Details) Run(KindCatalog catalog, IEnumerable<Prediction> predictions, Dictionary<string, NameLabel> names,
        bool details, DateOnly today)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "eval"));
        int pointable = 0, groundedPointed = 0;
        int emails = 0, drafts = 0, grounded = 0, greetingRight = 0, greetingLabelled = 0, withRequested = 0, cited = 0, falsePressure = 0, unsourced = 0;
        var overlaps = new List<double>();
        var sb = new StringBuilder();
        // The check must be able to fail: for an email with no refusable ask, does any kind still find "evidence"?
        int noAsk = 0, noAskRefusable = 0, formal = 0, formalAnswered = 0, informal = 0, informalAnswered = 0;
        int tradeDrafts = 0, crossTrade = 0, crossTradeFacts = 0;
        var shortWords = new List<int>(); var longWords = new List<int>();
        int twoAsk = 0, secondRead = 0, everyAsk = 0, autoRight = 0, autoNeverAsked = 0, requestedRead = 0, requestedMisread = 0;
        foreach (var p in predictions.Where(p => p.Email.Kind == "other"))
        {
            noAsk++;
            var evidenced = catalog.Kinds.Values.Where(k => k.Definition.Refusable && Classifier.AskEvidenced(p.Result, k.Id)).Select(k => k.Id).ToList();
            if (evidenced.Count == 0) continue;
            noAskRefusable++;
            if (details) sb.AppendLine($"  no ask, yet evidence {p.Email.File}: {string.Join(", ", evidenced)}");
        }
        foreach (var p in predictions.Where(p => p.Email.Kind != "other" && catalog.Find(p.Email.Kind) is { Definition.Refusable: true }))
        {
            emails++;
            // An email to a software vendor is answered as that vendor's admin would set it up: through its pack.
            var trade = catalog.Packs.ContainsKey(p.Email.Trade) ? p.Email.Trade : null;
            var view = trade is null ? catalog : catalog.ForPack(trade);
            var kind = view.Find(p.Email.Kind)!;
            var email = new DraftEmail(p.Email.Subject, p.Email.Body, new EmailAddress(p.Email.FromName, p.Email.FromEmail), null, null);
            var offered = view.ForMessage(p.Result.Evidence?.Message, kind.Id).Find(kind.Id)!.Offered(Register.IsBrief(p.Result.Email), StanceReader.Read(p.Result, kind.Id).Suggested, p.Result.Evidence?.Message, AskReader.TellsOfHardship(p.Result));
            var texts = new List<string>();
            var requested = p.Email.Figures.Where(f => f.Role == "requested").ToList();
            var requestedCitedHere = false;
            foreach (var audience in Audiences.All)
            {
                var composed = Composer.Compose(view, new ComposeInput(kind, audience, email, p.Result, new Dictionary<string, string?>(), offered, null, user, OfferedAreDefaults: true),
                    today, new Dictionary<string, string[]>(), CancellationToken.None);
                if (composed is null) continue;
                drafts++;
                var text = composed.Text;
                if (trade is not null)
                {
                    tradeDrafts++;
                    var words = CrossTradeWords(trade, text, p.Email.Subject + "\n" + p.Email.Body);
                    if (words.Count > 0)
                    {
                        crossTrade++;
                        if (details) sb.AppendLine($"  other trade's words {p.Email.File} ({trade}) {audience}: {string.Join(", ", words)}");
                    }
                    // A fact of another pack, stated in the draft, whose value no fact of this pack and nothing in the email shares.
                    var own = view.Facts.Values.Select(f => DataPoints.Format(f.Unit, f.Value!.Value, f.Currency ?? view.Currency, today)).ToHashSet(StringComparer.Ordinal);
                    // A bare count ("2") is too common to attribute to a fact; a value with its unit ("42 days", "$1,200", "15%") is not.
                    var others = catalog.Facts.Values.Where(f => f.Value is not null && f.Unit != "number" && !view.Facts.ContainsKey(f.Name))
                        .Select(f => (f.Name, Value: DataPoints.Format(f.Unit, f.Value!.Value, f.Currency ?? catalog.Currency, today)))
                        .Where(f => !own.Contains(f.Value) && Regex.IsMatch(text, $@"(?<![\w.,]){Regex.Escape(f.Value)}(?![\w])") && !p.Email.Body.Contains(f.Value, StringComparison.OrdinalIgnoreCase))
                        .ToList();
                    if (others.Count > 0)
                    {
                        crossTradeFacts++;
                        if (details) sb.AppendLine($"  other trade's facts {p.Email.File} ({trade}) {audience}: {string.Join(", ", others.Select(o => o.Name))}");
                    }
                }
                texts.Add(text);
                if (audience == Audiences.Commercial && composed.Reading.Requested is { } read)
                {
                    // The figure the draft refuses as "what they ask for": is it the one the labeller marked so?
                    requestedRead++;
                    // Wrong when it is the labelled requested figure's rival: a figure labelled with another role, or the
                    // email labels a different one as asked for.
                    var otherRoles = p.Email.Figures.Where(f => f.Role != "requested").ToList();
                    if (requested.Count > 0 ? !Cites(read.Figure.Text, requested, today) : Cites(read.Figure.Text, otherRoles, today))
                    {
                        requestedMisread++;
                        if (details) sb.AppendLine($"  requested misread {p.Email.File}: read [{read.Figure.Text}], labelled [{string.Join(" | ", requested.Select(r => r.Text))}]");
                    }
                }
                if (audience == Audiences.Commercial)
                {
                    // Short is judged from the labelled register and a plain word count, not from the product's own reading.
                    var theirs = Words(EmailReader.Read(p.Email.Body).MessageText);
                    var isShort = theirs <= ShortMessageWords && p.Email.Register == "informal";
                    (isShort ? shortWords : longWords).Add(Words(text));
                    if (details && isShort && Words(text) > ShortReplyWords) sb.AppendLine($"  long reply {p.Email.File}: {theirs} words answered in {Words(text)}");
                }
                if (composed.Check.Checks.Grounded) grounded++;
                else if (details) sb.AppendLine($"  ungrounded {p.Email.File} {audience}: {string.Join(" ", composed.Check.Notes.Where(n => n.StartsWith("Figures", StringComparison.Ordinal) || n.StartsWith("Nothing", StringComparison.Ordinal) || n.StartsWith("A finding", StringComparison.Ordinal)))}");
                if (composed.Check.Notes.Any(n => n.StartsWith("A finding nobody supplied", StringComparison.Ordinal))) unsourced++;
                if (PressureRegex().IsMatch(text) && p.Email.Flags.Count == 0)
                {
                    falsePressure++;
                    if (details) sb.AppendLine($"  false pressure {p.Email.File} {audience}");
                }
                if (names.TryGetValue(p.Email.File, out var label))
                {
                    greetingLabelled++;
                    var greeting = text.Split('\n')[0].Trim();
                    if (GreetingRight(greeting, label)) greetingRight++;
                    else if (details && audience == Audiences.Commercial) sb.AppendLine($"  greeting {p.Email.File}: \"{greeting}\" for [{label.Title} {label.Given} {label.Family}] from \"{p.Email.FromName}\"");
                }
                if (requested.Count > 0 && Cites(text, requested, today)) requestedCitedHere = true;
                if (audience == Audiences.Commercial && p.Email.Register is "formal" or "informal")
                {
                    var answeredFormally = text.StartsWith("Dear ", StringComparison.Ordinal) && FormalCloseRegex().IsMatch(text);
                    if (p.Email.Register == "formal") { formal++; if (answeredFormally) formalAnswered++; else if (details) sb.AppendLine($"  not formal {p.Email.File}"); }
                    else { informal++; if (!FormalCloseRegex().IsMatch(text)) informalAnswered++; else if (details) sb.AppendLine($"  not plain {p.Email.File}"); }
                }
            }
            if (requested.Count > 0)
            {
                withRequested++;
                if (requestedCitedHere) cited++;
                else if (details) sb.AppendLine($"  requested not cited {p.Email.File}: [{string.Join(" | ", requested.Select(r => r.Text))}]");
            }
            if (texts.Count == 3) overlaps.Add(Overlap(texts));

            // As the pane makes it once the account manager points to the sentence that asks (the labelled clause).
            if (PointedSentence(p) is { } pointedAt)
            {
                pointable++;
                var onPointed = Composer.Compose(view, new ComposeInput(kind, Audiences.Commercial, email, p.Result, new Dictionary<string, string?>(), offered, null, user,
                    AskSentence: pointedAt), today, new Dictionary<string, string[]>(), CancellationToken.None);
                if (onPointed is { Check.Checks.Grounded: true }) groundedPointed++;
                else if (details && onPointed is not null) sb.AppendLine($"  not grounded once pointed {p.Email.File}: {string.Join(" ", onPointed.Check.Notes)}");
            }

            // Every ask answered: the labelled other asks this pack can answer.
            var otherAsks = p.Email.Secondary.Where(s => s != kind.Definition.Id && view.Find(s) is { Definition.Refusable: true }).Distinct().ToList();
            if (otherAsks.Count > 0)
            {
                twoAsk++;
                // The pane lists the reader's second asks and, once the kind was changed, its first reading, each with its sentence.
                var readKinds = p.Result.Secondary.Select(x => x.Category).Append(p.Result.Primary.Category).ToHashSet(StringComparer.Ordinal);
                if (otherAsks.All(readKinds.Contains)) secondRead++;
                // As the pane makes it once the account manager ticks the other asks.
                var ticked = Composer.Compose(view, new ComposeInput(kind, Audiences.Commercial, email, p.Result, new Dictionary<string, string?>(), offered, null, user, Also: otherAsks),
                    today, new Dictionary<string, string[]>(), CancellationToken.None);
                var answers = ticked?.Text.Split('\n').Count(l => l.StartsWith("On ", StringComparison.Ordinal)) ?? 0;
                if (ticked is { Check.Checks.SaysNo: true } && ticked.Also!.Select(a => a.Kind.Definition.Id).Order().SequenceEqual(otherAsks.Order()) && answers == otherAsks.Count) everyAsk++;
                else if (details) sb.AppendLine($"  not every ask answered {p.Email.File}: {string.Join(", ", otherAsks)}");
                // Had the pane ticked the reader's second asks by itself.
                var auto = p.Result.Secondary.Select(x => x.Category).Distinct().Where(k => k != kind.Definition.Id && view.Find(k) is { Definition.Refusable: true }).ToList();
                if (otherAsks.All(auto.Contains) && auto.All(otherAsks.Contains)) autoRight++;
                if (auto.Any(k => !otherAsks.Contains(k))) autoNeverAsked++;
            }
        }
        var m = new Measures(emails, drafts, grounded, greetingRight, withRequested, cited, falsePressure, unsourced,
            overlaps.Count == 0 ? 0 : overlaps.Average(), greetingLabelled, noAsk, noAskRefusable, formal, formalAnswered, informal, informalAnswered,
            tradeDrafts, crossTrade, crossTradeFacts, shortWords.Count, shortWords.Count(w => w <= ShortReplyWords), Median(shortWords), Median(longWords),
            twoAsk, secondRead, everyAsk, autoRight, autoNeverAsked, pointable, groundedPointed, requestedRead, requestedMisread);
        return (m, sb.ToString());
    }

    /// <summary>The newest message's sentence holding the labelled asking clause, as the account manager would point to it.</summary>
    private static int? PointedSentence(Prediction p)
    {
        if (p.Result.Evidence is not { } e || p.Email.Evidence.Trim().Length == 0) return null;
        static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var clause = Squash(p.Email.Evidence);
        var head = clause.Length > 40 ? clause[..40] : clause;
        foreach (var s in e.Message.Sentences)
            if (Squash(e.Message.Text.Substring(s.Start, s.Length)).Contains(head, StringComparison.Ordinal)) return s.Index;
        return null;
    }

    public static string Show(KindCatalog catalog, Prediction p, DateOnly today)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "eval"));
        if (catalog.Packs.ContainsKey(p.Email.Trade)) catalog = catalog.ForPack(p.Email.Trade);
        // An email labelled with no ask has no templates of its own: show what the reader would draft instead.
        var kind = new[] { catalog.Find(p.Email.Kind), catalog.Find(p.Result.Primary.Category) }.FirstOrDefault(k => k is { Templates.Count: > 0 });
        if (kind is null) return $"----- {p.Email.File}: labelled {p.Email.Kind}, read as {p.Result.Primary.Category}; no kind with a reply to draft\n";
        var email = new DraftEmail(p.Email.Subject, p.Email.Body, new EmailAddress(p.Email.FromName, p.Email.FromEmail), null, null);
        var offered = kind.Offered(Register.IsBrief(p.Result.Email), StanceReader.Read(p.Result, kind.Id).Suggested, p.Result.Evidence?.Message);
        var sb = new StringBuilder();
        foreach (var audience in Audiences.All)
        {
            var composed = Composer.Compose(catalog, new ComposeInput(kind, audience, email, p.Result, new Dictionary<string, string?>(), offered, null, user),
                today, new Dictionary<string, string[]>(), CancellationToken.None);
            sb.AppendLine($"----- {p.Email.File} as {kind.Id}, {audience}");
            if (composed is null) { sb.AppendLine("(not composed)"); continue; }
            sb.AppendLine($"request [{composed.Reading.Request?.Text}] ours [{composed.Reading.RequestOurs}] requested [{composed.Reading.Requested?.Figure.Text}] reason [{composed.Reading.ReasonTheirs}] offer [{composed.Reading.OfferTheirs}] remedy [{composed.Reading.Remedy}] beyond [{composed.Reading.Beyond}]");
            sb.AppendLine(composed.Text);
            foreach (var n in composed.Check.Notes) sb.AppendLine("  note: " + n);
        }
        return sb.ToString();
    }

    public static string Write(string name, Measures m)
    {
        static string Pct(int a, int b) => b == 0 ? "-" : $"{100.0 * a / b:0.0}%";
        var sb = new StringBuilder();
        sb.AppendLine($"== drafts for real mail: {name} ({m.Emails} emails with an ask, {m.Drafts} drafts, three audiences each, drafted as the labelled kind) ==");
        sb.AppendLine($"grounded drafts: {m.Grounded}/{m.Drafts} ({Pct(m.Grounded, m.Drafts)}); once the account manager points to the sentence that asks " +
                      $"(the labelled clause, found in {m.Pointable} of {m.Emails} emails): {m.GroundedOncePointed}/{m.Pointable} ({Pct(m.GroundedOncePointed, m.Pointable)})");
        sb.AppendLine($"right greeting: {m.GreetingRight}/{m.GreetingLabelled} ({Pct(m.GreetingRight, m.GreetingLabelled)})");
        sb.AppendLine($"requested figure cited (emails that state one): {m.RequestedCited}/{m.WithRequested} ({Pct(m.RequestedCited, m.WithRequested)}); " +
                      $"a figure read as the one asked for: {m.RequestedRead} emails, of which labelled as something else {m.RequestedMisread}");
        sb.AppendLine($"false pressure paragraphs: {m.FalsePressure}; unsourced findings: {m.Unsourced}");
        sb.AppendLine($"sentences shared between the audiences of one email: {100 * m.Overlap:0.0}%");
        sb.AppendLine($"formal letters answered formally (\"Dear …\" and \"Yours …\"): {m.FormalAnswered}/{m.Formal} ({Pct(m.FormalAnswered, m.Formal)}); informal messages answered plainly: {m.InformalAnswered}/{m.Informal} ({Pct(m.InformalAnswered, m.Informal)})");
        sb.AppendLine($"emails with no ask that would pass the ask-evidence part of 'grounded' for some kind: {m.NoAskRefusable}/{m.NoAskEmails} ({Pct(m.NoAskRefusable, m.NoAskEmails)})");
        sb.AppendLine($"drafts for a labelled trade, through its pack: {m.TradeDrafts}; with another trade's words the email did not use: {m.CrossTrade} ({Pct(m.CrossTrade, m.TradeDrafts)}); citing another pack's fact: {m.CrossTradeFacts}");
        sb.AppendLine($"length: {m.ShortEmails} short informal messages (at most {ShortMessageWords} words) answered in at most {ShortReplyWords} words: {m.ShortAnsweredShort} ({Pct(m.ShortAnsweredShort, m.ShortEmails)}); median reply {m.ShortMedianWords} words to a short one, {m.LongMedianWords} to the others");
        sb.AppendLine($"two-ask emails: {m.TwoAsk}; the other ask read (the pane lists it with its sentence): {m.SecondRead} ({Pct(m.SecondRead, m.TwoAsk)}); every ask answered in a sentence of its own once the account manager ticks the others: {m.EveryAskAnswered} ({Pct(m.EveryAskAnswered, m.TwoAsk)}); had the pane ticked the reader's asks itself: exactly right {m.AutoRight}, refusing an ask never made {m.AutoNeverAsked}");
        return sb.ToString();
    }

    /// <summary>The greeting names the labelled person (their given name, or title and family name), or is neutral when no person is known.</summary>
    public static bool GreetingRight(string greeting, NameLabel label)
    {
        var words = WordRegex().Matches(greeting).Select(w => w.Value).ToList();
        var named = words.Skip(1).Where(w => !GreetingWords.Contains(w.ToLowerInvariant())).ToList();
        if (label.Given is null && label.Family is null) return named.Count == 0;
        if (label.Given is not null && named.Contains(label.Given)) return named.All(w => w == label.Given || w == label.Family || w == label.Title);
        if (label.Family is not null && named.Contains(label.Family)) return named.All(w => w == label.Family || w == label.Title || w == label.Given);
        return false;
    }

    private static readonly HashSet<string> GreetingWords = new(StringComparer.Ordinal) { "hi", "hello", "dear", "good", "morning", "afternoon", "there", "sir", "or", "madam", "all", "team" };

    // A labelled requested figure is cited when the draft states the same value (as written, or the same number of the same kind).
    private static bool Cites(string text, IReadOnlyList<LabelledFigure> requested, DateOnly today)
    {
        var inDraft = FigureExtractor.Extract(text, today);
        foreach (var r in requested)
        {
            if (text.Contains(r.Text, StringComparison.OrdinalIgnoreCase)) return true;
            foreach (var f in FigureExtractor.Extract(r.Text, today))
                if (inDraft.Any(d => d.Kind == f.Kind && (f.Kind == FigureKind.Date ? d.Date == f.Date : d.Number == f.Number))) return true;
        }
        return false;
    }

    /// <summary>Of the sentences in an email's three drafts (greeting and sign-off aside), the share that also
    /// appear in another audience's draft.</summary>
    public static double Overlap(IReadOnlyList<string> drafts)
    {
        var sets = drafts.Select(Sentences).ToList();
        int total = 0, shared = 0;
        for (var i = 0; i < sets.Count; i++)
            foreach (var s in sets[i])
            {
                total++;
                if (sets.Where((_, j) => j != i).Any(o => o.Contains(s))) shared++;
            }
        return total == 0 ? 0 : (double)shared / total;
    }

    private static HashSet<string> Sentences(string draft)
    {
        var lines = draft.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count > 0) lines.RemoveAt(0); // greeting
        var signOff = lines.FindLastIndex(l => SignOffRegex().IsMatch(l));
        if (signOff >= 0) lines = lines.Take(signOff).ToList();
        return SentenceRegex().Matches(string.Join("\n", lines)).Select(m => m.Value.Trim().ToLowerInvariant()).Where(s => s.Length > 3).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^Yours (sincerely|faithfully),", RegexOptions.Multiline)]
    private static partial Regex FormalCloseRegex();

    [GeneratedRegex(@"[^.!?\n]+[.!?]*")]
    private static partial Regex SentenceRegex();

    [GeneratedRegex(@"^(best regards|kind regards|regards|yours sincerely|yours faithfully|best wishes|many thanks|thanks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SignOffRegex();

    [GeneratedRegex(@"[\p{L}'’\-]+")]
    private static partial Regex WordRegex();

    // The sentences the pressure partial writes (templates/_partials/pressure.scriban).
    [GeneratedRegex(@"I understand the frustration|understand your frustration|right to be frustrated|this is the answer we would give any customer|If you decide to move elsewhere|whatever you decide about (the|our) (contract|relationship)|if you do decide to (leave|move|go elsewhere|take)", RegexOptions.IgnoreCase)]
    private static partial Regex PressureRegex();

    private static double Median(List<int> xs) => xs.Count == 0 ? 0 : xs.Order().ElementAt(xs.Count / 2);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.,%$£€-]*")]
    private static partial Regex CountedWordRegex();
}
