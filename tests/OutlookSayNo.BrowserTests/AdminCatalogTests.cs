using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The alternatives form, new kinds, export and import.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminCatalogTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    [Fact]
    public async Task Editing_an_alternative_in_the_form_changes_kind_json_and_the_preview()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);
        await admin.OpenDocument("discount/kind.json");
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync("- Longer-term price lock:");

        await admin.TestId("tab-alternatives").ClickAsync();
        var title = admin.TestId("alternatives").GetByLabel("Title").First;
        await Expect(title).ToHaveValueAsync("Longer-term price lock");
        var preview = await admin.PreviewAfter(() => title.FillAsync("Three-year price freeze"), containing: "Three-year price freeze");

        var change = preview.Request.PostDataJSON()!.Value.GetProperty("changes")[0];
        Assert.Equal("discount/kind.json", change.GetProperty("path").GetString());
        Assert.Contains("\"title\": \"Three-year price freeze\"", change.GetProperty("content").GetString(), StringComparison.Ordinal);
        await Expect(admin.PreviewText("commercial")).ToContainTextAsync("- Three-year price freeze:");
        await Expect(admin.TestId("dirty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_consider_a_yes_rules_show_in_plain_words_and_an_edit_goes_into_kind_json()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);

        // Discount's rule is shown by labels: what the ask would cost against the limit fact.
        await admin.OpenDocument("discount/kind.json");
        await admin.TestId("tab-alternatives").ClickAsync();
        await Expect(admin.TestId("consider-yes-rules").GetByRole(AriaRole.Heading, new() { Name = "Consider a yes" })).ToBeVisibleAsync();
        await Expect(admin.TestId("small-when-point").Locator("option:checked")).ToHaveTextAsync("Amount the discount removes");
        await Expect(admin.TestId("small-when-fact").Locator("option:checked")).ToHaveTextAsync("Most an account manager may concede without approval");

        await admin.OpenDocument("exception/kind.json");
        await admin.TestId("tab-alternatives").ClickAsync();
        var phrases = admin.TestId("small-cues");
        await Expect(phrases).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("computer"));
        var preview = await admin.PreviewAfter(async () => await phrases.FillAsync((await phrases.InputValueAsync()) + "\n(second|extra) (seat|licence)"),
            containing: "(second|extra) (seat|licence)");
        var change = preview.Request.PostDataJSON()!.Value.GetProperty("changes")[0];
        Assert.Contains("\"pattern\": \"(second|extra) (seat|licence)\"", change.GetProperty("content").GetString(), StringComparison.Ordinal);
        await Expect(admin.TestId("dirty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_kind_copied_from_another_opens_its_definition()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);

        await admin.TestId("new-kind").ClickAsync();
        var form = admin.TestId("new-kind-form");
        await form.GetByLabel("Id (folder name)").FillAsync("sponsorship");
        await form.GetByLabel("Title").FillAsync("Sponsorship");
        await form.GetByLabel("Copy templates from").SelectOptionAsync("discount");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(admin.TestId("banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Created the kind sponsorship"));
        await Expect(admin.TestId("doc-path")).ToHaveTextAsync("sponsorship/kind.json");
        await Expect(admin.TestId("kind-sponsorship")).ToContainTextAsync("Sponsorship");
        await Expect(admin.TestId("doc-sponsorship/commercial.scriban")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Export_downloads_the_templates_and_import_saves_the_changed_ones()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);

        var download = await admin.Page.RunAndWaitForDownloadAsync(() => admin.TestId("export").ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        var zipPath = Path.Combine(Path.GetTempPath(), $"admin-export-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(zipPath);
        try
        {
            // Change one fact in the exported zip and import it through the page.
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update))
            {
                Assert.NotNull(zip.GetEntry("discount/commercial.scriban"));
                var entry = zip.GetEntry("facts.json")!;
                string facts;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8)) facts = await reader.ReadToEndAsync();
                Assert.Contains("\"value\": 140,", facts, StringComparison.Ordinal);
                entry.Delete();
                var changed = zip.CreateEntry("facts.json");
                await using var writer = new StreamWriter(changed.Open(), new UTF8Encoding(false));
                await writer.WriteAsync(facts.Replace("\"value\": 140,", "\"value\": 150,", StringComparison.Ordinal));
            }

            admin.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
            var import = await admin.SaveAfter(
                () => admin.TestId("import-file").SetInputFilesAsync(zipPath),
                r => r.Url.EndsWith("/api/templates/import", StringComparison.Ordinal));
            Assert.Equal(200, import.Status);
            Assert.Equal("application/zip", await import.Request.HeaderValueAsync("content-type"));
            await Expect(admin.TestId("banner")).ToContainTextAsync("Imported 1 document;");
            await Expect(admin.TestId("open-facts")).ToContainTextAsync("v2");
        }
        finally
        {
            File.Delete(zipPath);
        }
    }
}
