using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>Switching the kind after typing a field: a new draft, no error, and never the old draft
/// insertable while the new one is on its way.</summary>
[Collection(PaneCollection.Name)]
public sealed class KindSwitchTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    [Fact]
    public async Task A_kind_switch_after_typing_a_field_gives_a_new_draft_and_Insert_is_off_until_it_arrives()
    {
        await using var pane = await NewSession(ReadMode());
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        await pane.RedraftAfter(() => pane.Page.Locator("#field-currentMarginPercent").FillAsync("24"));
        var insert = pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true });
        await Expect(insert).ToBeEnabledAsync();

        // Hold the next draft request until the pane has been checked while it is pending (a gate, not a sleep).
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await pane.Page.RouteAsync("**/api/drafts", async route =>
        {
            await gate.Task;
            await route.ContinueAsync();
        });
        var response = pane.Page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));

        await pane.Page.Locator("#chip-kind").ClickAsync();
        await pane.Page.Locator("#kind").SelectOptionAsync("payment_terms");

        await Expect(insert).ToBeDisabledAsync();
        await Expect(pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply all", Exact = true })).ToBeDisabledAsync();
        await Expect(pane.Page.Locator("#draft-stale")).ToBeVisibleAsync();
        await Expect(pane.Page.Locator("#insert-note")).ToHaveTextAsync("Wait for the new draft…");
        gate.SetResult();

        var answered = await response;
        Assert.Equal(200, answered.Status);
        var request = JsonNode.Parse(answered.Request.PostData!)!;
        Assert.Equal("payment_terms", (string?)request["category"]);
        Assert.Equal("24", (string?)request["fields"]?["currentMarginPercent"]); // kept: the server sets aside what does not apply
        var draft = JsonNode.Parse(await answered.TextAsync())!;
        Assert.Equal("payment_terms", (string?)draft["category"]);

        await Expect(pane.Page.Locator("#status")).ToHaveTextAsync("Draft updated.");
        await Expect(pane.Draft).ToHaveValueAsync((string)draft["text"]!);
        await Expect(pane.Page.Locator("#chip-kind")).ToContainTextAsync("Longer payment terms");
        await Expect(pane.Page.Locator("#draft-stale")).ToHaveCountAsync(0);
        await Expect(insert).ToBeEnabledAsync();
        // The discount's margin field is not offered for payment terms.
        await Expect(pane.Page.Locator("#field-currentMarginPercent")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_re_draft_that_fails_leaves_the_old_draft_readable_but_not_insertable_and_names_the_field_by_its_label()
    {
        await using var pane = await NewSession(ReadMode());
        var first = await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        var label = first.GetProperty("missingFields").EnumerateArray()
            .First(f => f.GetProperty("name").GetString() == "currentMarginPercent").GetProperty("label").GetString()!;

        var failed = await pane.Page.RunAndWaitForResponseAsync(
            () => pane.Page.Locator("#field-currentMarginPercent").FillAsync("lots"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        Assert.Equal(400, failed.Status);

        var stale = pane.Page.Locator("#draft-stale");
        await Expect(stale).ToContainTextAsync("could not be updated");
        await Expect(stale).ToContainTextAsync(label);
        await Expect(stale).Not.ToContainTextAsync("currentMarginPercent");
        await Expect(pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true })).ToBeDisabledAsync();
        await pane.ExpectDraftContains("Priya"); // the last good draft stays to read

        // Fixing the field makes a new draft, and Insert comes back.
        await pane.RedraftAfter(() => pane.Page.Locator("#field-currentMarginPercent").FillAsync("24"));
        await Expect(stale).ToHaveCountAsync(0);
        await Expect(pane.Page.GetByRole(AriaRole.Button, new() { Name = "Insert reply", Exact = true })).ToBeEnabledAsync();
    }
}
