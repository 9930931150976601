using OutlookSayNo.Kinds;
using Scriban;

namespace OutlookSayNo.UnitTests;

/// <summary>The save gate's recursion check reads the source: a function that can reach itself, by
/// name, alias, another function or a partial, is found and named where it is defined; functions that
/// only call downwards are not.</summary>
public sealed class TemplateRecursionTests
{
    private static TemplateRecursion.Calls Template(string source, string path = "discount/commercial.scriban")
    {
        var t = Scriban.Template.Parse(source, path);
        Assert.False(t.HasErrors, string.Join("\n", t.Messages));
        return TemplateRecursion.Read(t, path);
    }

    private static TemplateRecursion.Calls Partial(string name, string source)
    {
        var path = $"_partials/{name}.scriban";
        var t = Scriban.Template.Parse(source, path);
        Assert.False(t.HasErrors, string.Join("\n", t.Messages));
        return TemplateRecursion.ReadPartial(t, path, name);
    }

    private static IReadOnlyList<TemplateRecursion.Cycle> Find(string source, params TemplateRecursion.Calls[] partials) =>
        TemplateRecursion.Find(Template(source), partials);

    [Fact]
    public void A_function_that_calls_itself_is_named_where_it_is_defined()
    {
        var cycle = Assert.Single(Find("Hello\n{{ func spin(n)\n  ret n <= 0 ? 1 : spin(n - 1) + spin(n - 1)\nend }}"));

        Assert.Equal("spin", cycle.Definition.Name);
        Assert.Equal((2, 9), (cycle.Definition.Line, cycle.Definition.Column));
        Assert.Equal(["spin", "spin"], cycle.Path);
        Assert.StartsWith("The function 'spin' calls itself.", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_that_call_each_other_are_one_cycle_named_by_the_first()
    {
        var cycle = Assert.Single(Find("{{ func tick(n); ret tock(n); end; func tock(n); ret tick(n - 1); end }}"));

        Assert.Equal("tick", cycle.Definition.Name);
        Assert.Equal(["tick", "tock", "tick"], cycle.Path);
        Assert.Contains("through 'tock' (tick → tock → tick)", cycle.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ func spin; again = @spin; ret again; end }}", "spin")]
    [InlineData("{{ func spin; ret [1, 2] | array.each @spin; end }}", "spin")]
    [InlineData("{{ spin = do; ret spin; end }}", "spin")]
    [InlineData("{{ func a; ret b; end; b = @a }}", "a")]
    [InlineData("{{ func a; ret 'x' | b; end; func b(x); ret a; end }}", "a")]
    [InlineData("{{ sum(n) = n <= 0 ? 0 : sum(n - 1) }}", "sum")]
    public void Recursion_through_an_alias_a_pipe_or_an_anonymous_function_is_found(string source, string name) =>
        Assert.Equal(name, Assert.Single(Find(source)).Definition.Name);

    [Theory]
    [InlineData("{{ func a(x); ret x + 1; end; func b(x); ret a(x) + a(x) + a(x) + a(x); end; func c(x); ret b(x) + b(x); end; c(1) }}")]
    [InlineData("{{ func f(f); ret f + 1; end; f(1) }}")]
    [InlineData("{{ func greet(name); ret 'Hi ' + name; end; for i in 1..3; greet(i); end }}")]
    [InlineData("{{ x = 1; x = x + 1; x }}")]
    public void Functions_that_only_call_downwards_are_not_recursion(string source) => Assert.Empty(Find(source));

    [Fact]
    public void A_partial_that_includes_itself_is_reported_on_the_partial_not_on_every_template_that_includes_it()
    {
        var loop = Partial("loop", "x{{ include 'loop' }}{{ include 'loop' }}");

        var onPartial = Assert.Single(TemplateRecursion.Find(loop, [loop]));
        Assert.Equal("_partials/loop.scriban", onPartial.Definition.Document);
        Assert.StartsWith("The partial 'loop' includes itself", onPartial.Message, StringComparison.Ordinal);
        Assert.Empty(Find("{{ include 'loop' }}", loop));
    }

    [Fact]
    public void A_function_that_calls_itself_through_a_partial_is_reported_on_the_template()
    {
        var back = Partial("back", "{{ spin }}");

        var cycle = Assert.Single(Find("{{ func spin; include 'back'; end; spin }}", back));

        Assert.Equal("spin", cycle.Definition.Name);
        Assert.Equal("discount/commercial.scriban", cycle.Definition.Document);
        Assert.Contains("through the partial 'back' (spin → include 'back' → spin)", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_of_thousands_of_functions_is_checked_without_exhausting_the_stack()
    {
        var chain = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{{{{ func f{i}; ret f{i + 1}; end }}}}"));

        Assert.Empty(Find(chain + "{{ func f5000; ret 1; end }}"));
        var cycle = Assert.Single(Find(chain + "{{ func f5000; ret f0; end }}"));
        Assert.Equal(5_002, cycle.Path.Count);
    }

    [Fact]
    public void No_shipped_template_partial_or_alternative_recurses()
    {
        var catalog = TemplateFixture.Catalog;
        var partials = catalog.Partials.Select(p => TemplateRecursion.ReadPartial(p.Value, $"_partials/{p.Key}.scriban", p.Key)).ToList();
        foreach (var partial in partials) Assert.Empty(TemplateRecursion.Find(partial, partials));
        foreach (var kind in catalog.Kinds.Values)
        {
            foreach (var (audience, template) in kind.Templates)
                Assert.Empty(TemplateRecursion.Find(TemplateRecursion.Read(template.Parsed, $"{kind.Id}/{audience}.scriban"), partials));
            foreach (var text in kind.AlternativeTexts.Values)
                Assert.Empty(TemplateRecursion.Find(TemplateRecursion.Read(text, $"{kind.Id}/kind.json"), partials));
        }
    }
}
