namespace OutlookSayNo.ApiTests;

/// <summary>Customer emails the API tests send, as account managers receive them.</summary>
public static class Emails
{
    public const string DiscountBody = """
        Hi Sam,

        Thanks for sending the renewal quote for the analytics platform. We have gone through it with the team and,
        to be honest, the numbers are hard to justify this year. Our budget has been cut and a competitor has quoted
        us noticeably less for a similar package.

        Could you reduce the price by 15% on the $48,000 renewal? If we can agree on that we can sign before March 3.

        Best regards,
        Priya Nair
        Head of Finance | Northwind Foods
        +44 20 7946 0000
        """;

    public const string ThreatBody = """
        Sam,

        This is the third time I am asking. We need the 200 units delivered by next Friday, not in four weeks.
        If you can't expedite this order we will take our business elsewhere and cancel the contract.

        Mark Doyle
        Plant Manager
        """;

    public const string AbusiveBody = """
        Are you people completely incompetent? Your useless team wants us to pay for the extra dashboards we asked for.
        Just add the three reports at no extra cost like any decent supplier would. What a joke.
        """;

    public const string ThanksBody = """
        Hi Sam,

        Just a quick note to say thank you for the workshop last week, the team found it really useful.
        Looking forward to our next check-in.

        Cheers,
        Lena
        """;

    public const string QuotedThreadBody = """
        Hi Sam, thanks a lot, that all makes sense and we will go ahead as planned.

        On Tue, 3 Nov 2026 at 10:14, Sam Carter <sam@supplier.example> wrote:
        > We can't reduce the price, but here is what we can do.
        >
        > > Could you give us a 20% discount on the renewal?
        """;
}
