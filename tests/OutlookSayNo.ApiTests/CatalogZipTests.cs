using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>A catalog import reads the zip as it is, not as it claims to be: an entry whose data does not
/// match its header, a name given twice, an encrypted entry or a miscounted directory is refused with a
/// validation problem that names the entry, and nothing is saved. Every zip here is written byte by byte
/// (<see cref="ZipBytes"/>) with the documents' current text, so a reader that let a lie through would
/// answer 200 "unchanged" rather than change the catalog the other cases share.</summary>
public sealed class CatalogZipTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private const string Closing = "_partials/closing.scriban";
    private const string Greeting = "_partials/greeting.scriban";

    private HttpClient Admin() => factory.ClientAs("TemplateAdmin", "Dana Admin");

    private async Task<string> Current(string path) => (await TemplatesApiTests.Load(Admin(), path)).Content;

    private async Task<HttpResponseMessage> Import(byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await Admin().PostAsync("/api/templates/import", content);
    }

    /// <summary>A 400 validation problem whose <c>zip</c> error names <paramref name="entry"/> and says <paramref name="why"/>.</summary>
    private static async Task AssertRefused(HttpResponseMessage response, string? entry, string why)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!["errors"]?["zip"]?[0]?.GetValue<string>();
        Assert.True(error is not null, $"no errors.zip: {text}");
        if (entry is not null) Assert.True(error.Contains(entry, StringComparison.Ordinal), $"the problem does not name {entry}: {error}");
        Assert.True(error.Contains(why, StringComparison.Ordinal), $"the problem does not say '{why}': {error}");
    }

    [Fact]
    public async Task A_zip_written_by_the_helper_without_lies_is_read_stored_and_deflated()
    {
        var zip = ZipBytes.Build([
            ZipBytes.Entry.Text(Closing, await Current(Closing)) with { Deflate = false },
            ZipBytes.Entry.Text(Greeting, await Current(Greeting)),
        ]);

        var response = await Import(zip);

        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, node.ToJsonString());
        Assert.Equal(2, node["unchanged"]!.GetValue<int>());
        Assert.Empty(node["imported"]!.AsArray());
    }

    [Fact]
    public async Task An_entry_whose_header_says_10_bytes_but_that_inflates_to_20_MB_is_refused_naming_it()
    {
        // The first ten bytes and their CRC are what the header declares; a reader that stops at the
        // declared size would import a cut document and never see the 20 MB behind it.
        var text = await Current(Closing);
        var bomb = new byte[Encoding.UTF8.GetByteCount(text) + 20_000_000];
        Encoding.UTF8.GetBytes(text, bomb);
        var zip = ZipBytes.Build([new ZipBytes.Entry(Closing, bomb) { DeclaredSize = 10 }]);
        Assert.True(zip.Length < 100_000, $"{zip.Length} bytes");

        await AssertRefused(await Import(zip), Closing, "more than the 10 bytes its header declares");
    }

    [Fact]
    public async Task An_entry_shorter_than_its_header_declares_is_refused_naming_it()
    {
        var text = await Current(Closing);
        var zip = ZipBytes.Build([ZipBytes.Entry.Text(Closing, text) with { DeclaredSize = Encoding.UTF8.GetByteCount(text) + 100 }]);

        await AssertRefused(await Import(zip), Closing, "fewer bytes than its header declares");
    }

    [Fact]
    public async Task A_stored_entry_whose_header_says_fewer_bytes_than_it_holds_is_refused_naming_it()
    {
        var text = await Current(Closing);
        var zip = ZipBytes.Build([ZipBytes.Entry.Text(Closing, text) with { Deflate = false, DeclaredSize = 10 }]);

        await AssertRefused(await Import(zip), Closing, "declares");
    }

    [Theory]
    [InlineData(Closing)]
    [InlineData("templates/" + Closing)]
    [InlineData("_partials/Closing.scriban")]
    [InlineData("_partials\\closing.scriban")]
    public async Task A_name_given_twice_is_refused_naming_it(string second)
    {
        var text = await Current(Closing);
        var zip = ZipBytes.Build([ZipBytes.Entry.Text(Closing, text), ZipBytes.Entry.Text(second, text)]);

        await AssertRefused(await Import(zip), second, "twice");
    }

    [Fact]
    public async Task An_encrypted_entry_is_refused_naming_it()
    {
        var zip = ZipBytes.Build([
            ZipBytes.Entry.Text(Greeting, await Current(Greeting)),
            ZipBytes.Entry.Text(Closing, await Current(Closing)) with { Flags = 1 },
        ]);

        await AssertRefused(await Import(zip), Closing, "encrypted");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_zip_whose_end_record_miscounts_its_entries_is_refused(int declared)
    {
        var zip = ZipBytes.Build([ZipBytes.Entry.Text(Closing, await Current(Closing))], declaredCount: declared);

        await AssertRefused(await Import(zip), null, $"says it has {declared} entries");
    }

    [Fact]
    public async Task After_the_lying_zips_the_catalog_is_unchanged_and_an_export_imports_cleanly()
    {
        var zips = new[]
        {
            ZipBytes.Build([ZipBytes.Entry.Text(Closing, "Bye.") with { DeclaredSize = 2 }]),
            ZipBytes.Build([ZipBytes.Entry.Text(Closing, "Bye."), ZipBytes.Entry.Text(Closing, "Bye!")]),
            ZipBytes.Build([ZipBytes.Entry.Text(Closing, "Bye.") with { Flags = 1 }]),
        };
        foreach (var zip in zips) Assert.Equal(HttpStatusCode.BadRequest, (await Import(zip)).StatusCode);

        var history = (await (await Admin().GetAsync($"/api/templates/history?path={Closing}")).ReadNodeAsync()).AsArray();
        Assert.Single(history);
        var export = await (await Admin().GetAsync("/api/templates/export")).Content.ReadAsByteArrayAsync();
        var response = await Import(export);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
