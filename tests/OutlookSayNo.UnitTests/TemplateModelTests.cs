using System.Security.Claims;
using System.Text.RegularExpressions;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;
using Scriban.Runtime;

namespace OutlookSayNo.UnitTests;

/// <summary>The template model has one definition: the compose step fills exactly its members, the
/// analysis accepts exactly them, and the table in docs/templates.md lists exactly them.</summary>
public sealed partial class TemplateModelTests
{
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;

    private static ScriptObject Model()
    {
        var kind = Catalog.Kinds["discount"];
        const string body = "Hi Sam,\n\nOur budget was cut by 20%, so could you take 15% off the renewal? We'd sign today if so.\n\nThanks,\nPriya Nair";
        var c = new Classifier(TimeProvider.System).Classify(Catalog, "Renewal", body);
        var reading = AskReader.Read(c, kind.Id);
        var today = new DateOnly(2026, 12, 2);
        var data = DataPoints.Resolve(kind, Catalog, c, reading, new Dictionary<string, string?>(), today, []);
        var email = new DraftEmail("Renewal", body, new EmailAddress("Nair, Priya", "priya@northwind.com"), null, null);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
        return DraftService.BuildModel(kind, Catalog, c, reading, email, "commercial", data, null, user, [], CancellationToken.None).Model;
    }

    [Fact]
    public void The_compose_step_fills_exactly_the_defined_members()
    {
        var model = Model();
        Assert.Equal(TemplateModel.TopLevel.Order(), model.Keys.Order());
        foreach (var obj in TemplateModel.Members.Select(m => m.Object).Where(o => o.Length > 0).Distinct())
            Assert.Equal(TemplateModel.Of(obj).Select(m => m.Name).Order(), ((ScriptObject)model[obj]!).Keys.Order());
    }

    [Fact]
    public void The_analysis_accepts_every_defined_member_and_refuses_others()
    {
        foreach (var m in TemplateModel.Members)
            Assert.Empty(TemplateFixture.Check($"{{{{ {m.Path} }}}}"));
        var issues = TemplateFixture.Check("{{ ask.budget }}");
        Assert.Contains(issues, i => i.Message.Contains("Unknown member 'budget'"));
    }

    [Fact]
    public void The_documented_table_lists_exactly_the_defined_members()
    {
        var readme = File.ReadAllText(Path.Combine(EvalSet.FindRoot(AppContext.BaseDirectory), "docs", "templates.md"));
        var start = readme.IndexOf("**What a template sees**", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/templates.md has no 'What a template sees' table");
        var table = readme[start..readme.IndexOf("**Rules for template text:**", start, StringComparison.Ordinal)];
        var listed = RowRegex().Matches(table).Select(m => m.Groups[1].Value)
            .Where(p => !p.StartsWith("data.", StringComparison.Ordinal) && !p.StartsWith("facts.", StringComparison.Ordinal) && p is not ("alternatives" or "also"));
        Assert.Equal(TemplateModel.Members.Select(m => m.Path).Order(), listed.Order());
    }

    [Fact]
    public void The_model_reads_the_ask_in_full()
    {
        var model = Model();
        var ask = (ScriptObject)model["ask"]!;
        var customer = (ScriptObject)model["customer"]!;
        Assert.Equal("Priya", customer["firstName"]);
        Assert.Equal("Nair", customer["familyName"]);
        Assert.Equal("15%", ask["requested"]);
        Assert.NotNull(ask["reason"]);
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RowRegex();
}
