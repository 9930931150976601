using System.Text.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(AdminCollection.Name)]
public sealed class AdminFactsTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    [Fact]
    public async Task Changing_a_fact_in_the_table_and_saving_it_changes_the_preview()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);

        await admin.TestId("open-facts").ClickAsync();
        var table = admin.TestId("facts-table");
        var value = table.GetByTestId("fact-value-sameTierCustomers");
        await Expect(value).ToHaveValueAsync("140");
        // Facts preview against a kind chosen in the select; the discount kind cites this fact.
        await Expect(admin.TestId("preview-kind")).ToHaveValueAsync("discount");
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync("140 companies pay the same rate");

        await value.FillAsync("175");
        // The unsaved table already previews.
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync("175 companies pay the same rate");

        var put = await admin.SaveAfter(() => admin.TestId("facts-save").ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.EndsWith("/api/facts", StringComparison.Ordinal));
        Assert.Equal(200, put.Status);
        Assert.Equal("\"1\"", await put.Request.HeaderValueAsync("if-match"));
        await Expect(admin.TestId("facts-status")).ToHaveTextAsync("Saved version 2.");

        // After the save the preview renders the saved facts (no unsaved changes sent).
        var after = await admin.PreviewAfter(() => admin.TestId("preview-refresh").ClickAsync());
        Assert.False(after.Request.PostDataJSON()!.Value.TryGetProperty("changes", out _));
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync("175 companies pay the same rate");

        using var client = Client(server, "TemplateAdmin");
        var facts = JsonDocument.Parse(await client.GetStringAsync("api/facts")).RootElement;
        Assert.Equal(2, facts.GetProperty("version").GetInt32());
        var fact = facts.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "sameTierCustomers");
        Assert.Equal(175, fact.GetProperty("value").GetDecimal());
        var draft = await Draft(server, "commercial");
        Assert.Contains("175 companies pay the same rate", draft.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
