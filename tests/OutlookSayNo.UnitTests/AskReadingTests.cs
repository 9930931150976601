using OutlookSayNo.Asks;

namespace OutlookSayNo.UnitTests;

/// <summary>The ask read in full: which figure is asked for and which is context, their reason and
/// their offer, said back in our voice.</summary>
public sealed class AskReadingTests
{

    private static AskReading Read(string body, string kind) => AskFixture.Read(body, kind);

    private static string RoleOf(AskReading r, string figure) => AskFixture.RoleOf(r, figure);

    [Fact]
    public void A_change_that_already_happened_is_their_reason_not_their_ask()
    {
        var r = Read("Hi Sam,\n\nOur budget was cut by 20%, so could you take 15% off the renewal?\n\nThanks,\nPriya", "discount");

        Assert.Equal("15%", r.Requested?.Figure.Text);
        Assert.NotEqual(FigureRole.Requested, RoleOf(r, "20%"));
    }

    [Fact]
    public void A_date_already_past_is_never_the_date_they_ask_for()
    {
        // "Beginning with my email of 23 August 2012" is history: a draft that refuses "as you asked (23 August 2012)"
        // answers nothing. Read as asked (the words "asking for" sit just before it), it still is not the requested date.
        RoledFigure Date(string text, int daysFromToday) =>
            new(new Reading.Figure(Reading.FigureKind.Date, text, 0, text.Length, daysFromToday), FigureRole.Requested, InMainAsk: true);
        Assert.Null(FigureRoles.Requested([Date("23 August 2012", -5215)], "deadline"));
        Assert.Equal("15 January 2027", FigureRoles.Requested([Date("23 August 2012", -5215), Date("15 January 2027", 44)], "deadline")?.Figure.Text);
        // Today is not past.
        Assert.Equal("today", FigureRoles.Requested([Date("today", 0)], "deadline")?.Figure.Text);
    }

    [Fact]
    public void A_date_that_tells_when_something_happened_is_not_the_date_asked_for()
    {
        // Without a year "2 May" reads as the next 2 May; after "I bought it on" it is the purchase, not a deadline.
        var r = Read("Hi,\n\nI bought the vacuum on 2 May and it still has not arrived. Please deliver it within 2 weeks.\n\nThanks,\nAnna", "deadline");
        Assert.Equal(FigureRole.Date, RoleOf(r, "2 May"));
        Assert.Equal("2 weeks", r.Requested?.Figure.Text);

        var wanted = Read("Hi,\n\nThe parts must be delivered on 2 May at the latest. Can you do that?\n\nThanks,\nAnna", "deadline");
        Assert.Equal("2 May", wanted.Requested?.Figure.Text);
    }

    [Fact]
    public void Going_elsewhere_as_a_threat_does_not_make_the_asked_figure_a_competitors()
    {
        var r = Read("This price is a joke. Give us 20% off or we take our business elsewhere.", "discount");

        Assert.Equal("20%", r.Requested?.Figure.Text);
    }

    [Theory]
    [InlineData("Please deliver it within 2 weeks. If you do not deliver it within that time, I will use my right to cancel the contract and will demand a refund.")]
    [InlineData("Please confirm the new date by Friday, otherwise we will move our business to another supplier.")]
    [InlineData("If the replacement has not arrived by Monday we will cancel the order and claim the costs.")]
    public void A_consequence_held_over_us_is_not_an_offer(string body)
    {
        Assert.Null(Read(body, "deadline").OfferTheirs);
    }

    [Fact]
    public void A_condition_they_would_sign_on_is_an_offer()
    {
        Assert.Equal("sign the renewal today", Read("If you can take 10% off, we will sign the renewal today.", "discount").OfferTheirs);
    }

    [Fact]
    public void A_price_next_to_another_supplier_is_the_competitors()
    {
        var r = Read("Another supplier quoted us $4.10 a unit. Can you match it on the next order?", "discount");

        Assert.Equal(FigureRole.Competitor, RoleOf(r, "$4.10"));
    }

    [Fact]
    public void The_value_a_renewal_or_project_is_worth_is_the_contract_value()
    {
        var r = Read("Could you reduce the price by 15% on the $48,000 renewal?", "discount");

        Assert.Equal("15%", r.Requested?.Figure.Text);
        Assert.Equal(FigureRole.Contract, RoleOf(r, "$48,000"));
    }

    [Fact]
    public void A_customers_own_new_standard_is_what_they_ask_of_us()
    {
        var r = Read("Dear supplier,\n\nPlease note that from 1 March our standard payment term is 120 days for all suppliers.\n\nRegards,\nProcurement", "payment_terms");

        Assert.Equal(FigureRole.Requested, RoleOf(r, "120 days"));
    }

    [Fact]
    public void A_counter_offer_states_the_figure_asked_for()
    {
        var r = Read("Hm, no. I was thinking more like $300 for the whole thing.\n\nCraig", "discount");

        Assert.Equal("$300", r.Requested?.Figure.Text);
    }

    [Fact]
    public void Their_reason_is_said_back_to_them()
    {
        var r = Read("Hi Sam,\n\nOur budget was cut this year. Could you reduce the price by 15%?\n\nThanks,\nPriya", "discount");

        Assert.Equal("your budget was cut this year", r.ReasonTheirs);
        Assert.True(r.ReasonIsClause);
    }

    [Theory]
    [InlineData("your budget was cut this year", true)]
    [InlineData("you lost your biggest client in May", true)]
    [InlineData("cash flow is tight this quarter", true)]
    [InlineData("the fire in your despatch area", true)]
    [InlineData("You're concerned", false)]
    [InlineData("you can", false)]
    [InlineData("it is excellent", false)]
    [InlineData("circumstances you did not expect", false)]
    [InlineData("your payments arrive on time", false)]
    [InlineData("you were appalled by", false)]
    [InlineData("we you are now overdrawn at the bank", false)]
    [InlineData("that one of your services got blocked", false)]
    [InlineData("you were by the hours of misery you spent", false)]
    public void Only_a_reason_that_reads_well_is_said_back(string reason, bool said)
    {
        Assert.Equal(said, AskReader.SaysBackWell(reason));
    }

    [Theory]
    [InlineData("Please can you accept the return and refund me?", "accept the return and refund you")]
    [InlineData("Please could you extend the deadline to Friday?", "extend the deadline to Friday")]
    [InlineData("Could you please send the files again?", "send the files again")]
    public void A_request_after_please_and_a_modal_is_said_back_without_the_modal(string sentence, string ours) =>
        Assert.Equal(ours, AskReader.RequestPhrase(sentence));

    [Theory]
    [InlineData("our budget was cut", "your budget was cut")]
    [InlineData("could you extend our deadline", "could we extend your deadline")]
    [InlineData("you could not answer the phone", "we could not answer the phone")]
    [InlineData("send the refunds you promised me", "send the refunds we promised you")]
    [InlineData("I am short of cash", "you are short of cash")]
    [InlineData("pay you in two parts", "pay us in two parts")]
    public void Their_words_are_turned_round_to_ours(string theirs, string ours) =>
        Assert.Equal(ours, Voice.ToThem(theirs));
}
