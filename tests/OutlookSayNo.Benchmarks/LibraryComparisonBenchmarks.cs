using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using OutlookSayNo.Compliance;
using OutlookSayNo.Drafts;
using OutlookSayNo.Reading;
using OutlookSayNo.Testing;

namespace OutlookSayNo.Benchmarks;

/// <summary>The inputs the library comparison (issue 14) measures: ordinary and hostile HTML bodies,
/// draft and sent pairs, and compliance export rows.</summary>
internal static class LibraryInputs
{
    /// <summary>The HTML shapes of <see cref="PathologicalBodies"/> the reader comparison uses.</summary>
    public static readonly string[] HostileHtmlShapes = ["p then lt", "nested divs", "p then amp entity open", "p then comment open"];

    public static readonly string[] HtmlCases = ["ordinary 5 KB", "ordinary 256 KB", .. HostileHtmlShapes];

    public static string Html(string name) => name switch
    {
        "ordinary 5 KB" => OrdinaryHtml(5 * 1024),
        "ordinary 256 KB" => OrdinaryHtml(256 * 1024),
        _ => PathologicalBodies.Make(name, 256 * 1024),
    };

    /// <summary>An ordinary HTML email: the plain thread of <see cref="Inputs.OfSize"/> as Outlook sends it,
    /// a paragraph per line, a bold figure and an entity or two, the quoted part in a gmail_quote blockquote.</summary>
    public static string OrdinaryHtml(int bytes)
    {
        var sb = new StringBuilder("<html><head><style>p{margin:0}</style></head><body>");
        var inQuote = false;
        foreach (var line in Inputs.OfSize(bytes).Split('\n'))
        {
            if (!inQuote && line.StartsWith('>'))
            {
                sb.Append("<div class=\"gmail_quote\"><blockquote style=\"margin:0 0 0 .8ex\">");
                inQuote = true;
            }
            var text = System.Net.WebUtility.HtmlEncode(inQuote ? line.TrimStart('>', ' ') : line)
                .Replace("15%", "<b>15%</b>").Replace("$48,000", "<b>$48,000</b>");
            sb.Append(text.Length == 0 ? "<p><br></p>" : $"<p>{text}</p>");
            if (sb.Length >= bytes) break;
        }
        if (inQuote) sb.Append("</blockquote></div>");
        return sb.Append("</body></html>").ToString();
    }

    public const string Draft1K =
        "Hi Priya,\n\nThank you for your message about the renewal. We can't lower the price by 15%, because every customer " +
        "of your size pays the same rate, and we have kept that rate unchanged for three years.\n\n" +
        "Here is what we can do instead:\n\n- Pay the year up front: we take 4% off the $48,000.\n" +
        "- Move to a two-year term: the rate is fixed until March 2028.\n- Drop the second training day: that saves $2,400.\n\n" +
        "If one of these works for you, I can send the updated order form today, and our team will confirm the dates for " +
        "the second phase in writing by Friday.\n\nBest regards,\nSam";

    /// <summary>A light edit, as a user makes before sending: a word changed, one inserted, a line removed.</summary>
    public static string Edited(string draft) => draft
        .Replace("Thank you for your message", "Thanks for your note")
        .Replace("today,", "this afternoon,")
        .Replace("- Drop the second training day: that saves $2,400.\n", "")
        .Replace("Best regards,", "Kind regards,");

    public static string Draft(int bytes)
    {
        var sb = new StringBuilder(bytes + Draft1K.Length);
        while (sb.Length < bytes) sb.Append(Draft1K).Append("\n\n");
        return sb.ToString(0, bytes);
    }

    public static readonly string[] DiffCases = ["1 KB light edit", "20 KB light edit", "draft vs 199,000 dots", "draft vs 99,500 'a '"];

    public static (string Before, string After) DiffPair(string name) => name switch
    {
        "1 KB light edit" => (Draft1K, Edited(Draft1K)),
        "20 KB light edit" => (Draft(20 * 1024), Edited(Draft(20 * 1024))),
        "draft vs 199,000 dots" => (Draft1K, new string('.', 199_000)),
        // The same size in pieces DiffPlex's word chunker splits (it splits on spaces, not on '.').
        "draft vs 99,500 'a '" => (Draft1K, PathologicalBodies.Repeat("a ", 199_000)),
        _ => throw new ArgumentException(name),
    };

    /// <summary>The 19 fields of a compliance export row, as <c>ComplianceApi.Export</c> formats them.</summary>
    public static string[][] CsvRows(int count)
    {
        var rows = new string[count][];
        var at = new DateTime(2026, 12, 7, 4, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
            rows[i] =
            [
                Guid.NewGuid().ToString(), at.AddMinutes(-i).ToString("O", CultureInfo.InvariantCulture), $"user-{i % 40}", $"Sam Carter {i % 40}",
                "northwind.example", "priya@northwind.example", i % 10 == 0 ? "Q3 renewal;=1+2;@SUM(9;9)" : $"RE: Renewal \"{i}\", price",
                "price", "customer", "discount pricing", "sent", at.AddMinutes(-i + 5).ToString("O", CultureInfo.InvariantCulture),
                (i % 2 == 0).ToString(), i % 7 == 0 ? "grounded respectful" : "", i % 3 == 0 ? "approved" : "",
                (i % 4).ToString(CultureInfo.InvariantCulture), "3", (i % 5).ToString(CultureInfo.InvariantCulture),
                i % 5 == 0 ? "" : at.AddMinutes(-i + 9).ToString("O", CultureInfo.InvariantCulture),
            ];
        return rows;
    }

    public const string Header = "id,createdAtUtc,userId,userName,customerDomain,fromEmail,subject,kind,audience,flags,status,sentAtUtc,sentUnchanged,failedChecks,review,comments,templateVersion,revisions,latestRevisionAtUtc";

    public static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        Quoting = CsvQuoting.Always,
        Injection = CsvInjection.Escape,
    };

    /// <summary>Cases whose one call took over 10 s in <c>libs-probe</c>, separated by '|' in LIBS_EXCLUDE
    /// (case names hold commas, such as "199,000"), so BenchmarkDotNet does not run them.</summary>
    public static IEnumerable<string> Without(IEnumerable<string> cases) =>
        Environment.GetEnvironmentVariable("LIBS_EXCLUDE")?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } excluded
            ? cases.Where(c => !excluded.Contains(c))
            : cases;
}

/// <summary>Our HTML reader against AngleSharp's HTML5 parser with source references kept, on the same bodies.
/// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- --filter '*LibraryComparison*' --job short</summary>
[MemoryDiagnoser]
public class LibraryComparisonHtmlBenchmarks
{
    private string _body = "";
    private HtmlParser _parser = null!;

    [ParamsSource(nameof(Cases))] public string Input { get; set; } = "ordinary 5 KB";

    public static IEnumerable<string> Cases() => LibraryInputs.Without(LibraryInputs.HtmlCases);

    [GlobalSetup]
    public void Setup()
    {
        _body = LibraryInputs.Html(Input);
        _parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
    }

    [Benchmark(Baseline = true)] public EmailText Ours() => EmailReader.Read(_body);

    [Benchmark] public string AngleSharp() => _parser.ParseDocument(_body).Body?.TextContent ?? "";
}

/// <summary>Our word diff against DiffPlex's (Myers) with its word chunker, built into spans as the reviewer's page needs.</summary>
[MemoryDiagnoser]
public class LibraryComparisonDiffBenchmarks
{
    private string _before = "", _after = "";

    [ParamsSource(nameof(Cases))] public string Input { get; set; } = "1 KB light edit";

    public static IEnumerable<string> Cases() => LibraryInputs.Without(LibraryInputs.DiffCases);

    [GlobalSetup]
    public void Setup() => (_before, _after) = LibraryInputs.DiffPair(Input);

    [Benchmark(Baseline = true)] public WordDiff Ours() => LineDiff.WordsOrLines(_before, _after);

    [Benchmark] public DiffPaneModel DiffPlex() =>
        InlineDiffBuilder.Diff(Differ.Instance, _before, _after, ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
}

/// <summary>Ours alone on the diff cases LIBS_EXCLUDE keeps from <see cref="LibraryComparisonDiffBenchmarks"/>
/// (where one DiffPlex call took over 10 s in <c>libs-probe</c>).</summary>
[MemoryDiagnoser]
public class LibraryComparisonDiffOursOnlyBenchmarks
{
    private string _before = "", _after = "";

    [ParamsSource(nameof(Cases))] public string Input { get; set; } = "draft vs 199,000 dots";

    public static IEnumerable<string> Cases() =>
        LibraryInputs.DiffCases.Except(LibraryInputs.Without(LibraryInputs.DiffCases)).DefaultIfEmpty("draft vs 199,000 dots");

    [GlobalSetup]
    public void Setup() => (_before, _after) = LibraryInputs.DiffPair(Input);

    [Benchmark] public WordDiff Ours() => LineDiff.WordsOrLines(_before, _after);
}

/// <summary>The compliance export's writer (<c>ComplianceApi.Csv</c> per field, joined, through a StreamWriter)
/// against CsvHelper's CsvWriter quoting every field and escaping formula prefixes: 10,000 rows of 19 fields.</summary>
[MemoryDiagnoser]
public class LibraryComparisonCsvBenchmarks
{
    private string[][] _rows = [];

    [GlobalSetup]
    public void Setup() => _rows = LibraryInputs.CsvRows(10_000);

    [Benchmark(Baseline = true)]
    public long Ours()
    {
        using var stream = new MemoryStream(4 * 1024 * 1024);
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true))
        {
            writer.Write(LibraryInputs.Header);
            writer.Write("\r\n");
            var fields = new string[19];
            foreach (var row in _rows)
            {
                for (var i = 0; i < row.Length; i++) fields[i] = ComplianceApi.Csv(row[i]);
                writer.Write(string.Join(',', fields));
                writer.Write("\r\n");
            }
        }
        return stream.Length;
    }

    [Benchmark]
    public long CsvHelper()
    {
        using var stream = new MemoryStream(4 * 1024 * 1024);
        using (var csv = CsvWriter.Create(stream, LibraryInputs.CsvOptions, leaveOpen: true))
        {
            csv.WriteHeader(LibraryInputs.Header.Split(','));
            foreach (var row in _rows)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.EndRecord();
            }
        }
        return stream.Length;
    }
}

/// <summary><c>libs-probe</c>: one call of each case with a Stopwatch (over 10 s is reported and should be
/// put in LIBS_EXCLUDE), what the two CSV writers do with a formula after a ';', and what AngleSharp's source
/// references give for mapping text back to the body.</summary>
internal static class LibraryProbe
{
    public static void Run()
    {
        var slow = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        // Growth first, before any call is abandoned (an abandoned call keeps a core busy).
        Console.WriteLine("-- growth of the cases that can pass 10 s (a warm-up call, then one timed call each)");
        parser.ParseDocument(PathologicalBodies.Make("nested divs", 1024));
        foreach (var kb in new[] { 8, 16, 32, 64 })
        {
            var body = PathologicalBodies.Make("nested divs", kb * 1024);
            Time($"html nested divs {kb} KB: AngleSharp", () => (parser.ParseDocument(body).Body?.TextContent ?? "").Length, [], "");
            Time($"html nested divs {kb} KB: ours", () => EmailReader.Read(body).Text.Length, [], "");
        }
        InlineDiffBuilder.Diff(Differ.Instance, "a b", "a c", false, false, WordChunker.Instance);
        foreach (var chars in new[] { 10_000, 20_000, 40_000 })
        {
            var after = PathologicalBodies.Repeat("a ", chars);
            Time($"diff draft vs {chars / 2:N0} 'a ': DiffPlex", () => InlineDiffBuilder.Diff(Differ.Instance, LibraryInputs.Draft1K, after, false, false, WordChunker.Instance).Lines.Count, [], "");
            Time($"diff draft vs {chars / 2:N0} 'a ': ours", () => LineDiff.WordsOrLines(LibraryInputs.Draft1K, after).Spans.Count, [], "");
        }
        Console.WriteLine();
        Console.WriteLine("-- one call each (Stopwatch, first call, JIT included)");
        foreach (var name in LibraryInputs.HtmlCases)
        {
            var body = LibraryInputs.Html(name);
            Time($"html {name}: ours", () => EmailReader.Read(body).Text.Length, slow, name);
            Time($"html {name}: AngleSharp", () => (parser.ParseDocument(body).Body?.TextContent ?? "").Length, slow, name);
        }
        foreach (var name in LibraryInputs.DiffCases)
        {
            var (before, after) = LibraryInputs.DiffPair(name);
            Time($"diff {name}: ours", () => LineDiff.WordsOrLines(before, after).Spans.Count, slow, name);
            Time($"diff {name}: DiffPlex", () => InlineDiffBuilder.Diff(Differ.Instance, before, after, false, false, WordChunker.Instance).Lines.Count, slow, name);
        }
        Console.WriteLine($"DiffPlex WordChunker on \"Hi, Sam. We can't\tcut it.\": {string.Join(" | ", WordChunker.Instance.Chunk("Hi, Sam. We can't\tcut it.").Select(Show))}");
        Console.WriteLine($"LIBS_EXCLUDE=\"{string.Join('|', slow.Distinct())}\"");

        Console.WriteLine();
        Console.WriteLine("-- CSV injection");
        foreach (var cell in new[] { "Q3 renewal;=1+2;@SUM(9;9)", "=1+2", "-5", "a,\t=cmd" })
        {
            var stream = new MemoryStream();
            using (var csv = CsvWriter.Create(stream, LibraryInputs.CsvOptions, leaveOpen: true)) { csv.WriteField(cell); csv.EndRecord(); }
            Console.WriteLine($"{Show(cell)}: ours {Show(ComplianceApi.Csv(cell))}  CsvHelper(Escape, Always) {Show(Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\r', '\n'))}");
        }

        Console.WriteLine();
        Console.WriteLine("-- AngleSharp source references");
        const string html = "<p>Hi Sam,</p><p>Could you cut the <b>price</b> by 15% &amp; keep &lt;4h&gt; support?</p>";
        var doc = parser.ParseDocument(html);
        foreach (var element in doc.Body!.Descendants<IElement>())
            Console.WriteLine($"<{element.LocalName}> SourceReference.Position: line {element.SourceReference?.Position.Line}, column {element.SourceReference?.Position.Column}, index {element.SourceReference?.Position.Index} (the body there: {Show(html.Substring(element.SourceReference!.Position.Index, element.LocalName.Length + 2))})");
        foreach (var text in doc.Body!.Descendants<IText>())
            Console.WriteLine($"text {Show(text.Data)}: a text node has no SourceReference (IText is not IElement); its parent's is {text.ParentElement?.SourceReference?.Position.Index}");
        var ours = EmailReader.Read(html);
        var textContent = doc.Body!.TextContent;
        foreach (var word in new[] { "price", "&", "<4h>" })
        {
            var (start, length) = ours.ToSource(ours.Text.IndexOf(word, StringComparison.Ordinal), word.Length);
            Console.WriteLine($"{Show(word)}: ours text {ours.Text.IndexOf(word, StringComparison.Ordinal)} -> body [{start}, {length}] {Show(html.Substring(start, length))}; AngleSharp TextContent index {textContent.IndexOf(word, StringComparison.Ordinal)}, no map to the body");
        }
        var manyLines = string.Concat(Enumerable.Repeat("<p>x</p>\n", 70_000)) + "<b>late</b>";
        var late = parser.ParseDocument(manyLines).QuerySelector("b")!.SourceReference!.Position;
        Console.WriteLine($"<b> after 70,000 lines: line {late.Line} (a UInt16), index {late.Index} (the '<' is at {manyLines.LastIndexOf("<b>", StringComparison.Ordinal)})");
        Environment.Exit(0); // a call still running past 10 s is abandoned
    }

    private static string Show(string s) => "\"" + s.Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

    private static void Time(string label, Func<int> call, List<string> slow, string name)
    {
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try { call(); }
            catch (Exception e) { Console.WriteLine($"{label}: threw {e.GetType().Name}: {e.Message}"); }
        }, 8 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        if (thread.Join(TimeSpan.FromSeconds(10))) Console.WriteLine($"{label}: {watch.Elapsed.TotalMilliseconds:0.0} ms");
        else
        {
            Console.WriteLine($"{label}: over 10 s (abandoned; excluded from BenchmarkDotNet)");
            slow.Add(name);
        }
    }
}
