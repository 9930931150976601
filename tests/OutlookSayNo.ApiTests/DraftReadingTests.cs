using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using OutlookSayNo.Asks;
using OutlookSayNo.Mailbox;

namespace OutlookSayNo.ApiTests;

/// <summary>One request per draft: the draft carries the reading the pane shows, re-drafts reuse it,
/// and an unsure reading asks the account manager before anything is drafted.</summary>
public sealed class DraftReadingTests(MailboxStandInFactory factory) : IClassFixture<MailboxStandInFactory>
{
    private readonly HttpClient _client = factory.ClientAs(name: "Alex Morgan");
    private Readings Readings => factory.Services.GetRequiredService<Readings>();

    private async Task<(HttpStatusCode Status, JsonNode Json)> Draft(object request)
    {
        var response = await _client.PostJsonAsync("/api/drafts", request);
        return (response.StatusCode, await response.ReadNodeAsync());
    }

    [Fact]
    public async Task The_draft_carries_the_whole_reading_secondary_asks_figures_and_flag_evidence()
    {
        const string body = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal? We also need the first delivery two weeks earlier, by March 3.\n" +
                            "If not, we will move our business to another supplier.\n\nBest regards,\nPriya Nair\nHead of Finance";
        var (status, json) = await Draft(new { email = Json.Email(body), category = "discount" });

        Assert.Equal(HttpStatusCode.OK, status);
        var reading = json["classification"]!;
        var asks = reading["secondary"]!.AsArray().Select(s => (string?)s!["category"]).Append((string?)reading["primary"]!["category"]).ToList();
        Assert.Contains("discount", asks);
        Assert.Contains("deadline", asks);
        Assert.Contains(reading["figures"]!.AsArray(), f => (string?)f!["text"] == "15%");
        Assert.Contains(reading["figures"]!.AsArray(), f => (string?)f!["text"] == "$48,000");
        Assert.Contains(reading["flags"]!.AsArray(), f => (string?)f == "threat");
        Assert.Contains(reading["flagEvidence"]!.AsArray(), e => ((string)e!["text"]!).Contains("another supplier"));
        Assert.Equal("finance", (string?)reading["audience"]!["suggested"]);
    }

    [Fact]
    public async Task Evidence_is_the_sentence_that_asks_shown_whole()
    {
        var (_, json) = await Draft(new { email = Json.Email(Emails.DiscountBody) });
        var evidence = json["classification"]!["primary"]!["evidence"]!.AsArray().Where(e => (string?)e!["in"] != "subject").ToList();
        Assert.NotEmpty(evidence);
        var first = evidence[0]!;
        var text = (string)first["text"]!;
        // A whole sentence: it starts at a capital and ends at its stop, not at a cue word.
        Assert.True(char.IsUpper(text[0]), text);
        Assert.True(text.EndsWith('?') || text.EndsWith('.') || text.EndsWith('!'), text);
        Assert.Equal(text, Emails.DiscountBody.Substring((int)first["start"]!, (int)first["length"]!));
    }

    [Fact]
    public async Task A_re_draft_for_another_audience_kind_or_field_does_not_classify_again()
    {
        var body = Emails.DiscountBody + "\n\n(re-draft test " + Guid.NewGuid() + ")";
        var (first, _) = await Draft(new { email = Json.Email(body) });
        Assert.Equal(HttpStatusCode.OK, first);
        var classified = Readings.Classified;

        Assert.Equal(HttpStatusCode.OK, (await Draft(new { email = Json.Email(body), audience = "technical" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Draft(new { email = Json.Email(body), category = "payment_terms" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Draft(new { email = Json.Email(body), fields = new { currentMarginPercent = "22" } })).Status);
        Assert.Equal(classified, Readings.Classified);

        // A different email is read afresh.
        await Draft(new { email = Json.Email(body + " And thanks.") });
        Assert.Equal(classified + 1, Readings.Classified);
    }

    [Fact]
    public async Task A_re_draft_of_an_email_read_by_id_does_not_read_the_mailbox_again()
    {
        var id = "msg-redraft-" + Guid.NewGuid();
        factory.Mailbox.GetMessageAsync(id, Arg.Any<CancellationToken>())
            .Returns(new MailMessage(id, "Renewal", Emails.DiscountBody, new MailPerson("Priya Nair", "priya.nair@northwind-foods.com"), "conv", null, []));

        Assert.Equal(HttpStatusCode.OK, (await Draft(new { email = new { itemId = id } })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Draft(new { email = new { itemId = id }, audience = "commercial" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Draft(new { email = new { itemId = id }, audience = "technical" })).Status);

        await factory.Mailbox.Received(1).GetMessageAsync(id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Another_user_drafting_the_same_item_id_reads_their_own_mailbox()
    {
        var id = "msg-shared-" + Guid.NewGuid();
        factory.Mailbox.GetMessageAsync(id, Arg.Any<CancellationToken>())
            .Returns(new MailMessage(id, "Renewal", Emails.DiscountBody, null, null, null, []));
        await Draft(new { email = new { itemId = id } });
        var other = factory.ClientAs(name: "Robin Other");
        Assert.Equal(HttpStatusCode.OK, (await other.PostJsonAsync("/api/drafts", new { email = new { itemId = id } })).StatusCode);
        await factory.Mailbox.Received(2).GetMessageAsync(id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_vague_ask_gets_ask_unclear_with_both_readings_and_their_evidence_and_no_draft()
    {
        // "Help us with the renewal" may be a price ask or nothing to refuse: the account manager decides.
        const string body = "Hello Sam,\n\nIs there any way you could help us with the renewal this year?\n\nThanks,\nMarta";
        var before = await DraftCount();
        var (status, json) = await Draft(new { email = Json.Email(body) });

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("https://outlooksayno.dev/problems/ask-unclear", (string?)json["type"]);
        var unsure = json["classification"]!["unsure"]!;
        var candidates = unsure["candidates"]!.AsArray();
        Assert.Equal(2, candidates.Count);
        Assert.Contains(candidates, c => (string?)c!["category"] == "other");
        var ask = candidates.Single(c => (string?)c!["category"] != "other")!;
        Assert.Equal("Is there any way you could help us with the renewal this year?", (string?)ask["evidence"]![0]!["text"]);
        Assert.Equal(json["candidates"]!.AsArray().Select(c => (string?)c), candidates.Select(c => (string?)c!["category"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)unsure["reason"]));
        Assert.Equal(before, await DraftCount());

        // The choice drafts.
        var (picked, draft) = await Draft(new { email = Json.Email(body), category = (string)ask["category"]! });
        Assert.Equal(HttpStatusCode.OK, picked);
        Assert.Equal((string?)ask["category"], (string?)draft["category"]);
    }

    private async Task<int> DraftCount()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutlookSayNo.Data.SayNoDb>().Drafts.CountAsync();
    }

    [Fact]
    public async Task A_clear_thank_you_is_no_refusable_ask_without_a_choice()
    {
        var (status, json) = await Draft(new { email = Json.Email(Emails.ThanksBody) });
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("https://outlooksayno.dev/problems/no-refusable-ask", (string?)json["type"]);
        Assert.Null(json["classification"]!["unsure"]);
    }

    private const string Unasked =
        "Hi Sam,\n\nThe March parts order went well, thank you. For the April batch, the plant would rather you sent it straight from the line this time and left the final paperwork until later.\n\nThanks,\nPriya Nair";

    [Fact]
    public async Task The_account_manager_points_to_the_sentence_that_asks_and_the_check_and_the_log_take_it()
    {
        var subject = $"April batch {Guid.NewGuid():N}";
        var (status, first) = await Draft(new { email = Json.Email(Unasked, subject), category = "exception", audience = "finance" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)first["checks"]!["grounded"]!);
        var sentences = first["reading"]!["sentences"]!.AsArray();
        // "Hi Sam," and "Thanks," ask nothing and are not offered.
        Assert.DoesNotContain(sentences, x => ((string)x!["text"]!).StartsWith("Hi Sam", StringComparison.Ordinal) || (string)x!["text"]! == "Thanks,");
        var index = sentences.Single(x => ((string)x!["text"]!).StartsWith("For the April batch", StringComparison.Ordinal))!["index"]!.GetValue<int>();
        Assert.False((bool)first["reading"]!["requestPointed"]!);

        var (again, pointed) = await Draft(new { email = Json.Email(Unasked, subject), category = "exception", audience = "finance", askSentence = index });
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True((bool)pointed["checks"]!["grounded"]!, pointed["checkNotes"]!.ToJsonString());
        Assert.True((bool)pointed["reading"]!["requestPointed"]!);
        Assert.Equal(index, pointed["reading"]!["requestSentence"]!.GetValue<int>());
        Assert.StartsWith("For the April batch", (string?)pointed["reading"]!["request"]);

        // Compliance sees the sentence the account manager pointed to, and that they pointed to it.
        var detail = await (await factory.ClientAs("ComplianceReviewer", "Rita Reviewer").GetAsync($"/api/compliance/drafts/{(string)pointed["draftId"]!}")).ReadNodeAsync();
        var ask = detail["revisions"]!.AsArray().Last()!["generated"]!["ask"]!;
        Assert.True((bool)ask["pointed"]!);
        Assert.StartsWith("For the April batch", (string?)ask["quote"]);
    }

    [Fact]
    public async Task A_sentence_the_message_does_not_have_is_a_clear_problem()
    {
        var (status, json) = await Draft(new { email = Json.Email(Unasked), category = "exception", askSentence = 40 });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The newest message has 3 sentences", json["errors"]!["askSentence"]![0]!.ToString());
    }
}
