using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;
using OutlookSayNo.Testing;
using Scriban;
using Scriban.Runtime;
using Xunit.Abstractions;

namespace OutlookSayNo.UnitTests;

/// <summary>Property-based tests with a small seeded generator (System.Random, no packages): random
/// email-ish bodies through the reader, the figure extractor and the classifier, and random Scriban
/// sources through the parser, the static check and the renderer with the production limits. Every
/// failure message carries the seed of the case; replay one with <see cref="Replay"/> (set
/// <c>FUZZ_SEED</c> to a case seed, and <c>FUZZ_CASES</c> to run more cases than the default).</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly string Root = EvalSet.FindRoot(AppContext.BaseDirectory);
    private static readonly KindCatalog Catalog = KindCatalog.Load(Path.Combine(Root, "templates"));
    private static readonly DateOnly Today = new(2026, 11, 16);

    /// <summary>Where a run starts: a fixed base so CI is repeatable, or FUZZ_SEED to replay one case.</summary>
    private static readonly int? ReplaySeed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : null;
    private static int Cases(int normal) =>
        ReplaySeed is not null ? 1 : int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out var n) ? n : normal;
    private static int SeedOf(int baseSeed, int i) => ReplaySeed ?? unchecked(baseSeed * 7919 + i * 104_729);

    /// <summary>Runs one case on a pool thread with a deadline, so a hang fails the test instead of blocking it.</summary>
    private static async Task Bounded(int seed, string what, TimeSpan deadline, Action<CancellationToken> body)
    {
        using var cts = new CancellationTokenSource(deadline);
        var task = Task.Run(() => body(cts.Token));
        try
        {
            await task.WaitAsync(deadline + TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: {what} did not finish within {deadline.TotalSeconds + 3:0} s (a hang)");
        }
    }

    /// <summary>Failures of a run, grouped by what failed (the message without its seed), each with the
    /// first seeds that show it, so one run reports every distinct bug rather than the first.</summary>
    private sealed class Failures
    {
        private readonly Dictionary<string, List<int>> _byKind = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _example = new(StringComparer.Ordinal);

        public async Task Run(int seed, string what, TimeSpan deadline, Action<CancellationToken> body)
        {
            try { await Bounded(seed, what, deadline, body); }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException or Xunit.Sdk.IAssertionException)
            {
                var message = ex.Message;
                var firstLine = message.Split('\n')[0];
                var key = firstLine.StartsWith("seed ", StringComparison.Ordinal) && firstLine.IndexOf(": ", StringComparison.Ordinal) is var i and > 0
                    ? firstLine[(i + 2)..] : firstLine;
                key = System.Text.RegularExpressions.Regex.Replace(key, @"[0-9]+", "#");
                if (key.Length > 200) key = key[..200];
                if (!_byKind.TryGetValue(key, out var seeds)) { _byKind[key] = seeds = []; _example[key] = message.Length > 3000 ? message[..3000] : message; }
                seeds.Add(seed);
            }
        }

        public int Count => _byKind.Values.Sum(v => v.Count);

        public void AssertNone(ITestOutputHelper output)
        {
            if (_byKind.Count == 0) return;
            var report = string.Join("\n\n", _byKind.Select(kv =>
                $"{kv.Value.Count} case(s), seeds {string.Join(", ", kv.Value.Take(5))} (replay: FUZZ_SEED={kv.Value[0]}):\n{_example[kv.Key]}"));
            output.WriteLine(report);
            throw new Xunit.Sdk.XunitException($"{_byKind.Count} distinct failure(s) in {Count} case(s):\n\n{report}");
        }
    }

    // ---------- the email grammar ----------

    private static readonly string[] Words =
    [
        "Hi", "Sam", "could", "you", "reduce", "the", "price", "discount", "renewal", "please", "we", "need", "it",
        "by", "Friday", "free", "of", "charge", "no", "extra", "cost", "cancel", "contract", "lawyer", "incompetent",
        "useless", "expedite", "delivery", "deadline", "extend", "payment", "terms", "net", "days", "refund", "waive",
        "fee", "thanks", "meeting", "budget", "competitor", "quote", "licence", "seats", "upgrade", "SLA", "support",
    ];

    private static readonly string[] Tags =
    [
        "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<b>", "</b>", "<i>", "<span style=\"color:red\">", "</span>",
        "<blockquote type=\"cite\">", "</blockquote>", "<table><tr><td>", "</td></tr></table>", "<ul><li>", "</li></ul>",
        "<script>alert(1)</script>", "<style>p{}</style>", "<head><title>x</title></head>", "<!-- comment -->", "<!--",
        "-->", "<p", "<div class=\"gmail_quote\">", "<div id=\"appendonsend\"></div>", "<hr>", "<a href=\"mailto:x@y\">",
        "</a>", "<", ">", "</", "<p><p><p>", "</div></div></div>", "<xml>", "<o:p></o:p>", "<![CDATA[ x ]]>", "<img src=x onerror=alert(1)>",
        "<pre>", "</pre>", "<h1>", "</h1>", "<br><br><br>", "<div dir=\"rtl\">", "<p a='1' b=\"2\" c=3 d>", "< p >", "<P>", "</P >",
    ];

    private static readonly string[] Entities =
    [
        "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#36;", "&#x20AC;", "&euro;", "&pound;", "&#xFFFFFFFF;", "&#0;",
        "&#x0;", "&#99999999999;", "&#xD800;", "&#xDFFF;", "&#;", "&#x;", "&amp", "&", "&nosuch;", "&#65", "&#x41",
        "&verylongentitynamethatgoesonandon;", "&&&;", "&#-1;", "&#x110000;", "&#8203;", "&#x202E;",
    ];

    private static readonly string[] QuoteMarkers =
    [
        "\n> ", "\n>> ", "\n> > ", "\nOn Tue, 3 Nov 2026 at 10:14, Sam Carter <sam@supplier.example> wrote:\n",
        "\nOn 3/11/2026 10:14 AM, Sam wrote:\n", "\n-----Original Message-----\nFrom: Sam\nSent: Tuesday\nTo: Priya\nSubject: RE: x\n",
        "\nFrom: Sam Carter\n", "\n________________________________\n", "\nLe mar. 3 nov. 2026 à 10:14, Sam a écrit :\n",
        "\nAm 03.11.2026 um 10:14 schrieb Sam:\n", "wrote:", "On ", "\n>", ">",
    ];

    private static readonly string[] Signatures =
    [
        "\n\nBest regards,\nPriya Nair\nHead of Finance | Northwind Foods\n+44 20 7946 0000\n", "\n-- \nPriya\n", "\n--\n",
        "\nThanks,\nMark\n", "\nSent from my iPhone\n", "\nCheers,\n", "\nKind regards\n\n\n", "\nRegards,\nPriya Nair, CFO\nT: +1 (555) 010-0000\n",
        "\nThis email and any attachments are confidential.\n",
    ];

    private static readonly string[] Unicode =
    [
        "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\uD83D\uDE00", "\uDE00\uD83D", "\u200B", "\u200C", "\u200D", "\uFEFF", "\u202E", "\u202D",
        "\u2066", "\u2069", "مرحبا", "שלום", "\u0301\u0301\u0301", "e\u0301", "\u00A0", "\u2003", "\u2028", "\u2029", "\u0000",
        "\u001B[31m", "€", "£", "¥", "₹", "\uFFFD", "\uFFFF", "\r", "\r\n", "\t", "İ", "ß", "ﬁ", "𝟙𝟝%", "١٥٪",
    ];

    private static string Number(Random r)
    {
        var integer = r.Next(6) switch
        {
            0 => r.Next(0, 10).ToString(CultureInfo.InvariantCulture),
            1 => r.Next(0, 1000).ToString(CultureInfo.InvariantCulture),
            2 => r.Next(1000, 1_000_000).ToString("N0", CultureInfo.InvariantCulture),
            3 => r.NextInt64(0, long.MaxValue).ToString(CultureInfo.InvariantCulture),
            4 => new string('9', r.Next(20, 80)),
            _ => r.Next(1, 1_000_000).ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.'),
        };
        return r.Next(4) switch
        {
            0 => integer + "." + r.Next(0, 100).ToString("00", CultureInfo.InvariantCulture),
            1 => integer + "," + r.Next(0, 1000),
            2 => integer + ".",
            _ => integer,
        };
    }

    private static string Figure(Random r) => r.Next(14) switch
    {
        0 => Number(r) + "%",
        1 => Number(r) + " %",
        2 => "$" + Number(r),
        3 => "€" + Number(r),
        4 => Number(r) + " €",
        5 => Number(r) + " EUR",
        6 => "USD " + Number(r),
        7 => "-" + Number(r) + "%",
        8 => Number(r) + "k",
        9 => "$" + Number(r) + "m",
        10 => Number(r) + " percent",
        11 => "%" + Number(r),
        12 => Number(r) + " units",
        _ => Number(r) + " days",
    };

    private static readonly string[] MonthNames = ["January", "Feb", "March", "Apr", "May", "June", "Jul", "Aug.", "Sept", "October", "Nov", "December", "Smarch"];

    private static string Date(Random r)
    {
        int d = r.Next(-1, 40), m = r.Next(-1, 15), y = r.Next(4) == 0 ? r.Next(0, 10_000) : r.Next(2020, 2035);
        var month = MonthNames[r.Next(MonthNames.Length)];
        return r.Next(16) switch
        {
            0 => $"{y:0000}-{m:00}-{d:00}",
            1 => $"{d}/{m}/{y}",
            2 => $"{m}/{d}/{y % 100:00}",
            3 => $"{d}.{m}.{y}",
            4 => $"{d} {month} {y}",
            5 => $"{month} {d}, {y}",
            6 => $"{month} {d}",
            7 => $"{d}th of {month}",
            8 => $"next {(new[] { "Monday", "Friday", "week", "month", "quarter" })[r.Next(5)]}",
            9 => $"in {r.Next(0, 1000)} {(new[] { "days", "weeks", "months", "years", "business days" })[r.Next(5)]}",
            10 => $"by end of {month}",
            11 => $"Q{r.Next(0, 6)} {y}",
            12 => $"{y}-{m}-{d}T25:61:00Z",
            13 => "tomorrow",
            14 => $"{d}/{m}",
            _ => $"{month} {new string('9', r.Next(1, 30))}",
        };
    }

    private static string Piece(Random r, bool html) => r.Next(html ? 12 : 10) switch
    {
        0 or 1 or 2 => Words[r.Next(Words.Length)] + (r.Next(3) == 0 ? "," : "") + " ",
        3 => Figure(r) + " ",
        4 => Date(r) + " ",
        5 => QuoteMarkers[r.Next(QuoteMarkers.Length)],
        6 => Signatures[r.Next(Signatures.Length)],
        7 => Unicode[r.Next(Unicode.Length)],
        8 => r.Next(8) == 0 ? new string((char)r.Next('a', 'z' + 1), r.Next(500, 5000)) : ". ",
        9 => Entities[r.Next(Entities.Length)],
        _ => Tags[r.Next(Tags.Length)],
    };

    /// <summary>A random email body: mostly a few hundred characters, sometimes up to 50 KB.</summary>
    private static string EmailBody(Random r)
    {
        var html = r.Next(3) == 0;
        var length = r.Next(10) switch
        {
            0 => r.Next(0, 5),
            9 => r.Next(20_000, 50_000),
            _ => r.Next(20, 1500),
        };
        var sb = new StringBuilder();
        if (html && r.Next(2) == 0) sb.Append("<html><body>");
        while (sb.Length < length) sb.Append(Piece(r, html || r.Next(20) == 0));
        if (html && r.Next(2) == 0) sb.Append("</body></html>");
        var text = sb.ToString();
        // Sometimes cut anywhere, even inside a tag, an entity or a surrogate pair.
        return r.Next(4) == 0 && text.Length > 0 ? text[..r.Next(text.Length)] : text;
    }

    private static string Subject(Random r)
    {
        var sb = new StringBuilder(r.Next(3) == 0 ? "RE: " : "");
        var n = r.Next(0, 12);
        for (var i = 0; i < n; i++) sb.Append(Piece(r, false));
        return sb.Length > 1000 ? sb.ToString(0, 1000) : sb.ToString();
    }

    // ---------- reader and figures ----------

    private static void CheckEmailText(EmailText e, string body, Random r, int seed)
    {
        string Where() => $"seed {seed} (body of {body.Length} chars)";
        Assert.True(ReferenceEquals(e.Source, body) || e.Source == body, $"{Where()}: Source is not the body");
        Assert.True(e.SignatureStart >= 0, $"{Where()}: SignatureStart {e.SignatureStart} < 0");
        Assert.True(e.SignatureStart <= e.MessageEnd, $"{Where()}: SignatureStart {e.SignatureStart} > MessageEnd {e.MessageEnd}");
        Assert.True(e.MessageEnd <= e.Text.Length, $"{Where()}: MessageEnd {e.MessageEnd} > Text.Length {e.Text.Length}");
        Assert.Equal(e.SignatureStart, e.MessageText.Length);
        Assert.Equal(e.MessageEnd - e.SignatureStart, e.Signature.Length);
        Assert.Equal(e.SignatureStart, e.Message.Length);

        // Every span of the text maps to a span inside the source.
        for (var k = 0; k < 20 && e.Text.Length > 0; k++)
        {
            var start = r.Next(e.Text.Length);
            var length = r.Next(0, Math.Min(200, e.Text.Length - start) + 1);
            var (s, l) = e.ToSource(start, length);
            Assert.True(s >= 0 && l >= 0 && s + l <= body.Length,
                $"{Where()}: ToSource({start}, {length}) = ({s}, {l}) is outside the source of {body.Length} chars");
        }
        var (s0, l0) = e.ToSource(0, e.Text.Length);
        Assert.True(s0 >= 0 && l0 >= 0 && s0 + l0 <= body.Length, $"{Where()}: ToSource of the whole text = ({s0}, {l0})");
    }

    private static void CheckFigures(List<Figure> figures, string text, int seed)
    {
        foreach (var f in figures)
        {
            Assert.True(f.Start >= 0 && f.Length >= 0 && f.Start + f.Length <= text.Length,
                $"seed {seed}: figure '{f.Text}' at ({f.Start}, {f.Length}) is outside the text of {text.Length} chars");
            Assert.True(Enum.IsDefined(f.Kind), $"seed {seed}: figure kind {f.Kind}");
        }
    }

    [Fact]
    public async Task Fuzz_the_reader_and_the_figure_extractor_never_throw_and_keep_their_offsets_inside_the_text()
    {
        var cases = Cases(1000);
        var failures = new Failures();
        var watch = Stopwatch.StartNew();
        long chars = 0;
        for (var i = 0; i < cases; i++)
        {
            var seed = SeedOf(1, i);
            await failures.Run(seed, "EmailReader.Read + FigureExtractor.Extract", TimeSpan.FromSeconds(5), _ =>
            {
                var r = new Random(seed);
                var body = EmailBody(r);
                Interlocked.Add(ref chars, body.Length);
                EmailText email;
                try { email = EmailReader.Read(body); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: EmailReader.Read threw {ex}"); }
                CheckEmailText(email, body, r, seed);

                List<Figure> figures;
                try { figures = FigureExtractor.Extract(email.Text, Today); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: FigureExtractor.Extract(text) threw {ex}"); }
                CheckFigures(figures, email.Text, seed);

                try { figures = FigureExtractor.Extract(body, Today); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: FigureExtractor.Extract(raw body) threw {ex}"); }
                CheckFigures(figures, body, seed);

                if (email.MessageEnd > 0)
                {
                    try { figures = FigureExtractor.Extract(email.Text, 0, email.SignatureStart, Today); }
                    catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: FigureExtractor.Extract(message) threw {ex}"); }
                    CheckFigures(figures, email.Text, seed);
                }
            });
        }
        output.WriteLine($"{cases} bodies ({chars:N0} chars) read in {watch.Elapsed.TotalSeconds:0.0} s; {failures.Count} failing");
        failures.AssertNone(output);
    }

    // ---------- classifier ----------

    private static void CheckEvidence(IEnumerable<Evidence> evidence, string? subject, string body, int seed, string what)
    {
        foreach (var ev in evidence)
        {
            var length = ev.In == "subject" ? subject?.Length ?? 0 : body.Length;
            // Flag evidence names its flag in In and indexes the body.
            Assert.True(ev.In is "body" or "subject" or AskFlags.Threat or AskFlags.Abusive, $"seed {seed}: {what} evidence in '{ev.In}'");
            Assert.True(ev.Start >= 0 && ev.Length >= 0 && ev.Start + ev.Length <= length,
                $"seed {seed}: {what} evidence '{ev.Text}' at ({ev.Start}, {ev.Length}) is outside the {ev.In} of {length} chars");
        }
    }

    [Fact]
    public async Task Fuzz_the_classifier_never_throws_gives_a_confidence_in_0_1_and_evidence_inside_the_body()
    {
        var classifier = new Classifier(TimeProvider.System);
        var cases = Cases(1500);
        var failures = new Failures();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var seed = SeedOf(2, i);
            await failures.Run(seed, "Classifier.Classify", TimeSpan.FromSeconds(10), _ =>
            {
                var r = new Random(seed);
                var body = EmailBody(r);
                var subject = r.Next(5) == 0 ? null : Subject(r);
                Classification c;
                try { c = classifier.Classify(Catalog, subject, body); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: Classify threw {ex}"); }

                Assert.True(c.Primary.Confidence is >= 0 and <= 1 && !double.IsNaN(c.Primary.Confidence),
                    $"seed {seed}: primary confidence {c.Primary.Confidence}");
                Assert.True(Catalog.Kinds.ContainsKey(c.Primary.Category), $"seed {seed}: primary category '{c.Primary.Category}'");
                CheckEvidence(c.Primary.Evidence, subject, body, seed, "primary");
                foreach (var s in c.Secondary)
                {
                    Assert.True(s.Confidence is >= 0 and <= 1, $"seed {seed}: secondary {s.Category} confidence {s.Confidence}");
                    CheckEvidence(s.Evidence, subject, body, seed, $"secondary {s.Category}");
                }
                CheckEvidence(c.FlagEvidence, subject, body, seed, "flag");
                CheckEmailText(c.Email, body, r, seed);
                CheckFigures([.. c.Figures], c.Email.Text, seed);
                // The classify response is built from these; it must not throw either.
                try { Assert.NotNull(ClassifyResponse.From(c)); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: ClassifyResponse.From threw {ex}"); }
            });
        }
        output.WriteLine($"{cases} emails classified in {watch.Elapsed.TotalSeconds:0.0} s; {failures.Count} failing");
        failures.AssertNone(output);
    }

    // ---------- hostile shapes ----------

    /// <summary>One to three hostile shapes (<see cref="PathologicalBodies"/>) in random shares of the size,
    /// with ordinary email pieces between them, so each shape is also read inside and after others.</summary>
    private static string HostileBody(Random r, int size)
    {
        var shapes = PathologicalBodies.Shapes;
        var parts = r.Next(1, 4);
        var sb = new StringBuilder(size + 64);
        for (var p = 0; p < parts; p++)
        {
            var (_, make) = shapes[r.Next(shapes.Count)];
            for (var k = r.Next(0, 4); k > 0; k--) sb.Append(Piece(r, r.Next(2) == 0));
            var share = p == parts - 1 ? size - sb.Length : (size - sb.Length) / (parts - p) * r.Next(50, 151) / 100;
            if (share > 0) sb.Append(make(share));
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Fuzz_hostile_bodies_are_read_figured_and_checked_in_time_linear_in_their_size()
    {
        // The checks judge the body as a sent reply, against what a draft of the discount email rested on.
        var sources = Grounding.ForSent("We can't lower the price by 15%, because the $48,000 renewal is already at our floor.", ["15%"], Catalog, Today);
        var cases = Cases(24);
        var failures = new Failures();
        var watch = Stopwatch.StartNew();
        long chars = 0;
        for (var i = 0; i < cases; i++)
        {
            var seed = SeedOf(4, i);
            var size = new Random(seed).Next(16 * 1024, 192 * 1024 + 1);
            // Linear work reads about 1 KB in a millisecond here (Release, a busy two-core machine); quadratic
            // work on the shapes that were quadratic took seconds to minutes at these sizes.
            var budget = LinearTime.Ms(100 + size / 1024.0 * 2);
            await failures.Run(seed, "EmailReader.Read + FigureExtractor.Extract + DraftChecker.Check", budget, token =>
            {
                var r = new Random(seed);
                _ = r.Next();
                var body = HostileBody(r, size);
                Interlocked.Add(ref chars, body.Length);
                var time = Stopwatch.StartNew();
                EmailText email;
                try { email = EmailReader.Read(body); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: EmailReader.Read threw {ex}"); }
                CheckEmailText(email, body, r, seed);
                List<Figure> figures;
                try { figures = FigureExtractor.Extract(email.Text, Today); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: FigureExtractor.Extract threw {ex}"); }
                CheckFigures(figures, email.Text, seed);
                try { _ = OutlookSayNo.Checks.DraftChecker.Check(body, Catalog, Today, sources); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"seed {seed}: DraftChecker.Check threw {ex}"); }
                Assert.True(time.Elapsed <= budget, $"seed {seed}: {body.Length:N0} characters took {time.ElapsedMilliseconds} ms, past {budget.TotalMilliseconds:0} ms");
            });
        }
        output.WriteLine($"{cases} hostile bodies ({chars:N0} chars) read, figured and checked in {watch.Elapsed.TotalSeconds:0.0} s; {failures.Count} failing");
        failures.AssertNone(output);
    }

    // ---------- templates ----------

    private static readonly Kind[] DraftKinds = [.. Catalog.Kinds.Values.Where(k => k.Definition.Refusable && k.Templates.Count > 0).OrderBy(k => k.Id, StringComparer.Ordinal)];

    private static readonly Lazy<Dictionary<string, ScriptObject>> Models = new(() =>
    {
        var classification = new Classifier(TimeProvider.System).Classify(Catalog, "Renewal", FuzzEmails.Discount);
        var email = new DraftEmail("Renewal", FuzzEmails.Discount, new EmailAddress("Priya Nair", "priya@northwind-foods.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "fuzz"));
        var models = new Dictionary<string, ScriptObject>(StringComparer.Ordinal);
        foreach (var kind in DraftKinds)
        {
            var reading = AskReader.Read(classification, kind.Id);
            var data = DataPoints.Resolve(kind, Catalog, classification, reading, new Dictionary<string, string?>(), Today, []);
            var offered = kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id).ToList();
            models[kind.Id] = DraftService.BuildModel(kind, Catalog, classification, reading, email, "finance", data, "the price went up", user, offered, CancellationToken.None).Model;
        }
        return models;
    });

    private static readonly string[] ModelPaths =
    [
        "customer.name", "customer.firstName", "customer.email", "customer.company", "me.name", "me.firstName", "ask.kind", "ask.title",
        "ask.subject", "ask.quote", "audience", "pressure.threat", "pressure.any", "theyAreRightAbout", "alternatives", "alternatives[0].text",
        "alternatives[99].title", "data", "facts", "data.requestedDiscountPercent.value", "data.requestedDiscountPercent.number",
        "data.nosuch.value", "facts.hourlyRate.number", "facts.nosuch", "customer.name.length", "customer.nosuch.deeper", "nosuch",
        "empty", "null", "true", "false", "this", "$", "$0", "customer['name']", "data['x y']", "for", "end", "x", "y", "i",
    ];

    private static readonly string[] Functions =
    [
        "string.upcase", "string.downcase", "string.capitalize", "string.size", "string.strip", "string.reverse", "string.truncate 5",
        "string.replace 'a' 'aa'", "string.append customer.name", "string.prepend 'x'", "string.split ','", "string.pad_left 100000",
        "string.slice 2 3", "string.contains 'a'", "array.size", "array.join ','", "array.first", "array.reverse", "array.sort",
        "array.uniq", "array.map 'name'", "array.limit 3", "math.round 2", "math.abs", "math.floor", "math.format '0.00'", "object.typeof",
        "object.default 'x'", "html.escape", "html.strip", "regex.replace 'a+' 'b'", "regex.match '(a+)+$'", "date.to_string '%Y'",
        "object.keys", "object.size", "string.to_int", "string.to_float", "math.plus 1", "math.times 100000", "math.divided_by 0",
        "string.repeat 100000",
    ];

    private static string Expr(Random r, int depth)
    {
        if (depth > 3) return ModelPaths[r.Next(ModelPaths.Length)];
        return r.Next(16) switch
        {
            0 or 1 or 2 => ModelPaths[r.Next(ModelPaths.Length)],
            3 => r.Next(-1000, 1_000_000_000).ToString(CultureInfo.InvariantCulture),
            4 => "'" + Words[r.Next(Words.Length)] + (r.Next(8) == 0 ? "\\" : "") + "'",
            5 => "\"" + Unicode[r.Next(Unicode.Length)] + "{{ }}\"",
            6 => $"{Expr(r, depth + 1)} {(new[] { "+", "-", "*", "/", "//", "%", "==", "!=", "<", ">", "&&", "||", "??", "..", "..<" })[r.Next(15)]} {Expr(r, depth + 1)}",
            7 => $"{Expr(r, depth + 1)} | {Functions[r.Next(Functions.Length)]}",
            8 => $"({Expr(r, depth + 1)})",
            9 => $"{r.Next(-5, 100)}..{(r.Next(4) == 0 ? 1_000_000_000 : r.Next(-5, 1000))}",
            10 => $"[{Expr(r, depth + 1)}, {Expr(r, depth + 1)}]",
            11 => $"{{a: {Expr(r, depth + 1)}}}",
            12 => $"$\"{{{Expr(r, depth + 1)}}}{{{Expr(r, depth + 1)}}}\"",
            13 => $"f{r.Next(3)} {Expr(r, depth + 1)}",
            14 => $"{ModelPaths[r.Next(ModelPaths.Length)]}.{Words[r.Next(Words.Length)]}",
            _ => $"!{Expr(r, depth + 1)}",
        };
    }

    private static readonly string[] Garbage =
    [
        "{{", "}}", "{%", "%}", "end", "else", "{{ end }}", "{{ else }}", "{{{", "}}}", "|", "..", "(", ")", "[", "]", "'", "\"", "\\", "$", "@",
        "#", ";", "{{-", "-}}", "{{~", "~}}", "{{ }}", "{{ # comment }}", "{{ 'unterminated }}", "{{ ) }}", "\u0000", "\uD800", "func", "ret",
    ];

    private static string Statement(Random r, int depth)
    {
        if (depth > 3) return Expr(r, depth);
        return r.Next(16) switch
        {
            0 or 1 or 2 => Expr(r, depth),
            3 => $"for x in {Expr(r, depth + 1)}; {Statement(r, depth + 1)}; end",
            4 => $"for i in 1..{(r.Next(3) == 0 ? 1_000_000_000 : r.Next(0, 2000))}; {Statement(r, depth + 1)}; end",
            5 => $"while {Expr(r, depth + 1)}; {Statement(r, depth + 1)}; end",
            6 => $"while true; x = x + 'ab'; end",
            7 => $"if {Expr(r, depth + 1)}; {Statement(r, depth + 1)}; else if {Expr(r, depth + 1)}; {Statement(r, depth + 1)}; else; {Statement(r, depth + 1)}; end",
            8 => $"func f{r.Next(3)}; ret {Statement(r, depth + 1)}; end",
            9 => $"func f{r.Next(3)}; f{r.Next(3)} $0; end; f{r.Next(3)} 1",
            10 => $"include '{(new[] { "greeting", "closing", "../x", "nosuch", "/etc/passwd", "greeting'; include 'greeting", "" })[r.Next(7)]}'",
            11 => $"x = {Expr(r, depth + 1)}",
            12 => $"x = x ?? 'a'; for i in 1..{r.Next(1, 40)}; x = $\"{{x}}{{x}}\"; end; x | string.size",
            13 => $"capture y; {Statement(r, depth + 1)}; end; y",
            14 => $"case {Expr(r, depth + 1)}; when 1; 'one'; when {Expr(r, depth + 1)}; 'two'; else; 'z'; end",
            _ => $"tablerow c in {Expr(r, depth + 1)}; c; end",
        };
    }

    private static string TemplateSource(Random r)
    {
        var sb = new StringBuilder();
        var n = r.Next(1, 10);
        for (var i = 0; i < n; i++)
        {
            switch (r.Next(8))
            {
                case 0: sb.Append(Words[r.Next(Words.Length)]).Append(' '); break;
                case 1: sb.Append(Garbage[r.Next(Garbage.Length)]); break;
                case 2: sb.Append('\n'); break;
                case 3: sb.Append("{{ ").Append(Statement(r, 0)).Append(" }}"); break;
                case 4: sb.Append("{{ ").Append(Statement(r, 0)).Append('\n').Append(Statement(r, 0)).Append(" }}"); break;
                default: sb.Append("{{ ").Append(Statement(r, 0)).Append(" }}"); break;
            }
        }
        var text = sb.ToString();
        return r.Next(6) == 0 && text.Length > 1 ? text[..r.Next(1, text.Length)] : text;
    }

    [Fact]
    public async Task Fuzz_templates_parse_check_and_render_within_the_limits_or_fail_with_a_render_error()
    {
        var models = Models.Value;
        var cases = Cases(10000);
        var failures = new Failures();
        var watch = Stopwatch.StartNew();
        int parsed = 0, rendered = 0, renderErrors = 0, cancelled = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < cases; i++)
        {
            var seed = SeedOf(3, i);
            await failures.Run(seed, "Template parse/check/render", TimeSpan.FromSeconds(2), token =>
            {
                var r = new Random(seed);
                var source = TemplateSource(r);
                var kind = DraftKinds[r.Next(DraftKinds.Length)];
                string Where() => $"seed {seed} (kind {kind.Id}): {source}";

                Template template;
                try { template = Template.Parse(source, "fuzz.scriban"); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"{Where()}\nTemplate.Parse threw {ex}"); }
                if (template.HasErrors) return;
                Interlocked.Increment(ref parsed);

                try { _ = TemplateAnalysis.Check(template, TemplateScope.ForKind(Catalog, kind)); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"{Where()}\nTemplateAnalysis.Check threw {ex}"); }

                var renderWatch = Stopwatch.StartNew();
                try
                {
                    var text = TemplateRenderer.Render(template, models[kind.Id], Catalog, token);
                    Assert.True(text.Length <= TemplateRenderer.OutputLimit, $"{Where()}\noutput of {text.Length:N0} chars");
                    Interlocked.Increment(ref rendered);
                }
                catch (TemplateRenderException) { Interlocked.Increment(ref renderErrors); }
                catch (OperationCanceledException) { Interlocked.Increment(ref cancelled); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException($"{Where()}\nRender threw {ex.GetType().FullName}: {ex}"); }
                var elapsed = renderWatch.Elapsed;
                Assert.True(elapsed < TimeSpan.FromSeconds(2.5), $"{Where()}\nrender took {elapsed.TotalMilliseconds:0} ms, past its 2 s token");
                lock (Models) if (elapsed > slowest) slowest = elapsed;
            });
        }
        output.WriteLine($"{cases} templates: {parsed} parsed without errors, {rendered} rendered, {renderErrors} render errors, {cancelled} cancelled; " +
                         $"slowest render {slowest.TotalMilliseconds:0} ms; {watch.Elapsed.TotalSeconds:0.0} s; {failures.Count} failing");
        failures.AssertNone(output);
        Assert.True(parsed > cases / 10, $"only {parsed} of {cases} random templates parsed: the grammar needs fixing");
    }

    /// <summary>Found by the fuzz test (seed 1159938): a month name followed by day 0 ("Nov 0") without a
    /// year throws from FigureExtractor.TryNamedDate (new DateOnly(y, month, 0)), so the classifier, and
    /// with it POST /api/classify and /api/drafts, fail on such an email.</summary>
    [Theory]
    [InlineData("Could we sign by Nov 0?")]
    [InlineData("Delivery on 0 December please")]
    [InlineData("December 00")]
    public void A_month_with_day_zero_is_not_a_date_and_does_not_throw(string text)
    {
        var figures = FigureExtractor.Extract(text, Today);
        Assert.DoesNotContain(figures, f => f.Kind == FigureKind.Date);
        Assert.NotNull(new Classifier(TimeProvider.System).Classify(Catalog, "Renewal", text));
    }

    /// <summary>Replays one case of each fuzz test: <c>FUZZ_SEED=123 dotnet test --filter Replay</c>.</summary>
    [Fact]
    public async Task Replay()
    {
        if (ReplaySeed is null) return;
        await Fuzz_the_reader_and_the_figure_extractor_never_throw_and_keep_their_offsets_inside_the_text();
        await Fuzz_the_classifier_never_throws_gives_a_confidence_in_0_1_and_evidence_inside_the_body();
        await Fuzz_templates_parse_check_and_render_within_the_limits_or_fail_with_a_render_error();
        await Fuzz_hostile_bodies_are_read_figured_and_checked_in_time_linear_in_their_size();
    }
}

internal static class FuzzEmails
{
    public const string Discount = """
        Hi Sam,

        Could you reduce the price by 15% on the $48,000 renewal? If we can agree on that we can sign before March 3.

        Best regards,
        Priya Nair
        Head of Finance | Northwind Foods
        """;
}
