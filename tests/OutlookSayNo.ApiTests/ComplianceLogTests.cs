using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

/// <summary>The tamper-evident log on SQLite: every draft, event, review action and template change is
/// one chained record; verify recomputes the chain and names what was edited or removed behind the
/// API's back; a purge leaves a checkpoint the rest still verifies from.</summary>
public abstract class ComplianceLogTests : IDisposable
{
    private readonly SayNoFactory _factory;
    private readonly HttpClient _manager;
    private readonly HttpClient _reviewer;

    protected ComplianceLogTests(SayNoFactory factory)
    {
        _factory = factory;
        _manager = _factory.ClientAs("AccountManager", "Alex Morgan");
        _reviewer = _factory.ClientAs("ComplianceReviewer", "Rita Review");
    }

    public void Dispose() => _factory.Dispose();

    private async Task<string> Draft(string body = Emails.DiscountBody)
    {
        // Each draft is of another customer email (item): the same email drafted again would be a revision of one draft.
        var response = await _manager.PostJsonAsync("/api/drafts", new { email = Json.Email(body, itemId: Guid.NewGuid().ToString()), audience = "commercial" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadNodeAsync())["id"]!;
    }

    private async Task<JsonNode> Verify()
    {
        var response = await _reviewer.GetAsync("/api/compliance/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    private async Task Sql(string sql)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SayNoDb>().Database.ExecuteSqlRawAsync(sql);
    }

    protected abstract bool ExpectPostgres { get; }

    [Fact]
    public async Task The_log_is_kept_by_the_configured_store()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.Equal(ExpectPostgres, scope.ServiceProvider.GetRequiredService<SayNoDb>().IsPostgres);
    }

    [Fact]
    public async Task Drafts_events_and_template_seeding_form_one_gap_free_chain_that_verifies()
    {
        var id = await Draft();
        Assert.Equal(HttpStatusCode.Created, (await _manager.PostJsonAsync($"/api/drafts/{id}/events", new { type = "inserted", mode = "reply" })).StatusCode);

        var report = await Verify();
        Assert.True((bool)report["intact"]!);
        var records = (await (await _reviewer.GetAsync("/api/compliance/log?take=1000")).ReadNodeAsync()).AsArray();
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => (long)r!["seq"]!));
        Assert.Equal(records.Count, (long)report["records"]!);
        Assert.Contains(records, r => (string?)r!["type"] == "template_changed");
        Assert.Equal(["generated", "inserted"], records.Where(r => (string?)r!["draftId"] == id).Select(r => (string)r!["type"]!));
        for (var i = 1; i < records.Count; i++) Assert.Equal((string?)records[i - 1]!["hash"], (string?)records[i]!["prevHash"]);
    }

    [Fact]
    public async Task An_edited_record_is_named_by_verify()
    {
        var id = await Draft();
        await Draft();
        await Sql($"UPDATE log SET \"Payload\" = replace(\"Payload\", '\"audience\":\"commercial\"', '\"audience\":\"finance\"') WHERE \"DraftId\" = '{id}' AND \"Type\" = 'generated'");

        var report = await Verify();
        Assert.False((bool)report["intact"]!);
        var first = report["problems"]!.AsArray()[0]!;
        Assert.Contains("content altered", (string)first["problem"]!);
        await using var scope = _factory.Services.CreateAsyncScope();
        var seq = await scope.ServiceProvider.GetRequiredService<SayNoDb>().Log.Where(r => r.DraftId == id).Select(r => r.Seq).FirstAsync();
        Assert.Equal(seq, (long)first["seq"]!);
    }

    [Fact]
    public async Task A_deleted_record_is_named_by_verify()
    {
        await Draft();
        var id = await Draft();
        await Draft();
        long seq;
        await using (var scope = _factory.Services.CreateAsyncScope())
            seq = await scope.ServiceProvider.GetRequiredService<SayNoDb>().Log.Where(r => r.DraftId == id).Select(r => r.Seq).FirstAsync();
        await Sql($"DELETE FROM log WHERE \"Seq\" = {seq}");

        var problems = (await Verify())["problems"]!.AsArray();
        Assert.Contains(problems, p => (long)p!["seq"]! == seq && ((string)p["problem"]!).Contains("missing"));
    }

    [Fact]
    public async Task Records_removed_from_the_end_are_named_by_verify()
    {
        await Draft();
        await Draft();
        await Sql("DELETE FROM log WHERE \"Seq\" = (SELECT MAX(\"Seq\") FROM log)");
        var problems = (await Verify())["problems"]!.AsArray();
        Assert.Contains(problems, p => ((string)p!["problem"]!).Contains("missing from the end"));
    }

    [Fact]
    public async Task A_recomputed_hash_still_breaks_the_link_to_the_next_record()
    {
        var id = await Draft();
        await Draft();
        // A careful forger fixes the content hash of the record they changed; the next record still points at the old hash.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            var r = await db.Log.AsNoTracking().FirstAsync(x => x.DraftId == id);
            var payload = r.Payload.Replace("\"audience\":\"commercial\"", "\"audience\":\"finance\"");
            Assert.NotEqual(r.Payload, payload);
            var content = LogChain.ContentHash(r.Seq, r.Type, r.DraftId, r.AtUtc, r.UserId, r.UserName, payload);
            var hash = LogChain.ChainHash(r.PrevHash, content);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE log SET \"Payload\" = {payload}, \"ContentHash\" = {content}, \"Hash\" = {hash} WHERE \"Seq\" = {r.Seq}");
        }
        var problems = (await Verify())["problems"]!.AsArray();
        Assert.Contains(problems, p => ((string)p!["problem"]!).Contains("chain broken"));
    }

    [Fact]
    public async Task Concurrent_drafts_and_events_keep_one_linear_chain()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Draft()));
        var events = await Task.WhenAll(ids.Select(id => _manager.PostJsonAsync($"/api/drafts/{id}/events", new { type = "discarded" })));
        Assert.All(events, e => Assert.Equal(HttpStatusCode.Created, e.StatusCode));

        var report = await Verify();
        Assert.True((bool)report["intact"]!, report.ToJsonString());
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        Assert.Equal(48, await db.Log.CountAsync(r => r.DraftId != null));
        Assert.Equal(await db.Log.MaxAsync(r => r.Seq), await db.Log.CountAsync());
    }

    [Fact]
    public async Task Verify_while_drafts_are_being_written_reports_an_intact_chain()
    {
        await Draft();
        var writing = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Draft()));
        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Verify()));
        await writing;
        Assert.All(reports, r => Assert.True((bool)r["intact"]!, r.ToJsonString()));
        Assert.True((bool)(await Verify())["intact"]!);
    }

    [Fact]
    public async Task A_purge_removes_the_old_prefix_and_the_rest_verifies_from_its_checkpoint()
    {
        var old = await Draft();
        _factory.Clock.Advance(TimeSpan.FromDays(2556));
        var recent = await Draft();

        var refused = await _reviewer.PostAsJsonAsync("/api/compliance/purge", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shorter = await _reviewer.PostAsJsonAsync("/api/compliance/purge", new { confirm = true, retentionDays = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, shorter.StatusCode);

        var purge = await _reviewer.PostAsJsonAsync("/api/compliance/purge", new { confirm = true });
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        var result = await purge.ReadNodeAsync();
        Assert.True((long)result["purgedRecords"]! > 1);
        Assert.Equal(1, (long)result["purgedDrafts"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await _reviewer.GetAsync($"/api/compliance/drafts/{old}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reviewer.GetAsync($"/api/compliance/drafts/{recent}")).StatusCode);
        var report = await Verify();
        Assert.True((bool)report["intact"]!, report.ToJsonString());
        Assert.Equal((long)result["purgedThroughSeq"]!, (long)report["purgedThroughSeq"]!);

        // Deleting the first kept record is still caught.
        await Sql($"DELETE FROM log WHERE \"Seq\" = {(long)report["firstSeq"]!}");
        Assert.False((bool)(await Verify())["intact"]!);
    }
}

public sealed class ComplianceLogOnSqliteTests() : ComplianceLogTests(new SayNoFactory())
{
    protected override bool ExpectPostgres => false;
}

public sealed class ComplianceLogOnPostgresTests() : ComplianceLogTests(new SayNoFactory { PostgresConnectionString = Testing.PostgresServer.Shared.CreateDatabase() })
{
    protected override bool ExpectPostgres => true;
}
