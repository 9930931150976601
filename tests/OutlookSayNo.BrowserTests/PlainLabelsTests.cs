using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>People never see internal ids in the pane: the catalog's kind ids, data point names, fact
/// names and alternative ids (those that read as ids: snake_case or camelCase) never appear in its text.</summary>
[Collection(PaneCollection.Name)]
public sealed partial class PlainLabelsTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    [GeneratedRegex(@"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+)$")]
    private static partial Regex IdLike();

    /// <summary>Every id of the catalog in force that looks like an id, read through the API.</summary>
    private async Task<HashSet<string>> CatalogIds()
    {
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Token());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var catalog = await client.GetFromJsonAsync<JsonElement>("api/templates");
        foreach (var kind in catalog.GetProperty("kinds").EnumerateArray())
        {
            var id = kind.GetProperty("id").GetString()!;
            ids.Add(id);
            var document = await client.GetFromJsonAsync<JsonElement>($"api/templates/documents/{id}/kind.json");
            using var definition = JsonDocument.Parse(document.GetProperty("content").GetString()!);
            foreach (var point in definition.RootElement.GetProperty("dataPoints").EnumerateArray()) ids.Add(point.GetProperty("name").GetString()!);
            if (definition.RootElement.TryGetProperty("alternatives", out var alternatives))
                foreach (var alternative in alternatives.EnumerateArray()) ids.Add(alternative.GetProperty("id").GetString()!);
        }
        var facts = await client.GetFromJsonAsync<JsonElement>("api/facts");
        foreach (var fact in facts.GetProperty("facts").EnumerateArray()) ids.Add(fact.GetProperty("name").GetString()!);
        ids.RemoveWhere(id => !IdLike().IsMatch(id));
        Assert.Contains("payment_terms", ids);
        Assert.Contains("requestedDiscountPercent", ids);
        return ids;
    }

    private async Task AssertNoIds(PaneSession pane, HashSet<string> ids, string when)
    {
        var text = await pane.Page.EvaluateAsync<string>("() => document.body.innerText");
        var found = ids.Where(id => Regex.IsMatch(text, $@"\b{Regex.Escape(id)}\b")).ToList();
        Assert.True(found.Count == 0, $"{when}: the pane shows the ids {string.Join(", ", found)}.\n{text}");
    }

    [Fact]
    public async Task No_internal_id_appears_in_the_pane_after_a_draft_a_kind_switch_or_a_refused_field()
    {
        var ids = await CatalogIds();
        await using var pane = await NewSession(ReadMode());
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        await pane.ExpectDraftContains("Priya");
        await pane.Page.Locator("#chip-figure").ClickAsync();
        await AssertNoIds(pane, ids, "After the draft, with the figure chip open");

        await pane.Page.Locator("#chip-kind").ClickAsync();
        await AssertNoIds(pane, ids, "With the kind chip open");
        await pane.RedraftAfter(() => pane.Page.Locator("#kind").SelectOptionAsync("payment_terms"));
        await Microsoft.Playwright.Assertions.Expect(pane.Page.Locator("#chip-kind")).ToContainTextAsync("Longer payment terms");
        await AssertNoIds(pane, ids, "After switching to payment terms");

        // A value the API refuses: the message names the field by its label.
        var input = pane.Page.Locator("#content input[id^=field-]").First;
        await pane.Page.RunAndWaitForResponseAsync(() => input.FillAsync("not a figure at all"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await Microsoft.Playwright.Assertions.Expect(pane.Page.Locator("#draft-stale")).ToBeVisibleAsync();
        await AssertNoIds(pane, ids, "After a refused field");
    }
}
