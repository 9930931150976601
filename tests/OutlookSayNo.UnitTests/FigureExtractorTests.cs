using System.Text;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

public class FigureExtractorTests
{
    private static readonly DateOnly Today = new(2026, 11, 20); // a Friday

    private static Figure Single(string text, FigureKind kind, DateOnly? today = null)
    {
        var figures = FigureExtractor.Extract(text, today ?? Today);
        var f = Assert.Single(figures);
        Assert.Equal(kind, f.Kind);
        return f;
    }

    // ---------------------------------------------------------------- percent

    [Theory]
    [InlineData("Could you take 15% off?", "15%", 15)]
    [InlineData("a 12.5 % discount", "12.5 %", 12.5)]
    [InlineData("fifteen percent lower", "fifteen percent", 15)]
    [InlineData("20 per cent off", "20 per cent", 20)]
    [InlineData("Only 7 pct this year", "7 pct", 7)]
    public void Percentages_are_found_with_their_value(string text, string figureText, double value)
    {
        var f = Single(text, FigureKind.Percent);

        Assert.Equal(figureText, f.Text);
        Assert.Equal((decimal)value, f.Number);
        Assert.Equal(text.IndexOf(figureText, StringComparison.Ordinal), f.Start);
        Assert.Equal(figureText.Length, f.Length);
    }

    [Fact]
    public void A_percentage_with_a_decimal_comma_keeps_its_fraction()
    {
        var f = Single("Wir möchten 12,5% Rabatt", FigureKind.Percent);

        Assert.Equal(12.5m, f.Number);
    }

    // ---------------------------------------------------------------- money

    [Theory]
    [InlineData("The order is $48,000 in total.", "$48,000", 48000, "USD")]
    [InlineData("Pay €48.000,50 now", "€48.000,50", 48000.50, "EUR")]
    [InlineData("about £1.5m in total", "£1.5m", 1500000, "GBP")]
    [InlineData("a budget of 48,000 USD", "48,000 USD", 48000, "USD")]
    [InlineData("CHF 1,200 per licence", "CHF 1,200", 1200, "CHF")]
    [InlineData("only 500 euros more", "500 euros", 500, "EUR")]
    [InlineData("Rs. 5000 per month", "Rs. 5000", 5000, "INR")]
    [InlineData("costs $12.50 each", "$12.50", 12.50, "USD")]
    [InlineData("a 2 million dollars deal", "2 million dollars", 2000000, "USD")]
    [InlineData("US$ 3k fee", "US$ 3k", 3000, "USD")]
    public void Money_is_found_with_its_amount_and_currency_code(string text, string figureText, double amount, string currency)
    {
        var f = Single(text, FigureKind.Money);

        Assert.Equal(figureText, f.Text);
        Assert.Equal((decimal)amount, f.Number);
        Assert.Equal(currency, f.Currency);
        Assert.Equal(text.IndexOf(figureText, StringComparison.Ordinal), f.Start);
    }

    [Fact]
    public void A_bare_amount_with_k_is_money_without_a_currency()
    {
        var f = Single("They offered 90k for the project", FigureKind.Money);

        Assert.Equal(90000m, f.Number);
        Assert.Null(f.Currency);
    }

    [Fact]
    public void A_k_count_of_users_is_not_money()
    {
        var figures = FigureExtractor.Extract("We have 10k users now", Today);

        Assert.DoesNotContain(figures, f => f.Kind == FigureKind.Money);
    }

    [Theory]
    [InlineData("We serve 200 European customers")]
    [InlineData("about 40 Eurostar trips")]
    public void A_currency_code_must_be_a_whole_word(string text)
    {
        var figures = FigureExtractor.Extract(text, Today);

        Assert.DoesNotContain(figures, f => f.Kind == FigureKind.Money);
    }

    [Fact]
    public void An_amount_with_a_decimal_comma_keeps_its_cents()
    {
        var f = Single("Der Preis ist €12,50 pro Stück", FigureKind.Money);

        Assert.Equal(12.50m, f.Number);
        Assert.Equal("EUR", f.Currency);
    }

    [Fact]
    public void An_absurdly_large_amount_with_a_multiplier_does_not_throw()
    {
        var ex = Record.Exception(() => FigureExtractor.Extract("We want $9999999999999999999999999999 billion back", Today));

        Assert.Null(ex);
    }

    [Fact]
    public void An_amount_too_large_for_a_decimal_is_ignored()
    {
        var figures = FigureExtractor.Extract("$999999999999999999999999999999999999", Today);

        Assert.DoesNotContain(figures, f => f.Kind == FigureKind.Money);
    }

    // ---------------------------------------------------------------- dates

    [Fact]
    public void An_iso_date_is_found_with_its_days_from_today()
    {
        var f = Single("Deliver on 2026-12-01 please", FigureKind.Date);

        Assert.Equal("2026-12-01", f.Iso);
        Assert.Equal(new DateOnly(2026, 12, 1), f.Date);
        Assert.Equal(11m, f.Number);
    }

    [Theory]
    [InlineData("by March 3, 2027", "2027-03-03")]
    [InlineData("by 3rd of March 2027", "2027-03-03")]
    [InlineData("on 15 Dec 2026", "2026-12-15")]
    [InlineData("on Sept. 9th 2027", "2027-09-09")]
    [InlineData("by 15/03/2027", "2027-03-15")]
    [InlineData("by 03/04/2027", "2027-03-04")]
    [InlineData("by 03.04.2027", "2027-04-03")]
    [InlineData("by 03-04-27", "2027-04-03")]
    [InlineData("by 12/31/2026", "2026-12-31")]
    public void Dates_in_common_formats_are_normalised_to_iso(string text, string iso)
    {
        var f = Single(text, FigureKind.Date);

        Assert.Equal(iso, f.Iso);
    }

    [Theory]
    [InlineData(2026, 11, 20, "March 3", "2027-03-03")]
    [InlineData(2026, 3, 10, "March 3", "2026-03-03")]
    [InlineData(2026, 3, 1, "3 March", "2026-03-03")]
    [InlineData(2026, 6, 1, "December 24th", "2026-12-24")]
    public void A_date_without_a_year_is_the_next_such_date_allowing_two_weeks_back(int y, int m, int d, string text, string iso)
    {
        var f = Single(text, FigureKind.Date, new DateOnly(y, m, d));

        Assert.Equal(iso, f.Iso);
    }

    [Fact]
    public void A_date_without_a_year_a_week_ago_across_new_year_is_last_years()
    {
        // On 5 January "December 28" is eight days ago: the same two-week allowance as within a year.
        var f = Single("the delivery on December 28 was late", FigureKind.Date, new DateOnly(2026, 1, 5));

        Assert.Equal("2025-12-28", f.Iso);
        Assert.Equal(-8m, f.Number);
    }

    [Theory]
    [InlineData("by 31/02/2027")]
    [InlineData("by 13/13/2027")]
    [InlineData("by 00/00/2027")]
    [InlineData("on February 30, 2027")]
    [InlineData("on March 3, 1850")]
    [InlineData("on 2027-02-30")]
    public void Impossible_dates_are_ignored(string text)
    {
        var figures = FigureExtractor.Extract(text, Today);

        Assert.DoesNotContain(figures, f => f.Kind == FigureKind.Date);
    }

    [Theory]
    [InlineData("we need it tomorrow", "2026-11-21")]
    [InlineData("we need it by Monday", "2026-11-23")]
    [InlineData("we need it by Friday", "2026-11-27")]
    [InlineData("we need it next Tuesday", "2026-11-24")]
    public void Relative_days_are_dated_from_today(string text, string iso)
    {
        var f = Single(text, FigureKind.Date);

        Assert.Equal(iso, f.Iso);
    }

    [Theory]
    [InlineData("I bought it on Wednesday 9th April and brought it back", "2027-04-09")]
    [InlineData("Could you deliver by Monday, October 10?", "2027-10-10")]
    [InlineData("It arrives by Friday, January 4, 2002", "2002-01-04")]
    public void A_weekday_written_with_its_date_is_that_date_and_not_the_next_such_day(string text, string iso)
    {
        var f = Single(text, FigureKind.Date);

        Assert.Equal(iso, f.Iso);
    }

    [Theory]
    [InlineData("Please deliver by 10 October", "10 October")]
    [InlineData("Please deliver by 10 October 2027", "10 October 2027")]
    [InlineData("Please deliver by 10/10/27", "10 October 2027")]
    [InlineData("we need it by Friday", "Friday 27 November")]
    [InlineData("we need it tomorrow", "Saturday 21 November")]
    public void A_date_from_the_email_is_said_back_with_the_year_only_when_they_wrote_one(string text, string said)
    {
        var f = Single(text, FigureKind.Date);

        Assert.Equal(said, OutlookSayNo.Drafts.DataPoints.FormatEmailDate(f));
    }

    [Fact]
    public void Dates_written_with_non_ascii_digits_do_not_throw()
    {
        var ex = Record.Exception(() => FigureExtractor.Extract("التسليم ٠٣/٠٤/٢٠٢٧ من فضلك", Today));

        Assert.Null(ex);
    }

    [Fact]
    public void A_named_date_with_a_full_width_year_does_not_throw()
    {
        var ex = Record.Exception(() => FigureExtractor.Extract("納期は March 3, ２０２７ です", Today));

        Assert.Null(ex);
    }

    // ---------------------------------------------------------------- durations

    [Theory]
    [InlineData("within 60 days", "60 days", "P60D", 60, "days")]
    [InlineData("about 40 hours of work", "40 hours", "PT40H", 40, "hours")]
    [InlineData("1.5 hrs of setup", "1.5 hrs", "PT1.5H", 1.5, "hours")]
    [InlineData("in 2 weeks", "2 weeks", "P2W", 14, "days")]
    [InlineData("for two weeks", "two weeks", "P2W", 14, "days")]
    [InlineData("3 months later", "3 months", "P3M", 90, "days")]
    [InlineData("a 1 year term", "1 year", "P1Y", 365, "days")]
    [InlineData("10 business days", "10 business days", "P10D", 10, "days")]
    [InlineData("a couple of weeks", "a couple of weeks", "P2W", 14, "days")]
    [InlineData("please shift the due date by few days", "few days", "P3D", 3, "days")]
    [InlineData("a 30-day trial", "30-day", "P30D", 30, "days")]
    public void Durations_have_an_iso_value_and_a_number_in_days_or_hours(string text, string figureText, string iso, double number, string unit)
    {
        var f = Single(text, FigureKind.Duration);

        Assert.Equal(figureText, f.Text);
        Assert.Equal(iso, f.Iso);
        Assert.Equal((decimal)number, f.Number);
        Assert.Equal(unit, f.Unit);
    }

    [Fact]
    public void A_bare_few_is_a_duration_only_after_by_in_or_within()
    {
        Assert.Empty(FigureExtractor.Extract("I have very few days left, and few people know it.", new DateOnly(2026, 11, 16)));
    }

    [Theory]
    [InlineData("on net 90 terms", "net 90", 90)]
    [InlineData("Net-60 please", "Net-60", 60)]
    [InlineData("we want net 90 days", "net 90", 90)]
    public void Net_terms_are_a_duration_in_days(string text, string figureText, int days)
    {
        var f = Single(text, FigureKind.Duration);

        Assert.Equal(figureText, f.Text);
        Assert.Equal($"P{days}D", f.Iso);
        Assert.Equal(days, f.Number);
    }

    // ---------------------------------------------------------------- quantities

    [Theory]
    [InlineData("500 units per month", "500 units", 500, "units")]
    [InlineData("1,200 licenses", "1,200 licenses", 1200, "licenses")]
    [InlineData("20 more seats for free", "20 more seats", 20, "seats")]
    [InlineData("3 extra revisions", "3 extra revisions", 3, "revisions")]
    public void Quantities_are_found_with_their_count_and_unit(string text, string figureText, int count, string unit)
    {
        var f = Single(text, FigureKind.Quantity);

        Assert.Equal(figureText, f.Text);
        Assert.Equal(count, f.Number);
        Assert.Equal(unit, f.Unit);
    }

    // ---------------------------------------------------------------- several figures

    [Fact]
    public void Several_figures_come_back_sorted_by_position_without_overlaps()
    {
        var text = "Take 15% off the $48,000 order of 500 units, delivered by 2027-03-03 on net 90.";

        var figures = FigureExtractor.Extract(text, Today);

        Assert.Equal(
            [FigureKind.Percent, FigureKind.Money, FigureKind.Quantity, FigureKind.Date, FigureKind.Duration],
            figures.Select(f => f.Kind).ToArray());
        Assert.Equal(["15%", "$48,000", "500 units", "2027-03-03", "net 90"], figures.Select(f => f.Text).ToArray());
        foreach (var f in figures) Assert.Equal(f.Text, text.Substring(f.Start, f.Length));
    }

    [Fact]
    public void A_window_only_finds_figures_inside_it_with_offsets_in_the_whole_text()
    {
        var text = "Old: 10% off. New: 25% off.";
        var windowStart = text.IndexOf("New", StringComparison.Ordinal);

        var figures = FigureExtractor.Extract(text, windowStart, text.Length - windowStart, Today);

        var f = Assert.Single(figures);
        Assert.Equal(25m, f.Number);
        Assert.Equal(text.IndexOf("25%", StringComparison.Ordinal), f.Start);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Thanks for the call, talk soon.")]
    [InlineData("Version 2 of the report")]
    [InlineData("我们需要更低的价格")]
    public void Text_without_figures_gives_none(string text)
    {
        Assert.Empty(FigureExtractor.Extract(text, Today));
    }

    [Fact]
    public void A_window_outside_the_text_throws_an_argument_exception()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FigureExtractor.Extract("15%", 2, 10, Today));
    }

    [Fact]
    public void A_long_text_full_of_figures_is_read_whole()
    {
        // 90,000 characters (the API accepts bodies up to 200,000): 30,000 short figures.
        var sb = new StringBuilder();
        while (sb.Length < 90_000) sb.Append("1% ");
        var text = sb.ToString();

        var figures = FigureExtractor.Extract(text, Today);
        Assert.Equal(30_000, figures.Count);
    }
}
