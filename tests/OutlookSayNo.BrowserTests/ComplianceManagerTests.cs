using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>An account manager on the compliance page: their own drafts, read only.</summary>
[Collection(ComplianceCollection.Name)]
public sealed class ComplianceManagerTests(ComplianceFixture fixture, ITestOutputHelper output) : ComplianceTestBase(fixture, output)
{
    [Fact]
    public async Task An_account_manager_sees_only_their_own_drafts_and_no_actions()
    {
        var mine = Data.Drafts.Where(d => d.User == ComplianceDataset.Sam).Select(d => d.Id).Order().ToList();
        Assert.NotEmpty(mine);
        Assert.NotEqual(Data.Drafts.Count, mine.Count);

        await using var page = await NewSession();
        await page.Page.RunAndWaitForResponseAsync(
            () => page.Open(SharedServer.BaseAddress, SharedServer.Token("AccountManager", ComplianceDataset.Sam)),
            r => r.Url.Contains("/api/compliance/drafts?", StringComparison.Ordinal) && r.Status == 200);
        await Expect(page.Page.Locator("h1")).ToContainTextAsync("Your drafts");
        await Expect(page.Rows).ToHaveCountAsync(mine.Count);
        var shown = await page.Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(mine, shown.Order());

        // What a reviewer has is not there.
        foreach (var id in new[] { "export", "verify", "chain-status", "tab-dashboard", "tab-templates", "filter-user" })
            await Expect(page.TestId(id)).ToHaveCountAsync(0);

        // Their draft opens, read only.
        var order = Data["sam-order"];
        await page.Row(order.Id).GetByTestId("open-draft").ClickAsync();
        await Expect(page.TestId("sent-text")).ToHaveTextAsync(order.SentText!);
        await Expect(page.TestId("diff").Locator(".diff-remove").First).ToContainTextAsync(ComplianceDataset.AlternativesParagraph(order.GeneratedText));
        await Expect(page.TestId("actions")).ToHaveCountAsync(0);
        await Expect(page.TestId("action-reviewed")).ToHaveCountAsync(0);

        // Someone else's draft, by address, is not found.
        var theirs = Data["alex-budget"];
        await page.Open(SharedServer.BaseAddress, query: $"draft={theirs.Id}");
        await Expect(page.TestId("detail-error")).ToContainTextAsync("Draft not found");
        await Expect(page.Rows).ToHaveCountAsync(mine.Count);
        Assert.Empty(page.PageErrors);
    }
}
