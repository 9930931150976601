using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class MissingFieldTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    [Fact]
    public async Task Typing_the_current_margin_puts_the_margin_figures_into_the_draft()
    {
        await using var pane = await NewSession(ReadMode());
        var first = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        Assert.Contains(first.GetProperty("missingFields").EnumerateArray(), f => f.GetProperty("name").GetString() == "currentMarginPercent");
        var field = pane.Page.Locator("#field-currentMarginPercent");
        await Expect(pane.Page.Locator("label[for=field-currentMarginPercent]")).ToContainTextAsync("(needed)");
        await pane.ExpectDraftLacks("24%");
        var before = await pane.DraftText();

        var second = await pane.RedraftAfter(() => field.FillAsync("24"));

        Assert.DoesNotContain(second.GetProperty("missingFields").EnumerateArray(), f => f.GetProperty("name").GetString() == "currentMarginPercent");
        await pane.ExpectDraftContains("take our margin from 24% to");
        Assert.NotEqual(before, await pane.DraftText());
        // The input keeps what was typed, and the figure is listed as the account manager's.
        await Expect(field).ToHaveValueAsync("24");
        await Expect(pane.Page.Locator("label[for=field-currentMarginPercent]")).Not.ToContainTextAsync("(needed)");
        await Expect(pane.Page.Locator("dl.datapoints")).ToContainTextAsync("(you typed)");
    }
}
