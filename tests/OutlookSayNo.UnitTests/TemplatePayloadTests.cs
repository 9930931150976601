using System.Diagnostics;
using OutlookSayNo.Kinds;
using Scriban;
using Scriban.Runtime;

namespace OutlookSayNo.UnitTests;

/// <summary>Hostile templates rendered straight through <see cref="TemplateRenderer"/> (as if the static
/// check had been skipped): each must stop quickly, with bounded memory, and leave the process up.</summary>
public sealed class TemplatePayloadTests
{
    private const long MemoryBound = 64L * 1024 * 1024;

    private sealed record Outcome(string? Output, Exception? Error, long AllocatedBytes, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Error?.GetType().Name ?? "no error"}: {Error?.Message ?? Output} ({Elapsed.TotalMilliseconds:0} ms, {AllocatedBytes / 1024 / 1024} MB)";
    }

    private static ScriptObject Model()
    {
        var catalog = TemplateFixture.Catalog;
        var data = new ScriptObject();
        foreach (var d in TemplateFixture.Discount.Definition.DataPoints)
            data[d.Name] = new ScriptObject { ["value"] = "15%", ["number"] = 15m, ["label"] = d.Label, ["source"] = "email", ["unit"] = d.Unit };
        var facts = new ScriptObject();
        foreach (var (name, f) in catalog.Facts)
            facts[name] = new ScriptObject { ["value"] = f.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["number"] = f.Value, ["unit"] = f.Unit, ["label"] = f.Label };
        return new ScriptObject
        {
            ["customer"] = new ScriptObject { ["name"] = "Priya Nair", ["firstName"] = "Priya", ["email"] = "priya@northwind-foods.com", ["company"] = "Northwind Foods" },
            ["me"] = new ScriptObject { ["name"] = "Sam Porter", ["firstName"] = "Sam" },
            ["ask"] = new ScriptObject { ["kind"] = "discount", ["title"] = "Discount", ["subject"] = "Renewal", ["quote"] = null },
            ["audience"] = "finance",
            ["stance"] = "refuse",
            ["grants"] = false,
            ["register"] = "informal",
            ["brief"] = false,
            ["pressure"] = new ScriptObject { ["threat"] = false, ["abusive"] = false, ["any"] = false },
            ["data"] = data,
            ["facts"] = facts,
            ["alternatives"] = new ScriptArray(),
            ["also"] = new ScriptArray(),
            ["theyAreRightAbout"] = null,
        };
    }

    private static readonly RenderBudget UnhurriedBudget = new() { WallClockMilliseconds = 60_000 };

    /// <summary>Renders on a pool thread with a 2-second token, and fails the test rather than hanging
    /// if even that does not stop it.</summary>
    private static async Task<Outcome> Render(string source, KindCatalog? catalog = null)
    {
        var template = TemplateFixture.Parse(source);
        var model = Model();
        return await Task.Run(() =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            try
            {
                // The wall-clock budget is held off (TemplateBudgetTests covers it): which limit stops a payload
                // must not depend on how busy the machine is.
                var output = TemplateRenderer.Render(template, model, catalog ?? TemplateFixture.Catalog, timeout.Token, UnhurriedBudget);
                return new Outcome(output, null, GC.GetAllocatedBytesForCurrentThread() - before, watch.Elapsed);
            }
            catch (Exception ex) when (ex is TemplateRenderException or OperationCanceledException)
            {
                return new Outcome(null, ex, GC.GetAllocatedBytesForCurrentThread() - before, watch.Elapsed);
            }
        }).WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Stopped by a Scriban limit (a timeout would be an OperationCanceledException), naming it, with bounded memory.</summary>
    private static TemplateRenderException AssertStopped(Outcome outcome, string limit)
    {
        var error = Assert.IsType<TemplateRenderException>(outcome.Error, exactMatch: true);
        Assert.True(error.Reason.Contains(limit, StringComparison.Ordinal), outcome.ToString());
        Assert.True(outcome.AllocatedBytes < MemoryBound, outcome.ToString());
        return error;
    }

    private static void AssertFlagged(string source, string expected)
    {
        var issues = TemplateAnalysis.Check(TemplateFixture.Parse(source), TemplateScope.ForKind(TemplateFixture.Catalog, TemplateFixture.Discount));
        Assert.True(issues.Any(i => i.Message.Contains(expected, StringComparison.Ordinal)), TemplateFixture.Describe(issues));
    }

    // 1. Huge ranges

    [Fact]
    public async Task A_for_loop_over_a_billion_is_reported_by_the_check_and_stopped_by_the_loop_limit()
    {
        const string source = "{{ for i in 1..1000000000 }}x{{ end }}";

        AssertFlagged(source, "The range 1..1000000000 has 1000000000 items, more than the loop limit of 500.");
        var error = AssertStopped(await Render(source), "LoopLimit");
        Assert.Equal((1, 14), (error.Line, error.Column));
    }

    [Fact]
    public async Task The_size_of_a_range_of_a_billion_is_stopped_by_the_loop_limit() =>
        AssertStopped(await Render("{{ (1..1000000000) | array.size }}"), "LoopLimit");

    [Fact]
    public async Task Joining_a_range_of_a_billion_is_stopped_by_the_loop_limit() =>
        AssertStopped(await Render("{{ 1..1000000000 | array.join \",\" }}"), "LoopLimit");

    // 2. Doubling a text

    [Fact]
    public async Task Doubling_a_text_forty_times_is_stopped_by_the_string_limit() =>
        AssertStopped(await Render("{{ x = \"aaaaaaaa\"; for i in 1..40; x = x + x; end; x }}"), "LimitToString");

    [Fact]
    public async Task Doubling_a_text_forty_times_by_interpolation_is_stopped_by_the_renderers_text_cap()
    {
        // Scriban does not check LimitToString in interpolated strings; without the renderer's cap this
        // allocates gigabytes before the timeout.
        var outcome = await Render("{{ x = \"aaaaaaaa\"; for i in 1..40; x = $\"{x}{x}\"; end; 'done' }}");

        AssertStopped(outcome, "exceeds LimitToString `40000`");
    }

    [Theory]
    [InlineData("{{ x = 'aaaaaaaa'; for i in 1..40; x = x | string.replace 'a' 'aa'; end; x | string.size }}")]
    [InlineData("{{ x = 'aaaaaaaa'; for i in 1..40; x = x | regex.replace '$' x; end; x | string.size }}")]
    [InlineData("{{ x = 'aaaaaaaa'; for i in 1..40; x = x | string.append x; end; x | string.size }}")]
    [InlineData("{{ x = 'aaaaaaaa'; for i in 1..40; x = [x, x] | array.join ''; end; x | string.size }}")]
    [InlineData("{{ \"a\" * 1000000000 }}")]
    [InlineData("{{ 1 | math.format \"D999999999\" }}")]
    public async Task Every_other_way_of_growing_a_text_is_stopped_by_the_string_limit(string source) =>
        AssertStopped(await Render(source), "LimitToString");

    [Theory]
    [InlineData("{{ a = [1,2,3,4,5,6,7,8]; for i in 1..40; a = a | array.concat a; end; a | array.size }}")]
    [InlineData("{{ a = [1] | array.insert_at 1000000000 2; a | array.size }}")]
    [InlineData("{{ a = []; a[1000000000] = 1; a | array.size }}")]
    public async Task Growing_a_list_is_stopped_by_the_iteration_limit(string source) =>
        AssertStopped(await Render(source), "iteration limit `500`");

    [Fact]
    public async Task Squaring_a_number_forty_times_is_stopped_by_the_integer_size_limit() =>
        AssertStopped(await Render("{{ x = 9999999999; for i in 1..40; x = x * x; end; x }}"), "maximum supported integer magnitude");

    // 3. Padding

    [Fact]
    public async Task Padding_to_two_billion_is_reported_by_the_check_and_stopped_by_the_string_limit()
    {
        const string source = "{{ \"\" | string.pad_left 2000000000 }}";

        AssertFlagged(source, "string.pad_left with a width of 2000000000 is more than the limit of 40000");
        AssertStopped(await Render(source), "LimitToString `40000`");
    }

    // 4. Recursion

    [Fact]
    public async Task A_function_that_calls_itself_is_stopped_by_the_recursion_limit() =>
        AssertStopped(await Render("{{ func f; ret f; end; f }}"), "recursive depth limit `16`");

    [Fact]
    public async Task Two_functions_that_call_each_other_are_stopped_by_the_recursion_limit() =>
        AssertStopped(await Render("{{ func f; ret g; end; func g; ret f; end; f }}"), "recursive depth limit `16`");

    [Fact]
    public async Task A_partial_that_includes_itself_is_stopped_by_the_recursion_limit()
    {
        var folder = CopyOfTemplates();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, KindCatalog.PartialsFolder, "loop.scriban"), "x{{ include 'loop' }}");
            var catalog = KindCatalog.Load(folder);

            AssertStopped(await Render("{{ include 'loop' }}", catalog), "recursive depth limit `16`");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // 5. Cycles and deep nesting

    [Fact]
    public async Task Printing_an_object_that_contains_itself_is_stopped_by_the_nesting_limit() =>
        AssertStopped(await Render("{{ a = {}; a.b = a; a }}"), "reference loops");

    [Fact]
    public async Task Printing_a_list_that_contains_itself_is_stopped_by_the_nesting_limit() =>
        AssertStopped(await Render("{{ a = []; a[0] = a; a }}"), "reference loops");

    [Fact]
    public async Task Printing_deeply_nested_lists_is_stopped_by_the_nesting_limit() =>
        AssertStopped(await Render("{{ [[[[[[[[[[[[1]]]]]]]]]]]] }}"), "too deeply nested");

    [Fact]
    public async Task Serialising_an_object_that_contains_itself_is_stopped()
    {
        var outcome = await Render("{{ a = {}; a.b = a; a | object.to_json }}");

        var error = Assert.IsType<TemplateRenderException>(outcome.Error, exactMatch: true);
        Assert.Contains("cycle", error.Reason, StringComparison.Ordinal);
        Assert.True(outcome.AllocatedBytes < MemoryBound, outcome.ToString());
    }

    [Fact]
    public async Task Printing_a_wide_and_deep_list_stays_within_the_output_limit()
    {
        var fifty = "[" + string.Join(",", Enumerable.Repeat("a", 50)) + "]";
        var outcome = await Render($"{{{{ a = 1; for i in 1..7; a = {fifty}; end; a }}}}");

        Assert.True(outcome.Output is { Length: <= TemplateRenderer.OutputLimit } || outcome.Error is TemplateRenderException, outcome.ToString());
        Assert.True(outcome.AllocatedBytes < MemoryBound, outcome.ToString());
    }

    // 6. Includes

    [Theory]
    [InlineData("{{ include '../../../etc/passwd' }}", "there is no partial named '../../../etc/passwd'")]
    [InlineData("{{ include '/etc/passwd' }}", "there is no partial named '/etc/passwd'")]
    [InlineData("{{ include '..\\\\kind.json' }}", "there is no partial named")]
    [InlineData("{{ x = '../../../etc/passwd'; include x }}", "include needs the name of a partial in quotes")]
    [InlineData("{{ include_join ['greeting', '/etc/passwd'] '' }}", "there is no partial named '/etc/passwd'")]
    public async Task An_include_of_a_path_is_reported_by_the_check_and_refused_at_render(string source, string reported)
    {
        AssertFlagged(source, reported);
        var error = AssertStopped(await Render(source), "only the partials in templates/_partials can be included");
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_partial_still_renders()
    {
        var outcome = await Render("{{ include 'greeting' }}");

        Assert.Null(outcome.Error);
        Assert.StartsWith("Hi Priya,", outcome.Output, StringComparison.Ordinal);
    }

    // 7. .NET members

    [Theory]
    [InlineData("{{ data.discountAmount.GetType }}", "Unknown member 'GetType'")]
    [InlineData("{{ data.GetType }}", "data.GetType is not a data point")]
    [InlineData("{{ customer.name.Length }}", "Unknown member 'Length'")]
    [InlineData("{{ customer.__proto__ }}", "Unknown member '__proto__'")]
    [InlineData("{{ customer['GetType'] }}", "Unknown member 'GetType'")]
    [InlineData("{{ facts.hourlyRate.number.GetType }}", "Unknown member 'GetType'")]
    public async Task A_dotnet_member_is_reported_by_the_check_and_renders_as_nothing(string source, string reported)
    {
        AssertFlagged(source, reported);
        var outcome = await Render(source);

        Assert.Null(outcome.Error);
        Assert.Equal("", outcome.Output);
    }

    [Theory]
    [InlineData("{{ customer.GetType.Assembly }}", "null object")]
    [InlineData("{{ with customer }}{{ GetType }}{{ end }}", "`GetType` was not found")]
    [InlineData("{{ import customer }}{{ GetType }}", "`GetType` was not found")]
    [InlineData("{{ object.eval 'customer' }}", "object.eval")]
    [InlineData("{{ object.eval_template '{{ include \"/etc/passwd\" }}' }}", "object.eval_template")]
    public async Task Reaching_through_with_import_or_eval_fails_at_render(string source, string expected)
    {
        var error = AssertStopped(await Render(source), expected);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_type_of_a_model_object_is_a_scriban_kind_not_a_dotnet_type()
    {
        var outcome = await Render("{{ object.typeof customer }} {{ object.typeof customer.name }} {{ this | object.typeof }}");

        Assert.Equal("object string object", outcome.Output);
    }

    [Fact]
    public async Task Builtins_cannot_be_changed_for_the_next_render()
    {
        AssertStopped(await Render("{{ string.strip = 'x' }}"), "readonly");
        // Assigning the name only shadows it in the render's own scope.
        Assert.Equal("1", (await Render("{{ string = 1 }}{{ string }}")).Output);

        Assert.Equal("a", (await Render("{{ ' a ' | string.strip }}")).Output);
    }

    // 8. Regex

    [Fact]
    public async Task Catastrophic_regex_backtracking_is_stopped_by_the_regex_timeout() =>
        AssertStopped(await Render("{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"(a+)+$\" }}"), "timed out");

    // 9. Endless loops

    [Fact]
    public async Task A_while_true_loop_is_reported_by_the_check_and_stopped_by_the_loop_limit()
    {
        const string source = "{{ while true }}{{ end }}";

        AssertFlagged(source, "This while loop never ends");
        AssertStopped(await Render(source), "iteration limit `500`");
    }

    // 10. Output floods

    [Fact]
    public async Task Nested_loops_that_would_print_two_and_a_half_megabytes_are_stopped() =>
        AssertStopped(await Render("{{ for i in 1..500 }}{{ for j in 1..500 }}xxxxxxxxxx{{ end }}{{ end }}"), "limit `500`");

    [Fact]
    public async Task Printing_more_than_the_output_limit_is_stopped_by_the_output_limit() =>
        AssertStopped(await Render("{{ for i in 1..400 }}{{ \"x\" | string.pad_left 200 }}{{ end }}"), "OutputLimit `40000`");

    [Fact]
    public async Task A_capture_cannot_grow_past_the_output_limit() =>
        AssertStopped(await Render("{{ x = 'a' | string.pad_left 30000; for i in 1..40; capture x }}{{ x }}{{ x }}{{ end; end; x | string.size }}"), "OutputLimit `40000`");

    // Cancellation

    [Fact]
    public void A_cancelled_render_throws_OperationCanceledException_not_a_template_error()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var template = TemplateFixture.Parse("{{ for i in 1..10 }}{{ i }}{{ end }}");

        Assert.ThrowsAny<OperationCanceledException>(() => TemplateRenderer.Render(template, Model(), TemplateFixture.Catalog, cancelled.Token));
    }

    [Fact]
    public async Task Every_real_template_still_renders_with_the_hardened_renderer()
    {
        foreach (var kind in TemplateFixture.Catalog.Kinds.Values)
            foreach (var (audience, template) in kind.Templates)
            {
                var outcome = await Render(template.Source);
                Assert.True(outcome.Error is null && outcome.Output!.Length > 200, $"{kind.Id}/{audience}: {outcome}");
            }
    }

    private static string CopyOfTemplates()
    {
        var source = TemplateFixture.Folder;
        var target = Path.Combine(Path.GetTempPath(), "osn-templates-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
