using OutlookSayNo.Asks;

namespace OutlookSayNo.UnitTests;

/// <summary>The reason said back to them is the reason for their ask: not a cause from the story told far from it,
/// not their charge against us turned round into an admission, not "as far as I was concerned".</summary>
public sealed class TheirReasonTests
{

    private static AskReading Read(string body, string kind) => AskFixture.Read(body, kind);

    [Fact]
    public void A_cause_in_the_story_far_from_the_ask_is_not_their_reason()
    {
        var r = Read("Hello,\n\nWe signed up in January. We upgraded in March because we wanted the fastest plan you sell. The line dropped in April. It dropped again in May. We called three times. Nobody called back. Please give our repair priority.\n\nJo", "deadline");

        Assert.Null(r.ReasonTheirs);
    }

    [Fact]
    public void A_cause_in_another_sentence_that_asks_is_their_reason()
    {
        var r = Read("Dear Sirs,\n\nPlease take back the order. We opened in May. Trade was good. We ordered in June. We need to cancel because our shop is closed for repairs. We ask for a 30% discount on what we keep.\n\nYours faithfully,\nAnn Lee", "discount");

        Assert.Equal("your shop is closed for repairs", r.ReasonTheirs);
    }

    [Fact]
    public void Their_charge_against_us_is_not_said_back()
    {
        var r = Read("Because you misrepresented your skills and gave us bad advice, we will not pay the full invoice.", "liability");

        Assert.Null(r.ReasonTheirs);
    }

    [Fact]
    public void As_far_as_i_was_concerned_is_not_a_cause()
    {
        var r = Read("As far as I was concerned the deal was not finished. Could you lower the rate by 5%?", "discount");

        Assert.Null(r.ReasonTheirs);
    }

    [Fact]
    public void Hardship_is_said_back_as_the_cause_not_the_whole_sentence()
    {
        var r = Read("Dear Mrs Garza,\n\nI need to tell you that my rent will be late because I unexpectedly lost my job last week.\n\nCould we talk about paying it in two parts?\n\nMichael", "payment_terms");

        Assert.Equal("you unexpectedly lost your job last week", r.ReasonTheirs);
    }

    [Fact]
    public void Hardship_the_customer_admits_is_said_back_without_the_admitting()
    {
        var r = Read("Dear Sir,\n\nI accept that my account with you is in arrears.\n\nPlease hold the account for six months while I look for work.\n\nJ. Smith", "payment_terms");

        Assert.Equal("your account with us is in arrears", r.ReasonTheirs);
    }
}
