using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The API in a child process takes drafts from 16 concurrent clients and is killed with
/// SIGKILL at a random moment; after a restart every draft it acknowledged is in the log and the
/// chain verifies. Three kills per store.</summary>
public sealed class CrashTests
{
    private const int Rounds = 3;

    [Fact]
    public Task No_acknowledged_draft_is_lost_when_the_API_is_killed_on_SQLite()
    {
        var dir = Directory.CreateTempSubdirectory("saynocrash").FullName;
        return Run(tokens => tokens.Settings(Path.Combine(dir, "crash.db")));
    }

    [Fact]
    public Task No_acknowledged_draft_is_lost_when_the_API_is_killed_on_PostgreSQL()
    {
        var connection = PostgresServer.Shared.CreateDatabase("crash");
        return Run(tokens =>
        {
            var settings = tokens.Settings("unused.db");
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = connection;
            return settings;
        });
    }

    private static async Task Run(Func<DevTokens, Dictionary<string, string?>> configure)
    {
        var tokens = new DevTokens();
        var settings = configure(tokens);
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var round = 0; round < Rounds; round++)
        {
            using var api = await ChildApi.StartAsync(settings);
            var killAfter = acknowledged.Count + random.Next(20, 60);
            using var cancel = new CancellationTokenSource();
            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create("AccountManager", "Alex Morgan"));
            var workers = Enumerable.Range(0, 16).Select(async _ =>
            {
                while (!cancel.IsCancellationRequested)
                {
                    HttpResponseMessage response;
                    // Each request is another customer email (item): the same email drafted again would be a revision of one draft.
                    try { response = await http.PostAsJsonAsync("api/drafts", new { email = Json.Email(Emails.DiscountBody, itemId: Guid.NewGuid().ToString()), audience = "commercial" }, cancel.Token); }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException) { return; }
                    if (response.StatusCode != HttpStatusCode.OK) continue; // not acknowledged: may or may not be there
                    var id = (string)(await response.ReadNodeAsync())["id"]!;
                    acknowledged[id] = true;
                    if (acknowledged.Count >= killAfter && !cancel.IsCancellationRequested)
                    {
                        api.Kill(); // mid-load: other requests are in flight
                        cancel.Cancel();
                    }
                }
            }).ToList();
            await Task.WhenAll(workers);
            Assert.True(cancel.IsCancellationRequested, "The load stopped before the kill.");
        }

        using var restarted = await ChildApi.StartAsync(settings);
        using var reviewer = new HttpClient { BaseAddress = restarted.BaseAddress };
        reviewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create("ComplianceReviewer", "Rita Review"));
        var logged = new HashSet<string>();
        long after = 0;
        while (true)
        {
            var page = (await (await reviewer.GetAsync($"api/compliance/log?type=generated&take=1000&after={after}")).ReadNodeAsync()).AsArray();
            if (page.Count == 0) break;
            foreach (var r in page) logged.Add((string)r!["draftId"]!);
            after = (long)page[^1]!["seq"]!;
        }
        var lost = acknowledged.Keys.Where(id => !logged.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged drafts are missing (seed {seed}).");
        var report = await (await reviewer.GetAsync("api/compliance/verify")).ReadNodeAsync();
        Assert.True((bool)report["intact"]!, report.ToJsonString());
        Assert.True(acknowledged.Count >= Rounds * 20);
    }
}
