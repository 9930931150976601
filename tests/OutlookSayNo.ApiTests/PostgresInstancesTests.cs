using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>Two API instances over one PostgreSQL database, as in production: they start at the same
/// moment on an empty database, then take parallel drafts and events, and the log stays one linear chain.</summary>
public sealed class PostgresInstancesTests
{
    [Fact]
    public async Task Two_instances_writing_at_once_keep_one_gap_free_chain_with_no_duplicate_sequence_numbers()
    {
        var connection = PostgresServer.Shared.CreateDatabase("instances");
        var tokens = new DevTokens();
        using var a = new SayNoFactory { PostgresConnectionString = connection, Tokens = tokens };
        using var b = new SayNoFactory { PostgresConnectionString = connection, Tokens = tokens };

        // Both start (migrate, seed the templates) at the same moment.
        var clients = await Task.WhenAll(Task.Run(() => a.ClientAs()), Task.Run(() => b.ClientAs()));

        var drafts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var client = clients[i % 2];
            var response = await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody), audience = "finance" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var id = (string)(await response.ReadNodeAsync())["id"]!;
            // The event goes to the other instance.
            var inserted = await clients[(i + 1) % 2].PostJsonAsync($"/api/drafts/{id}/events", new { type = "inserted", mode = "reply" });
            Assert.Equal(HttpStatusCode.Created, inserted.StatusCode);
            return id;
        }));

        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        Assert.True(db.IsPostgres);
        var seqs = await db.Log.AsNoTracking().OrderBy(r => r.Seq).Select(r => r.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(80, await db.Log.CountAsync(r => r.DraftId != null));
        // The templates were seeded once, not once per instance.
        Assert.Equal(await db.TemplateVersions.CountAsync(), await db.Log.CountAsync(r => r.Type == LogTypes.TemplateChanged));
        Assert.Equal(await db.TemplateVersions.Select(v => v.Path).Distinct().CountAsync(), await db.TemplateVersions.CountAsync());

        var reviewer = b.ClientAs("ComplianceReviewer", "Rita Review");
        var report = await (await reviewer.GetAsync("/api/compliance/verify")).ReadNodeAsync();
        Assert.True((bool)report["intact"]!, report.ToJsonString());
        Assert.Equal(seqs.Count, (long)report["records"]!);
        Assert.Equal(40, drafts.Distinct().Count());
    }

    [Fact]
    public async Task Instances_importing_the_templates_folder_at_the_same_moment_seed_it_once_and_none_fails()
    {
        // The start-up import reads "nothing yet", builds the catalog (slow), then writes: without a
        // lock, a second instance in that window fails on the first one's rows.
        var connection = PostgresServer.Shared.CreateDatabase("seedrace");
        var options = new DbContextOptionsBuilder<PostgresSayNoDb>().UseNpgsql(connection).Options;
        await using (var setup = new PostgresSayNoDb(options)) await setup.Database.MigrateAsync();
        var folder = TemplatesCopy.ShippedFolder();

        var imports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = new PostgresSayNoDb(options);
            return await TemplateStore.ImportFolderAsync(db, folder, SayNoFactory.Now.UtcDateTime, new ModelCache(), CancellationToken.None);
        })));

        Assert.Single(imports, i => i.Seeded);
        Assert.All(imports.Where(i => !i.Seeded), i => Assert.Empty(i.Imported));
        Assert.All(imports, i => Assert.Empty(i.Conflicts));
        await using var check = new PostgresSayNoDb(options);
        var files = CatalogDocuments.ReadFolder(folder).Count;
        Assert.Equal(files, await check.TemplateVersions.CountAsync());
        Assert.Equal(files, await check.Log.CountAsync(r => r.Type == LogTypes.TemplateChanged));
    }
}
