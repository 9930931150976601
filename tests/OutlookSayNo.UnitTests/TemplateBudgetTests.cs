using System.Diagnostics;
using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using Scriban.Runtime;

namespace OutlookSayNo.UnitTests;

/// <summary>Every render runs under a step budget and a wall-clock budget, so work that no single
/// Scriban limit catches (calls that fan out, within the depth and loop limits) stops quickly with a
/// template error instead of holding a request thread for seconds or minutes.</summary>
public sealed class TemplateBudgetTests
{
    // Depth 11 stays inside the recursion limit (16) and there is no loop, but it makes 4^11 (4 million) calls:
    // about 10 s unbudgeted.
    private static string FansOut(int depth) =>
        "{{ func f(n)\n  if n <= 0\n    ret 1\n  end\n  ret f(n - 1) + f(n - 1) + f(n - 1) + f(n - 1)\nend }}{{ f(" + depth + ") }}";

    private static (string? Output, Exception? Error, TimeSpan Elapsed) Render(string source, RenderBudget? budget = null)
    {
        var template = TemplateFixture.Parse(source);
        var watch = Stopwatch.StartNew();
        try
        {
            return (TemplateRenderer.Render(template, new ScriptObject(), TemplateFixture.Catalog, CancellationToken.None, budget), null, watch.Elapsed);
        }
        catch (Exception ex)
        {
            return (null, ex, watch.Elapsed);
        }
    }

    [Fact]
    public void A_recursive_function_that_fans_out_is_stopped_by_the_budget_within_a_second()
    {
        var (_, error, elapsed) = Render(FansOut(11));

        var stopped = Assert.IsAssignableFrom<TemplateRenderException>(error);
        Assert.Contains("budget", stopped.Reason, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void The_step_budget_stops_a_render_at_the_same_place_on_any_machine_and_says_so()
    {
        var generous = new RenderBudget { MaxSteps = 10_000_000, WallClockMilliseconds = 60_000 };
        var tight = new RenderBudget { MaxSteps = 1_000, WallClockMilliseconds = 60_000 };

        Assert.Equal("4096", Render(FansOut(6), generous).Output);
        var first = Assert.IsType<TemplateBudgetException>(Render(FansOut(6), tight).Error);
        var second = Assert.IsType<TemplateBudgetException>(Render(FansOut(6), tight).Error);

        Assert.Contains("budget of 1,000 steps", first.Reason, StringComparison.Ordinal);
        Assert.Equal((first.Line, first.Column), (second.Line, second.Column));
        Assert.Equal("test", first.Template);
    }

    [Fact]
    public void The_wall_clock_budget_stops_a_render_whose_steps_are_within_budget()
    {
        var (_, error, elapsed) = Render(FansOut(11), new RenderBudget { MaxSteps = 100_000_000, WallClockMilliseconds = 50 });

        var stopped = Assert.IsType<TemplateBudgetException>(error);
        Assert.Contains("budget of 50 ms", stopped.Reason, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void A_render_over_budget_in_a_partial_says_which_partial_it_stopped_in()
    {
        var folder = Path.Combine(Path.GetTempPath(), "saynobudget-" + Guid.NewGuid().ToString("N"));
        CopyFolder(TemplateFixture.Folder, folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, KindCatalog.PartialsFolder, "spin.scriban"), FansOut(11));
            var catalog = KindCatalog.Load(folder);
            var template = TemplateFixture.Parse("{{ include 'spin' }}");

            var error = Assert.Throws<TemplateBudgetException>(() => TemplateRenderer.Render(template, new ScriptObject(), catalog, CancellationToken.None));

            Assert.Equal("test", error.Template);
            Assert.Contains("It stopped in _partials/spin.scriban", error.Reason, StringComparison.Ordinal);
            Assert.Null(error.Line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The default budget leaves room: every refusable kind's examples, composed in every audience
    /// with every alternative offered, stay within a twentieth of its steps.</summary>
    [Fact]
    public void The_shipped_templates_stay_far_inside_the_default_budget()
    {
        var catalog = TemplateFixture.Catalog;
        var classifier = new Classifier(TimeProvider.System);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Sam Porter")], "test"));
        var twentieth = new RenderBudget { MaxSteps = RenderBudget.Default.MaxSteps / 20, WallClockMilliseconds = 60_000 };
        foreach (var kind in catalog.Kinds.Values.Where(k => k.Definition.Refusable))
            foreach (var body in kind.Definition.Examples.Take(8))
            {
                var email = new DraftEmail(kind.Definition.Title, body, new EmailAddress("Jordan Lee", "jordan.lee@northwind-traders.com"), null, null);
                var classification = classifier.Classify(catalog, email.Subject, body);
                foreach (var audience in Audiences.All)
                {
                    var input = new ComposeInput(kind, audience, email, classification, new Dictionary<string, string?>(),
                        kind.Definition.Alternatives.Select(a => a.Id).ToList(), "the last two deliveries were late", user, Budget: twentieth);
                    var ex = Record.Exception(() => Composer.Compose(catalog, input, new DateOnly(2026, 11, 16), [], CancellationToken.None));
                    Assert.True(ex is null, $"{kind.Id}/{audience}: {ex?.Message}\n{body}");
                }
            }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
