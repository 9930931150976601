using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

public class FormulaTests
{
    private static readonly Dictionary<string, decimal?> Data = new()
    {
        ["price"] = 48000m,
        ["discount"] = 15m,
        ["margin"] = 22m,
        ["zero"] = 0m,
        ["missing"] = null,
        ["big"] = decimal.MaxValue,
    };

    private static readonly Dictionary<string, decimal?> Facts = new()
    {
        ["minMargin"] = 18m,
        ["leadTimeDays"] = 42m,
    };

    private static decimal? DataOf(string name) => Data.GetValueOrDefault(name);

    private static decimal? FactOf(string name) => Facts.GetValueOrDefault(name);

    private static decimal? Eval(string formula) => Formula.Parse(formula).Evaluate(DataOf, FactOf);

    [Theory]
    [InlineData("1 + 2", 3)]
    [InlineData("2 + 3 * 4", 14)]
    [InlineData("(2 + 3) * 4", 20)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("100 / 4 / 5", 5)]
    [InlineData("-5 + 2", -3)]
    [InlineData("2 * -3", -6)]
    [InlineData("--4", 4)]
    [InlineData("1.5 * 2", 3)]
    [InlineData("  7  ", 7)]
    [InlineData("((((1))))", 1)]
    [InlineData("1/3*3", 1)]
    public void Arithmetic_follows_the_usual_precedence(string formula, double expected)
    {
        Assert.Equal((decimal)expected, Eval(formula)!.Value, 20);
    }

    [Theory]
    [InlineData("price * discount / 100", 7200)]
    [InlineData("margin - discount", 7)]
    [InlineData("margin - facts.minMargin", 4)]
    [InlineData("facts.leadTimeDays / 7", 6)]
    [InlineData("(price - price * discount / 100) / 1000", 40.8)]
    public void Names_read_data_points_and_facts_dot_names_read_facts(string formula, double expected)
    {
        Assert.Equal((decimal)expected, Eval(formula));
    }

    [Fact]
    public void A_name_and_a_fact_with_the_same_name_are_looked_up_in_their_own_source()
    {
        var f = Formula.Parse("margin + facts.margin");

        var result = f.Evaluate(n => n == "margin" ? 1m : null, n => n == "margin" ? 10m : null);

        Assert.Equal(11m, result);
    }

    [Theory]
    [InlineData("missing * 2")]
    [InlineData("price - missing")]
    [InlineData("unknownName + 1")]
    [InlineData("facts.unknown * 1")]
    [InlineData("(missing)")]
    public void A_missing_operand_gives_null(string formula)
    {
        Assert.Null(Eval(formula));
    }

    [Theory]
    [InlineData("1/0")]
    [InlineData("price / zero")]
    [InlineData("price / (discount - 15)")]
    public void Division_by_zero_gives_null(string formula)
    {
        Assert.Null(Eval(formula));
    }

    [Theory]
    [InlineData("big * 2")]
    [InlineData("big + big")]
    [InlineData("0 - big - big")]
    [InlineData("big / 0.5")]
    public void An_overflow_gives_null(string formula)
    {
        Assert.Null(Eval(formula));
    }

    [Theory]
    [InlineData("a +", "ends where a number or name was expected")]
    [InlineData("", "ends where a number or name was expected")]
    [InlineData("   ", "ends where a number or name was expected")]
    [InlineData("(a", "'(' without its ')'")]
    [InlineData("((1 + 2)", "'(' without its ')'")]
    [InlineData("a)", "unexpected ')' at position 2")]
    [InlineData("a b", "unexpected 'b' at position 3")]
    [InlineData("a % b", "unexpected '%' at position 3")]
    [InlineData("* 2", "unexpected '*' at position 1")]
    [InlineData("price ^ 2", "unexpected '^' at position 7")]
    [InlineData("{{ price }}", "unexpected '{' at position 1")]
    public void A_malformed_formula_throws_a_FormatException_that_says_where(string formula, string messagePart)
    {
        var ex = Assert.Throws<FormatException>(() => Formula.Parse(formula));

        Assert.Contains(messagePart, ex.Message);
    }

    [Fact]
    public void A_number_with_two_decimal_points_is_a_FormatException()
    {
        Assert.Throws<FormatException>(() => Formula.Parse("1.2.3 + 1"));
    }

    [Fact]
    public void A_number_too_large_for_a_decimal_is_a_FormatException()
    {
        // The catalog loader only catches FormatException; anything else escapes as a server error.
        Assert.Throws<FormatException>(() => Formula.Parse("99999999999999999999999999999999 * price"));
    }

    [Fact]
    public void CheckNames_accepts_known_data_points_and_facts()
    {
        var f = Formula.Parse("price * (1 - facts.minMargin / 100)");

        var ex = Record.Exception(() => f.CheckNames(n => n == "price", n => n == "minMargin"));

        Assert.Null(ex);
    }

    [Fact]
    public void CheckNames_rejects_an_unknown_data_point_and_hints_at_the_facts_syntax()
    {
        var f = Formula.Parse("price - minMargin");

        var ex = Assert.Throws<FormatException>(() => f.CheckNames(n => n == "price", n => n == "minMargin"));

        Assert.Equal("there is no data point 'minMargin' (facts are written facts.minMargin).", ex.Message);
    }

    [Fact]
    public void CheckNames_rejects_an_unknown_fact()
    {
        var f = Formula.Parse("price - facts.maxMargin");

        var ex = Assert.Throws<FormatException>(() => f.CheckNames(_ => true, n => n == "minMargin"));

        Assert.Equal("there is no fact 'maxMargin'.", ex.Message);
    }

    [Theory]
    [InlineData("facts.")]
    [InlineData("facts. + 1")]
    public void A_fact_reference_without_a_name_is_refused_by_parse_or_by_the_name_check(string formula)
    {
        var ex = Assert.Throws<FormatException>(() =>
            Formula.Parse(formula).CheckNames(_ => true, n => Facts.ContainsKey(n)));

        Assert.Contains("''", ex.Message);
    }

    [Fact]
    public void CheckNames_looks_inside_nested_parentheses_and_both_operands()
    {
        var f = Formula.Parse("(price * (2 + (3 - unknown)))");

        var ex = Assert.Throws<FormatException>(() => f.CheckNames(n => n == "price", _ => false));

        Assert.Contains("'unknown'", ex.Message);
    }

    [Fact]
    public void A_long_flat_formula_parses_and_evaluates()
    {
        var formula = string.Join(" + ", Enumerable.Repeat("1", 5_000));

        Assert.Equal(5_000m, Eval(formula));
    }
}
