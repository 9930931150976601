using BenchmarkDotNet.Attributes;
using OutlookSayNo.Checks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;
using OutlookSayNo.Testing;

namespace OutlookSayNo.Benchmarks;

/// <summary>Reading a 256 KB body of each hostile shape (<see cref="PathologicalBodies"/>): the reader,
/// the figure extractor, the six checks as a sent reply (grounding included), and the word diff the
/// reviewer's page shows against a normal draft. Every one should be linear: tens of milliseconds at most.
/// dotnet run -c Release --project tests/OutlookSayNo.Benchmarks -- --filter '*HostileInput*' --job short
/// (HOSTILE_SHAPES="percent,words" runs only those shapes; "ordinary email" is a realistic 256 KB thread,
/// the yardstick a change for the hostile shapes must not slow down).</summary>
[MemoryDiagnoser]
public class HostileInputBenchmarks
{
    private const string Draft =
        "Hi Priya,\n\nWe can't lower the price by 15%, because every customer of your size pays the same rate.\n\n" +
        "Here is what we can do instead:\n\n- Pay the year up front: we take 4% off the $48,000.\n\nBest regards,\nSam";

    private static readonly DateOnly Today = new(2026, 11, 16);
    private KindCatalog _catalog = null!;
    private GroundingSources _sources = null!;
    private string _body = "";

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "words";

    private const string Ordinary = "ordinary email";

    public static IEnumerable<string> Shapes() =>
        Environment.GetEnvironmentVariable("HOSTILE_SHAPES")?.Split(',', StringSplitOptions.TrimEntries) is { Length: > 0 } chosen
            ? PathologicalBodies.Names.Append(Ordinary).Where(chosen.Contains)
            : PathologicalBodies.Names.Append(Ordinary);

    [GlobalSetup]
    public void Setup()
    {
        _catalog = KindCatalog.Load(Path.Combine(Inputs.Root(), "templates"));
        _sources = Grounding.ForSent(Draft, ["15%"], _catalog, Today);
        _body = Shape == Ordinary ? Inputs.OfSize(256 * 1024) : PathologicalBodies.Make(Shape, 256 * 1024);
    }

    [Benchmark] public EmailText Read() => EmailReader.Read(_body);

    [Benchmark] public int Figures() => FigureExtractor.Extract(_body, Today).Count;

    [Benchmark] public CheckResult Check() => DraftChecker.Check(_body, _catalog, Today, _sources);

    [Benchmark] public WordDiff Diff() => LineDiff.WordsOrLines(Draft, _body);
}
