using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class AudienceTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private const string FinanceReason = "the price is already set close to the margin we need";
    private const string CommercialReason = "we charge one price to every customer of your size";

    [Fact]
    public async Task Switching_the_audience_to_commercial_rewrites_the_reason_in_the_draft()
    {
        await using var pane = await NewSession(ReadMode());
        var first = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        Assert.Equal("finance", first.GetProperty("audience").GetString());
        await pane.ExpectDraftContains(FinanceReason);
        var before = await pane.DraftText();

        var second = await pane.RedraftAfter(() => pane.Page.Locator("#audience-commercial").CheckAsync());

        Assert.Equal("commercial", second.GetProperty("audience").GetString());
        await pane.ExpectDraftContains(CommercialReason);
        await pane.ExpectDraftLacks(FinanceReason);
        var after = await pane.DraftText();
        Assert.NotEqual(before, after);
        await Expect(pane.Page.Locator("#audience-commercial")).ToBeCheckedAsync();
        // The suggestion stays marked on the audience the classifier chose.
        await Expect(pane.Page.Locator("label[for=audience-finance]")).ToHaveTextAsync("Finance (suggested)");
    }

    [Fact]
    public async Task Switching_back_to_finance_brings_the_margin_reason_back()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        await pane.RedraftAfter(() => pane.Page.Locator("#audience-technical").CheckAsync());
        await pane.ExpectDraftLacks(FinanceReason);
        var technical = await pane.DraftText();

        await pane.RedraftAfter(() => pane.Page.Locator("#audience-finance").CheckAsync());

        await pane.ExpectDraftContains(FinanceReason);
        Assert.NotEqual(technical, await pane.DraftText());
    }
}
