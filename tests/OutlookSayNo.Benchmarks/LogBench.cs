using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using OutlookSayNo.Compliance;
using OutlookSayNo.Data;
using OutlookSayNo.Drafts;
using OutlookSayNo.Testing;

namespace OutlookSayNo.Benchmarks;

/// <summary>The compliance log's figures on one store: durable appends per second (one writer, and 32
/// concurrent writers sharing group commits), verify time, filtered page time and CSV export rows per
/// second at a given number of records. Not a BenchmarkDotNet run: these are I/O-bound and need a
/// database of a million records built once.</summary>
public static class LogBench
{
    public static async Task RunAsync(string[] args)
    {
        var store = Arg(args, "--store") ?? "sqlite";
        var records = long.Parse(Arg(args, "--records") ?? "1000000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("saynobench").FullName;
        var postgres = store == "postgres";
        var connection = postgres ? PostgresServer.Shared.CreateDatabase("bench") : $"Data Source={Path.Combine(dir, "bench.db")}";
        Console.WriteLine($"store: {store}; records: {records:N0}; machine: {Environment.ProcessorCount} cores");

        var services = new ServiceCollection();
        services.AddLogging();
        if (postgres)
        {
            services.AddDbContext<PostgresSayNoDb>(o => o.UseNpgsql(connection));
            services.AddScoped<SayNoDb>(sp => sp.GetRequiredService<PostgresSayNoDb>());
        }
        else
        {
            services.AddDbContext<SqliteSayNoDb>(o => o.UseSqlite(connection).AddInterceptors(new SqliteDurabilityInterceptor()));
            services.AddScoped<SayNoDb>(sp => sp.GetRequiredService<SqliteSayNoDb>());
        }
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            if (!postgres)
            {
                // As the API sets it at start (DataSetup): WAL, kept in the file.
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            await db.Database.MigrateAsync();
        }

        // 1. Durable appends through the production writer.
        var writer = new LogWriter(provider.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<LogWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        var payload = LogChain.Payload(new EventPayload("reply"));
        foreach (var concurrency in seconds == 0 ? [] : new[] { 1, 32 })
        {
            var count = 0L;
            var stop = Stopwatch.StartNew();
            var latencies = new List<double>[concurrency];
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
            {
                latencies[w] = [];
                while (stop.Elapsed < TimeSpan.FromSeconds(seconds / 2.0))
                {
                    var t = Stopwatch.GetTimestamp();
                    await writer.AppendAsync([new LogEntry(LogTypes.Inserted, null, "bench", "Bench", payload)]);
                    latencies[w].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    Interlocked.Increment(ref count);
                }
            }));
            var all = latencies.SelectMany(l => l).Order().ToList();
            Console.WriteLine($"append, {concurrency} writer(s), durable: {count / stop.Elapsed.TotalSeconds:N0} records/s, p50 {all[all.Count / 2]:N2} ms, p99 {all[(int)(all.Count * 0.99)]:N2} ms");
        }
        await writer.StopAsync(CancellationToken.None);

        // 2. Fill to the size with realistic drafts and events (hashes chained as the writer does).
        var fill = Stopwatch.StartNew();
        long last;
        string lastHash;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            var head = await db.LogHead.AsNoTracking().SingleAsync();
            (last, lastHash) = (head.Seq, head.Hash);
        }
        var connectionObject = postgres ? (DbConnection)new NpgsqlConnection(connection) : new SqliteConnection(connection);
        await using (connectionObject)
        {
            await connectionObject.OpenAsync();
            (last, lastHash) = await Fill(connectionObject, postgres, last, lastHash, records);
        }
        Console.WriteLine($"filled to {last:N0} records in {fill.Elapsed.TotalSeconds:N1} s");
        if (postgres)
        {
            // A table that grew to a million rows would have been analysed by autovacuum on the way;
            // one loaded in a minute has no statistics yet, and the planner then scans it whole for every page.
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE log; VACUUM ANALYZE drafts;");
        }

        // 3. Verify (and, for scale, what reading alone costs).
        if (args.Contains("--read-only"))
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            foreach (var columns in new[] { "\"Seq\"", "\"Seq\", \"Payload\"", "\"Seq\", \"Type\", \"DraftId\", \"AtUtc\", \"UserId\", \"UserName\", \"Payload\", \"ContentHash\", \"PrevHash\", \"Hash\"" })
            {
                var t = Stopwatch.StartNew();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT {columns} FROM log ORDER BY \"Seq\"";
                await using var reader = await cmd.ExecuteReaderAsync();
                long rows = 0;
                while (await reader.ReadAsync()) { for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i); rows++; }
                Console.WriteLine($"read {columns.Length switch { < 10 => "seq", < 20 => "seq+payload", _ => "all" }}: {rows:N0} rows in {t.ElapsedMilliseconds:N0} ms");
            }
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            if (!postgres && Arg(args, "--pragma") is { } pragma)
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync(pragma);
                Console.WriteLine($"ran {pragma}");
            }
            for (var run = 1; run <= 2; run++)
            {
                var report = await LogVerifier.VerifyAsync(db, CancellationToken.None);
                Console.WriteLine($"verify run {run}: {report.Records:N0} records, intact {report.Intact}, {report.ElapsedMs:N0} ms");
            }
        }

        // 4. Filtered pages (50 rows, newest first), as GET /api/compliance/drafts runs them.
        var weekAgo = Now.AddDays(-7);
        var filters = new (string Name, ReviewFilter Filter)[]
        {
            ("no filter", Filter()),
            ("kind=discount", Filter() with { Kind = "discount" }),
            ("domain (one customer)", Filter() with { Domain = "customer17.example" }),
            ("user (one manager)", Filter() with { User = "user7" }),
            ("sent without an alternative last week", Filter() with { Status = "sent", FailedCheck = "offersAlternative", From = weekAgo, To = Now }),
            ("flag=threat", Filter() with { Flag = "threat" }),
            ("edited=true", Filter() with { Edited = true }),
            ("review=escalated", Filter() with { Review = "escalated" }),
            ("q=northwind (text)", Filter() with { Q = "northwind" }),
        };
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            foreach (var (name, filter) in filters)
            {
                var times = new List<double>();
                var rows = 0;
                for (var i = 0; i < 21; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    var page = await ComplianceApi.Apply(db, db.Drafts.AsNoTracking(), filter)
                        .OrderByDescending(d => d.CreatedAtUtc).ThenByDescending(d => d.Id).Take(51).ToListAsync();
                    times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    rows = page.Count;
                }
                times.Sort();
                Console.WriteLine($"page '{name}': median {times[10]:N1} ms, max {times[^1]:N1} ms ({rows} rows)");
            }
        }

        if (args.Contains("--no-export")) { Console.WriteLine($"kept {dir}"); return; }
        // 5. CSV export through the real API (a child process on the same database).
        var tokens = new DevTokens();
        var settings = tokens.Settings(Path.Combine(dir, "bench.db"));
        if (postgres) { settings["Database:Provider"] = "Postgres"; settings["Database:ConnectionString"] = connection; }
        using (var api = await ChildApi.StartAsync(settings))
        using (var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(10) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create("ComplianceReviewer", "Rita Review"));
            foreach (var query in new[] { "", "?status=sent" })
            {
                var t = Stopwatch.StartNew();
                using var response = await http.GetAsync("api/compliance/export.csv" + query, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                long lines = 0, bytes = 0;
                while (await reader.ReadLineAsync() is { } line) { lines++; bytes += line.Length + 2; }
                Console.WriteLine($"export.csv{query}: {lines - 1:N0} rows, {bytes / 1e6:N0} MB in {t.Elapsed.TotalSeconds:N1} s = {(lines - 1) / t.Elapsed.TotalSeconds:N0} rows/s");
            }
        }
        if (args.Contains("--keep")) Console.WriteLine($"kept {dir}");
        else try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static ReviewFilter Filter() => new(null, null, null, null, null, null, null, null, null, null, null, null);

    internal static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static readonly string[] Kinds = ["discount", "deadline", "scope", "payment_terms", "liability", "exception"];
    private static readonly string[] AudienceIds = ["commercial", "technical", "finance"];

    private const string Text = """
        Hi Jordan,

        Thank you for your message about the price of the $48,000 contract, and for raising it with me directly.

        We can't lower the price by 15%, because we charge one price to every customer of your size: 140 companies pay the same rate, and a discount for one would be unfair to the rest. That price pays for a team that knows your setup after 4 years together and answers priority issues within 4 hours; a new supplier would have to learn it all from scratch.

        Here is what we can do instead:

        - A longer term: sign for three years and we hold today's price for all three, which protects you from the 6% rise coming next year.
        - Fewer seats: we can take the unused 12 seats off the renewal, which lowers the total without changing the rate.

        Let me know which option suits you and I will confirm it in writing this week. My door stays open, whatever you decide.

        Best regards,
        Alex Morgan
        """;

    /// <summary>Drafts with their events until the log holds <paramref name="target"/> records: per draft a
    /// generated record (~2 KB), then inserted, sent (~1.5 KB), discarded or nothing, and some reviews.</summary>
    private static async Task<(long Last, string Hash)> Fill(DbConnection connection, bool postgres, long last, string prevHash, long target)
    {
        var random = new Random(42);
        var sentChecks = new ChecksDto(true, true, true, true, true);
        var noAlternative = new ChecksDto(true, true, true, false, true);
        var logRows = new List<object?[]>(50_000);
        var draftRows = new List<object?[]>(20_000);
        var draftNo = 0;
        var span = TimeSpan.FromDays(365).Ticks;
        while (last < target)
        {
            var id = Guid.CreateVersion7().ToString();
            // Spread over the year before Now, in no particular order (as several instances would write).
            var at = LogChain.Truncate(Now.AddTicks(-(long)(span * ((long)draftNo * 7919 % 1_000_003 / 1_000_003.0))));
            draftNo++;
            var user = $"user{random.Next(50)}";
            var domain = $"customer{random.Next(2000)}.example";
            var kind = Kinds[random.Next(Kinds.Length)];
            var audience = AudienceIds[random.Next(3)];
            var threat = random.NextDouble() < 0.03;
            var abusive = random.NextDouble() < 0.01;
            var generated = new GeneratedPayload(id, kind, 0.9, false, audience, audience, threat ? ["threat"] : [], threat || abusive,
                new LoggedTemplate($"{kind}/{audience}", 1, new string('a', 64), 45), [new DataPointDto("requestedDiscountPercent", "Requested discount", "15%", "email")],
                [], ["multi-year"], sentChecks, [], new LoggedAsk(kind, 0.9, "Could you reduce the price by 15% on the $48,000 renewal?", []),
                "RE: Renewal " + draftNo, Text, new LoggedEmail("Renewal " + draftNo, "Jordan Lee", $"jordan@{domain}", null, null, new string('b', 64)));
            var genSeq = Add(logRows, ref last, ref prevHash, LogTypes.Generated, id, at, user, LogChain.Payload(generated));
            var roll = random.NextDouble();
            string status = LogTypes.Generated;
            DateTime? sentAt = null, insertedAt = null;
            bool? unchanged = null;
            int? sentFailed = null;
            long? sentSeq = null;
            if (roll < 0.75)
            {
                insertedAt = at.AddMinutes(2);
                Add(logRows, ref last, ref prevHash, LogTypes.Inserted, id, insertedAt.Value, user, LogChain.Payload(new EventPayload("reply")));
                status = LogTypes.Inserted;
            }
            if (roll < 0.60)
            {
                sentAt = at.AddMinutes(9);
                unchanged = random.NextDouble() < 0.7;
                var failed = random.NextDouble() < 0.05;
                sentFailed = failed ? CheckBits.OffersAlternative : 0;
                sentSeq = Add(logRows, ref last, ref prevHash, LogTypes.Sent, id, sentAt.Value, user, LogChain.Payload(new SentPayload("reply",
                    unchanged.Value ? Text : Text.Replace("this week", "by Friday"), [new Recipient("Jordan Lee", $"jordan@{domain}")], [],
                    failed ? noAlternative : sentChecks, [], unchanged.Value, failed, new string('c', 64))));
                status = LogTypes.Sent;
            }
            else if (roll < 0.70)
            {
                Add(logRows, ref last, ref prevHash, LogTypes.Discarded, id, at.AddMinutes(5), user, LogChain.Payload(new EventPayload(null)));
                status = LogTypes.Discarded;
            }
            var review = random.NextDouble() switch { < 0.08 => LogTypes.Reviewed, < 0.10 => LogTypes.Escalated, _ => "none" };
            if (review != "none") Add(logRows, ref last, ref prevHash, review, id, at.AddDays(1), "reviewer1", LogChain.Payload(new ReviewPayload(null)));
            draftRows.Add([id, at, user, "User " + user, kind, audience, threat, abusive, threat || abusive, $"{kind}/{audience}", 1, 45L, 0, domain,
                "Jordan Lee", $"jordan@{domain}", "Renewal " + draftNo + (draftNo % 97 == 0 ? " Northwind" : ""), "RE: Renewal " + draftNo,
                "Could you reduce the price by 15% on the $48,000 renewal?", status, insertedAt, sentAt, unchanged, sentFailed, sentFailed > 0,
                review, review == "none" ? null : at.AddDays(1), 0, genSeq, sentSeq, "draft:" + id, 1, at, genSeq]);
            if (logRows.Count >= 20_000) await Flush(connection, postgres, logRows, draftRows);
        }
        await Flush(connection, postgres, logRows, draftRows);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE log_head SET \"Seq\" = @s, \"Hash\" = @h WHERE \"Id\" = 1";
        AddParam(cmd, "s", last);
        AddParam(cmd, "h", prevHash);
        await cmd.ExecuteNonQueryAsync();
        return (last, prevHash);
    }

    private static long Add(List<object?[]> rows, ref long last, ref string prevHash, string type, string draftId, DateTime at, string user, string payload)
    {
        var seq = ++last;
        var content = LogChain.ContentHash(seq, type, draftId, at, user, "User " + user, payload);
        var hash = LogChain.ChainHash(prevHash, content);
        rows.Add([seq, type, draftId, at, user, "User " + user, payload, content, prevHash, hash]);
        prevHash = hash;
        return seq;
    }

    private static readonly string[] LogColumns = ["Seq", "Type", "DraftId", "AtUtc", "UserId", "UserName", "Payload", "ContentHash", "PrevHash", "Hash"];
    private static readonly string[] DraftColumns = ["Id", "CreatedAtUtc", "UserId", "UserName", "Category", "Audience", "Threat", "Abusive", "ManagerCopyAdvised",
        "TemplateId", "TemplateVersion", "CatalogVersion", "GeneratedFailed", "CustomerDomain", "FromName", "FromEmail", "EmailSubject", "Subject", "AskQuote",
        "Status", "InsertedAtUtc", "SentAtUtc", "SentUnchanged", "SentFailed", "SentWarned", "Review", "ReviewedAtUtc", "Comments", "GeneratedSeq", "SentSeq",
        "EmailKey", "Revisions", "LatestAtUtc", "LatestSeq"];

    private static async Task Flush(DbConnection connection, bool postgres, List<object?[]> logRows, List<object?[]> draftRows)
    {
        if (postgres)
        {
            var npg = (NpgsqlConnection)connection;
            await Copy(npg, "log", LogColumns, logRows);
            await Copy(npg, "drafts", DraftColumns, draftRows);
        }
        else
        {
            await using var tx = await connection.BeginTransactionAsync();
            await Insert(connection, tx, "log", LogColumns, logRows);
            await Insert(connection, tx, "drafts", DraftColumns, draftRows);
            await tx.CommitAsync();
        }
        logRows.Clear();
        draftRows.Clear();
    }

    private static async Task Insert(DbConnection connection, DbTransaction tx, string table, string[] columns, List<object?[]> rows)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => { var p = cmd.CreateParameter(); p.ParameterName = "@p" + i; cmd.Parameters.Add(p); return p; }).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static async Task Copy(NpgsqlConnection connection, string table, string[] columns, List<object?[]> rows)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(",", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await import.WriteNullAsync(); break;
                    case DateTime d: await import.WriteAsync(d, NpgsqlDbType.TimestampTz); break;
                    case long l: await import.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case int n: await import.WriteAsync(n, NpgsqlDbType.Integer); break;
                    case bool b: await import.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    default: await import.WriteAsync((string)value, NpgsqlDbType.Text); break;
                }
            }
        }
        await import.CompleteAsync();
    }

    private static void AddParam(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
