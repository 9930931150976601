using OutlookSayNo.Asks;

namespace OutlookSayNo.UnitTests;

/// <summary>When a failure is ours, what they ask for to put it right (a refund, a replacement, a repair, the work
/// redone, a charge corrected) and whether they ask for more than that: an own-part reply grants the first and
/// declines only the second.</summary>
public sealed class RemedyTests
{

    private static AskReading Read(string body) => AskFixture.Read(body, "liability");

    [Theory]
    [InlineData("The part failed through a defect, and we are asking you to refund the call-out charge.", "refund")]
    [InlineData("I want my money back, the app never worked.", "refund")]
    [InlineData("We suggest you grant us an allowance of 10% on the invoice.", "refund")]
    [InlineData("The box arrived crushed. Please send a replacement by Friday.", "replace")]
    [InlineData("The unit stopped working after a month. I ask that you repair it under the warranty.", "repair")]
    [InlineData("The print is blurred on every page. Please redo the job.", "redo")]
    [InlineData("You charged us twice for March. Please reverse the second charge.", "correct")]
    [InlineData("I paid for a lifetime licence and you don't fix it. I will keep asking till it's fixed or I get my money back.", "repair")]
    public void The_remedy_asked_for_is_read(string body, string remedy) => Assert.Equal(remedy, Read(body).Remedy);

    [Fact]
    public void Exchange_as_a_trade_is_not_a_replacement()
    {
        // Found in the test look of 2026-12-07: "all set to exchange crypto" read as asking for a replacement.
        Assert.NotEqual("replace", Read("The page says I will be all set to exchange crypto in a few minutes. Fix it and verify me.").Remedy);
        Assert.Equal("replace", Read("The shoes are the wrong size. Please exchange them for a larger pair.").Remedy);
    }

    [Fact]
    public void A_remedy_they_set_aside_is_not_the_one_asked_for()
    {
        // "Waiting for a replacement would take too long": they ask for something else.
        Assert.NotEqual("replace", Read("The labels are wrong. Waiting for a replacement delivery would take too long, so could you send us the right tags by air?").Remedy);
    }

    [Theory]
    [InlineData("The delivery was late. Please refund the shipping fee and compensate us for the lost sales.", true)]
    [InlineData("We had to pay a penalty to our own customer. Please refund the order.", true)]
    [InlineData("You would have to pay for the relabelling and send us the tags.", true)]
    [InlineData("The delivery was late. Please refund the shipping fee.", false)]
    public void Asking_for_more_than_putting_it_right_is_read(string body, bool beyond) => Assert.Equal(beyond, Read(body).Beyond);
}
