using OutlookSayNo.Checks;

namespace OutlookSayNo.UnitTests;

public class DraftCheckerTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static DraftChecks ChecksOf(string text) => DraftChecker.Check(text, catalog: null, today: Today).Checks;

    private const string GoodFinance =
        "Dear Maria,\n\n" +
        "Thank you for asking about a 15% discount on the renewal; I understand the budget pressure.\n\n" +
        "We can't reduce the price by 15%, because our margin on this account is already 22% and every customer of your size pays the same rate.\n\n" +
        "What we can do is lock today's price for three years if you sign a multi-year agreement.\n\n" +
        "Kind regards,\nSam";

    [Fact]
    public void A_good_no_passes_all_five_checks_without_notes()
    {
        var result = DraftChecker.Check(GoodFinance, catalog: null, today: Today);

        Assert.Equal(new DraftChecks(true, true, true, true, true), result.Checks);
        Assert.True(result.Checks.AllPass);
        Assert.Empty(result.Notes);
    }

    [Theory]
    [InlineData("We won't be able to deliver by March 3 because the line is booked for 6 weeks. Instead, we can ship 200 units on March 20.")]
    [InlineData("Our answer is no: skipping the 48-hour burn-in test is not allowed, as the test catches 3% of faults. We can offer a second shift for 40 hours at cost.")]
    [InlineData("We are not in a position to extend terms to net 90, since our policy for every account is net 30. Alternatively, we can split the invoice into two payments.")]
    [InlineData("I\u2019m not able to waive the $250 fee due to the contract terms. Here is what we can do: a credit on your next order.")]
    public void Other_well_formed_refusals_pass_all_five_checks(string text)
    {
        Assert.Equal(new DraftChecks(true, true, true, true, true), ChecksOf(text));
    }

    [Theory]
    [InlineData("At this time we are unable to consider a 15% discount, because our margin is 22%. What we can do is lock the price for three years.")]
    [InlineData("We can't offer 15% off for now, because our margin is 22%. What we can do is lock the price for three years.")]
    [InlineData("Maybe we cannot go to 15%, because our margin is 22%. What we can do is lock the price for three years.")]
    public void A_hedged_no_fails_only_the_says_no_check(string text)
    {
        var result = DraftChecker.Check(text, catalog: null, today: Today);

        Assert.Equal(new DraftChecks(false, true, true, true, true), result.Checks);
        var note = Assert.Single(result.Notes);
        Assert.StartsWith("The no is hedged: \"", note);
    }

    private const string Grant =
        "You are right, and I am sorry. We will refund the £65 visit fee, because our warranty of 12 months covers our own parts. " +
        "Alternatively, we can send a replacement thermostat instead.";

    [Fact]
    public void Owning_our_part_a_plain_grant_passes_the_first_check_and_says_it_grants()
    {
        var result = DraftChecker.Check(Grant, catalog: null, today: Today, mayGrant: true);

        Assert.Equal(new DraftChecks(true, true, true, true, true, Grants: true), result.Checks);
        Assert.Empty(result.Notes);
    }

    [Theory]
    [InlineData("We will refund the £65 visit fee, because our warranty of 12 months covers our own parts. Alternatively, we can send a replacement.", false)]
    [InlineData("We might refund the £65 visit fee, because our warranty of 12 months covers our own parts. Alternatively, we can send a replacement.", true)]
    [InlineData("We will look at the £65 visit fee, because our warranty of 12 months covers our own parts. Alternatively, we can send a replacement.", true)]
    [InlineData("Perhaps we will refund the £65 visit fee for now, because our warranty of 12 months covers our own parts. Alternatively, we can send a replacement.", true)]
    public void A_grant_counts_only_where_the_reply_owns_our_part_and_only_when_it_is_plain(string text, bool mayGrant)
    {
        // Without the stance a grant is not a no; with it, a hedged or missing grant still fails.
        var result = DraftChecker.Check(text, catalog: null, today: Today, mayGrant: mayGrant);

        Assert.False(result.Checks.SaysNo);
        Assert.False(result.Checks.Grants);
    }

    [Fact]
    public void A_grant_needs_no_alternative_nor_figure_and_a_no_still_does()
    {
        Assert.Equal(new DraftChecks(true, true, true, true, true, Grants: true),
            DraftChecker.Check("We are sorry. We will correct the invoice, because the error was ours.", catalog: null, today: Today, mayGrant: true).Checks);
        const string refund = "You are right, and I am sorry. We will refund the £65 visit fee, because our warranty of 12 months covers our own parts.";

        Assert.Equal(new DraftChecks(true, true, true, true, true, Grants: true), DraftChecker.Check(refund, catalog: null, today: Today, mayGrant: true).Checks);
        Assert.False(DraftChecker.Check("We can't refund the £65 visit fee, because our warranty of 12 months covers our own parts.",
            catalog: null, today: Today, mayGrant: true).Checks.OffersAlternative);
    }

    [Fact]
    public void Owning_our_part_a_plain_no_is_still_read_as_a_no()
    {
        var result = DraftChecker.Check(GoodFinance, catalog: null, today: Today, mayGrant: true);

        Assert.Equal(new DraftChecks(true, true, true, true, true), result.Checks);
    }

    [Fact]
    public void A_text_that_never_says_no_fails_only_the_says_no_check_with_an_example_in_the_note()
    {
        var result = DraftChecker.Check(
            "Thanks for asking about 15% off. Because our margin is 22%, what we can do is lock the price for three years.",
            catalog: null, today: Today);

        Assert.Equal(new DraftChecks(false, true, true, true, true), result.Checks);
        Assert.Equal("No sentence says no plainly (for example \"we can't\" or \"we won't be able to\").", Assert.Single(result.Notes));
    }

    [Fact]
    public void A_plain_no_next_to_a_hedged_one_still_says_no()
    {
        var checks = ChecksOf("Right now we can't say more. We cannot offer 15% off, because our margin is 22%. Instead we can lock the price.");

        Assert.True(checks.SaysNo);
    }

    [Fact]
    public void A_no_without_a_reason_fails_only_the_reason_check()
    {
        var result = DraftChecker.Check(
            "We can't reduce the price by 15%. What we can do is lock today's price for three years.",
            catalog: null, today: Today);

        Assert.Equal(new DraftChecks(true, false, true, true, true), result.Checks);
        Assert.Equal("No reason is given (for example \"because ...\" or \"the reason is ...\").", Assert.Single(result.Notes));
    }

    [Fact]
    public void A_no_without_a_figure_fails_only_the_data_check()
    {
        var result = DraftChecker.Check(
            "We can't reduce the price, because our margins are already thin and every customer pays the same rate. What we can do is lock today's price if you sign a longer agreement.",
            catalog: null, today: Today);

        Assert.Equal(new DraftChecks(true, true, false, true, true), result.Checks);
        Assert.Equal("No figure backs the reason (a percentage, an amount, a date, a duration or a count).", Assert.Single(result.Notes));
    }

    [Fact]
    public void A_no_without_an_alternative_fails_only_the_alternative_check()
    {
        var result = DraftChecker.Check(
            "We can't reduce the price by 15%, because our margin on this account is already 22%. Thank you for understanding.",
            catalog: null, today: Today);

        Assert.Equal(new DraftChecks(true, true, true, false, true), result.Checks);
        Assert.Equal("No alternative is offered (for example \"what we can do is ...\" or \"instead, ...\").", Assert.Single(result.Notes));
    }

    [Fact]
    public void A_rude_no_fails_only_the_respect_check_and_quotes_the_words()
    {
        var result = DraftChecker.Check(
            "As I said, obviously you failed to read the contract. We can't reduce the price by 15%, because our margin is 22%. What we can do is lock the price for three years.",
            catalog: null, today: Today);

        Assert.Equal(new DraftChecks(true, true, true, true, false), result.Checks);
        Assert.Equal("Blaming or rude wording: \"As I said\".", Assert.Single(result.Notes));
    }

    [Theory]
    [InlineData("This is your own fault.")]
    [InlineData("Calm down, please.")]
    [InlineData("That request is ridiculous.")]
    [InlineData("Policy is policy.")]
    [InlineData("You people never read the terms.")]
    [InlineData("THIS IS NOT ACCEPTABLE to us.")]
    [InlineData("We can't do that!!")]
    public void Blaming_rude_or_shouting_wording_is_not_respectful(string sentence)
    {
        var checks = ChecksOf(GoodFinance + "\n\n" + sentence);

        Assert.False(checks.Respectful);
        Assert.True(checks.SaysNo && checks.GivesReason && checks.CitesData && checks.OffersAlternative);
    }

    [Theory]
    [InlineData("Hello Maria, the shell casing ships from our hellenic plant.")]
    [InlineData("The SLA for EU customers is 99.9% in USD terms.")]
    [InlineData("Thanks!")]
    public void Ordinary_words_and_acronyms_are_respectful(string sentence)
    {
        Assert.True(ChecksOf(GoodFinance + "\n\n" + sentence).Respectful);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   \n\n  ")]
    public void An_empty_text_fails_four_checks_with_four_notes(string? text)
    {
        var result = DraftChecker.Check(text!, catalog: null, today: Today);

        Assert.Equal(new DraftChecks(false, false, false, false, true), result.Checks);
        Assert.False(result.Checks.AllPass);
        Assert.Equal(4, result.Notes.Count);
    }

    [Fact]
    public void A_very_long_hedged_sentence_is_shortened_in_the_note()
    {
        var text = "At this time we are unable to consider " + string.Join(" ", Enumerable.Repeat("this request", 40)) + ".";

        var note = DraftChecker.Check(text, catalog: null, today: Today).Notes[0];

        Assert.StartsWith("The no is hedged: \"At this time we are unable", note);
        Assert.EndsWith("...\".", note);
        Assert.Equal("The no is hedged: \"\".".Length + 120, note.Length);
    }

    [Fact]
    public void The_checks_read_CRLF_text_like_LF_text()
    {
        Assert.Equal(ChecksOf(GoodFinance), ChecksOf(GoodFinance.Replace("\n", "\r\n")));
    }

    [Fact]
    public void A_huge_text_is_checked()
    {
        var text = string.Join("\n\n", Enumerable.Repeat(GoodFinance, 500));

        var result = DraftChecker.Check(text, catalog: null, today: Today);

        Assert.True(result.Checks.AllPass);
    }

    // ---------------------------------------------------------------- read as the customer sees it

    [Theory]
    [InlineData("You are an id\u00ADiot.")]                          // soft hyphen
    [InlineData("You are an id\u200Biot.")]                          // zero-width space
    [InlineData("You are an id\u200Diot.")]                          // zero-width joiner
    [InlineData("That is st\u2060upid.")]                            // word joiner
    [InlineData("You are an \u0456d\u0456\u043Et.")]                 // Cyrillic i, i and o
    [InlineData("That is \u03BFbvi\u03BFusly wrong.")]                // Greek omicrons
    [InlineData("You are an \u202Etoidi\u202C.")]                    // right-to-left override: shows as "idiot"
    [InlineData("You are an id\u202E\u202Ciot.")]                    // override and pop inside the word
    [InlineData("You are an id\u2067iot\u2069.")]                    // isolate inside the word
    [InlineData("You are an \uFF49\uFF44\uFF49\uFF4F\uFF54.")]       // full-width letters
    [InlineData("You are an \U0001D422\U0001D41D\U0001D422\U0001D428\U0001D42D.")] // mathematical bold
    [InlineData("You are an i\u0301di\u0308ot.")]                    // combining accents
    public void An_insult_with_invisible_or_look_alike_characters_is_not_respectful(string sentence)
    {
        var result = DraftChecker.Check(GoodFinance + "\n\n" + sentence, catalog: null, today: Today);

        Assert.False(result.Checks.Respectful);
        Assert.Contains(result.Notes, n => n.StartsWith("Blaming or rude wording: \"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_catalogs_abusive_words_are_read_through_a_soft_hyphen_too()
    {
        var catalog = TemplateFixture.Catalog;
        const string sentence = "This is gar\u00ADbage.";

        Assert.False(DraftChecker.Check(GoodFinance + "\n\nThis is garbage.", catalog, Today).Checks.Respectful);
        Assert.False(DraftChecker.Check(GoodFinance + "\n\n" + sentence, catalog, Today).Checks.Respectful);
    }

    [Theory]
    [InlineData("\u0421\u043F\u0430\u0441\u0438\u0431\u043E \u0437\u0430 \u043F\u0438\u0441\u044C\u043C\u043E.")] // Russian: "thanks for the letter"
    [InlineData("\u0395\u03C5\u03C7\u03B1\u03C1\u03B9\u03C3\u03C4\u03BF\u03CD\u03BC\u03B5.")]                   // Greek: "thank you"
    [InlineData("Our caf\u00E9 in Z\u00FCrich, na\u00EFvely priced.")]
    [InlineData("Thanks\u200Bfor the call.")]
    [InlineData("\u202EHello\u202C, Shell and Hellenic are customers.")]
    public void Other_scripts_accents_and_invisible_characters_alone_are_respectful(string sentence)
    {
        Assert.True(DraftChecker.Check(GoodFinance + "\n\n" + sentence, TemplateFixture.Catalog, Today).Checks.Respectful);
    }

    [Fact]
    public void A_check_of_a_request_that_has_gone_stops()
    {
        using var gone = new CancellationTokenSource();
        gone.Cancel();

        Assert.Throws<OperationCanceledException>(() => DraftChecker.Check(GoodFinance, catalog: null, today: Today, ct: gone.Token));
    }
}
