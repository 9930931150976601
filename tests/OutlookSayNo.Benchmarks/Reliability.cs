using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OutlookSayNo.Testing;

namespace OutlookSayNo.Benchmarks;

/// <summary>The API as a child process under a draft load, as production runs it (Release build,
/// durability on), for the two figures a load tool cannot give: whether a SIGKILL at a random moment
/// loses an acknowledged draft, and whether memory stays flat over 100,000 drafts.</summary>
public static class Reliability
{
    private const string Email = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal? Our budget was cut and a competitor quoted less.\n\nBest regards,\nPriya Nair\nHead of Finance";

    /// <summary><c>crash [--store sqlite|postgres] [--rounds 10] [--clients 32]</c>: each round starts the API,
    /// loads it, kills it with SIGKILL at a random moment, restarts it and checks that every draft ever
    /// acknowledged is in the log and that the chain verifies.</summary>
    public static async Task CrashAsync(string[] args)
    {
        var rounds = int.Parse(LogBench.Arg(args, "--rounds") ?? "10", CultureInfo.InvariantCulture);
        var clients = int.Parse(LogBench.Arg(args, "--clients") ?? "32", CultureInfo.InvariantCulture);
        var (tokens, settings, store) = Setup(args);
        var seed = int.Parse(LogBench.Arg(args, "--seed") ?? Environment.TickCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var acknowledged = new ConcurrentDictionary<string, bool>();
        Console.WriteLine($"crash: store {store}, {rounds} rounds, {clients} clients, seed {seed}, {Environment.ProcessorCount} cores");
        Console.WriteLine("round  kill after first draft  acknowledged (all rounds)  found in log  missing  records  chain");
        var failed = false;
        for (var round = 1; round <= rounds; round++)
        {
            var api = await ChildApi.StartAsync(settings);
            // The kill comes at a random moment once drafts flow (after the first acknowledgement).
            var killAt = TimeSpan.FromMilliseconds(random.Next(200, 3000));
            var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (var cancel = new CancellationTokenSource())
            using (var http = Client(api, tokens.Create("AccountManager", "Load Tester")))
            {
                var load = Load(http, clients, cancel.Token, id => { acknowledged[id] = true; flowing.TrySetResult(); });
                await flowing.Task.WaitAsync(TimeSpan.FromSeconds(60));
                await Task.Delay(killAt);
                api.Kill(); // requests in flight, some mid-commit
                cancel.Cancel();
                await load;
            }
            api.Dispose();

            using var restarted = await ChildApi.StartAsync(settings);
            using var reviewer = Client(restarted, tokens.Create("ComplianceReviewer", "Rita Review"));
            var logged = await LoggedDraftIds(reviewer);
            var missing = acknowledged.Keys.Count(id => !logged.Contains(id));
            var report = await (await reviewer.GetAsync("api/compliance/verify")).Content.ReadFromJsonAsync<JsonObject>();
            var intact = (bool)report!["intact"]!;
            failed |= missing > 0 || !intact;
            Console.WriteLine($"{round,5}  {killAt.TotalSeconds,20:0.0} s  {acknowledged.Count,24:N0}  {acknowledged.Keys.Count(logged.Contains),12:N0}  {missing,7}  {(long)report["records"]!,7:N0}  {(intact ? "intact" : "BROKEN")}");
        }
        Console.WriteLine(failed ? "FAILED: an acknowledged draft is missing or the chain is broken." : "Every acknowledged draft was found after every kill, and the chain verified.");
        Environment.ExitCode = failed ? 1 : 0;
    }

    /// <summary><c>soak [--store sqlite|postgres] [--drafts 100000] [--clients 32]</c>: drafts until the
    /// count, printing the API's resident memory every tenth of the way.</summary>
    public static async Task SoakAsync(string[] args)
    {
        var total = int.Parse(LogBench.Arg(args, "--drafts") ?? "100000", CultureInfo.InvariantCulture);
        var clients = int.Parse(LogBench.Arg(args, "--clients") ?? "32", CultureInfo.InvariantCulture);
        var (tokens, settings, store) = Setup(args);
        using var api = await ChildApi.StartAsync(settings);
        using var http = Client(api, tokens.Create("AccountManager", "Load Tester"));
        Console.WriteLine($"soak: store {store}, {total:N0} drafts, {clients} clients, {Environment.ProcessorCount} cores");
        Console.WriteLine("  drafts  drafts/s  resident MB");
        var done = 0;
        var step = Math.Max(1, total / 10);
        var next = step;
        var clock = Stopwatch.StartNew();
        var lastAt = TimeSpan.Zero;
        var lastDone = 0;
        using var cancel = new CancellationTokenSource();
        var report = new SemaphoreSlim(1, 1);
        Console.WriteLine($"{0,8:N0}  {"",8}  {ResidentMegabytes(api.ProcessId),11:N0}");
        await Load(http, clients, cancel.Token, _ =>
        {
            var n = Interlocked.Increment(ref done);
            if (n >= total) cancel.Cancel();
            if (n < next || !report.Wait(0)) return;
            try
            {
                if (n < next) return;
                next += step;
                var at = clock.Elapsed;
                Console.WriteLine($"{n,8:N0}  {(n - lastDone) / (at - lastAt).TotalSeconds,8:N0}  {ResidentMegabytes(api.ProcessId),11:N0}");
                (lastAt, lastDone) = (at, n);
            }
            finally { report.Release(); }
        });
        Console.WriteLine($"{done:N0} drafts in {clock.Elapsed.TotalSeconds:N0} s");
    }

    private static (DevTokens Tokens, Dictionary<string, string?> Settings, string Store) Setup(string[] args)
    {
        var store = LogBench.Arg(args, "--store") ?? "sqlite";
        var tokens = new DevTokens();
        var dir = Directory.CreateTempSubdirectory("saynoreliability").FullName;
        var settings = tokens.Settings(Path.Combine(dir, "reliability.db"));
        // One user makes every request: lift the per-user rate limit for the run.
        settings["Security:RateLimit:PermitsPerMinute"] = "1000000";
        settings["Security:RateLimit:Burst"] = "1000000";
        if (store == "postgres")
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase("reliability");
        }
        return (tokens, settings, store);
    }

    private static HttpClient Client(ChildApi api, string token)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Concurrent clients posting drafts until cancelled or the API goes away; an id counts as
    /// acknowledged only when its 200 arrived.</summary>
    private static Task Load(HttpClient http, int clients, CancellationToken stop, Action<string> acknowledged) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Each request is another customer email (item): the same email drafted again would be a revision of one draft.
                var body = new { email = new { subject = "Renewal 2027", body = Email, from = new { name = "Priya Nair", email = "priya@northwind-foods.com" }, itemId = Guid.NewGuid().ToString() }, audience = "finance" };
                try
                {
                    using var response = await http.PostAsJsonAsync("api/drafts", body, stop);
                    if (response.StatusCode != HttpStatusCode.OK) continue;
                    var draft = await response.Content.ReadFromJsonAsync<JsonObject>(stop);
                    acknowledged((string)draft!["id"]!);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException) { return; }
            }
        })));

    private static async Task<HashSet<string>> LoggedDraftIds(HttpClient reviewer)
    {
        var logged = new HashSet<string>();
        long after = 0;
        while (true)
        {
            var page = (await reviewer.GetFromJsonAsync<JsonArray>($"api/compliance/log?type=generated&take=1000&after={after}"))!;
            if (page.Count == 0) return logged;
            foreach (var r in page) logged.Add((string)r!["draftId"]!);
            after = (long)page[^1]!["seq"]!;
        }
    }

    private static long ResidentMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return -1;
    }
}
