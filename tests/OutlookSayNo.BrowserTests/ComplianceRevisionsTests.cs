using System.Net.Http.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>A reviewer on a laptop screen (1280 × 800) opens an email the account manager drafted three
/// times: the list has one row for it, the review buttons are on the first screen of the detail panel
/// without scrolling, and the three drafts are listed in order.</summary>
[Collection(ComplianceCollection.Name)]
public sealed class ComplianceRevisionsTests(ComplianceFixture fixture, ITestOutputHelper output) : ComplianceTestBase(fixture, output)
{
    [Fact]
    public async Task An_email_drafted_three_times_is_one_row_and_its_detail_shows_the_review_buttons_first_and_the_three_drafts()
    {
        var (server, data) = await OwnServer();
        using var _ = server;
        var warranty = data["alex-warranty"];
        using (var alex = ComplianceDataset.Client(server, "AccountManager", ComplianceDataset.Alex))
            foreach (var audience in new[] { "technical", "finance" })
            {
                // The pane re-drafting the same email for another audience.
                var response = await alex.PostAsJsonAsync("api/drafts", new
                {
                    email = new { subject = warranty.Subject, body = ComplianceDataset.WarrantyBody, from = new { name = warranty.FromName, email = warranty.FromEmail } },
                    audience,
                });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }

        await using var page = await NewSession(1280, 800);
        await page.OpenAsReviewer(server);
        await Expect(page.Rows).ToHaveCountAsync(data.Drafts.Count);
        var row = page.Row(warranty.Id);
        await Expect(row.Locator("[data-col=revisions]")).ToHaveTextAsync("Drafted 3 times");
        await Expect(row.Locator("[data-col=audience]")).ToHaveTextAsync("finance");

        await row.GetByTestId("open-draft").ClickAsync();
        await Expect(page.TestId("detail-subject")).ToHaveTextAsync(warranty.Subject);
        foreach (var button in new[] { "action-reviewed", "action-escalated", "action-comment-submit" })
        {
            await Expect(page.TestId(button)).ToBeInViewportAsync();
            var box = await page.TestId(button).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= 800, $"{button} ends at {box.Y + box.Height} px, below the 800 px window");
        }
        Assert.Equal(0, await page.TestId("detail").EvaluateAsync<double>("e => e.scrollTop"));

        var revisions = page.TestId("revision");
        await Expect(revisions).ToHaveCountAsync(3);
        await Expect(revisions.Locator("[data-col=audience]")).ToHaveTextAsync(["commercial", "technical", "finance"]);
        await Expect(page.TestId("generated-caption")).ToHaveTextAsync("Generated (draft 3 of 3)");

        // The dashboard counts the email once and draws the weeks: its chart's points add up to the drafts and sends.
        var answer = await page.Page.RunAndWaitForResponseAsync(() => page.TestId("tab-dashboard").ClickAsync(),
            r => r.Url.Contains("/api/compliance/dashboard", StringComparison.Ordinal));
        Assert.Equal(200, answer.Status);
        await Expect(page.TestId("stat-drafts").Locator(".stat-value")).ToHaveTextAsync(data.Drafts.Count.ToString());
        await Expect(page.TestId("stat-drafts")).ToContainTextAsync($"one per email; {data.Drafts.Count + 2} texts generated");
        var chart = page.TestId("activity-chart");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator("g[data-series]")).ToHaveCountAsync(4);
        var drafted = await chart.Locator("g[data-series=drafts] circle").EvaluateAllAsync<int[]>("cs => cs.map(c => Number(c.getAttribute('data-value')))");
        var sent = await chart.Locator("g[data-series=sent] circle").EvaluateAllAsync<int[]>("cs => cs.map(c => Number(c.getAttribute('data-value')))");
        Assert.Equal(data.Drafts.Count, drafted.Sum());
        Assert.Equal(data.Drafts.Count(d => d.Sent), sent.Sum());
        Assert.Empty(page.PageErrors);
    }
}
