using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using OutlookSayNo.Admin;
using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Benchmarks;

/// <summary>What an admin waits for: a save's validation (build the candidate catalog, static analysis,
/// render every affected kind against its examples with the checks) and a live preview of three audiences.</summary>
[MemoryDiagnoser]
public class AdminBenchmarks
{
    private KindCatalog _catalog = null!;
    private TemplateValidator _validator = null!;
    private ClaimsPrincipal _user = null!;
    private List<ChangeDto> _template = null!, _facts = null!;
    private Classifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var models = new ModelCache();
        _catalog = KindCatalog.Build(CatalogDocuments.ReadFolder(Path.Combine(Inputs.Root(), "templates")), models);
        _classifier = new Classifier(TimeProvider.System);
        _validator = new TemplateValidator(_classifier, models, TimeProvider.System);
        _user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Dana Admin")], "bench"));
        var source = _catalog.Documents["discount/commercial.scriban"].Content!;
        _template = [new ChangeDto("discount/commercial.scriban", source.Replace("We can't lower the price", "We cannot lower the price"))];
        _facts = [new ChangeDto("facts.json", _catalog.Documents["facts.json"].Content!.Replace("\"value\": 140", "\"value\": 150"))];
    }

    /// <summary>A template save: its kind, three audiences.</summary>
    [Benchmark]
    public ValidationReport Validate_template_change() => _validator.Validate(_catalog, _template, _user, CancellationToken.None);

    /// <summary>A facts save: every kind, three audiences.</summary>
    [Benchmark]
    public ValidationReport Validate_facts_change() => _validator.Validate(_catalog, _facts, _user, CancellationToken.None);

    /// <summary>One keystroke of the editor: candidate catalog plus three previews.</summary>
    [Benchmark]
    public int Preview_three_audiences()
    {
        var (candidate, _) = _validator.Candidate(_catalog, _template);
        var kind = candidate!.Kinds["discount"];
        var email = TemplateValidator.SampleCustomer with { Subject = "Renewal", Body = Inputs.Short };
        var c = _classifier.Classify(candidate, email.Subject, email.Body!);
        var n = 0;
        foreach (var audience in Audiences.All)
            n += _validator.Preview(candidate, kind, audience, email, c, new Dictionary<string, string?>(), null, null, _user, CancellationToken.None).Text.Length;
        return n;
    }
}
