using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

/// <summary>The log counts emails: the same account manager drafting the same customer email again
/// (another audience, kind, field, or the pane reopened) makes a revision of one draft. Every text stays
/// in the chain, events name the revision they concern, and the review list, its counts and the
/// dashboard count one draft per email. Without this six emails drafted through the pane showed as 22
/// drafts, and one threatening email as many threats.</summary>
public sealed class DraftRevisionsApiTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private HttpClient Reviewer => factory.ClientAs("ComplianceReviewer", "Rita Review");

    private static async Task<JsonNode> Draft(HttpClient client, object email, string? audience = null, string? category = null)
    {
        var response = await client.PostJsonAsync("/api/drafts", new { email, audience, category });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    private static object Email(string item, string domain, string body = Emails.DiscountBody) =>
        Json.Email(body, email: "priya.nair@" + domain, itemId: item);

    private async Task<JsonNode> Page(string query) =>
        await (await Reviewer.GetAsync("/api/compliance/drafts?count=true&" + query)).ReadNodeAsync();

    private async Task<JsonNode> Detail(string draftId)
    {
        var response = await Reviewer.GetAsync($"/api/compliance/drafts/{draftId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    [Fact]
    public async Task The_same_email_drafted_three_times_by_one_user_is_one_draft_with_three_revisions_in_order_and_the_chain_verifies()
    {
        var alex = factory.ClientAs(name: "Alex Morgan");
        var email = Email("item-three", "three.example");
        var first = await Draft(alex, email, audience: "commercial");
        var second = await Draft(alex, email, audience: "technical");
        var third = await Draft(alex, email, audience: "finance");

        var draftId = (string)first["draftId"]!;
        Assert.Equal((string)first["id"]!, draftId);
        Assert.Equal([draftId, draftId], [(string)second["draftId"]!, (string)third["draftId"]!]);
        Assert.Equal([1, 2, 3], [(int)first["revision"]!, (int)second["revision"]!, (int)third["revision"]!]);
        Assert.Equal(3, new[] { first, second, third }.Select(d => (string)d["id"]!).Distinct().Count());

        var page = await Page("domain=three.example");
        Assert.Equal(1, (long)page["total"]!);
        var row = page["items"]![0]!;
        Assert.Equal(draftId, (string)row["id"]!);
        Assert.Equal(3, (int)row["revisions"]!);
        Assert.Equal("finance", (string)row["audience"]!);
        // The list filters on the latest revision: the draft is no longer a commercial one.
        Assert.Equal(0, (long)(await Page("domain=three.example&audience=commercial"))["total"]!);
        Assert.Equal(1, (long)(await Page("domain=three.example&audience=finance"))["total"]!);

        var detail = await Detail(draftId);
        var revisions = detail["revisions"]!.AsArray();
        Assert.Equal([1, 2, 3], revisions.Select(r => (int)r!["number"]!));
        Assert.Equal(["commercial", "technical", "finance"], revisions.Select(r => (string)r!["generated"]!["audience"]!));
        Assert.Equal([(string)first["text"]!, (string)second["text"]!, (string)third["text"]!], revisions.Select(r => (string)r!["generated"]!["text"]!));
        Assert.Equal(3, detail["records"]!.AsArray().Count(r => (string)r!["type"]! == "generated"));

        var verify = await (await Reviewer.GetAsync("/api/compliance/verify")).ReadNodeAsync();
        Assert.True((bool)verify["intact"]!, verify.ToJsonString());
    }

    [Fact]
    public async Task Another_user_or_another_email_is_another_draft_and_without_an_item_id_the_same_text_is_the_same_email()
    {
        var alex = factory.ClientAs(name: "Alex Morgan");
        var sam = factory.ClientAs(name: "Sam Carter");
        var a = await Draft(alex, Email("item-shared", "shared.example"));
        var s = await Draft(sam, Email("item-shared", "shared.example"));
        var other = await Draft(alex, Email("item-other", "shared.example"));
        Assert.Equal(3, new[] { a, s, other }.Select(d => (string)d["draftId"]!).Distinct().Count());

        // No item id (compose mode, scripts): the subject, sender and body stand for the email, whitespace aside.
        var plain = Json.Email(Emails.DiscountBody, email: "priya.nair@plain.example");
        var spaced = Json.Email(Emails.DiscountBody.Replace("\n", "\n\n"), email: "priya.nair@plain.example");
        var p1 = await Draft(alex, plain);
        var p2 = await Draft(alex, spaced, category: "discount", audience: "technical");
        var p3 = await Draft(alex, Json.Email(Emails.DiscountBody + "\nOne more line.", email: "priya.nair@plain.example"));
        Assert.Equal((string)p1["draftId"]!, (string)p2["draftId"]!);
        Assert.NotEqual((string)p1["draftId"]!, (string)p3["draftId"]!);

        Assert.Equal(3, (long)(await Page("domain=shared.example"))["total"]!);
        Assert.Equal(2, (long)(await Page("domain=plain.example"))["total"]!);
    }

    [Fact]
    public async Task Events_name_their_revision_the_sent_text_is_compared_with_it_and_a_revision_after_the_send_leaves_the_draft_sent()
    {
        var alex = factory.ClientAs(name: "Alex Morgan");
        var email = Email("item-sent", "sent.example");
        var first = await Draft(alex, email, audience: "commercial");
        var second = await Draft(alex, email, audience: "finance");
        var draftId = (string)first["draftId"]!;

        // The pane inserted and sent the first text, though a later one exists.
        Assert.Equal(HttpStatusCode.Created, (await alex.PostJsonAsync($"/api/drafts/{first["id"]}/events", new { type = "inserted" })).StatusCode);
        var sent = await alex.PostJsonAsync($"/api/drafts/{first["id"]}/events",
            new { type = "sent", mode = "reply", body = (string)first["text"]!, to = new[] { new { name = "Priya", email = "priya.nair@sent.example" } } });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.True((bool)(await sent.ReadNodeAsync())["unchanged"]!);

        var detail = await Detail(draftId);
        Assert.Equal(1, (int)detail["generatedRevision"]!);
        Assert.Equal((string)first["text"]!, (string)detail["generated"]!["text"]!);
        Assert.Equal(1, (int)detail["sent"]!["revision"]!);
        var revisions = detail["revisions"]!.AsArray();
        Assert.True((bool)revisions[0]!["sent"]! && (bool)revisions[0]!["inserted"]!);
        Assert.False((bool)revisions[1]!["sent"]! || (bool)revisions[1]!["inserted"]!);
        Assert.Equal(draftId, (string)detail["records"]!.AsArray().Single(r => (string)r!["type"]! == "sent")!["draftId"]!);

        // One send per email: the later revision cannot be sent or inserted.
        var again = await alex.PostJsonAsync($"/api/drafts/{second["id"]}/events",
            new { type = "sent", mode = "reply", body = (string)second["text"]!, to = new[] { new { name = "Priya", email = "priya.nair@sent.example" } } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Drafted again after the send: logged as a revision, the draft stays sent and keeps its review.
        var rita = Reviewer;
        Assert.Equal(HttpStatusCode.Created, (await rita.PostJsonAsync($"/api/compliance/drafts/{draftId}/actions", new { type = "reviewed" })).StatusCode);
        var third = await Draft(alex, email, audience: "technical");
        Assert.Equal(3, (int)third["revision"]!);
        var row = (await Page("domain=sent.example"))["items"]![0]!;
        Assert.Equal(("sent", "reviewed", 3), ((string)row["status"]!, (string)row["review"]!, (int)row["revisions"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await alex.PostJsonAsync($"/api/drafts/{third["id"]}/events", new { type = "inserted" })).StatusCode);
    }

    [Fact]
    public async Task A_new_revision_reopens_a_review_and_makes_a_discarded_draft_live_again()
    {
        var alex = factory.ClientAs(name: "Alex Morgan");
        var email = Email("item-review", "review.example");
        var first = await Draft(alex, email);
        var draftId = (string)first["draftId"]!;
        Assert.Equal(HttpStatusCode.Created, (await Reviewer.PostJsonAsync($"/api/compliance/drafts/{draftId}/actions", new { type = "reviewed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await alex.PostJsonAsync($"/api/drafts/{first["id"]}/events", new { type = "discarded" })).StatusCode);
        Assert.Equal(("discarded", "reviewed"), Row(await Page("domain=review.example")));

        var second = await Draft(alex, email, audience: "technical");
        Assert.Equal(("generated", "none"), Row(await Page("domain=review.example")));
        Assert.Equal(HttpStatusCode.Created, (await alex.PostJsonAsync($"/api/drafts/{second["id"]}/events", new { type = "inserted" })).StatusCode);

        static (string, string) Row(JsonNode page) => ((string)page["items"]![0]!["status"]!, (string)page["items"]![0]!["review"]!);
    }

    [Fact]
    public async Task The_dashboard_counts_a_threatening_email_once_however_often_it_is_drafted_and_draws_weeks()
    {
        // The test clock stands still, and the dashboard's period ends before its "to": end it the next day.
        const string Dashboard = "/api/compliance/dashboard?to=2026-11-17T00:00:00Z";
        var before = await (await Reviewer.GetAsync(Dashboard)).ReadNodeAsync();
        var sam = factory.ClientAs(name: "Sam Carter");
        var email = Json.Email(Emails.ThreatBody, subject: "Order 200 units", name: "Mark Doyle", email: "mark@threat.example", itemId: "item-threat");
        foreach (var audience in new[] { "commercial", "technical", "finance", "commercial" }) await Draft(sam, email, audience: audience);

        var after = await (await Reviewer.GetAsync(Dashboard)).ReadNodeAsync();
        Assert.Equal((long)before["drafts"]! + 1, (long)after["drafts"]!);
        Assert.Equal((long)before["revisions"]! + 4, (long)after["revisions"]!);
        var domain = after["pressureByDomain"]!.AsArray().Single(p => (string)p!["domain"]! == "threat.example")!;
        Assert.Equal((1, 1), ((long)domain["threats"]!, (long)domain["drafts"]!));
        Assert.Equal(1, (long)(await Page("domain=threat.example&flag=threat"))["total"]!);

        // Weeks run Monday to Monday over the whole range, empty ones included, and add up to the totals.
        var weeks = after["weeks"]!.AsArray();
        Assert.True(weeks.Count >= 12);
        Assert.All(weeks, w => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse((string)w!["weekStart"]!).DayOfWeek));
        Assert.Equal((long)after["drafts"]!, weeks.Sum(w => (long)w!["drafts"]!));
        Assert.Equal((long)after["sent"]!, weeks.Sum(w => (long)w!["sent"]!));
        Assert.Equal((long)before["drafts"]! + 1, weeks.Sum(w => (long)w!["drafts"]!));
    }

    [Fact]
    public async Task Four_drafts_of_one_email_at_once_make_one_draft_with_four_revisions()
    {
        var alex = factory.ClientAs(name: "Alex Morgan");
        var email = Email("item-race", "race.example");
        var drafts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Draft(alex, email)));
        Assert.Single(drafts.Select(d => (string)d["draftId"]!).Distinct());
        Assert.Equal([1, 2, 3, 4], drafts.Select(d => (int)d["revision"]!).Order());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var draftId = (string)drafts[0]["draftId"]!;
        Assert.Equal(4, await db.Log.CountAsync(r => r.DraftId == draftId && r.Type == LogTypes.Generated));
        Assert.Equal(4, (await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId)).Revisions);
    }
}
