using System.Diagnostics;
using OutlookSayNo.Asks;
using OutlookSayNo.Evaluation;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.UnitTests;

/// <summary>What the reader does with the shapes real mail takes: what a sentence does, when a
/// consequence is a threat, when nothing is decided without the account manager, whole-sentence
/// evidence, and the figures real customers write.</summary>
public sealed class ReadingRealMailTests
{
    private static readonly string Root = EvalSet.FindRoot(AppContext.BaseDirectory);
    private static readonly KindCatalog Catalog = KindCatalog.Load(Path.Combine(Root, "templates"));
    private static readonly DateOnly Today = new(2026, 12, 2); // a Wednesday
    private readonly Classifier _classifier = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));

    private static SentenceAct[] Acts(string text) => SentenceActs.Read(Tokenizer.Tokenize(text, 0, text.Length));

    [Theory]
    [InlineData("Please let us know your export prices and any discounts you offer.", SentenceAct.Enquiry)]
    [InlineData("We would also like to know whether you give any trade discounts.", SentenceAct.Enquiry)]
    [InlineData("Could you send us your catalogue and price list?", SentenceAct.Enquiry)]
    [InlineData("Could you take 10% off the renewal?", SentenceAct.Ask)]
    [InlineData("We would also need payment terms of net 60.", SentenceAct.Ask)]
    [InlineData("Send the missing 300 jars straight away.", SentenceAct.Ask)]
    [InlineData("I therefore ask you to deliver the product within 2 weeks.", SentenceAct.Ask)]
    [InlineData("We also ask you to prepare a proposal on cost reductions.", SentenceAct.Ask)]
    [InlineData("With immediate effect, our payment terms are extended by 30 days.", SentenceAct.Imposition)]
    [InlineData("Going forward we will pay all invoices at 90 days.", SentenceAct.Imposition)]
    [InlineData("We will therefore begin applying a 1.45% deduction to all shipments.", SentenceAct.Imposition)]
    [InlineData("Let's give it a couple of weeks and see what we can do then.", SentenceAct.Ask)]
    [InlineData("Thank you for the quick delivery last week.", SentenceAct.Thanks)]
    [InlineData("The parcel arrived on Tuesday with two broken jars.", SentenceAct.Statement)]
    // A courtesy in the imperative asks nothing; "please" with a real ask still does.
    [InlineData("Please accept my apologies for the delay, and be assured that this is a one-off request.", SentenceAct.Statement)]
    [InlineData("Please excuse the inconvenience this causes.", SentenceAct.Statement)]
    [InlineData("Please accept the return of the damaged jars.", SentenceAct.Ask)]
    public void A_sentence_is_read_for_what_it_does(string sentence, SentenceAct expected) =>
        Assert.Equal(expected, Acts(sentence)[0]);

    [Fact]
    public void An_enquiry_about_discounts_is_not_an_ask_for_one()
    {
        var c = _classifier.Classify(Catalog, "Enquiry", "Dear Sir or Madam,\n\nWe saw your trekking boots at the fair. Please let us know your export prices and any discounts you offer, as well as your terms of delivery.\n\nYours faithfully,\nRachel Green\nPurchasing Manager");
        Assert.NotEqual("discount", c.Unsure is null ? c.Primary.Category : "unsure");
    }

    [Theory]
    [InlineData("If the goods are not here by Friday we will cancel the order and buy from another supplier.")]
    [InlineData("Unless the fee is refunded this week, I will leave a review on every site I can find.")]
    [InlineData("We need the refund. Otherwise we will take our business elsewhere.")]
    [InlineData("If not I will never buy your product again, and I will post this matter on Internet.")]
    [InlineData("If you have not finished the work within 14 days, I will regard our agreement as ended and get another trader to complete it.")]
    [InlineData("In case there is again no reply, I will raise official complaints via the payment channel and consumer rights protection.")]
    [InlineData("Where we judge the proposals to be insufficient, we may look for alternative suppliers through a further tender.")]
    [InlineData("There is no way to cancel the payment anywhere, and every one of these charges is going to be disputed.")]
    [InlineData("I have had no answer for a week, so I opened a claim with PayPal this morning.")]
    public void A_consequence_held_over_the_supplier_is_a_threat(string body)
    {
        var c = _classifier.Classify(Catalog, "", "Hello,\n\n" + body + "\n\nRegards,\nAlex");
        Assert.Contains(AskFlags.Threat, c.Flags);
        // The evidence is the whole sentence that holds it.
        Assert.Contains(c.FlagEvidence, e => e.In == AskFlags.Threat && body.Contains(e.Text, StringComparison.Ordinal) && e.Text.Length > 30);
    }

    [Theory]
    [InlineData("Please cancel my order for the blue chairs; we found them elsewhere.")]
    [InlineData("A competitor quoted us 12% less for the same boxes. Could you match it?")]
    [InlineData("We need the trucks by Wednesday 10 December at the latest.")]
    [InlineData("We are very disappointed with the late delivery.")]
    // "If" in words they quote is not their leverage.
    [InlineData("Yesterday I tried to cancel my subscription, as the renewal email said I could (\"If you cancel before the renewal date, no fee will be charged\"). But the system showed a termination fee, so I could not cancel in time.")]
    // A consequence they deny is not held over us.
    [InlineData("The only reason I haven't filed a claim with my bank is that the time limit for it has already run out.")]
    public void Cancelling_naming_a_competitor_a_firm_date_or_disappointment_is_not_a_threat(string body)
    {
        var c = _classifier.Classify(Catalog, "", "Dear Sam,\n\n" + body + "\n\nYours sincerely,\nAlex Reed\nChief Executive Officer\nManaging Director, Reed Holdings");
        Assert.DoesNotContain(AskFlags.Threat, c.Flags);
    }

    [Theory]
    [InlineData("Your support is a pile of shit.")]
    [InlineData("These thieves took 10 dollars from me.")]
    [InlineData("You're the epitome of a b*tch.")]
    // The same words aimed at the reader are.
    [InlineData("You people have wasted a whole day with your stupid bullshit.")]
    [InlineData("Just shut the hell up and fix it.")]
    public void Insults_are_abusive(string body) =>
        Assert.Contains(AskFlags.Abusive, _classifier.Classify(Catalog, "", body).Flags);

    [Theory]
    [InlineData("The monthly limits should be DAILY limits. Seriously, no joke. One session uses it all up.")]
    [InlineData("I've paid for the past 3 months and there's no subscription info at all, wtf? Please fix my account.")]
    // Swearing about a thing or the situation is not aimed at the reader.
    [InlineData("WE HAVE LOST A WHOLE DAY TO THIS STUPID BULLSHIT. Please send the final files today.")]
    [InlineData("Why should I pay another $50 for shipping and $25 for a fucking case?")]
    [InlineData("Will I get compensated for the months the connection has been garbage?")]
    public void Exasperation_at_the_situation_is_not_abusive(string body) =>
        Assert.DoesNotContain(AskFlags.Abusive, _classifier.Classify(Catalog, "", body).Flags);

    [Theory]
    [InlineData("Your invoice is a joke, and I won't pay it.")]
    [InlineData("Your quality control is a sick joke.")]
    public void Calling_their_work_a_joke_is_still_abusive(string body) =>
        Assert.Contains(AskFlags.Abusive, _classifier.Classify(Catalog, "", body).Flags);

    [Fact]
    public void Bluntness_is_not_abusive() =>
        Assert.DoesNotContain(AskFlags.Abusive, _classifier.Classify(Catalog, "", "This is not good enough. The price is too high and the delivery was late again. Fix it.").Flags);

    [Fact]
    public void The_evidence_of_an_ask_is_the_sentence_that_asks_shown_whole()
    {
        const string body = "Hi Sam,\n\nOur budget for next year was cut by a third. Could you reduce the price by 15% on the $48,000 renewal?\n\nBest,\nPriya";
        var c = _classifier.Classify(Catalog, "Renewal", body);
        Assert.Equal("discount", c.Primary.Category);
        var e = c.Primary.Evidence.First(x => x.In == "body");
        Assert.Equal("Could you reduce the price by 15% on the $48,000 renewal?", e.Text);
        Assert.Equal(e.Text, body.Substring(e.Start, e.Length));
    }

    [Fact]
    public void A_possible_ask_is_never_waved_away_as_nothing_to_refuse_without_a_choice()
    {
        var c = _classifier.Classify(Catalog, "Renewal", "Hello Sam,\n\nIs there any way you could help us with the renewal this year?\n\nThanks,\nMarta");
        var unsure = Assert.IsType<AskUncertainty>(c.Unsure);
        Assert.Equal(2, unsure.Candidates.Count);
        Assert.Contains(unsure.Candidates, x => x.Category == "other");
        Assert.Contains(unsure.Candidates, x => x.Category != "other" && x.Evidence.Count > 0);
    }

    [Fact]
    public void The_reader_model_gives_probabilities_that_sum_to_one_over_every_kind_and_other()
    {
        var c = _classifier.Classify(Catalog, "", "We need the goods a week earlier and a 5% discount.");
        Assert.Equal(1.0, c.Probabilities.Values.Sum(), 6);
        Assert.Equal(Catalog.Kinds.Count, c.Probabilities.Count);
        Assert.Equal(c.Primary.Confidence, Math.Round(c.Probabilities[c.Primary.Category], 2));
    }

    [Fact]
    public void Two_asks_in_one_sentence_are_both_named()
    {
        var c = _classifier.Classify(Catalog, "", "Hi Sam, could you take 10% off the renewal and let us pay the invoice at 60 days instead of 30? Thanks, Jo");
        var kinds = c.Secondary.Select(s => s.Category).Append(c.Primary.Category).Order().ToList();
        Assert.Equal(["discount", "payment_terms"], kinds);
    }

    [Theory]
    [InlineData("We ordered 700 jars of relish but you sent only 400 jars.", "700 jars", FigureKind.Quantity, 700)]
    [InlineData("Could you print seven posters for me?", "seven posters", FigureKind.Quantity, 7)]
    [InlineData("We will pay one fifth of the contract amount.", "one fifth", FigureKind.Percent, 20)]
    [InlineData("I can do it for 150$ at most.", "150$", FigureKind.Money, 150)]
    [InlineData("at 30 cents a unit", "30 cents", FigureKind.Money, 0.3)]
    [InlineData("a cut of 5 percentage points", "5 percentage points", FigureKind.Percent, 5)]
    [InlineData("I can wait another week.", "another week", FigureKind.Duration, 7)]
    public void Counts_fractions_and_loose_amounts_are_figures(string text, string figure, FigureKind kind, double number)
    {
        var f = Assert.Single(FigureExtractor.Extract(text, Today), x => x.Text == figure);
        Assert.Equal(kind, f.Kind);
        Assert.Equal((decimal)number, f.Number);
    }

    [Theory]
    [InlineData("Please deliver by the end of the month.", "the end of the month", "2026-12-31")]
    [InlineData("We can meet next week.", "next week", "2026-12-07")]
    [InlineData("It arrived last Thursday.", "last Thursday", "2026-11-26")]
    [InlineData("Payment is due on the 24th.", "on the 24th", "2026-12-24")]
    [InlineData("Deliver it by 28/06 please.", "28/06", "2027-06-28")]
    [InlineData("My licence ran out on 2023/12/28.", "2023/12/28", "2023-12-28")]
    [InlineData("We placed it in May 2016.", "in May 2016", "2016-05-01")]
    [InlineData("The work must finish by the end of September.", "end of September", "2027-09-30")]
    public void Dates_as_customers_write_them_are_figures(string text, string figure, string iso)
    {
        var f = Assert.Single(FigureExtractor.Extract(text, Today), x => x.Kind == FigureKind.Date);
        Assert.Equal(figure, f.Text);
        Assert.Equal(iso, f.Iso);
    }

    [Theory]
    [InlineData("You may call me tomorrow at 10.")] // "may" is a verb
    [InlineData("We paid 3 of them in 2019.")] // no unit, and a year is not a count
    [InlineData("Could you lock today's price?")]
    public void Words_that_only_look_like_figures_are_not_figures_of_that_kind(string text)
    {
        var figures = FigureExtractor.Extract(text, Today);
        Assert.DoesNotContain(figures, f => f.Kind == FigureKind.Quantity || f.Text is "may" or "May" or "today");
    }

    [Fact]
    public void Reading_figures_stays_linear_on_long_runs_of_numbers_and_words()
    {
        // A sentence that once sent a backtracking pattern into minutes, repeated to 200 KB.
        const string sentence = "The agreed delivery date has passed. I ask that you deliver my order within 10 days and let me know the status of the delivery. If you cannot deliver within that time, I want a refund of the € 164.50 purchase price, and I expect it within 14 days, paid to the same card I used for the purchase. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 200_000 / sentence.Length));
        var watch = Stopwatch.StartNew();
        var figures = FigureExtractor.Extract(text, Today);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.NotEmpty(figures);
    }

    [Fact]
    public void Relative_dates_count_from_the_day_the_email_was_written_never_from_a_day_to_come()
    {
        const string body = "Hello,\n\nCould you deliver the chairs by Friday?\n\nAlex";
        string Friday(DateOnly? writtenOn) => _classifier.Classify(Catalog, "", body, default, writtenOn).Figures.Single(f => f.Kind == FigureKind.Date).Iso!;

        // Today is Wednesday 2 December; written on Monday 23 November, "by Friday" was 27 November.
        Assert.Equal("2026-11-27", Friday(new DateOnly(2026, 11, 23)));
        Assert.Equal("2026-12-04", Friday(null));
        // A date after today (a wrong clock) counts from today.
        Assert.Equal("2026-12-04", Friday(new DateOnly(2026, 12, 20)));
    }
}
