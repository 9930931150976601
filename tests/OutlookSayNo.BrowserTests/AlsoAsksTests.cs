using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>Every ask answered: the pane lists the email's other asks, with the sentence where the reader
/// found one, ticks none by itself, and a tick re-drafts with a sentence answering that ask.</summary>
[Collection(PaneCollection.Name)]
public sealed class AlsoAsksTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private static OutlookItem TwoAsks() => new()
    {
        Mode = "read",
        Subject = "Renewal terms",
        Body = "<html><body><p>Hi Sam,</p><p>Could you take 10% off the renewal price? We would also need you to move us to 60-day payment terms.</p>" +
               "<p>Thanks,<br>Priya Nair</p></body></html>",
        From = new Address("Priya Nair", "priya.nair@northwind-traders.com"),
        ItemId = "AAMkAGI2TG77AAA=",
        ConversationId = "AAQkAGI2conv0077",
    };

    [Fact]
    public async Task Ticking_another_ask_redrafts_with_a_sentence_answering_it_and_unticking_takes_it_out()
    {
        await using var pane = await NewSession(ReadMode(TwoAsks()));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        Assert.Equal("discount", draft.GetProperty("category").GetString());
        Assert.Equal(0, draft.GetProperty("also").GetArrayLength());
        await pane.ExpectDraftLacks("On the payment terms");

        var box = pane.Page.Locator("#also-payment_terms");
        await Expect(box).Not.ToBeCheckedAsync();
        var second = await pane.RedraftAfter(() => box.CheckAsync());
        Assert.Equal("payment_terms", second.GetProperty("also")[0].GetProperty("category").GetString());
        await pane.ExpectDraftContains("On the payment terms, our invoices stay due in 30 days");
        await Expect(pane.Page.Locator("#also-payment_terms")).ToBeCheckedAsync();
        // No internal id in what people see.
        await Expect(pane.Page.Locator("[data-testid=other-asks]")).Not.ToContainTextAsync("payment_terms");

        await pane.RedraftAfter(() => pane.Page.Locator("#also-payment_terms").UncheckAsync());
        await pane.ExpectDraftLacks("On the payment terms");
    }
}
