using OutlookSayNo.Asks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.UnitTests;

/// <summary>Which figure a draft refuses as "what they ask for". Shapes met in real mail (2026-12-07, dev split):
/// the price they are on, a share of things, a time that tells when, the charge an earlier sentence named,
/// and the figure of the sentence that asks rather than of the story around it.</summary>
public sealed class FigureAskedForTests
{
    private static readonly KindCatalog Catalog = TemplateFixture.Catalog;

    private static AskReading Read(string body, string kind) => AskFixture.Read(body, kind);

    private static string RoleOf(AskReading r, string figure) => AskFixture.RoleOf(r, figure);

    [Fact]
    public void The_amount_of_a_plan_is_asked_for_even_when_the_balance_is_named_later()
    {
        var r = Read("Hello,\n\nI owe you $1,800.00 and cannot pay it in one go. Could we agree a plan of $75 per month until the balance is cleared?\n\nAnna", "payment_terms");

        Assert.Equal(FigureRole.Overdue, RoleOf(r, "$1,800.00"));
        Assert.Equal("$75", r.Requested?.Figure.Text);
    }

    [Fact]
    public void The_price_they_are_on_is_todays_value()
    {
        Assert.Equal(FigureRole.Current, RoleOf(Read("Hi,\n\nWe are on the $20 plan, but could you bill us yearly instead?\n\nTom", "payment_terms"), "$20"));
        Assert.Equal(FigureRole.Current, RoleOf(Read("Love the app, but $12 is too steep for a student, could you do a cheaper price?", "discount"), "$12"));
        Assert.Null(Read("$600 for a brochure?! Can you do better?", "discount").Requested);
        // A price they propose keeps its role.
        Assert.Equal("$250", Read("Honestly I was thinking more like $250 for the whole job.", "discount").Requested?.Figure.Text);
    }

    [Fact]
    public void A_share_of_things_or_of_a_month_is_not_a_price()
    {
        var r = Read("Hi Carl,\n\nAbout 1/2 of the meters show estimates for the second half of the month. Please credit the overcharge on these meters.", "liability");

        Assert.NotEqual(FigureRole.Requested, RoleOf(r, "1/2"));
        Assert.NotEqual(FigureRole.Requested, RoleOf(r, "half of"));
        Assert.Equal(FigureRole.Requested, RoleOf(Read("Could you take off half of the price for the damaged items?", "discount"), "half of"));
    }

    [Fact]
    public void A_time_that_tells_when_something_happened_is_not_asked_for()
    {
        var r = Read("Hello,\n\nI installed the tool a year (or so) ago and the trial ran out 3 days after installing. Can I have the trial again?", "exception");

        Assert.NotEqual(FigureRole.Requested, RoleOf(r, "a year"));
        Assert.NotEqual(FigureRole.Requested, RoleOf(r, "3 days"));
        // Time gone by, told before the figure.
        Assert.NotEqual(FigureRole.Requested, RoleOf(Read("I know it has been 35 days, but could you make an exception and take the jacket back?", "exception"), "35 days"));
        Assert.NotEqual(FigureRole.Requested, RoleOf(Read("The site has been down for the past two weeks. Please extend our subscription.", "exception"), "two weeks"));
        Assert.Equal(FigureRole.Requested, RoleOf(Read("Could you give us 14 days more to finish the audit?", "exception"), "14 days"));
    }

    [Fact]
    public void A_policy_window_is_the_rule_not_the_ask()
    {
        var r = Read("The receipt says you will give a refund within 30 days of purchase. Will you accept the return?", "exception");

        Assert.Equal(FigureRole.Current, RoleOf(r, "30 days"));
    }

    [Fact]
    public void A_due_date_of_a_day_to_come_is_the_date_they_want()
    {
        var r = Read("Hi,\n\nWe did not fix a date last week, but we would like a due date of March 20 if that works for you.\n\nKen", "payment_terms");

        Assert.Equal("March 20", r.Requested?.Figure.Text);
    }

    [Fact]
    public void The_charge_an_ask_names_takes_its_amount_from_the_sentence_that_gave_it()
    {
        var r = Read("Dear Sirs,\n\nYour engineer replaced the pump and we were charged a call-out fee of £74.50.\n\nThe pump failed through a defect, and we are asking you to refund the call-out charge.\n\nYours faithfully,\nJo Park", "liability");

        Assert.Equal("£74.50", r.Requested?.Figure.Text);
        // A charge the ask does not name is left alone.
        Assert.Null(Read("Dear Sirs,\n\nWe paid £74.50 for the visit.\n\nPlease look into why the pump failed.\n\nJo", "liability").Requested);
    }

    [Fact]
    public void A_deduction_made_is_an_imposition_and_carries_the_figure()
    {
        var r = Read("Dear Mr Hale,\n\nYour statement has reached me with errors. Your credit note for £12.00 covers the returned tiles.\n\nI have taken £210.00 off your statement and will pay the rest once you agree.\n\nYours sincerely,\nR. Okafor", "liability");

        Assert.Equal("£210.00", r.Requested?.Figure.Text);
    }

    [Fact]
    public void A_figure_they_call_fair_is_the_one_they_ask_for()
    {
        var r = Read("Hi,\n\nWe don't feel we got what we paid for, so we're asking for part of the money back. We think a 40% refund is fair.\n\nMia", "liability");

        Assert.Equal("40%", r.Requested?.Figure.Text);
    }

    [Fact]
    public void A_price_stated_as_a_share_of_ours_asks_for_the_rest_off()
    {
        var third = Read("Hi,\n\nI'd like one more seat and I'm willing to pay 1/3 of the full price for it.\n\nLi", "discount").Requested;
        Assert.Equal(66.67m, third?.AsReduction);
        // "30% off" is the reduction itself.
        Assert.Null(Read("Could you take 30% off the price of the order?", "discount").Requested?.AsReduction);
        // A refund of a share is the share: only a discount turns round.
        Assert.Null(Read("Please refund 60% of the fee, the work was poor.", "liability").Requested?.AsReduction);
    }

    [Fact]
    public void A_date_that_opens_a_sentence_telling_what_happened_is_history()
    {
        var r = Read("Dear Sir,\n\nOn 2 May I bought a table from you. It has not arrived. Please deliver it within 10 days.\n\nYours faithfully,\nAnn Roe", "deadline");

        Assert.Equal(FigureRole.Date, RoleOf(r, "2 May"));
        Assert.Equal("10 days", r.Requested?.Figure.Text);
    }

    [Fact]
    public void The_discount_a_share_of_the_price_asks_for_is_what_the_draft_argues_with()
    {
        var c = AskFixture.Classifier.Classify(Catalog, "", "Hi,\n\nI'd like one more seat and I'm willing to pay 1/3 of the full price for it.\n\nLi");
        var kind = Catalog.Find("discount")!;
        var data = OutlookSayNo.Drafts.DataPoints.Resolve(kind, Catalog, c, AskReader.Read(c, "discount"), new Dictionary<string, string?>(), new DateOnly(2026, 12, 2), []);

        Assert.Equal(66.67m, data["requestedDiscountPercent"]?.Number);
    }

    [Fact]
    public void A_percent_they_wrote_is_said_back_as_precisely_as_they_wrote_it()
    {
        var c = AskFixture.Classifier.Classify(Catalog, "", "Dear supplier,\n\nCould you reduce your list prices by 1.45% from September?\n\nLi");
        var kind = Catalog.Find("discount")!;
        var data = OutlookSayNo.Drafts.DataPoints.Resolve(kind, Catalog, c, AskReader.Read(c, "discount"), new Dictionary<string, string?>(), new DateOnly(2026, 12, 2), []);

        Assert.Equal("1.45%", data["requestedDiscountPercent"]?.Value);
    }
}
