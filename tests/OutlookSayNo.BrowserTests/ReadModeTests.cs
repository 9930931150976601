using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class ReadModeTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    [Fact]
    public async Task A_discount_request_is_classified_with_its_evidence_words_highlighted()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.Open(Server.BaseAddress, Server.Token());

        var primary = pane.Page.Locator(".ask.ask-primary");
        await Expect(primary.Locator(".ask-title strong")).ToHaveTextAsync("Discount or lower price");
        await Expect(primary.Locator(".confidence")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,3}% sure$"));
        await Expect(pane.Page.Locator("#chip-kind")).ToContainTextAsync("Discount or lower price");

        var marks = primary.Locator(".evidence mark");
        await Expect(marks.First).ToBeVisibleAsync();
        var words = await marks.AllInnerTextsAsync();
        Output.WriteLine("Highlighted: " + string.Join(" | ", words));
        Assert.Contains(words, w => w.Contains("reduce the price", StringComparison.OrdinalIgnoreCase));
        // The highlight shows the customer's words as read, not the HTML they were sent in.
        Assert.DoesNotContain(words, w => w.Contains('<') || w.Contains("&nbsp;", StringComparison.Ordinal));
        // The evidence comes from Priya's message, not from Sam's older message quoted below it.
        var excerpts = await primary.Locator(".evidence li").AllInnerTextsAsync();
        Assert.DoesNotContain(excerpts, e => e.Contains("Please find attached", StringComparison.Ordinal) || e.Contains("40 seats", StringComparison.Ordinal));

        await Expect(pane.Page.Locator(".email-subject")).ToHaveTextAsync(CustomerEmails.DiscountSubject);
        await Expect(pane.Page.Locator(".email-sender")).ToHaveTextAsync("Priya Nair <priya.nair@northwind-foods.com>");
    }

    [Fact]
    public async Task The_draft_preview_says_no_and_shows_its_five_checks_passing()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.Open(Server.BaseAddress, Server.Token());

        await Expect(pane.Draft).ToBeVisibleAsync();
        await pane.ExpectDraftContains("We can't agree to a 15% discount");
        await pane.ExpectDraftContains("Priya");

        var checks = pane.Page.GetByRole(AriaRole.List, new() { Name = "Checks" }).Locator("li");
        // The five checks, and the grounding check where the API makes it.
        await Expect(checks.First).ToBeVisibleAsync();
        Assert.InRange(await checks.CountAsync(), 5, 6);
        foreach (var label in new[] { "Says no", "Gives a reason", "Cites data", "Offers an alternative", "Respectful" })
        {
            var chip = checks.Filter(new() { HasText = label });
            await Expect(chip).ToHaveClassAsync("chip pass");
        }
        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("Draft ready.");
    }

    [Fact]
    public async Task The_suggested_audience_finance_is_preselected_with_its_reason()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.Open(Server.BaseAddress, Server.Token());

        await Expect(pane.Page.Locator("#audience-finance")).ToBeCheckedAsync();
        await Expect(pane.Page.Locator("#audience-commercial")).Not.ToBeCheckedAsync();
        await Expect(pane.Page.Locator("#audience-technical")).Not.ToBeCheckedAsync();
        await Expect(pane.Page.Locator("label[for=audience-finance]")).ToHaveTextAsync("Finance (suggested)");
        await Expect(pane.Page.GetByText("Suggested finance:")).ToBeVisibleAsync();
    }
}
