using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using OutlookSayNo.Asks;
using OutlookSayNo.Checks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using Scriban.Runtime;

namespace OutlookSayNo.Benchmarks;

internal static class Inputs
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("OutlookSayNo.sln not found above the benchmark.");
    }

    public const string Short = """
        Hi Sam,

        Could you reduce the price by 15% on the $48,000 renewal? Our budget was cut and a competitor quoted less.

        Best regards,
        Priya Nair
        Head of Finance | Northwind Foods
        """;

    /// <summary>A realistic long email: a new message on top of a quoted thread, padded to the size.</summary>
    public static string OfSize(int bytes)
    {
        var sb = new StringBuilder(Short.Replace("Best regards,", "We have also reviewed the delivery plan with our operations team and the plant, and the dates for the second phase still look tight to us, so please keep us posted.\n\nBest regards,"));
        sb.Append("\n\nOn Tue, 3 Nov 2026 at 10:14, Sam Carter <sam@supplier.example> wrote:\n");
        var i = 0;
        while (sb.Length < bytes)
            sb.Append("> Thanks for the call today. As discussed, the renewal covers 40 seats, premium support with a 4 hour response and two training days. Item ").Append(i++).Append('\n');
        return sb.ToString();
    }

    /// <summary>One long new message, no quote: the ask, then paragraphs of context, then the signature.</summary>
    public static string LongMessage(int bytes)
    {
        var sb = new StringBuilder("Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal? Our budget was cut and a competitor quoted less.\n\n");
        var i = 0;
        while (sb.Length < bytes)
            sb.Append("For context, site ").Append(i++).Append(" ran 12 lines last quarter with 3 planned stops, and the team there asked us to review the service hours before March 3.\n\n");
        return sb.Append("Best regards,\nPriya Nair\nHead of Finance | Northwind Foods").ToString();
    }
}

/// <summary>How classify time grows with the email: a new message on a quoted thread (only the
/// newest message is classified) and one long new message with no quote (all of it is).</summary>
[MemoryDiagnoser]
public class ClassifyGrowthBenchmarks
{
    private KindCatalog _catalog = null!;
    private Classifier _classifier = null!;
    private string _body = "";

    [Params(1, 5, 50, 200, 1000)] public int KB { get; set; }
    [Params("thread", "message")] public string Shape { get; set; } = "thread";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = KindCatalog.Load(Path.Combine(Inputs.Root(), "templates"));
        _classifier = new Classifier(TimeProvider.System);
        _body = Shape == "thread" ? Inputs.OfSize(KB * 1024) : Inputs.LongMessage(KB * 1024);
    }

    [Benchmark] public Classification Classify() => _classifier.Classify(_catalog, "Renewal", _body);
}

[MemoryDiagnoser]
public class ClassifyBenchmarks
{
    private KindCatalog _catalog = null!;
    private Classifier _classifier = null!;
    private string _short = "", _5k = "", _50k = "";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = KindCatalog.Load(Path.Combine(Inputs.Root(), "templates"));
        _classifier = new Classifier(TimeProvider.System);
        _short = Inputs.Short;
        _5k = Inputs.OfSize(5 * 1024);
        _50k = Inputs.OfSize(50 * 1024);
    }

    [Benchmark(Baseline = true)] public Classification Classify_short() => _classifier.Classify(_catalog, "Renewal", _short);
    [Benchmark] public Classification Classify_5KB() => _classifier.Classify(_catalog, "Renewal", _5k);
    [Benchmark] public Classification Classify_50KB() => _classifier.Classify(_catalog, "Renewal", _50k);
}

/// <summary>What the reader's word models cost: training them when a catalog is built (every admin
/// save that changes examples, and each start), and what one catalog holds afterwards.</summary>
[MemoryDiagnoser]
public class ReaderModelBenchmarks
{
    private IReadOnlyDictionary<string, CatalogDocument> _documents = null!;

    [GlobalSetup]
    public void Setup() => _documents = CatalogDocuments.ReadFolder(Path.Combine(Inputs.Root(), "templates"));

    /// <summary>Builds the catalog from its documents with a fresh model cache, so the word models are trained.</summary>
    [Benchmark] public KindCatalog Build_catalog_and_train_word_models() => KindCatalog.Build(_documents, new ModelCache());

    /// <summary>The managed memory one built catalog keeps alive (models, cues, parsed templates).</summary>
    public static long RetainedBytes()
    {
        var documents = CatalogDocuments.ReadFolder(Path.Combine(Inputs.Root(), "templates"));
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var before = GC.GetTotalMemory(true);
        var catalog = KindCatalog.Build(documents, new ModelCache());
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(catalog);
        return after - before;
    }
}

[MemoryDiagnoser]
public class RenderBenchmarks
{
    private KindCatalog _catalog = null!;
    private Kind _kind = null!;
    private ScriptObject _model = null!;

    [Params("commercial", "technical", "finance")]
    public string Audience { get; set; } = "finance";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = KindCatalog.Load(Path.Combine(Inputs.Root(), "templates"));
        _kind = _catalog.Kinds["discount"];
        var classification = new Classifier(TimeProvider.System).Classify(_catalog, "Renewal", Inputs.Short);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var reading = AskReader.Read(classification, _kind.Id);
        var data = DataPoints.Resolve(_kind, _catalog, classification, reading, new Dictionary<string, string?> { ["currentMarginPercent"] = "24" }, today, []);
        var email = new DraftEmail("Renewal", Inputs.Short, new EmailAddress("Priya Nair", "priya@northwind.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "bench"));
        var offered = _kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id).ToList();
        (_model, _) = DraftService.BuildModel(_kind, _catalog, classification, reading, email, Audience, data, null, user, offered, CancellationToken.None);
    }

    /// <summary>Template render plus the text tidy and HTML encoding that every draft gets.</summary>
    [Benchmark]
    public string Render()
    {
        var text = ReplyText.Tidy(TemplateRenderer.Render(_kind.Templates[Audience].Parsed, _model, _catalog, CancellationToken.None));
        return ReplyText.ToHtml(text);
    }

    [Benchmark]
    public CheckResult Check() => DraftChecker.Check(Inputs.Short, _catalog);
}
