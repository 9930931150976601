using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(AdminCollection.Name)]
public sealed class AdminHistoryTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    [Fact]
    public async Task History_shows_the_versions_and_their_diff_and_restoring_brings_the_old_text_back()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);
        await admin.OpenDocument(CommercialTemplate);
        await admin.SelectInEditor(OriginalReason);
        await admin.Type(EditedReason);
        await admin.TestId("save").ClickAsync();
        await Expect(admin.SaveStatus).ToHaveTextAsync("Saved version 2.");

        await admin.TestId("tab-history").ClickAsync();
        var history = admin.TestId("history");
        await Expect(history.Locator("table.history-table > tbody > tr")).ToHaveCountAsync(2);
        await Expect(history.GetByTestId("version-2")).ToContainTextAsync("edit");
        await Expect(history.GetByTestId("version-2")).ToContainTextAsync("Tara Admin");
        await Expect(history.GetByTestId("version-1")).ToBeVisibleAsync();

        // The diff of version 1 → 2 is shown at once: the old sentence removed, the new one added.
        var diff = history.GetByTestId("diff");
        await Expect(diff.Locator("tr.diff-remove")).ToContainTextAsync(OriginalReason);
        await Expect(diff.Locator("tr.diff-add")).ToContainTextAsync(EditedReason);
        await Expect(diff.GetByTestId("diff-summary")).ToHaveTextAsync("1 line added, 1 removed.");

        var restore = await admin.SaveAfter(
            () => history.GetByTestId("version-1").GetByTestId("restore").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/restore", StringComparison.Ordinal));
        Assert.Equal(200, restore.Status);
        Assert.Equal("\"2\"", await restore.Request.HeaderValueAsync("if-match"));

        await Expect(admin.SaveStatus).ToHaveTextAsync("Restored version 1 as version 3.");
        await Expect(admin.TestId("doc-version")).ToHaveTextAsync("version 3");
        await Expect(history.Locator("table.history-table > tbody > tr")).ToHaveCountAsync(3);
        await Expect(history.GetByTestId("version-3")).ToContainTextAsync("restore");

        await admin.TestId("tab-edit").ClickAsync();
        await Expect(admin.Editor).ToContainTextAsync(OriginalReason);
        await Expect(admin.Editor).Not.ToContainTextAsync(EditedReason);

        var draft = await Draft(server, "commercial");
        var text = draft.GetProperty("text").GetString();
        Assert.Contains(OriginalReason, text, StringComparison.Ordinal);
        Assert.DoesNotContain(EditedReason, text, StringComparison.Ordinal);
        Assert.Equal(3, draft.GetProperty("template").GetProperty("version").GetInt32());
    }
}
