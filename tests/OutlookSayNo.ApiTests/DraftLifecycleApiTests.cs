using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

/// <summary>A draft's events follow its life (sent once, unless the send was held for confirmation;
/// discarded only before; nothing after a terminal state but a send after a discard), and a change to the
/// text a reviewer judged reopens the review. Without this, a rude sent reply marked reviewed could be
/// replaced by a clean one and leave the failed-check filter.</summary>
public sealed class DraftLifecycleApiTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private const string Rude = "No. As I said before, the timing of your launch is your problem, not ours. Stop asking.";

    private async Task<(HttpClient Manager, string Id, string Text)> NewDraft(string name)
    {
        var client = factory.ClientAs(name: name);
        // Each draft is of another customer email (item): the same email drafted again would be a revision of one draft.
        var json = await (await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody, itemId: Guid.NewGuid().ToString()) })).ReadNodeAsync();
        return (client, (string)json["id"]!, (string)json["text"]!);
    }

    private static Task<HttpResponseMessage> Event(HttpClient client, string id, object body) =>
        client.PostJsonAsync($"/api/drafts/{id}/events", body);

    private static object Sent(string body) =>
        new { type = "sent", mode = "reply", body, to = new[] { new { name = "Dana", email = "dana@customer.example" } } };

    private async Task<DraftRecord> Row(string id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SayNoDb>().Drafts.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private async Task<int> Count(string id, string type)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SayNoDb>().Log.CountAsync(r => r.DraftId == id && r.Type == type);
    }

    private static async Task AssertConflict(HttpResponseMessage response, string type)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://outlooksayno.dev/problems/" + type, (string?)(await response.ReadNodeAsync())["type"]);
    }

    [Fact]
    public async Task A_second_sent_after_one_that_needed_no_confirmation_is_refused()
    {
        var (manager, id, text) = await NewDraft("Lee Twice");
        var first = await (await Event(manager, id, Sent(text))).ReadNodeAsync();
        Assert.False((bool)first["confirm"]!);

        await AssertConflict(await Event(manager, id, Sent(text + "\nOne more thing.")), "already-sent");
        Assert.Equal(1, await Count(id, LogTypes.Sent));
    }

    [Fact]
    public async Task A_rude_held_send_replaced_by_a_clean_one_stays_in_the_failed_check_filter_and_reopens_its_review()
    {
        // The on-send prompt held the rude reply; a reviewer marked it reviewed; then a clean reply was sent.
        var (manager, id, text) = await NewDraft("Lee Rude");
        var held = await (await Event(manager, id, Sent(Rude))).ReadNodeAsync();
        Assert.True((bool)held["confirm"]!);
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rita Reviewer");
        Assert.Equal(HttpStatusCode.Created, (await reviewer.PostJsonAsync($"/api/compliance/drafts/{id}/actions", new { type = "reviewed" })).StatusCode);

        var clean = await Event(manager, id, Sent(text));
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        Assert.False((bool)(await clean.ReadNodeAsync())["confirm"]!);

        Assert.Equal(2, await Count(id, LogTypes.Sent));
        var failed = await ComplianceReviewApiTests.Search(reviewer, "failedCheck=respectful");
        Assert.Contains(id, failed["items"]!.AsArray().Select(i => (string?)i!["id"]));
        var open = await ComplianceReviewApiTests.Search(reviewer, "review=none");
        Assert.Contains(id, open["items"]!.AsArray().Select(i => (string?)i!["id"]));
        // The clean send needed no confirmation, so nothing more may replace it.
        await AssertConflict(await Event(manager, id, Sent(text)), "already-sent");
    }

    [Fact]
    public async Task A_send_after_a_review_reopens_it()
    {
        var (manager, id, text) = await NewDraft("Lee Reopen");
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rita Reviewer");
        Assert.Equal(HttpStatusCode.Created, (await reviewer.PostJsonAsync($"/api/compliance/drafts/{id}/actions", new { type = "reviewed" })).StatusCode);
        Assert.Equal("reviewed", (await Row(id)).Review);

        Assert.Equal(HttpStatusCode.Created, (await Event(manager, id, Sent(text))).StatusCode);
        var row = await Row(id);
        Assert.Equal("none", row.Review);
        Assert.Null(row.ReviewedAtUtc);
        var page = await ComplianceReviewApiTests.Search(reviewer, "review=none");
        Assert.Contains(id, page["items"]!.AsArray().Select(i => (string?)i!["id"]));
    }

    [Fact]
    public async Task Inserting_edited_text_reopens_a_review_and_inserting_it_unchanged_does_not()
    {
        var (manager, id, text) = await NewDraft("Lee Edit");
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rita Reviewer");
        await reviewer.PostJsonAsync($"/api/compliance/drafts/{id}/actions", new { type = "reviewed" });

        Assert.Equal(HttpStatusCode.Created, (await Event(manager, id, new { type = "inserted", body = text + "\n" })).StatusCode);
        Assert.Equal("reviewed", (await Row(id)).Review);
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, id, new { type = "inserted", body = text + "\nWe can also talk on Friday." })).StatusCode);
        Assert.Equal("none", (await Row(id)).Review);
    }

    [Fact]
    public async Task An_escalation_stays_when_the_reply_is_sent()
    {
        var (manager, id, text) = await NewDraft("Lee Escalated");
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rita Reviewer");
        await reviewer.PostJsonAsync($"/api/compliance/drafts/{id}/actions", new { type = "escalated" });
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, id, Sent(text))).StatusCode);
        Assert.Equal("escalated", (await Row(id)).Review);
    }

    [Fact]
    public async Task Nothing_but_the_send_comes_after_a_draft_is_sent_or_discarded()
    {
        var (manager, sentId, text) = await NewDraft("Lee Order");
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, sentId, new { type = "inserted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, sentId, new { type = "inserted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, sentId, Sent(text))).StatusCode);
        await AssertConflict(await Event(manager, sentId, new { type = "inserted" }), "already-sent");
        await AssertConflict(await Event(manager, sentId, new { type = "discarded" }), "already-sent");
        Assert.Equal("sent", (await Row(sentId)).Status);

        var (_, discardedId, _) = await NewDraft("Lee Order");
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, discardedId, new { type = "discarded" })).StatusCode);
        await AssertConflict(await Event(manager, discardedId, new { type = "discarded" }), "discarded");
        await AssertConflict(await Event(manager, discardedId, new { type = "inserted" }), "discarded");
        // Outlook may still send a reply whose draft the pane let go; the log keeps what the customer got.
        Assert.Equal(HttpStatusCode.Created, (await Event(manager, discardedId, Sent(text))).StatusCode);
        Assert.Equal("sent", (await Row(discardedId)).Status);
        Assert.Equal(1, await Count(discardedId, LogTypes.Sent));
    }

    [Fact]
    public async Task Two_racing_sends_land_once()
    {
        var (manager, id, text) = await NewDraft("Lee Race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Event(manager, id, Sent(text))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await Count(id, LogTypes.Sent));
    }

    [Fact]
    public async Task A_reviewer_does_not_act_on_their_own_draft()
    {
        var both = factory.ClientAs("AccountManager,ComplianceReviewer", "Sam Both");
        var json = await (await both.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) })).ReadNodeAsync();
        var id = (string)json["id"]!;

        foreach (var type in new[] { "reviewed", "escalated", "comment" })
        {
            var response = await both.PostJsonAsync($"/api/compliance/drafts/{id}/actions", new { type, comment = "Looks fine to me." });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("https://outlooksayno.dev/problems/own-draft", (string?)(await response.ReadNodeAsync())["type"]);
        }
        Assert.Equal("none", (await Row(id)).Review);
        Assert.Equal(0, await Count(id, LogTypes.Reviewed) + await Count(id, LogTypes.Comment));

        var other = factory.ClientAs("ComplianceReviewer", "Rita Reviewer");
        Assert.Equal(HttpStatusCode.Created, (await other.PostJsonAsync($"/api/compliance/drafts/{id}/actions", new { type = "reviewed" })).StatusCode);
    }
}
