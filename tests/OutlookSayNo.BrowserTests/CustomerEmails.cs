namespace OutlookSayNo.BrowserTests;

/// <summary>Customer emails as Outlook hands them to the pane (HTML bodies, with the older
/// message quoted below the newest one).</summary>
public static class CustomerEmails
{
    public static readonly Address Priya = new("Priya Nair", "priya.nair@northwind-foods.com");
    public static readonly Address Sam = new("Sam Carter", "sam.carter@contoso-analytics.com");

    public const string DiscountSubject = "RE: Renewal quote 2027 - analytics platform";

    /// <summary>The Head of Finance asks for 15% off a $48,000 renewal; below it, the account
    /// manager's earlier message with the quote.</summary>
    public const string DiscountHtml = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
        <body dir="ltr">
        <div style="font-family: Calibri, Arial, sans-serif; font-size: 11pt;">
        <p>Hi Sam,</p>
        <p>Thanks for sending the renewal quote for the analytics platform. We have gone through it with our CFO and,
        to be honest, the numbers are hard to justify this year. Our software budget has been cut again and a competitor
        has quoted us noticeably less for a similar package.</p>
        <p>Could you reduce the price by 15% on the $48,000 renewal? If we can agree on that, we can sign before
        15 December so the renewal goes through in this budget year.</p>
        <p>Best regards,<br>
        Priya Nair<br>
        Head of Finance | Northwind Foods<br>
        +44 20 7946 0000</p>
        </div>
        <hr style="display:inline-block;width:98%" tabindex="-1">
        <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">
        <b>From:</b> Sam Carter &lt;sam.carter@contoso-analytics.com&gt;<br>
        <b>Sent:</b> Tuesday, November 10, 2026 4:12 PM<br>
        <b>To:</b> Priya Nair &lt;priya.nair@northwind-foods.com&gt;<br>
        <b>Subject:</b> Renewal quote 2027 - analytics platform</font><div>&nbsp;</div></div>
        <div>
        <p>Hi Priya,</p>
        <p>Please find attached the renewal quote for 2027: $48,000 for 40 seats, the same scope as this year,
        with priority support included. Let me know if you have any questions.</p>
        <p>Kind regards,<br>Sam Carter<br>Account Manager, Contoso Analytics</p>
        </div>
        </body></html>
        """;

    /// <summary>A thank-you note: nothing to refuse.</summary>
    public const string ThanksHtml = """
        <html><body>
        <p>Hi Sam,</p>
        <p>Just a quick note to say thank you for the workshop last week, the team found it really useful.
        Looking forward to our next check-in.</p>
        <p>Cheers,<br>Lena Fischer<br>Operations Lead | Northwind Foods</p>
        </body></html>
        """;

    public static readonly Address Mark = new("Mark Doyle", "mark.doyle@fabrikam-industrial.com");

    public const string ThreatSubject = "RE: Order 4471 - delivery date";

    /// <summary>A plant manager wants an order four weeks early and threatens to take the business
    /// elsewhere: a threat, so the reply should copy the account manager's manager.</summary>
    public const string ThreatHtml = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
        <body dir="ltr">
        <div style="font-family: Calibri, Arial, sans-serif; font-size: 11pt;">
        <p>Sam,</p>
        <p>This is the third time I am asking. We need the 200 units delivered by next Friday, not in four weeks.
        If you can't expedite this order we will take our business elsewhere and cancel the contract.</p>
        <p>Mark Doyle<br>
        Plant Manager | Fabrikam Industrial</p>
        </div>
        </body></html>
        """;

    /// <summary>The threat as a received message. <paramref name="ewsItemId"/> is Outlook's own id;
    /// the pane converts it to the REST id Graph takes.</summary>
    public static OutlookItem ThreatRead(string ewsItemId, string conversationId) => new()
    {
        Mode = "read",
        Subject = ThreatSubject,
        Body = ThreatHtml,
        From = Mark,
        ItemId = ewsItemId,
        ConversationId = conversationId,
    };

    /// <summary>The reply Sam is writing in Outlook: an empty new part, Outlook's reply header, and
    /// Priya's message quoted below it.</summary>
    public static readonly string ReplyHtml = """
        <html><body dir="ltr">
        <div id="appendonsend"></div>
        <div style="font-family: Calibri, Arial, sans-serif; font-size: 11pt;"><br></div>
        <hr style="display:inline-block;width:98%" tabindex="-1">
        <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">
        <b>From:</b> Priya Nair &lt;priya.nair@northwind-foods.com&gt;<br>
        <b>Sent:</b> Monday, November 16, 2026 9:03 AM<br>
        <b>To:</b> Sam Carter &lt;sam.carter@contoso-analytics.com&gt;<br>
        <b>Subject:</b> RE: Renewal quote 2027 - analytics platform</font><div>&nbsp;</div></div>
        """ + NewestPart(DiscountHtml) + "\n</body></html>";

    public static OutlookItem DiscountRead() => new()
    {
        Mode = "read",
        Subject = DiscountSubject,
        Body = DiscountHtml,
        From = Priya,
        ItemId = "AAMkAGI2TG93AAA=",
        ConversationId = "AAQkAGI2conv0001",
    };

    public static OutlookItem ThanksRead() => new()
    {
        Mode = "read",
        Subject = "Thanks for the workshop",
        Body = ThanksHtml,
        From = new Address("Lena Fischer", "lena.fischer@northwind-foods.com"),
        ItemId = "AAMkAGI2TG94AAA=",
        ConversationId = "AAQkAGI2conv0002",
    };

    public static OutlookItem DiscountReply(string bodyType = "html") => new()
    {
        Mode = "compose",
        Subject = DiscountSubject,
        Body = ReplyHtml,
        BodyType = bodyType,
        To = [Priya],
        ConversationId = "AAQkAGI2conv0001",
    };

    /// <summary>The customer's own part of the message (up to Outlook's reply separator).</summary>
    private static string NewestPart(string html)
    {
        var start = html.IndexOf("<div style=", StringComparison.Ordinal);
        var end = html.IndexOf("<hr", StringComparison.Ordinal);
        return html[start..end];
    }
}
