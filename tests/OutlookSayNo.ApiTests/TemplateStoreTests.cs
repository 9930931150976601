using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OutlookSayNo.Kinds;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>One API instance over a database file and templates folder that the test owns, so that
/// several instances (at once, or one after another as a restart) share them, and accept the same
/// tokens because they share one <see cref="DevTokens"/>.</summary>
public sealed class SharedStoreFactory(DevTokens tokens, string databasePath, string? templatesPath = null) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(SayNoFactory.Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = tokens.Settings(databasePath);
            if (templatesPath is not null) settings["Templates:Path"] = templatesPath;
            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient ClientAs(string role, string name)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(role, name, now: SayNoFactory.Now.UtcDateTime));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>The catalog in the database: shared by every instance, exported and imported byte for
/// byte, and fed by the templates folder at start without overwriting an admin's edit.</summary>
public sealed class TemplateStoreTests : IDisposable
{
    private const string Discount = "discount/commercial.scriban";
    private const string Original = "We can't lower the price";
    private const string Edited = "We cannot lower the price this year";

    private readonly DevTokens _tokens = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("saynostore").FullName;
    private readonly List<SharedStoreFactory> _started = [];

    public void Dispose()
    {
        foreach (var factory in _started) factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string DatabasePath(string name = "shared") => Path.Combine(_dir, name + ".db");

    /// <summary>Starts an instance (the first client starts the host) and returns it with an admin and an account manager.</summary>
    private (SharedStoreFactory Factory, HttpClient Admin, HttpClient Manager) Start(string database, string? templates = null)
    {
        var factory = new SharedStoreFactory(_tokens, database, templates);
        _started.Add(factory);
        return (factory, factory.ClientAs("TemplateAdmin", "Dana Admin"), factory.ClientAs("AccountManager", "Alex Morgan"));
    }

    /// <summary>Stops an instance, as a restart does before the next one starts.</summary>
    private void Stop(SharedStoreFactory factory)
    {
        _started.Remove(factory);
        factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private string CopyOfTemplates()
    {
        var folder = Path.Combine(_dir, "templates");
        TemplatesCopy.CopyShipped(folder);
        return folder;
    }

    private static async Task<JsonNode> Draft(HttpClient manager)
    {
        var response = await manager.PostJsonAsync("/api/drafts", new { email = Json.Email(TemplatesApiTests.DiscountEmail), audience = "commercial" });
        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, node.ToJsonString());
        return node;
    }

    private static async Task SaveFact(HttpClient admin, string name, decimal value)
    {
        var facts = await admin.GetAsync("/api/facts");
        var node = await facts.ReadNodeAsync();
        var list = node["facts"]!.AsArray().Select(f => new
        {
            name = f!["name"]!.GetValue<string>(),
            value = f["name"]!.GetValue<string>() == name ? value : f["value"]!.GetValue<decimal>(),
            unit = f["unit"]!.GetValue<string>(),
            label = f["label"]!.GetValue<string>(),
        }).ToList();
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/facts") { Content = JsonContent.Create(new { currency = node["currency"]!.GetValue<string>(), facts = list }) };
        put.Headers.TryAddWithoutValidation("If-Match", facts.Headers.ETag!.Tag);
        var response = await admin.SendAsync(put);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> Document(HttpClient client, string path)
    {
        var response = await client.GetAsync($"/api/templates/documents/{path}");
        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {node.ToJsonString()}");
        return node;
    }

    private static async Task<JsonArray> Conflicts(HttpClient client) =>
        (await (await client.GetAsync("/api/templates/conflicts")).ReadNodeAsync()).AsArray();

    private static async Task<HttpResponseMessage> Resolve(HttpClient admin, string path, string keep) =>
        await admin.PostJsonAsync("/api/templates/conflicts/resolve", new { path, keep });

    private static Task<HttpResponseMessage> Import(HttpClient admin, byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return admin.PostAsync("/api/templates/import", content);
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }, StringComparer.Ordinal);
    }

    // ---- two instances over one database

    [Fact]
    public async Task Two_instances_over_one_database_each_use_the_others_saves_within_the_refresh_time()
    {
        var database = DatabasePath();
        var (a, adminA, managerA) = Start(database);
        Assert.Contains(Original, (await Draft(managerA))["text"]!.GetValue<string>());
        var (b, adminB, managerB) = Start(database);
        var before = await Draft(managerB);
        Assert.Contains(Original, before["text"]!.GetValue<string>());
        Assert.Contains("140 companies", before["text"]!.GetValue<string>());

        var (content, etag) = await TemplatesApiTests.Load(adminA, Discount);
        Assert.Equal(HttpStatusCode.OK, (await TemplatesApiTests.Save(adminA, Discount, content.Replace(Original, Edited), etag)).StatusCode);

        // The other instance learns of the change within Templates:RefreshMilliseconds (500 ms).
        var stillOld = await Draft(managerB);
        Assert.Contains(Original, stillOld["text"]!.GetValue<string>());
        b.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var onB = await Draft(managerB);
        Assert.Contains(Edited, onB["text"]!.GetValue<string>());
        Assert.Equal(2, onB["template"]!["version"]!.GetValue<int>());

        await SaveFact(adminB, "sameTierCustomers", 155m);

        a.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var onA = await Draft(managerA);
        Assert.Contains("155 companies", onA["text"]!.GetValue<string>());
        Assert.Contains(Edited, onA["text"]!.GetValue<string>());
        var catalogA = await (await adminA.GetAsync("/api/templates")).ReadNodeAsync();
        var catalogB = await (await adminB.GetAsync("/api/templates")).ReadNodeAsync();
        Assert.Equal(catalogB["catalogVersion"]!.GetValue<long>(), catalogA["catalogVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task Two_instances_over_one_database_refuse_a_save_from_a_version_the_other_replaced()
    {
        var database = DatabasePath();
        var (_, adminA, _) = Start(database);
        var (_, adminB, _) = Start(database);
        var (content, etag) = await TemplatesApiTests.Load(adminB, Discount);

        Assert.Equal(HttpStatusCode.OK, (await TemplatesApiTests.Save(adminA, Discount, content.Replace(Original, Edited), etag)).StatusCode);
        var stale = await TemplatesApiTests.Save(adminB, Discount, content + "\n", etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await stale.ReadNodeAsync())["currentVersion"]!.GetValue<int>());
        Assert.Contains(Edited, (await Document(adminB, Discount))["content"]!.GetValue<string>());
    }

    // ---- export and import

    [Fact]
    public async Task An_export_imported_into_a_fresh_instance_gives_the_same_documents_byte_for_byte()
    {
        var (_, adminA, _) = Start(DatabasePath("a"));
        var (content, etag) = await TemplatesApiTests.Load(adminA, Discount);
        Assert.Equal(HttpStatusCode.OK, (await TemplatesApiTests.Save(adminA, Discount, content.Replace(Original, Edited) + "\u00e9t\u00e9 \u2014 ok\n", etag)).StatusCode);
        await SaveFact(adminA, "sameTierCustomers", 155m);

        var export = await adminA.GetAsync("/api/templates/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        var zip = await export.Content.ReadAsByteArrayAsync();
        var entries = Entries(zip);
        Assert.Contains(Discount, entries.Keys);
        Assert.Contains("facts.json", entries.Keys);
        Assert.Contains("_partials/greeting.scriban", entries.Keys);
        Assert.Contains("other/kind.json", entries.Keys);

        var contentOnA = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in entries.Keys) contentOnA[path] = (await Document(adminA, path))["content"]!.GetValue<string>();
        foreach (var (path, bytes) in entries) Assert.True(Encoding.UTF8.GetBytes(contentOnA[path]).AsSpan().SequenceEqual(bytes), $"{path} in the zip differs from A");

        var (_, adminB, managerB) = Start(DatabasePath("b"));
        var imported = await Import(adminB, zip);
        var importedNode = await imported.ReadNodeAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.OK, importedNode.ToJsonString());
        Assert.Equal([Discount, "facts.json"], importedNode["imported"]!.AsArray().Select(i => i!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(importedNode["imported"]!.AsArray(), i => Assert.Equal(2, i!["version"]!.GetValue<int>()));
        Assert.Equal(entries.Count - 2, importedNode["unchanged"]!.GetValue<int>());

        foreach (var path in entries.Keys)
        {
            var onB = (await Document(adminB, path))["content"]!.GetValue<string>();
            Assert.True(Encoding.UTF8.GetBytes(contentOnA[path]).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(onB)), $"{path} differs between A and B");
        }
        var history = (await (await adminB.GetAsync($"/api/templates/history?path={Discount}")).ReadNodeAsync()).AsArray();
        Assert.Equal("import", history[0]!["origin"]!.GetValue<string>());
        var draft = await Draft(managerB);
        Assert.Contains(Edited, draft["text"]!.GetValue<string>());
        Assert.Contains("155 companies", draft["text"]!.GetValue<string>());

        var again = await Import(adminB, zip);
        var againNode = await again.ReadNodeAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(againNode["imported"]!.AsArray());
        Assert.Equal(entries.Count, againNode["unchanged"]!.GetValue<int>());

        var folder = Path.Combine(_dir, "unzipped");
        ZipFile.ExtractToDirectory(new MemoryStream(zip), folder);
        var catalog = KindCatalog.Load(folder);
        Assert.Contains("discount", catalog.Kinds.Keys);
        Assert.Equal(155m, catalog.Facts["sameTierCustomers"].Value);
        foreach (var path in entries.Keys)
            Assert.True(Encoding.UTF8.GetBytes(contentOnA[path]).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, path))), $"{path} on disk differs from A");
    }

    /// <summary>CatalogArchive.Import takes application/octet-stream as well as application/zip (what
    /// scripts and tools send for a binary file), and answers anything else with its own 415 that says
    /// how to send a zip.</summary>
    [Fact]
    public async Task An_export_sent_back_as_application_octet_stream_is_imported_like_a_zip()
    {
        var (_, admin, _) = Start(DatabasePath());
        var zip = await (await admin.GetAsync("/api/templates/export")).Content.ReadAsByteArrayAsync();
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await admin.PostAsync("/api/templates/import", content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(Entries(zip).Count, JsonNode.Parse(text)!["unchanged"]!.GetValue<int>());
    }

    // ---- the templates folder

    [Fact]
    public async Task A_folder_change_is_imported_at_start_and_a_conflict_with_an_admin_edit_waits_for_the_admin()
    {
        var templates = CopyOfTemplates();
        var database = DatabasePath();
        var (first, _, _) = Start(database, templates);
        _ = first.CreateClient(); // seeds
        Stop(first);

        // A change in the folder that nobody edited in the database: imported at the next start.
        var finance = Path.Combine(templates, "scope", "finance.scriban");
        var financeText = File.ReadAllText(finance).Replace("Doing it for free would leave", "Doing it at no charge would leave");
        File.WriteAllText(finance, financeText);
        var (second, admin, _) = Start(database, templates);
        var financeDoc = await Document(admin, "scope/finance.scriban");
        Assert.Equal(2, financeDoc["version"]!.GetValue<int>());
        Assert.Equal("folder", financeDoc["origin"]!.GetValue<string>());
        Assert.Equal(financeText, financeDoc["content"]!.GetValue<string>());
        Assert.Empty(await Conflicts(admin));

        // An admin edits two documents; then the folder changes both.
        var (technical, technicalTag) = await TemplatesApiTests.Load(admin, "scope/technical.scriban");
        var adminTechnical = technical.Replace("Thanks for the note about the extra work.", "Thanks for your note about the extra work.");
        Assert.NotEqual(technical, adminTechnical);
        var saved = await TemplatesApiTests.Save(admin, "scope/technical.scriban", adminTechnical, technicalTag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("edit", (await saved.ReadNodeAsync())["origin"]!.GetValue<string>());
        var (commercial, commercialTag) = await TemplatesApiTests.Load(admin, "scope/commercial.scriban");
        var adminCommercial = commercial.Replace("Thank you for telling me what else", "Thanks for telling me what else");
        Assert.NotEqual(commercial, adminCommercial);
        Assert.Equal(HttpStatusCode.OK, (await TemplatesApiTests.Save(admin, "scope/commercial.scriban", adminCommercial, commercialTag)).StatusCode);
        Stop(second);

        var folderTechnical = technical.Replace("Thanks for the note about", "Thank you for the note about");
        Assert.NotEqual(technical, folderTechnical);
        File.WriteAllText(Path.Combine(templates, "scope", "technical.scriban"), folderTechnical);
        var folderCommercial = commercial.Replace("Thank you for telling me what else", "Many thanks for telling me what else");
        File.WriteAllText(Path.Combine(templates, "scope", "commercial.scriban"), folderCommercial);

        var (third, admin3, manager3) = Start(database, templates);
        var reviewer = third.ClientAs("ComplianceReviewer", "Robin Reviewer");
        var kept = await Document(admin3, "scope/technical.scriban");
        Assert.Equal(2, kept["version"]!.GetValue<int>());
        Assert.Equal("edit", kept["origin"]!.GetValue<string>());
        Assert.Equal(adminTechnical, kept["content"]!.GetValue<string>());
        Assert.Equal(adminCommercial, (await Document(admin3, "scope/commercial.scriban"))["content"]!.GetValue<string>());

        var conflicts = await Conflicts(reviewer);
        Assert.Equal(["scope/commercial.scriban", "scope/technical.scriban"], conflicts.Select(c => c!["path"]!.GetValue<string>()));
        var technicalConflict = conflicts.Single(c => c!["path"]!.GetValue<string>() == "scope/technical.scriban")!;
        Assert.Equal(2, technicalConflict["databaseVersion"]!.GetValue<int>());
        Assert.Equal(adminTechnical, technicalConflict["databaseContent"]!.GetValue<string>());
        Assert.Equal(folderTechnical, technicalConflict["folderContent"]!.GetValue<string>());
        Assert.Equal(CatalogDocuments.Hash(folderTechnical), technicalConflict["folderSha256"]!.GetValue<string>());
        Assert.NotNull(technicalConflict["detectedAtUtc"]);
        Assert.Equal(2, (await (await reviewer.GetAsync("/api/templates")).ReadNodeAsync())["conflicts"]!.GetValue<int>());

        // Take the folder's version of one...
        var tookFolder = await Resolve(admin3, "scope/technical.scriban", "folder");
        var tookFolderNode = await tookFolder.ReadNodeAsync();
        Assert.True(tookFolder.StatusCode == HttpStatusCode.OK, tookFolderNode.ToJsonString());
        Assert.Equal(3, tookFolderNode["version"]!.GetValue<int>());
        Assert.Equal("conflict", tookFolderNode["origin"]!.GetValue<string>());
        Assert.Equal(folderTechnical, tookFolderNode["content"]!.GetValue<string>());
        Assert.Equal(folderTechnical, (await Document(admin3, "scope/technical.scriban"))["content"]!.GetValue<string>());
        Assert.DoesNotContain(await Conflicts(admin3), c => c!["path"]!.GetValue<string>() == "scope/technical.scriban");
        var draft = await manager3.PostJsonAsync("/api/drafts", new { email = Json.Email("Could you add two extra reports to the project at no cost?"), category = "scope", audience = "technical" });
        Assert.Contains("Thank you for the note about", (await draft.ReadNodeAsync())["text"]!.GetValue<string>());

        // ... and keep the database's version of the other.
        var keptDatabase = await Resolve(admin3, "scope/commercial.scriban", "database");
        var keptDatabaseNode = await keptDatabase.ReadNodeAsync();
        Assert.True(keptDatabase.StatusCode == HttpStatusCode.OK, keptDatabaseNode.ToJsonString());
        Assert.Equal(2, keptDatabaseNode["version"]!.GetValue<int>());
        Assert.Equal(adminCommercial, keptDatabaseNode["content"]!.GetValue<string>());
        Assert.Empty(await Conflicts(admin3));
        Assert.Equal(HttpStatusCode.NotFound, (await Resolve(admin3, "scope/commercial.scriban", "folder")).StatusCode);
        Stop(third);

        // A restart with the folder unchanged brings neither conflict back.
        var (_, admin4, _) = Start(database, templates);
        Assert.Empty(await Conflicts(admin4));
        Assert.Equal(3, (await Document(admin4, "scope/technical.scriban"))["version"]!.GetValue<int>());
        Assert.Equal(adminCommercial, (await Document(admin4, "scope/commercial.scriban"))["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_folder_change_that_does_not_build_is_set_aside_with_a_reason_and_the_instance_starts_on_the_database()
    {
        var templates = CopyOfTemplates();
        var database = DatabasePath();
        var (first, _, _) = Start(database, templates);
        _ = first.CreateClient();
        Stop(first);

        var file = Path.Combine(templates, "scope", "finance.scriban");
        var shipped = File.ReadAllText(file);
        var broken = shipped + "{{ if data.extraHours }} never closed\n";
        File.WriteAllText(file, broken);

        var (second, admin, manager) = Start(database, templates);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/healthz")).StatusCode);
        var doc = await Document(admin, "scope/finance.scriban");
        Assert.Equal(1, doc["version"]!.GetValue<int>());
        Assert.Equal(shipped, doc["content"]!.GetValue<string>());

        var conflict = Assert.Single(await Conflicts(admin))!;
        Assert.Equal("scope/finance.scriban", conflict["path"]!.GetValue<string>());
        Assert.Equal(broken, conflict["folderContent"]!.GetValue<string>());
        Assert.Contains("does not build", conflict["reason"]!.GetValue<string>());

        var draft = await manager.PostJsonAsync("/api/drafts", new { email = Json.Email("Could you add two extra reports to the project at no cost?"), category = "scope", audience = "finance" });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);

        // Taking the broken folder version is refused like any invalid save; keeping the database's clears it.
        var take = await Resolve(admin, "scope/finance.scriban", "folder");
        Assert.Equal(HttpStatusCode.BadRequest, take.StatusCode);
        Assert.Equal(1, (await Document(admin, "scope/finance.scriban"))["version"]!.GetValue<int>());
        Assert.Single(await Conflicts(admin));
        Assert.Equal(HttpStatusCode.OK, (await Resolve(admin, "scope/finance.scriban", "database")).StatusCode);
        Assert.Empty(await Conflicts(admin));
    }
}
