using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(AdminCollection.Name)]
public sealed partial class AdminEditorTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    [Fact]
    public async Task Editing_a_reason_sentence_changes_the_commercial_preview_live()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);
        // The token left the address bar once it was stored.
        Assert.DoesNotContain("token=", admin.Page.Url, StringComparison.Ordinal);

        await admin.OpenDocument(CommercialTemplate);
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync($"a discount for one {OriginalReason}.");
        await Expect(admin.TestId("preview-commercial").GetByTestId("check-saysNo")).ToHaveAttributeAsync("data-state", "pass");
        await Expect(admin.TestId("dirty")).ToBeHiddenAsync();

        await admin.SelectInEditor(OriginalReason);
        var preview = await admin.PreviewAfter(() => admin.Type(EditedReason), containing: EditedReason);

        // The request carried the unsaved text; the newest answer is the one shown.
        var request = preview.Request.PostDataJSON()!.Value;
        Assert.Equal("discount", request.GetProperty("kind").GetString());
        Assert.Contains(EditedReason, request.GetProperty("changes")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync($"a discount for one {EditedReason}.");
        await Expect(admin.PreviewText("commercial")).Not.ToContainTextAsync(OriginalReason);
        await Expect(admin.TestId("dirty")).ToBeVisibleAsync();
        // The other audiences render their own templates, side by side with the commercial one.
        await Expect(admin.PreviewText("finance")).Not.ToBeEmptyAsync();
        await Expect(admin.PreviewText("technical")).Not.ToBeEmptyAsync();
        foreach (var check in new[] { "saysNo", "givesReason", "citesData", "offersAlternative", "respectful" })
            await Expect(admin.TestId("preview-commercial").GetByTestId($"check-{check}")).ToHaveAttributeAsync("data-state", "pass");
        Assert.Empty(admin.PageErrors);
    }

    [Fact]
    public async Task A_Scriban_syntax_error_is_not_saved_and_its_problem_moves_the_cursor_to_its_line()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);
        await admin.OpenDocument(CommercialTemplate);

        // Line 5 of the template (after the greeting and stance includes) is "Thank you for your message about the price...".
        const int line = 5;
        await admin.PlaceCursorAfter("Thank you for your message about the price");
        await Expect(admin.Cursor).ToHaveTextAsync(StartsWithLine(line));
        await admin.Type(" {{ if }}");

        await admin.TestId("save").ClickAsync();
        await Expect(admin.SaveStatus).ToHaveAttributeAsync("data-state", "invalid");
        var problem = admin.TestId("problems").Locator($"[data-testid=problem][data-line='{line}']").First;
        await Expect(problem).ToContainTextAsync($"line {line}");
        // The problem is also a lint diagnostic in the editor.
        await Expect(admin.Page.Locator(".cm-lintRange-error").First).ToBeVisibleAsync();

        // Move away, then follow the problem back.
        await admin.Editor.ClickAsync(new LocatorClickOptions { Position = new Position { X = 5, Y = 5 } });
        await admin.Page.Keyboard.PressAsync("Control+Home");
        await Expect(admin.Cursor).ToHaveTextAsync("Ln 1, Col 1");
        await problem.ClickAsync();
        await Expect(admin.Cursor).ToHaveTextAsync(StartsWithLine(line));
        await Expect(admin.Page.Locator(".cm-editor.cm-focused")).ToBeVisibleAsync();

        // Nothing was saved.
        var saved = await Document(SharedServer, CommercialTemplate);
        Assert.DoesNotContain("{{ if }}", saved.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_edit_is_what_the_next_draft_uses()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);
        await admin.OpenDocument(CommercialTemplate);
        await Expect(admin.TestId("doc-version")).ToHaveTextAsync("version 1");

        await admin.SelectInEditor(OriginalReason);
        await admin.Type(EditedReason);
        await admin.TestId("comment").FillAsync("Say why a discount is unfair in our words");
        var put = await admin.SaveAfter(() => admin.TestId("save").ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.Contains("/api/templates/documents/", StringComparison.Ordinal));

        Assert.Equal(200, put.Status);
        Assert.Equal("\"1\"", await put.Request.HeaderValueAsync("if-match"));
        await Expect(admin.SaveStatus).ToHaveTextAsync("Saved version 2.");
        await Expect(admin.TestId("doc-version")).ToHaveTextAsync("version 2");
        await Expect(admin.TestId("dirty")).ToBeHiddenAsync();

        var draft = await Draft(server, "commercial");
        Assert.Contains(EditedReason, draft.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, draft.GetProperty("template").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Saving_over_a_version_someone_else_saved_shows_the_conflict()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);
        await admin.OpenDocument(CommercialTemplate);
        await Expect(admin.TestId("doc-version")).ToHaveTextAsync("version 1");

        // Another admin saves version 2 while this page still edits version 1.
        await SaveBehindThePagesBack(server, CommercialTemplate, c => c.Replace(OriginalReason, "would be unfair to everyone else", StringComparison.Ordinal));

        await admin.SelectInEditor(OriginalReason);
        await admin.Type(EditedReason);
        await admin.TestId("save").ClickAsync();

        var banner = admin.TestId("conflict-banner");
        await Expect(banner).ToContainTextAsync("Someone saved version 2 while you were editing");
        await Expect(admin.SaveStatus).ToHaveAttributeAsync("data-state", "conflict");
        await Expect(admin.TestId("dirty")).ToBeVisibleAsync();

        await banner.GetByTestId("show-conflict-diff").ClickAsync();
        var diff = admin.TestId("conflict-diff");
        await Expect(diff.Locator("tr.diff-remove")).ToContainTextAsync("would be unfair to everyone else");
        await Expect(diff.Locator("tr.diff-add")).ToContainTextAsync(EditedReason);

        await banner.GetByTestId("load-theirs").ClickAsync();
        await Expect(admin.TestId("doc-version")).ToHaveTextAsync("version 2");
        await Expect(admin.Editor).ToContainTextAsync("would be unfair to everyone else");
        await Expect(admin.TestId("dirty")).ToBeHiddenAsync();
        await Expect(admin.TestId("conflict-banner")).ToHaveCountAsync(0);
    }

    private static Regex StartsWithLine(int line) => new($"^Ln {line}, Col \\d+$");
}
