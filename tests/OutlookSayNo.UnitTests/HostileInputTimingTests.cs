using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Checks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;
using OutlookSayNo.Testing;

namespace OutlookSayNo.UnitTests;

/// <summary>A body of 256 KB of any shape is read in time linear in its size, by every step that reads
/// it: the reader (with the register and the name), the figure extractor, the six checks (the grounded
/// one included), and the whole compose path (read, classify, model, render, check). The hostile-input
/// review found "&lt;p&gt;" and 199,000 '&lt;' took over a minute to read.</summary>
[Collection(nameof(TimingCollection))]
public sealed class HostileInputTimingTests
{
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;
    private static readonly DateOnly Today = new(2026, 11, 16);
    private static readonly Classifier Classifier = new(TimeProvider.System);
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));

    private const string Draft =
        "Hi Priya,\n\nWe can't lower the price by 15%, because every customer of your size pays the same rate.\n\n" +
        "Here is what we can do instead:\n\n- Pay the year up front: we take 4% off the $48,000.\n\nBest regards,\nSam";

    private static readonly GroundingSources Sources = Grounding.ForSent(Draft, ["15%"], Catalog, Today);

    public static TheoryData<string> AllShapes() => [.. PathologicalBodies.Names];

    /// <summary>The shapes that stress the compose path (each costs more to run).</summary>
    public static TheoryData<string> HeavyShapes() =>
    [
        "p then lt", "p then lt a", "p then amp entity open", "html words", "digits", "digit space", "digit dash", "digit slash", "percent",
        "dollar digit", "days", "dates", "a space", "we will sign", "hi lines", "on lines", "words", "cyrillic look-alikes",
    ];

    private static Func<int, string> Shape(string name) => n => PathologicalBodies.Make(name, n);

    [Theory]
    [MemberData(nameof(AllShapes))]
    public void The_reader_with_register_and_name_is_linear(string shape) =>
        LinearTime.AssertRelative($"reading '{shape}'", Shape(shape), body =>
        {
            var email = EmailReader.Read(body);
            _ = Register.Read(email);
            _ = Names.Read("Priya Nair", "priya.nair@northwind-foods.com", email);
            _ = Tokenizer.Tokenize(email.Text, 0, email.Text.Length);
        }, TimeSpan.FromSeconds(20));

    // Every shape, in bytes allocated and in time relative to half the size (no bound in milliseconds, which
    // a busy machine breaks): the look-alike and invisible-character shapes reach parts of the checks no
    // other shape does. What a 256 KB body costs is measured by HostileInputBenchmarks (README, Benchmarks).
    [Theory]
    [MemberData(nameof(AllShapes))]
    public void The_figure_extractor_is_linear(string shape)
    {
        LinearTime.AssertAllocations($"figures of '{shape}'", Shape(shape), body => FigureExtractor.Extract(body, Today));
        LinearTime.AssertRelative($"figures of '{shape}'", Shape(shape), body => FigureExtractor.Extract(body, Today), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public void The_six_checks_with_grounding_are_linear(string shape)
    {
        LinearTime.AssertAllocations($"checks of '{shape}'", Shape(shape), body => DraftChecker.Check(body, Catalog, Today, Sources));
        LinearTime.AssertRelative($"checks of '{shape}'", Shape(shape), body => DraftChecker.Check(body, Catalog, Today, Sources), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [MemberData(nameof(HeavyShapes))]
    public void The_compose_path_is_linear(string shape) =>
        LinearTime.AssertRelative($"composing for '{shape}'", Shape(shape), body =>
        {
            var c = Classifier.Classify(Catalog, "Renewal", body);
            var kind = Catalog.Kinds["discount"];
            var email = new DraftEmail("Renewal", body, new EmailAddress("Priya Nair", "priya.nair@northwind-foods.com"), null, null);
            var offered = kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id).ToList();
            _ = StanceReader.Read(c, kind.Id);
            _ = Composer.Compose(Catalog, new ComposeInput(kind, "finance", email, c, new Dictionary<string, string?>(), offered, null, User), Today, [], CancellationToken.None);
        }, TimeSpan.FromSeconds(40));

    // A body of nothing but figures allocates the figures and the list that holds them (96 bytes a figure) and
    // little else: the lists that grew with them, the match places and the sort keys were 5.5 MB more on the
    // large-object heap (140 bytes a figure), whose collections cost more than the reading. Bytes allocated do
    // not depend on the machine's load, but until the JIT recompiles them the framework's precompiled helpers
    // that the regexes call box characters (24 MB more for "$1"), so the least of up to forty calls counts (each
    // takes tens of milliseconds, long enough for the JIT's background recompilation to land within the loop).
    [Theory]
    [InlineData("percent")]
    [InlineData("dollar digit")]
    public void A_figure_dense_body_allocates_little_beyond_its_figures(string shape)
    {
        var body = PathologicalBodies.Make(shape, LinearTime.Size);
        var count = FigureExtractor.Extract(body, Today).Count;
        var bound = count * 100L + 64 * 1024;
        var least = long.MaxValue;
        for (var i = 0; i < 40 && least > bound; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            _ = FigureExtractor.Extract(body, Today);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(count > 130_000, $"'{shape}': {count:N0} figures");
        Assert.True(least <= bound, $"'{shape}': {count:N0} figures allocated {least:N0} bytes at least, {least / (double)count:0} a figure");
    }

    [Fact]
    public void A_figure_dense_text_read_up_to_a_limit_stops_there_and_says_so()
    {
        var text = PathologicalBodies.Make("percent", 20_000);

        var figures = FigureExtractor.Extract(text, 0, text.Length, Today, 500, out var complete);

        Assert.False(complete);
        Assert.Equal(500, figures.Count);
        Assert.Equal(10_000, FigureExtractor.Extract(text, Today).Count);
        const string letter = "We can take 15% off the $48,000 renewal by March 3.";
        Assert.Equal(3, FigureExtractor.Extract(letter, 0, letter.Length, Today, 500, out var all).Count);
        Assert.True(all);
    }

    [Fact]
    public void A_reply_with_more_figures_than_can_be_traced_is_not_grounded()
    {
        // Every one of them traces (15% is in the draft): only their number keeps the reply from being judged grounded.
        var reply = Draft + "\n\n" + PathologicalBodies.Repeat("15% ", 10_000);

        var result = DraftChecker.Check(reply, Catalog, Today, Sources);

        Assert.False(result.Checks.Grounded);
        Assert.Contains(result.Notes, n => n.StartsWith($"More than {DraftChecker.MaxFigures:N0} figures", StringComparison.Ordinal));
    }
}

/// <summary>Timing tests run alone, after the others: another test's allocations start collections that stop
/// the timed thread too, and its work takes the cores, so a timing beside them measures them.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;
