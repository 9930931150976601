using System.Net;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>The stance before the words: the draft takes the stance the email suggests, says so with the
/// customer's sentence, lets the account manager take another, and the log keeps which one was taken.</summary>
public sealed class DraftStanceTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private readonly HttpClient _client = factory.ClientAs(name: "Alex Morgan");

    private const string LateOrder =
        "Hi Alex,\n\nOrder 5521 was due on 10 November and has still not arrived; nobody has replied to my two emails. We now need the full order by 20 November.\n\nRegards,\nNadia Okafor";

    private const string NewTerms =
        "Dear Supplier,\n\nWith effect from 1 March 2027 we will pay all supplier invoices at 90 days from the date of invoice.\n\nYours faithfully,\nAndrea Schulte";

    private Task<JsonNode> Draft(object request, HttpStatusCode expected = HttpStatusCode.OK) => _client.DraftAsync(request, expected);

    [Fact]
    public async Task A_reported_failure_of_ours_is_owned_and_the_draft_says_so()
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial" });
        var stance = json["stance"]!;

        Assert.Equal("own_part", (string?)stance["taken"]);
        Assert.Equal("Own our part", (string?)stance["takenLabel"]);
        Assert.Contains("has still not arrived", (string?)stance["evidence"]![0]!["text"]);
        Assert.Contains("You are right to raise this", (string)json["text"]!);
    }

    [Fact]
    public async Task Owning_our_part_grants_the_remedy_asked_for_and_declines_only_what_goes_beyond()
    {
        const string refund = "Dear Sir or Madam,\n\nThe heater we bought in March failed last week and your technician replaced the thermostat. We were charged a visit fee of £65.00.\n\nThe fault is plainly in the part you supplied, so we are asking you to refund the visit fee.\n\nYours faithfully,\nHelen Marsh";
        var json = await Draft(new { email = Json.Email(refund), category = "liability", audience = "commercial", stance = "own_part" });
        var text = (string)json["text"]!;

        Assert.Contains("we will refund the £65", text);
        // Granted, and nothing refused that they did not ask for (no "costs that follow", no "part we cannot take on").
        Assert.DoesNotContain("can't", text);
        Assert.DoesNotContain("cannot", text);
        Assert.DoesNotContain("don't offer", text);
        Assert.True((bool)json["checks"]!["saysNo"]!, text);
        Assert.True((bool)json["checks"]!["grants"]!, text);
        Assert.True((bool)json["checks"]!["offersAlternative"]!, text);
        Assert.True((bool)json["checks"]!["givesReason"]!, text);
        // The refund is the answer: no other way to put it right is offered until the account manager ticks one.
        Assert.DoesNotContain("Alternatively", text);
        Assert.All(json["alternatives"]!.AsArray(), a => Assert.False((bool)a!["offered"]!));
        Assert.NotEmpty(json["alternatives"]!.AsArray());
        var ticked = await Draft(new { email = Json.Email(refund), category = "liability", audience = "commercial", stance = "own_part", alternatives = new[] { "put-it-right" } });
        Assert.Contains("Put right at our cost", (string)ticked["text"]!);

        // Asked for their losses as well: the refund is not granted in a line of its own, and the losses are declined.
        var beyond = await Draft(new { email = Json.Email(refund.Replace("refund the visit fee.", "refund the visit fee and compensate us for the lost bookings.")), category = "liability", audience = "commercial", stance = "own_part" });
        Assert.DoesNotContain("we will refund the £65", (string)beyond["text"]!);
        Assert.Contains("What I can't offer", (string)beyond["text"]!);
        // Written only when true: a reader that takes every member of checks for a check sees no failure.
        Assert.Null(beyond["checks"]!["grants"]);

        // Asked to refuse, the same refund email gets a plain no, judged as one.
        var refused = await Draft(new { email = Json.Email(refund), category = "liability", audience = "commercial", stance = "refuse" });
        Assert.Null(refused["checks"]!["grants"]);
        Assert.True((bool)refused["checks"]!["saysNo"]!, (string)refused["text"]!);
    }

    [Theory]
    [InlineData("refund", "The heater we bought from you in March failed last week and your technician replaced the thermostat. We were charged a visit fee of £65.00. As the fault is in the part you supplied, please refund the visit fee.")]
    [InlineData("replace", "The kettle we bought from you on 2 November stopped working after 5 days. It is clearly faulty, so please send us a replacement.")]
    [InlineData("repair", "The printer you installed 3 weeks ago jams on every job, which is a fault in the unit you supplied. Please repair it.")]
    [InlineData("redo", "The brochure layout you delivered has the wrong logo on 4 pages, which was your mistake. Please redo those pages.")]
    [InlineData("correct", "Your invoice 4471 charges us £480 for 12 licences, but we only have 10. Please correct the invoice.")]
    // A failure reported with no remedy named and no sum claimed: the usual remedies, their choice.
    [InlineData("choice", "The 40 DVDs of order 7714 arrived this morning, and twelve of the discs were scratched. The list of the damaged discs is attached.")]
    public async Task Each_granted_remedy_passes_every_check_for_every_reader_without_refusing_anything(string remedy, string ask)
    {
        foreach (var audience in new[] { "commercial", "technical", "finance" })
        {
            var json = await Draft(new { email = Json.Email($"Hello,\n\n{ask}\n\nRegards,\nHelen Marsh"), category = "liability", audience, stance = "own_part" });
            var text = (string)json["text"]!;
            var checks = json["checks"]!.AsObject();
            Assert.True(checks.All(c => (bool)c.Value!), $"{remedy}/{audience}: {json["checkNotes"]}\n{text}");
            Assert.True((bool)checks["grants"]!, $"{remedy}/{audience}: {text}");
            Assert.DoesNotMatch(@"\b(can't|cannot|don't offer|won't)\b", text);
            // A refund or a corrected charge is the whole answer; a replacement, a repair or the work redone may be
            // swapped for another way to put it right.
            Assert.Equal(remedy is not ("refund" or "correct" or "choice"), text.Contains("Alternatively", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_granted_remedy_sent_as_drafted_needs_no_confirmation_and_one_sent_without_the_grant_does()
    {
        const string refund = "Dear Sir or Madam,\n\nThe heater we bought in March failed last week and your technician replaced the thermostat. We were charged a visit fee of £65.00.\n\nThe fault is plainly in the part you supplied, so we are asking you to refund the visit fee.\n\nYours faithfully,\nHelen Marsh";
        var text = (string)(await Draft(new { email = Json.Email(refund), category = "liability", audience = "finance", stance = "own_part" }))["text"]!;
        Assert.Contains("We will correct what is ours at our cost: we will refund £65 to you.", text);

        // A draft is sent once, and the same email makes the same draft: each reply answers its own email.
        async Task<JsonNode> Sent(string body, string bought)
        {
            var id = (string)(await Draft(new { email = Json.Email(refund.Replace("in March", bought)), category = "liability", audience = "finance", stance = "own_part" }))["id"]!;
            var response = await _client.PostJsonAsync($"/api/drafts/{id}/events",
                new { type = "sent", mode = "reply", body, to = new[] { new { name = "Helen Marsh", email = "helen@example.com" } } });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return await response.ReadNodeAsync();
        }

        var asDrafted = await Sent(text, "in April");
        Assert.True((bool)asDrafted["checks"]!["grants"]!);
        Assert.False((bool)asDrafted["confirm"]!, asDrafted.ToJsonString());

        // The grant turned into "we will look at it": neither a no nor a grant, so the sender is asked to confirm.
        var vague = await Sent(text.Replace("We will correct what is ours at our cost: we will refund £65 to you.", "We will look into the £65 and come back to you."), "in May");
        Assert.False((bool)vague["checks"]!["saysNo"]!);
        Assert.True((bool)vague["confirm"]!);
        Assert.Contains("The reply no longer gives a clear answer.", vague["reasons"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task A_late_replacement_is_sent_at_our_cost_and_only_the_date_waits_for_a_check()
    {
        const string faulty = "Dear Sir,\n\nThe paper I ordered from you arrived damaged and I cannot finish my work. Please send me a replacement box within 2 days.\n\nYours faithfully,\nLin Yu";
        var json = await Draft(new { email = Json.Email(faulty), category = "deadline", audience = "commercial", stance = "own_part" });
        var text = (string)json["text"]!;

        Assert.Contains("We will send you a replacement at our cost. I can't promise it within the 2 days you ask for", text);
        Assert.DoesNotContain("replacement at our cost", (string)(await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial" }))["text"]!);

        // "within a week" is said back as "within the week", never "within the a week".
        var week = await Draft(new { email = Json.Email(faulty.Replace("within 2 days", "within a week")), category = "deadline", audience = "commercial", stance = "own_part" });
        Assert.Contains("within the week you ask for", (string)week["text"]!);
    }

    [Fact]
    public async Task An_announced_change_is_answered_as_an_imposition()
    {
        var json = await Draft(new { email = Json.Email(NewTerms), category = "payment_terms", audience = "finance" });

        Assert.Equal("imposed", (string?)json["stance"]!["taken"]);
        Assert.Contains("We have not agreed to this change", (string)json["text"]!);
    }

    [Fact]
    public async Task An_imposition_is_answered_in_its_own_words_with_a_counter_proposal_not_as_a_request()
    {
        var json = await Draft(new { email = Json.Email(NewTerms), category = "payment_terms", audience = "commercial" });
        var text = (string)json["text"]!;

        Assert.Contains("\"With effect from 1 March 2027 we will pay all supplier invoices at 90 days from the date of invoice\"", text);
        Assert.Contains("We cannot accept terms of 90 days", text);
        Assert.DoesNotContain("you asked", text);
        Assert.DoesNotContain("Thank you for your message about", text);
        Assert.Equal(["third-party-financing", "agree-terms"], Offered(json));

        // Refusing instead brings back the kind's usual alternatives.
        var refused = await Draft(new { email = Json.Email(NewTerms), category = "payment_terms", audience = "commercial", stance = "refuse" });
        Assert.Equal(["early-payment", "instalments"], Offered(refused));
    }

    [Fact]
    public async Task Charges_imposed_on_us_are_not_answered_as_a_warranty_claim()
    {
        const string fines = "Dear Supplier,\n\nFrom 1 March, suppliers who deliver late or incomplete orders will be charged 3% of the cost of goods.\n\nYours faithfully,\nSteve McCann";
        foreach (var audience in (string[])["commercial", "technical", "finance"])
        {
            var json = await Draft(new { email = Json.Email(fines), category = "liability", audience, stance = "imposed" });
            var text = (string)json["text"]!;

            Assert.Equal("imposed", (string?)json["stance"]!["taken"]);
            Assert.Contains("3%", text);
            Assert.DoesNotContain("what caused the problem", text);
            Assert.DoesNotContain("cause is not established", text);
            Assert.DoesNotContain("you asked", text);
            Assert.Contains("agree-terms", Offered(json));
            Assert.DoesNotContain("repair-at-cost", Offered(json));
        }
    }

    private static List<string> Offered(JsonNode draft) =>
        draft["alternatives"]!.AsArray().Where(a => (bool)a!["offered"]!).Select(a => (string)a!["id"]!).ToList();

    [Fact]
    public async Task The_account_manager_can_take_another_stance_and_the_log_keeps_both()
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial", stance = "refuse" });

        Assert.Equal("refuse", (string?)json["stance"]!["taken"]);
        Assert.Equal("own_part", (string?)json["stance"]!["suggested"]);
        Assert.DoesNotContain("You are right to raise this", (string)json["text"]!);

        var detail = await (await factory.ClientAs("ComplianceReviewer", "Rita Reviewer").GetAsync($"/api/compliance/drafts/{(string)json["id"]!}")).ReadNodeAsync();
        Assert.Equal("refuse", (string?)detail["generated"]!["stance"]!["taken"]);
        Assert.Equal("own_part", (string?)detail["generated"]!["stance"]!["suggested"]);
    }

    [Fact]
    public async Task A_plain_ask_is_refused_with_no_stance_paragraph()
    {
        var json = await Draft(new { email = Json.Email("Hi Alex,\n\nCould you take 15% off the $48,000 renewal?\n\nThanks,\nPriya"), category = "discount", audience = "commercial" });

        Assert.Equal("refuse", (string?)json["stance"]!["taken"]);
        Assert.Empty(json["stance"]!["evidence"]!.AsArray());
    }

    [Fact]
    public async Task A_stance_the_product_does_not_know_is_a_clear_problem()
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial", stance = "maybe" }, HttpStatusCode.BadRequest);

        Assert.Contains("is not a stance: use refuse, own_part, imposed, small", json["errors"]!["stance"]![0]!.ToString());
    }

    // 2% of a $3,000 order is $60, within the $100 an account manager may concede without approval (facts.json).
    private const string SmallDiscount = "Hi Alex,\n\nCould you take 2% off our $3,000 order this time?\n\nThanks,\nPriya";

    [Fact]
    public async Task An_ask_within_what_the_account_manager_may_concede_drafts_no_refusal_and_says_why()
    {
        var subject = $"Small ask {Guid.NewGuid():N}";
        var json = await Draft(new { email = Json.Email(SmallDiscount, subject), category = "discount", audience = "commercial", fields = new { contractValue = "3000" } },
            HttpStatusCode.UnprocessableEntity);

        Assert.Equal("https://outlooksayno.dev/problems/consider-yes", (string?)json["type"]);
        Assert.Equal("Consider a yes", (string?)json["title"]);
        Assert.Contains("Amount the discount removes: $60", (string?)json["detail"]);
        Assert.Contains("; most an account manager may concede without approval: $100", (string?)json["detail"]);
        Assert.Equal("small", (string?)json["stance"]!["suggested"]);
        Assert.Contains("2% off", (string?)json["stance"]!["evidence"]![0]!["text"]);
        Assert.Null(json["text"]);

        // Nothing was drafted, so nothing is in the log.
        var list = await (await factory.ClientAs("ComplianceReviewer", "Rita Reviewer").GetAsync($"/api/compliance/drafts?count=true&q={Uri.EscapeDataString(subject)}")).ReadNodeAsync();
        Assert.Equal(0, (int)list["total"]!);
        // The same search finds the draft once the account manager asks for a no.
        await Draft(new { email = Json.Email(SmallDiscount, subject), category = "discount", audience = "commercial", fields = new { contractValue = "3000" }, stance = "refuse" });
        list = await (await factory.ClientAs("ComplianceReviewer", "Rita Reviewer").GetAsync($"/api/compliance/drafts?count=true&q={Uri.EscapeDataString(subject)}")).ReadNodeAsync();
        Assert.Equal(1, (int)list["total"]!);
    }

    [Fact]
    public async Task Asked_for_a_no_anyway_the_draft_refuses_and_keeps_the_suggestion_for_the_log()
    {
        var json = await Draft(new { email = Json.Email(SmallDiscount, $"Small ask {Guid.NewGuid():N}"), category = "discount", audience = "commercial", fields = new { contractValue = "3000" }, stance = "refuse" });

        Assert.Equal("refuse", (string?)json["stance"]!["taken"]);
        Assert.Equal("small", (string?)json["stance"]!["suggested"]);
        Assert.Equal("Consider a yes", (string?)json["stance"]!["suggestedLabel"]);
        Assert.Contains("We can't lower the price by 2%", (string)json["text"]!);

        var detail = await (await factory.ClientAs("ComplianceReviewer", "Rita Reviewer").GetAsync($"/api/compliance/drafts/{(string)json["id"]!}")).ReadNodeAsync();
        Assert.Equal("refuse", (string?)detail["generated"]!["stance"]!["taken"]);
        Assert.Equal("small", (string?)detail["generated"]!["stance"]!["suggested"]);
    }

    [Fact]
    public async Task Over_the_limit_or_without_the_deal_size_it_is_a_plain_no()
    {
        // 2% of $10,000 is $200, over the limit; without the order's value the amount is not known.
        var over = await Draft(new { email = Json.Email(SmallDiscount), category = "discount", audience = "commercial", fields = new { contractValue = "10000" } });
        Assert.Equal("refuse", (string?)over["stance"]!["suggested"]);

        var unknown = await Draft(new { email = Json.Email("Hi Alex,\n\nCould you take 2% off this time?\n\nThanks,\nPriya"), category = "discount", audience = "commercial" });
        Assert.Equal("refuse", (string?)unknown["stance"]!["suggested"]);
    }

    [Fact]
    public async Task The_account_manager_can_choose_to_consider_a_yes_on_any_draft()
    {
        var json = await Draft(new { email = Json.Email(LateOrder), category = "deadline", audience = "commercial", stance = "small" }, HttpStatusCode.UnprocessableEntity);

        Assert.Equal("https://outlooksayno.dev/problems/consider-yes", (string?)json["type"]);
        Assert.Equal("small", (string?)json["stance"]!["taken"]);
        // The email still suggests owning our part; the account manager's choice does not rewrite that.
        Assert.Equal("own_part", (string?)json["stance"]!["suggested"]);
        Assert.StartsWith("No refusal is drafted", (string?)json["detail"]);
    }
}
