using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>A reviewer acting: marking a draft reviewed, and verifying the chain before and after
/// someone edits a record in the database. Each test has a server of its own.</summary>
[Collection(ComplianceCollection.Name)]
public sealed class ComplianceActionTests(ComplianceFixture fixture, ITestOutputHelper output) : ComplianceTestBase(fixture, output)
{
    [Fact]
    public async Task Marking_a_draft_reviewed_updates_its_row_and_the_reviewed_filter_finds_it()
    {
        var (server, data) = await OwnServer();
        using var _ = server;
        var order = data["sam-order"];
        await using var page = await NewSession();
        await page.OpenAsReviewer(server, "status=sent&failedCheck=offersAlternative");
        await page.Row(order.Id).GetByTestId("open-draft").ClickAsync();
        await Expect(page.TestId("detail-subject")).ToHaveTextAsync(order.Subject);
        await Expect(page.Row(order.Id).Locator("[data-col=review]")).ToHaveTextAsync("Not reviewed");

        await page.TestId("action-comment").FillAsync("Alternatives removed before sending; discussed with Sam.");
        var posted = await page.Page.RunAndWaitForResponseAsync(() => page.TestId("action-reviewed").ClickAsync(),
            r => r.Url.EndsWith($"/api/compliance/drafts/{order.Id}/actions", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(201, posted.Status);
        var record = JsonNode.Parse(await posted.TextAsync())!;

        // The row, the detail's badge and its records follow.
        await Expect(page.Row(order.Id).Locator("[data-col=review]")).ToContainTextAsync("Reviewed");
        await Expect(page.Row(order.Id).Locator("[data-col=review]")).ToContainTextAsync("1 comment");
        await Expect(page.TestId("action-status")).ToHaveTextAsync($"Marked reviewed (record {(long)record["seq"]!}).");
        var last = page.TestId("timeline-record").Last;
        await Expect(last).ToHaveAttributeAsync("data-type", "reviewed");
        await Expect(last).ToContainTextAsync(ComplianceDataset.Reviewer);
        await Expect(last).ToContainTextAsync("discussed with Sam");
        var other = data.SentWithoutAlternative.Single(d => d.Id != order.Id);
        await Expect(page.Row(other.Id).Locator("[data-col=review]")).ToHaveTextAsync("Not reviewed");

        // review=reviewed finds exactly it, from a clean filter.
        await page.ListAfter(() => page.TestId("filter-clear").ClickAsync());
        await Expect(page.Rows).ToHaveCountAsync(data.Drafts.Count);
        await page.ListAfter(() => page.TestId("filter-review").SelectOptionAsync("reviewed"));
        await Expect(page.Rows).ToHaveCountAsync(1);
        await Expect(page.Row(order.Id)).ToBeVisibleAsync();
        Assert.Contains("review=reviewed", page.Page.Url);
        await page.ListAfter(() => page.TestId("filter-review").SelectOptionAsync("none"));
        await Expect(page.Rows).ToHaveCountAsync(data.Drafts.Count - 1);
        await Expect(page.Row(order.Id)).ToHaveCountAsync(0);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task The_chain_shows_intact_and_after_a_record_is_edited_in_the_database_names_it_in_red()
    {
        var (server, data) = await OwnServer();
        using var _ = server;
        var report = await Get(server, "api/compliance/verify");
        Assert.True((bool)report["intact"]!);
        var records = (long)report["records"]!;

        await using var page = await NewSession();
        await page.OpenAsReviewer(server);
        var status = page.TestId("chain-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "idle");
        await page.TestId("verify").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-state", "intact");
        await Expect(status).ToContainTextAsync($"Chain intact: {records} records");
        await Expect(status).ToContainTextAsync("verified in");

        // Someone with the database changes what a generated record says the audience was.
        var budget = data["alex-budget"];
        var detail = await Get(server, $"api/compliance/drafts/{budget.Id}");
        var seq = (long)detail["records"]!.AsArray().First(r => (string)r!["type"]! == "generated")!["seq"]!;
        var changed = await Sql(server, "UPDATE log SET \"Payload\" = replace(\"Payload\", '\"audience\":\"finance\"', '\"audience\":\"commercial\"') WHERE \"Seq\" = $seq", ("$seq", seq));
        Assert.Equal(1, changed);

        await page.TestId("verify").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-state", "broken");
        var headline = page.TestId("chain-headline");
        await Expect(headline).ToHaveAttributeAsync("data-seq", seq.ToString());
        await Expect(headline).ToContainTextAsync($"Chain broken at record {seq}");
        await page.TestId("chain-problems-toggle").ClickAsync();
        var problem = page.TestId("chain-problems").Locator($"li[data-seq='{seq}']");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem).ToContainTextAsync($"Record {seq}: content altered");
        var color = await status.EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.Equal("rgb(130, 7, 30)", color);
    }
}
