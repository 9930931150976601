using OutlookSayNo.Asks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

public class CustomerNameTests
{
    // ---------------------------------------------------------------- Names

    private static PersonName Read(string? name, string? email, string body = "Could you lower the price?") =>
        Names.Read(name, email, EmailReader.Read(body));

    [Theory]
    [InlineData("Maria Lopez", "maria@acme.com", "Maria", "Lopez")]
    [InlineData("  \"Maria Lopez\"  ", null, "Maria", "Lopez")]
    [InlineData("'Maria Lopez'", null, "Maria", "Lopez")]
    [InlineData("Lopez, Maria", null, "Maria", "Lopez")]
    [InlineData("O'Brien, Sean", null, "Sean", "O'Brien")]
    [InlineData("Maria", null, "Maria", null)]
    [InlineData("JOHN SMITH", null, "John", "Smith")]
    [InlineData("José Núñez", null, "José", "Núñez")]
    [InlineData("李 明", null, "李", "明")]
    [InlineData("Ana Ruiz (Acme Foods)", null, "Ana", "Ruiz")]
    [InlineData("Ana Ruiz, Head of Purchasing, Acme Foods", null, "Ana", "Ruiz")]
    [InlineData("Margaret A. Collins", null, "Margaret", "Collins")]
    [InlineData("jason morris", null, "Jason", "Morris")]
    public void A_display_name_gives_the_given_and_family_name(string name, string? email, string given, string? family)
    {
        var person = Read(name, email);

        Assert.Equal(given, person.Given);
        Assert.Equal(family, person.Family);
    }

    [Theory]
    [InlineData("Dr. Katrin Vogel", "Dr", "Katrin", "Vogel")]
    [InlineData("Mr John Okafor", "Mr", "John", "Okafor")]
    public void A_courtesy_title_is_kept_apart_from_the_name(string name, string title, string given, string family)
    {
        Assert.Equal(new PersonName(given, family, title), Read(name, null));
    }

    [Theory]
    [InlineData("maria.lopez@acme.com", "Maria", "Lopez")]
    [InlineData("maria_lopez@acme.com", "Maria", "Lopez")]
    [InlineData("MARIA-LOPEZ@acme.com", "Maria", "Lopez")]
    public void Without_a_display_name_a_first_dot_last_address_gives_the_name(string email, string given, string family)
    {
        Assert.Equal(new PersonName(given, family, null), Read(null, email));
    }

    [Theory]
    [InlineData("  ", "ap@acme.com")]
    [InlineData("  ", "maria@acme.com")]
    [InlineData("  ", "m.lopez@acme.com")]
    [InlineData("  ", "maria.lopez2@acme.com")]
    [InlineData("Accounts Payable", "ap@acme.com")]
    [InlineData("Procurement Team", "x@acme.com")]
    [InlineData("Tesco Commercial Team", "x@acme.com")]
    [InlineData("Vendor & Supply Chain Management", "x@acme.com")]
    [InlineData("Purchasing", "purchasing@acme.com")]
    [InlineData("Coastal Freight Ltd", "x@acme.com")]
    [InlineData("noreply", "x@acme.com")]
    [InlineData("hh7707", "hh7707@example.com")]
    [InlineData("buyer_jk2291", "jkrell2291@example.com")]
    [InlineData("Musicalcreation", "musicalcreation@example.com")]
    [InlineData("CEO", "x@acme.com")]
    [InlineData("1234 5678", "x@acme.com")]
    [InlineData(null, null)]
    public void A_role_a_team_a_company_or_a_handle_gives_no_name(string? name, string? email)
    {
        Assert.Equal(PersonName.Unknown, Read(name, email));
    }

    [Fact]
    public void The_name_signed_under_the_message_beats_a_team_display_name()
    {
        var person = Read("Purchasing", "purchasing@acme.com", "Could you extend our terms to 60 days?\n\nBest regards,\nHelen Marsh\nPurchasing Manager\nAcme Foods");

        Assert.Equal(new PersonName("Helen", "Marsh", null), person);
    }

    [Fact]
    public void A_short_signed_name_keeps_the_family_name_of_the_display_name()
    {
        var person = Read("Ronald Pruitt", "rpruitt@acme.com", "Please send the revised invoice by Friday.\n\nThanks,\nRon");

        Assert.Equal(new PersonName("Ron", "Pruitt", null), person);
    }

    [Fact]
    public void A_handle_signed_with_a_name_gives_that_name()
    {
        var person = Read("marcus_b_builds", "marcus.bennett.mb@gmail.com", "Any chance you could knock 10% off?\n\nCheers,\nMarcus");

        Assert.Equal("Marcus", person.Given);
    }

    [Fact]
    public void A_job_title_line_under_the_sign_off_is_not_taken_for_a_name()
    {
        var person = Read("Dwight Pettit", "dwpettit@harborpower.com", "We need the rest shipped by Friday.\n\nRegards,\nChief Executive Officer\nHarbor Power");

        Assert.Equal(new PersonName("Dwight", "Pettit", null), person);
    }

    [Fact]
    public void An_initial_and_a_family_name_give_no_given_name()
    {
        var person = Read("M. Delorme", "m.delorme@delorme-materiaux.example", "Merci de nous accorder 60 jours.\n\nCordialement,\nM. Delorme");

        Assert.Null(person.Given);
        Assert.Equal("Delorme", person.Family);
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
    [InlineData("Thanks,\nMaria Lopez\nGlow and Grace Studio", null)]  // "Glowandgrace" is nobody's name for them
    [InlineData("Thanks,\nMaria Lopez\nGlowandgrace Ltd", "Glowandgrace")]
    [InlineData("Thanks,\nMaria", null)]
    public void The_company_is_named_only_when_the_email_names_it(string body, string? expected)
    {
        var email = new DraftEmail("Order", "Hi Sam,\n\nCould you lower the price?\n\n" + body, new EmailAddress("Maria Lopez", "maria@glowandgrace.com"), null, null);
        Assert.Equal(expected, DraftService.CompanyNamed(email));
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
