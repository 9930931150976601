using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;
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
}
