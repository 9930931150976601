using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OutlookSayNo.Data;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>A database from before revisions migrates: each old draft becomes one email with one revision,
/// its id still takes events, the chain still verifies, and nothing in the log is rewritten.</summary>
public sealed class DraftRevisionsMigrationTests
{
    [Theory]
    [InlineData(DatabaseOptions.Sqlite)]
    [InlineData(DatabaseOptions.Postgres)]
    public async Task An_old_draft_becomes_one_email_with_one_revision_that_still_takes_events(string provider)
    {
        var postgres = provider == DatabaseOptions.Postgres ? PostgresServer.Shared.CreateDatabase("revmig") : null;
        using var factory = new SayNoFactory { PostgresConnectionString = postgres };
        SayNoDb Open() => postgres is null
            ? new SqliteSayNoDb(new DbContextOptionsBuilder<SqliteSayNoDb>().UseSqlite($"Data Source={factory.DatabasePath};Pooling=False").Options)
            : new PostgresSayNoDb(new DbContextOptionsBuilder<PostgresSayNoDb>().UseNpgsql(postgres).Options);

        var id = Guid.CreateVersion7().ToString();
        var at = LogChain.Truncate(SayNoFactory.Now.UtcDateTime.AddDays(-1));
        const string Text = "Hi Priya,\n\nWe can't lower the price by 15%.\n\nBest regards,\nAlex";
        string hashBefore;
        await using (var db = Open())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_DraftRevisions")) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            await using var tx = await db.Database.BeginTransactionAsync();
            var payload = LogChain.Payload(new { id, category = "discount", audience = "commercial", subject = "RE: Renewal", text = Text });
            var records = await LogChain.AppendAsync(db, [new LogEntry(LogTypes.Generated, id, "alex.morgan", "Alex Morgan", payload)], at, default);
            await db.SaveChangesAsync();
            hashBefore = records[0].Hash;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO drafts ("Id", "CreatedAtUtc", "UserId", "UserName", "Category", "Audience", "Threat", "Abusive", "ManagerCopyAdvised",
                  "TemplateId", "TemplateVersion", "CatalogVersion", "GeneratedFailed", "CustomerDomain", "FromName", "FromEmail", "EmailSubject", "Subject",
                  "AskQuote", "Status", "SentWarned", "Review", "Comments", "GeneratedSeq")
                VALUES ({id}, {at}, 'alex.morgan', 'Alex Morgan', 'discount', 'commercial', {false}, {false}, {false},
                  'discount/commercial', 1, 1, 0, 'old.example', 'Priya Nair', 'priya@old.example', 'Renewal', 'RE: Renewal',
                  NULL, 'generated', {false}, 'none', 0, {records[0].Seq})
                """);
            await tx.CommitAsync();
        }

        // The API migrates on start.
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rita Review");
        var page = await (await reviewer.GetAsync("/api/compliance/drafts?domain=old.example&count=true")).ReadNodeAsync();
        Assert.Equal(1, (long)page["total"]!);
        Assert.Equal((id, 1), ((string)page["items"]![0]!["id"]!, (int)page["items"]![0]!["revisions"]!));
        var detail = await (await reviewer.GetAsync($"/api/compliance/drafts/{id}")).ReadNodeAsync();
        Assert.Equal(Text, (string)detail["revisions"]!.AsArray().Single()!["generated"]!["text"]!);

        var alex = factory.ClientAs(name: "Alex Morgan");
        var inserted = await alex.PostJsonAsync($"/api/drafts/{id}/events", new { type = "inserted" });
        Assert.Equal(HttpStatusCode.Created, inserted.StatusCode);
        detail = await (await reviewer.GetAsync($"/api/compliance/drafts/{id}")).ReadNodeAsync();
        Assert.True((bool)detail["revisions"]![0]!["inserted"]!);

        var verify = await (await reviewer.GetAsync("/api/compliance/verify")).ReadNodeAsync();
        Assert.True((bool)verify["intact"]!, verify.ToJsonString());
        await using (var db = Open())
            Assert.Equal(hashBefore, await db.Log.Where(r => r.DraftId == id && r.Type == LogTypes.Generated).Select(r => r.Hash).SingleAsync());
    }
}
