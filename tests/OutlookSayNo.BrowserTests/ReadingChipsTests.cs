using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The ask as chips the account manager can correct: the kind, the key figure, their reason,
/// their offer. These need the draft response's <c>reading</c>.</summary>
[Collection(PaneCollection.Name)]
public sealed class ReadingChipsTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private static JsonElement Reading(JsonElement draft) =>
        draft.TryGetProperty("reading", out var reading) && reading.ValueKind == JsonValueKind.Object
            ? reading
            : throw new Xunit.Sdk.XunitException("The draft response has no `reading` yet: the chips cannot show what was read.");

    [Fact]
    public async Task The_chips_show_the_reading_and_the_whole_sentence_that_asks()
    {
        await using var pane = await NewSession(ReadMode());
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var reading = Reading(draft);
        Output.WriteLine(reading.GetRawText());

        await Expect(pane.Page.Locator("#chip-kind")).ToContainTextAsync(reading.GetProperty("kindLabel").GetString()!);
        var requested = reading.GetProperty("requested");
        Assert.Equal("15%", requested.GetProperty("text").GetString());
        await Expect(pane.Page.Locator("#chip-figure")).ToContainTextAsync("15%");
        // Evidence is the sentence that asks, never single words.
        var sentence = pane.Page.Locator("#ask-sentence");
        await Expect(sentence).ToContainTextAsync("reduce the price by 15%");
        Assert.True((await sentence.InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 6);

        if (reading.GetProperty("reason") is { ValueKind: JsonValueKind.Object } reason)
            await Expect(pane.Page.Locator("#chip-reason")).ToContainTextAsync(reason.GetProperty("text").GetString()!);
        else
            await Expect(pane.Page.Locator("#chip-reason")).ToContainTextAsync("None given");
        if (reading.GetProperty("offer") is { ValueKind: JsonValueKind.Object } offer)
            await Expect(pane.Page.Locator("#chip-offer")).ToContainTextAsync(offer.GetProperty("text").GetString()!);
    }

    [Fact]
    public async Task Correcting_the_key_figure_re_drafts_with_that_figure()
    {
        await using var pane = await NewSession(ReadMode());
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var field = Reading(draft).GetProperty("requested").GetProperty("field").GetString();
        Assert.False(string.IsNullOrEmpty(field), "The requested figure fills no field.");

        await pane.Page.Locator("#chip-figure").ClickAsync();
        await pane.Page.Locator("#chip-figure-input").FillAsync("12%");
        var request = pane.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        var second = await pane.RedraftAfter(() => pane.Page.Locator("#chip-figure-use").ClickAsync());

        Assert.Equal("12%", (string?)JsonNode.Parse((await request).PostData!)!["fields"]![field!]);
        await pane.ExpectDraftContains("12%");
        await pane.ExpectDraftLacks("15%");
        await Expect(pane.Page.Locator("#chip-figure")).ToContainTextAsync("12%");
        Assert.Contains(second.GetProperty("dataPoints").EnumerateArray(), d => d.GetProperty("name").GetString() == field && d.GetProperty("source").GetString() == "field");
    }

    [Fact]
    public async Task Correcting_the_reason_sends_it_and_clearing_it_sends_an_empty_reason()
    {
        await using var pane = await NewSession(ReadMode());
        Reading(await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token()));

        await pane.Page.Locator("#chip-reason").ClickAsync();
        await pane.Page.Locator("#chip-reason-input").FillAsync("your board capped every renewal at last year's price");
        var first = pane.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await pane.RedraftAfter(() => pane.Page.Locator("#chip-reason-use").ClickAsync());
        Assert.Equal("your board capped every renewal at last year's price", (string?)JsonNode.Parse((await first).PostData!)!["reason"]);
        await Expect(pane.Page.Locator("#chip-reason")).ToContainTextAsync("your board capped every renewal");

        await pane.Page.Locator("#chip-reason").ClickAsync();
        var second = pane.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await pane.RedraftAfter(() => pane.Page.Locator("#chip-reason-clear").ClickAsync());
        Assert.Equal("", (string?)JsonNode.Parse((await second).PostData!)!["reason"]);
        await Expect(pane.Page.Locator("#chip-reason")).ToContainTextAsync("None");
    }

    [Fact]
    public async Task A_figure_whose_role_is_unclear_is_listed_to_place_and_placing_it_fills_that_field()
    {
        await using var pane = await NewSession(ReadMode());
        // The reader found no unclear figure in this email, so the first answer gets one added: the pane's
        // part (listing it, placing it) is what is tested here.
        var once = 0;
        await pane.Page.RouteAsync("**/api/drafts", async route =>
        {
            var response = await route.FetchAsync();
            var json = JsonNode.Parse(await response.TextAsync())!;
            if (Interlocked.Increment(ref once) == 1 && json["reading"] is JsonObject reading)
                reading["figures"]!.AsArray().Add(new JsonObject { ["text"] = "22%", ["role"] = "unclear", ["roleLabel"] = "Not clear", ["start"] = 1, ["length"] = 3, ["field"] = null });
            await route.FulfillAsync(new() { Response = response, Body = json.ToJsonString() });
        });
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var label = draft.GetProperty("missingFields").EnumerateArray()
            .First(f => f.GetProperty("name").GetString() == "currentMarginPercent").GetProperty("label").GetString()!;

        var unclear = pane.Page.Locator("#unclear-figures");
        await Expect(unclear).ToContainTextAsync("“22%” is");
        var place = pane.Page.Locator("#place-figure-1");
        await Expect(place.Locator("option", new() { HasText = label })).ToHaveCountAsync(1);
        await Expect(place).ToHaveValueAsync(""); // not used until the account manager says what it is

        var request = pane.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await pane.RedraftAfter(() => place.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = label }));
        Assert.Equal("22%", (string?)JsonNode.Parse((await request).PostData!)!["fields"]!["currentMarginPercent"]);
        await Expect(pane.Page.Locator("#field-currentMarginPercent")).ToHaveValueAsync("22%");
    }

    private static OutlookItem TwoSentences() => new()
    {
        Mode = "read",
        Subject = "Renewal",
        Body = "<html><body><p>Hi Sam,</p><p>Our budget for the renewal is $20,000. We would need 12% off to sign this month.</p>" +
               "<p>Thanks,<br>Priya Nair</p></body></html>",
        From = new Address("Priya Nair", "priya.nair@northwind-traders.com"),
        ItemId = "AAMkAGI2TG97AAA=",
        ConversationId = "AAQkAGI2conv0097",
    };

    [Fact]
    public async Task Pointing_to_another_sentence_re_drafts_with_it_as_the_ask_and_going_back_drops_it()
    {
        await using var pane = await NewSession(ReadMode(TwoSentences()));
        var draft = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        await Expect(pane.Page.Locator("#ask-sentence")).ToContainTextAsync("12% off");
        var budget = Reading(draft).GetProperty("sentences").EnumerateArray()
            .Single(x => x.GetProperty("text").GetString()!.StartsWith("Our budget", StringComparison.Ordinal)).GetProperty("index").GetInt32();

        await pane.Page.Locator("#chip-ask").ClickAsync();
        var choice = pane.Page.Locator(".ask-choice", new() { HasText = "Our budget for the renewal is $20,000." });
        if (Environment.GetEnvironmentVariable("SAYNO_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await pane.Page.SetViewportSizeAsync(350, 800);
            await choice.ScrollIntoViewIfNeededAsync();
            await pane.Page.ScreenshotAsync(new() { Path = Path.Combine(dir, "pane-350-ask-choices.png") });
        }
        var request = pane.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        var pointed = await pane.RedraftAfter(() => choice.ClickAsync());

        Assert.Equal(budget, (int?)JsonNode.Parse((await request).PostData!)!["askSentence"]);
        Assert.True(Reading(pointed).GetProperty("requestPointed").GetBoolean());
        await Expect(pane.Page.Locator("#ask-sentence")).ToContainTextAsync("Our budget for the renewal is $20,000.");
        await Expect(pane.Page.Locator("#chip-ask")).ToHaveTextAsync("The ask, as you pointed to it");

        await pane.Page.Locator("#chip-ask").ClickAsync();
        var back = pane.Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await pane.RedraftAfter(() => pane.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Use what Say no read" }).ClickAsync());
        Assert.Null(JsonNode.Parse((await back).PostData!)!["askSentence"]);
        await Expect(pane.Page.Locator("#ask-sentence")).ToContainTextAsync("12% off");
    }
}
