using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;

namespace OutlookSayNo.UnitTests;

public class CustomerNameTests
{
    // ---------------------------------------------------------------- CustomerName

    [Theory]
    [InlineData("Maria Lopez", "maria@acme.com", "Maria Lopez", "Maria")]
    [InlineData("  \"Maria Lopez\"  ", null, "Maria Lopez", "Maria")]
    [InlineData("'Maria Lopez'", null, "Maria Lopez", "Maria")]
    [InlineData("Lopez, Maria", null, "Maria Lopez", "Maria")]
    [InlineData("O'Brien, Sean", null, "Sean O'Brien", "Sean")]
    [InlineData("Maria", null, "Maria", "Maria")]
    [InlineData("JOHN SMITH", null, "JOHN SMITH", "John")]
    [InlineData("José Núñez", null, "José Núñez", "José")]
    [InlineData("李 明", null, "李 明", "李")]
    public void A_display_name_gives_the_name_and_the_first_name(string name, string? email, string expectedName, string expectedFirst)
    {
        var (full, first) = DraftService.CustomerName(new EmailAddress(name, email));

        Assert.Equal(expectedName, full);
        Assert.Equal(expectedFirst, first);
    }

    [Theory]
    [InlineData("maria.lopez@acme.com", "Maria Lopez", "Maria")]
    [InlineData("maria_lopez@acme.com", "Maria Lopez", "Maria")]
    [InlineData("MARIA-LOPEZ@acme.com", "Maria Lopez", "Maria")]
    [InlineData("maria.del.rio@acme.com", "Maria Del Rio", "Maria")]
    public void Without_a_display_name_a_first_dot_last_address_gives_the_name(string email, string expectedName, string expectedFirst)
    {
        Assert.Equal((expectedName, expectedFirst), DraftService.CustomerName(new EmailAddress(null, email)));
    }

    [Theory]
    [InlineData("ap@acme.com")]
    [InlineData("maria@acme.com")]
    [InlineData("m.lopez@acme.com")]
    [InlineData("maria.lopez2@acme.com")]
    [InlineData("")]
    [InlineData(null)]
    public void Without_a_display_name_an_address_that_is_not_first_dot_last_gives_no_name(string? email)
    {
        Assert.Equal(((string?)null, (string?)null), DraftService.CustomerName(new EmailAddress("  ", email)));
    }

    [Fact]
    public void No_sender_gives_no_name()
    {
        Assert.Equal(((string?)null, (string?)null), DraftService.CustomerName(null));
    }

    [Theory]
    [InlineData("Accounts Payable")]
    [InlineData("Procurement Team")]
    [InlineData("noreply")]
    [InlineData("billing@acme.com")]
    [InlineData("1234 5678")]
    public void A_team_or_non_person_name_keeps_the_name_but_gives_no_first_name(string name)
    {
        var (full, first) = DraftService.CustomerName(new EmailAddress(name, "x@acme.com"));

        Assert.Equal(name, full);
        Assert.Null(first);
    }

    // ---------------------------------------------------------------- Company

    [Theory]
    [InlineData("maria@acme.com", "Acme")]
    [InlineData("maria@ACME.COM", "Acme")]
    [InlineData("maria@acme.co.uk", "Acme")]
    [InlineData("maria@acme.com.au", "Acme")]
    [InlineData("maria@mail.acme.com", "Acme")]
    [InlineData("maria@big-corp.com", "Big Corp")]
    [InlineData("\"odd@name\"@globex.de", "Globex")]
    public void The_company_is_the_registered_domain_name(string email, string expected)
    {
        Assert.Equal(expected, DraftService.Company(email));
    }

    [Theory]
    [InlineData("maria@gmail.com")]
    [InlineData("maria@yahoo.co.uk")]
    [InlineData("maria@outlook.com")]
    [InlineData("maria@ibm.com")]
    [InlineData("maria@acme2.com")]
    [InlineData("maria@localhost")]
    [InlineData("no-at-sign.com")]
    [InlineData("")]
    [InlineData(null)]
    public void Free_mail_short_odd_or_missing_domains_give_no_company(string? email)
    {
        Assert.Null(DraftService.Company(email));
    }

    // ---------------------------------------------------------------- ReplySubject

    [Theory]
    [InlineData("Discount request", "RE: Discount request")]
    [InlineData("  Discount request \r\n", "RE: Discount request")]
    [InlineData("RE: Discount request", "RE: Discount request")]
    [InlineData("Re: Discount request", "Re: Discount request")]
    [InlineData("re:Discount", "re:Discount")]
    [InlineData("Re : Discount", "Re : Discount")]
    [InlineData("AW: Rabatt", "AW: Rabatt")]
    [InlineData("SV: Rabat", "SV: Rabat")]
    [InlineData("Réf: remise", "Réf: remise")]
    [InlineData("FW: Discount", "RE: FW: Discount")]
    [InlineData("Reply needed: discount", "RE: Reply needed: discount")]
    [InlineData("Regarding the price", "RE: Regarding the price")]
    [InlineData("", "RE:")]
    [InlineData("   ", "RE:")]
    [InlineData(null, "RE:")]
    public void The_reply_subject_adds_RE_once(string? subject, string expected)
    {
        Assert.Equal(expected, DraftService.ReplySubject(subject));
    }
}
