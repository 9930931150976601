using System.Diagnostics;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;
using Scriban;

namespace OutlookSayNo.UnitTests;

/// <summary>The real catalog and a small scope, shared by the analysis and payload tests.</summary>
internal static class TemplateFixture
{
    public static readonly string Folder = Path.Combine(EvalSet.FindRoot(AppContext.BaseDirectory), "templates");
    public static readonly KindCatalog Catalog = KindCatalog.Load(Folder);

    public static Kind Discount => Catalog.Kinds["discount"];

    public static readonly TemplateScope SmallScope = new()
    {
        DataPoints = new HashSet<string> { "discount", "contractValue" },
        Facts = new HashSet<string> { "hourlyRate" },
        Partials = new HashSet<string> { "greeting", "closing" },
    };

    public static Template Parse(string source)
    {
        var t = Template.Parse(source, "test");
        Assert.False(t.HasErrors, string.Join("\n", t.Messages));
        return t;
    }

    public static IReadOnlyList<TemplateIssue> Check(string source, TemplateScope? scope = null) =>
        TemplateAnalysis.Check(Parse(source), scope ?? SmallScope);

    public static string Describe(IEnumerable<TemplateIssue> issues) =>
        string.Join("\n", issues.Select(i => $"{i.Line}:{i.Column} {i.Message}"));

    /// <summary>The shipped catalog with one kind's kind.json edited, built: the problems it is refused with, which
    /// name the file.</summary>
    public static CatalogException RefusedWith(string kind, Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var docs = CatalogDocuments.ReadFolder(Folder);
        var path = $"{kind}/kind.json";
        var json = System.Text.Json.Nodes.JsonNode.Parse(docs[path].Content!)!;
        edit(json);
        docs[path] = docs[path] with { Content = json.ToJsonString() };
        var e = Assert.Throws<CatalogException>(() => KindCatalog.Build(docs));
        Assert.Contains(path, e.Message);
        return e;
    }
}

public sealed class TemplateAnalysisTests
{
    private static IReadOnlyList<TemplateIssue> Check(string source, TemplateScope? scope = null) => TemplateFixture.Check(source, scope);

    private static TemplateIssue Single(string source, TemplateScope? scope = null)
    {
        var issues = Check(source, scope);
        Assert.True(issues.Count == 1, TemplateFixture.Describe(issues));
        return issues[0];
    }

    [Fact]
    public void Every_template_alternative_and_partial_of_the_catalog_passes_the_check()
    {
        var catalog = TemplateFixture.Catalog;
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var kind in catalog.Kinds.Values)
        {
            var scope = TemplateScope.ForKind(catalog, kind);
            foreach (var (audience, template) in kind.Templates)
            {
                checkedCount++;
                problems.AddRange(TemplateAnalysis.Check(template.Parsed, scope).Select(i => $"{kind.Id}/{audience}: {i}"));
            }
            var alternativeScope = TemplateScope.ForAlternatives(catalog, kind);
            foreach (var (id, text) in kind.AlternativeTexts)
            {
                checkedCount++;
                problems.AddRange(TemplateAnalysis.Check(text, alternativeScope).Select(i => $"{kind.Id} alternative {id}: {i}"));
            }
        }
        var partialScope = TemplateScope.ForPartials(catalog);
        foreach (var (name, partial) in catalog.Partials)
        {
            checkedCount++;
            problems.AddRange(TemplateAnalysis.Check(partial, partialScope).Select(i => $"_partials/{name}: {i}"));
        }

        Assert.True(checkedCount > 40, $"only {checkedCount} templates checked");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_unknown_variable_is_reported_at_its_line_and_column_with_the_known_names()
    {
        var issue = Single("Hello\n  {{ custmer.name }}");

        Assert.Equal(2, issue.Line);
        Assert.Equal(6, issue.Column);
        Assert.StartsWith("Unknown variable 'custmer' (did you mean 'customer'?). Known: customer, me, ask, audience, register, brief, stance, grants, pressure, theyAreRightAbout, data, facts, alternatives", issue.Message);
    }

    [Fact]
    public void An_unknown_member_of_a_model_object_is_reported_at_the_member_with_the_known_members()
    {
        var issue = Single("{{ if true }}\n{{ customer.phone }}\n{{ end }}");

        Assert.Equal(2, issue.Line);
        Assert.Equal(13, issue.Column);
        Assert.Equal("Unknown member 'phone' in customer.phone. Known: name, firstName, familyName, title, email, company, business.", issue.Message);
    }

    [Fact]
    public void A_data_point_outside_the_kind_is_reported_with_the_kinds_data_points()
    {
        var issue = Single("{{ data.foo.value }}");

        Assert.Equal((1, 9), (issue.Line, issue.Column));
        Assert.Equal("data.foo is not a data point of this kind; known: contractValue, discount.", issue.Message);
    }

    [Fact]
    public void A_misspelt_member_of_a_data_point_is_reported_with_a_suggestion()
    {
        var issue = Single("{{ x = 1 }}{{ data.discount.valu }}");

        Assert.Equal((1, 29), (issue.Line, issue.Column));
        Assert.Equal("Unknown member 'valu' in data.discount.valu (did you mean 'value'?). Known: value, number, label, source, unit.", issue.Message);
    }

    [Fact]
    public void Unknown_facts_and_unknown_members_of_a_fact_are_reported()
    {
        var issues = Check("{{ facts.x.value }} {{ facts.hourlyRate.amount }}");

        Assert.Equal(2, issues.Count);
        Assert.Equal("facts.x is not a fact; known: hourlyRate.", issues[0].Message);
        Assert.Equal("Unknown member 'amount' in facts.hourlyRate.amount. Known: value, number, unit, label.", issues[1].Message);
    }

    [Fact]
    public void A_member_of_a_local_that_holds_a_model_object_is_checked_too()
    {
        var issue = Single("{{~ $req = data.discount ~}}\n{{ $req.value }} {{ $req.nmber }}");

        Assert.Equal((2, 26), (issue.Line, issue.Column));
        Assert.Contains("Unknown member 'nmber' in $req.nmber (did you mean 'number'?)", issue.Message);
    }

    [Fact]
    public void Members_of_the_alternatives_are_checked_inside_a_loop()
    {
        var issue = Single("{{ for alt in alternatives }}{{ alt.title }}: {{ alt.txt }}{{ end }}");

        Assert.Equal("Unknown member 'txt' in alt.txt (did you mean 'text'?). Known: id, title, text.", issue.Message);
    }

    [Fact]
    public void Locals_loop_variables_function_parameters_captures_and_builtins_are_accepted()
    {
        const string source = """
            {{~ x = customer.name | string.strip ~}}
            {{~ $y = x + "!" ~}}
            {{~ func shout(text, times = 1); ret (text | string.upcase) + $0; end ~}}
            {{~ func twice; ret $0 + $0 + ($ | array.size); end ~}}
            {{~ capture footer }}{{ me.name }}{{ end ~}}
            {{ shout x }} {{ twice $y }} {{ footer }}
            {{~ for alt in alternatives ~}}
            {{ for.index }} {{ alt.title }} {{ if for.last }}.{{ end }}
            {{~ end ~}}
            {{~ for i in 1..3 ~}}{{ i }}{{~ end ~}}
            {{~ c = 0; while c < 3; c = c + 1; while.index; end ~}}
            {{~ with customer ~}}{{ name }} {{ firstName }}{{~ end ~}}
            {{ ask.quote ?? ask.title }} {{ audience }} {{ pressure.any }} {{ theyAreRightAbout | string.size }}
            {{ data.discount.value }} {{ facts.hourlyRate.number | math.format "N0" }} {{ date.now | date.to_string "%F" }}
            {{ alternatives.size }} {{ customer.name.size }} {{ customer.name == empty }} {{ [1, 2] | array.join ", " }}
            {{ include 'greeting' }}{{ 'closing' | include }}{{ include_join ['greeting', 'closing'] '' }}
            {{ regex.replace "a" "b" "c" }} {{ html.escape x }} {{ object.typeof x }} {{ timespan.from_days 1 }}
            {{~ func later; ret m; end ~}}
            {{ n = 1; n += 2; n++ }} {{ m = 2; later }}
            """;

        var issues = Check(source);

        Assert.True(issues.Count == 0, TemplateFixture.Describe(issues));
    }

    [Fact]
    public void A_loop_variable_is_unknown_after_its_loop_and_a_page_local_is_unknown_inside_a_function()
    {
        var issues = Check("{{ for i in 1..3 }}{{ end }}{{ i }}\n{{ $x = 1 }}{{ func f; ret $x; end }}");

        Assert.Equal(2, issues.Count);
        Assert.Equal((1, 32), (issues[0].Line, issues[0].Column));
        Assert.StartsWith("Unknown variable 'i'.", issues[0].Message);
        Assert.Equal((2, 28), (issues[1].Line, issues[1].Column));
        Assert.StartsWith("Unknown local variable '$x'", issues[1].Message);
    }

    [Fact]
    public void A_variable_used_before_it_is_assigned_is_reported()
    {
        var issue = Single("{{ total }}{{ total = 1 }}");

        Assert.Equal((1, 4), (issue.Line, issue.Column));
        Assert.StartsWith("Unknown variable 'total'", issue.Message);
    }

    [Fact]
    public void A_misspelt_builtin_function_is_reported_with_a_suggestion()
    {
        var issue = Single("{{ customer.name | string.upcse }}");

        Assert.Equal((1, 27), (issue.Line, issue.Column));
        Assert.StartsWith("string has no function 'upcse' (did you mean 'upcase'?). Known: append,", issue.Message);
    }

    [Fact]
    public void Replacing_the_model_or_a_builtin_is_reported()
    {
        var issues = Check("{{ customer.name = 'x' }}{{ data = 1 }}{{ string = 2 }}");

        Assert.Equal(3, issues.Count);
        Assert.Contains("must not change the model (customer.name)", issues[0].Message);
        Assert.Contains("'data' is part of the model", issues[1].Message);
        Assert.Contains("'string' is a builtin", issues[2].Message);
    }

    [Theory]
    [InlineData("{{ include 'signature' }}", "there is no partial named 'signature'")]
    [InlineData("{{ include 'greting' }}", "(did you mean 'greeting'?)")]
    [InlineData("{{ include '../../etc/passwd' }}", "there is no partial named '../../etc/passwd'")]
    [InlineData("{{ name = 'greeting'; include name }}", "include needs the name of a partial in quotes")]
    [InlineData("{{ include 'gree' + 'ting' }}", "include needs the name of a partial in quotes")]
    [InlineData("{{ customer.name | include }}", "include needs the name of a partial in quotes")]
    [InlineData("{{ f = @include; f 'greeting' }}", "include must be called with the name of a partial in quotes")]
    [InlineData("{{ include_join ['greeting', 'x'] '' }}", "there is no partial named 'x'")]
    [InlineData("{{ include_join names '' }}", "include_join needs a list of partial names in quotes")]
    public void An_include_of_anything_but_a_known_partial_in_quotes_is_reported(string source, string expected)
    {
        var issues = Check(source);

        Assert.Contains(issues, i => i.Message.Contains(expected, StringComparison.Ordinal));
        Assert.All(issues, i => Assert.NotNull(i.Line));
    }

    [Theory]
    [InlineData("{{ for i in 1..501 }}{{ end }}", "The range 1..501 has 501 items, more than the loop limit of 500.")]
    [InlineData("{{ for i in 0..<1000 }}{{ end }}", "The range 0..<1000 has 1000 items, more than the loop limit of 500.")]
    [InlineData("{{ x = (-1000000)..(1000000) }}", "The range -1000000..1000000 has 2000001 items, more than the loop limit of 500.")]
    [InlineData("{{ \"\" | string.pad_right 40001 }}", "string.pad_right with a width of 40001 is more than the limit of 40000 and will fail at render.")]
    [InlineData("{{ string.pad_left 'x' 1000000 }}", "string.pad_left with a width of 1000000 is more than the limit of 40000 and will fail at render.")]
    [InlineData("{{ \"\" | string.strip | string.pad_left 50000 }}", "string.pad_left with a width of 50000 is more than the limit of 40000 and will fail at render.")]
    [InlineData("{{ [] | array.insert_at 100000 1 }}", "array.insert_at with a index of 100000 is more than the limit of 500 and will fail at render.")]
    [InlineData("{{ 1 | math.format 'D999999999' }}", "math.format with the format 'D999999999' makes text longer than the output limit of 40000.")]
    [InlineData("{{ 'ab' * 30000 }}", "Repeating a text 30000 times makes more than the output limit of 40000 characters.")]
    [InlineData("{{ while true }}x{{ end }}", "This while loop never ends: its condition is always true and nothing breaks out of it; it would be stopped at the loop limit of 500.")]
    [InlineData("{{ object.eval '1 + 1' }}", "object.eval is not available in templates: it runs text that cannot be checked before saving.")]
    public void Resource_use_visible_in_the_source_is_reported(string source, string expected)
    {
        var issue = Single(source);

        Assert.Equal(expected, issue.Message);
        Assert.Equal(1, issue.Line);
    }

    [Theory]
    [InlineData("{{ for i in 1..500 }}{{ end }}")]
    [InlineData("{{ '' | string.pad_left 20 }}")]
    [InlineData("{{ c = 0; while true; c = c + 1; if c > 3; break; end; end }}")]
    [InlineData("{{ '-' * 40 }}")]
    public void Resource_use_within_the_limits_is_accepted(string source) =>
        Assert.Empty(Check(source));

    [Theory]
    [InlineData("{{ data.GetType }}", "data.GetType is not a data point of this kind")]
    [InlineData("{{ data.discount.GetType }}", "Unknown member 'GetType' in data.discount.GetType")]
    [InlineData("{{ customer.name.Length }}", "Unknown member 'Length' in customer.name.Length: the value is text and only has size")]
    [InlineData("{{ customer.__proto__ }}", "Unknown member '__proto__' in customer.__proto__")]
    [InlineData("{{ customer['GetType'] }}", "Unknown member 'GetType' in customer[\"GetType\"]")]
    [InlineData("{{ pressure.any.Value }}", "the value is true or false and has no members")]
    [InlineData("{{ import string }}", "import only works with an object of the model")]
    [InlineData("{{ with customer }}{{ GetType }}{{ end }}", "Unknown variable 'GetType'")]
    public void Reaching_for_dotnet_members_is_reported(string source, string expected)
    {
        var issues = Check(source);

        Assert.Contains(issues, i => i.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_parse_error_is_reported_with_its_position()
    {
        var parsed = Template.Parse("line one\n{{ if }}");

        var issues = TemplateAnalysis.Check(parsed, TemplateFixture.SmallScope);

        Assert.NotEmpty(issues);
        Assert.Equal(2, issues[0].Line);
    }

    [Fact]
    public void The_check_never_throws_on_odd_or_deeply_nested_templates()
    {
        var sources = new List<string>
        {
            "", "plain text", "{{ }}", "{{ this }}", "{{ $ }}", "{{ $0 }}", "{{ ($) }}", "{{ null.x }}", "{{ [].x }}", "{{ {}.x }}",
            "{{ x = {a: {b: 1}}; x.a.b.c }}", "{{ func; end }}", "{{ do; ret 1; end }}", "{{ f = do; ret $0; end; f 1 }}",
            "{{ case 1; when 1, 2; 'a'; else; 'b'; end }}", "{{ tablerow c in 1..3; tablerow.col; end }}", "{{ wrap f }}x{{ end }}",
            "{{ readonly x }}", "{{ x ?? y ?? z }}", "{{ -x }}", "{{ !customer }}", "{{ @string.strip }}", "{{ a[b[c[d]]] }}",
            "{{ 1..x }}", "{{ 9999999999999999999999999999..1 }}", "{{ 1e300..1 }}", "{{ 'a' * 1e300 }}", "{{ customer?.name?.size }}",
            "{{ $\"{customer.name}{$\"{me.name}\"}\" }}", "{{ for x in customer; x; end }}", "{{ with 1 }}{{ y }}{{ end }}",
            "{{ import {} }}", "{{ capture customer.name }}x{{ end }}", "{{ for.index }}", "{{ x.y = 1 }}",
            "{{ " + string.Concat(Enumerable.Repeat("(", 200)) + "1" + string.Concat(Enumerable.Repeat(")", 200)) + " }}",
            "{{ x = 1" + string.Concat(Enumerable.Repeat(" + x", 240)) + " }}",
            string.Concat(Enumerable.Repeat("{{ if true }}", 240)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 240)),
        };
        var random = new Random(7);
        const string alphabet = "{{ }}()[]|.,:;'\"$@xyz0123456789+-*/<>=!?~ \nifforendwhilefuncincludedata.";
        for (var n = 0; n < 300; n++)
            sources.Add(new string(Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));

        foreach (var source in sources)
        {
            var issues = TemplateAnalysis.Check(Template.Parse(source), TemplateFixture.SmallScope);
            Assert.NotNull(issues);
            Assert.DoesNotContain(issues, i => i.Message.Contains("could not be analysed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Checking_every_real_template_takes_milliseconds()
    {
        var catalog = TemplateFixture.Catalog;
        var work = catalog.Kinds.Values.SelectMany(k => k.Templates.Values.Select(t => (t.Parsed, TemplateScope.ForKind(catalog, k)))).ToList();
        foreach (var (parsed, scope) in work) TemplateAnalysis.Check(parsed, scope);

        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 20; round++)
            foreach (var (parsed, scope) in work) TemplateAnalysis.Check(parsed, scope);

        Assert.True(watch.ElapsedMilliseconds < 2000, $"{20 * work.Count} checks took {watch.ElapsedMilliseconds} ms");
    }
}
