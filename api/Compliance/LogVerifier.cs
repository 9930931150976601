using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Data;

namespace OutlookSayNo.Compliance;

public sealed record ChainProblem(long Seq, string Problem);

public sealed record VerifyReport(bool Intact, long Records, long? FirstSeq, long? LastSeq, long HeadSeq, string HeadHash,
    long? PurgedThroughSeq, IReadOnlyList<ChainProblem> Problems, long ElapsedMs)
{
    public ChainProblem? FirstBroken => Problems.Count > 0 ? Problems[0] : null;
}

public sealed record CheckpointPayload(long PurgedThroughSeq, string AnchorHash, long PurgedRecords, long PurgedDrafts, DateTime CutoffUtc, int RetentionDays);

/// <summary>Recomputes the chain from the stored records: each content hash from the record's own
/// fields, each hash from its stored previous hash and content hash, each previous hash against the
/// record before, no gaps in the sequence, and the head row at the end. Every check but the links
/// between neighbours needs only the record itself, so the sequence range is split into one slice
/// per core, each read on its own connection; the links across slices are checked at the end.</summary>
public static class LogVerifier
{
    public const int PageSize = 5_000;
    public const int MaxProblems = 100;

    public static async Task<VerifyReport> VerifyAsync(SayNoDb db, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var head = await db.LogHead.AsNoTracking().SingleAsync(h => h.Id == LogHead.SingletonId, ct);

        // After a retention purge the chain starts at the first kept record, anchored by the newest checkpoint.
        long? purgedThrough = null;
        string? anchor = null;
        var checkpoint = await db.Log.AsNoTracking().Where(r => r.Type == LogTypes.Checkpoint).OrderByDescending(r => r.Seq)
            .Select(r => r.Payload).FirstOrDefaultAsync(ct);
        if (checkpoint is not null)
        {
            var cp = JsonSerializer.Deserialize<CheckpointPayload>(checkpoint, LogChain.PayloadJson)!;
            purgedThrough = cp.PurgedThroughSeq;
            anchor = cp.AnchorHash;
        }
        var start = purgedThrough ?? 0;
        // The chain as of the head read now: records appended while verify runs belong to the next verify.
        var end = head.Seq;

        // Slices (lo, hi]: one per core, the first one also taking anything below the start.
        var slices = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var width = Math.Max(1, (end - start + slices - 1) / slices);
        var bounds = Enumerable.Range(0, slices).Select(i => (Lo: i == 0 ? long.MinValue : start + i * width, Hi: i == slices - 1 ? end : start + (i + 1) * width)).ToList();
        var connectionString = db.Database.GetConnectionString()!;
        var sqlite = !db.IsPostgres;
        var results = await Task.WhenAll(bounds.Select(b => Task.Run(() => VerifySliceAsync(sqlite, connectionString, b.Lo, b.Hi, ct), ct)));

        var problems = new List<ChainProblem>();
        long count = 0;
        long? first = null, last = null;
        var expected = start + 1;
        var prevHash = anchor ?? LogChain.Genesis;
        foreach (var r in results)
        {
            problems.AddRange(r.Problems);
            if (r.Count == 0) continue;
            // The seams: the slice's first record against the end of the one before.
            if (r.FirstSeq > expected)
                problems.Add(new(expected, r.FirstSeq - expected == 1 ? $"record {expected} is missing" : $"records {expected} to {r.FirstSeq - 1} are missing"));
            else if (r.FirstSeq < expected)
                problems.Add(new(r.FirstSeq, purgedThrough is null ? "sequence number below the start of the chain" : $"record kept although the checkpoint purged through {purgedThrough}"));
            if (r.FirstPrevHash != prevHash)
                problems.Add(new(r.FirstSeq, "chain broken: its previous hash does not match the record before it"));
            first ??= r.FirstSeq;
            last = r.LastSeq;
            expected = r.LastSeq + 1;
            prevHash = r.LastHash;
            count += r.Count;
        }
        if (head.Seq != (last ?? start))
            problems.Add(new((last ?? 0) + 1, head.Seq > (last ?? 0)
                ? $"records {(last ?? 0) + 1} to {head.Seq} are missing from the end"
                : $"the head says {head.Seq}, behind the last record"));
        else if (count > 0 && head.Hash != prevHash)
            problems.Add(new(head.Seq, "the head's hash does not match the last record"));
        problems.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        if (problems.Count > MaxProblems) problems.RemoveRange(MaxProblems, problems.Count - MaxProblems);
        return new VerifyReport(problems.Count == 0, count, first, last, head.Seq, head.Hash, purgedThrough, problems, clock.ElapsedMilliseconds);
    }

    private sealed record SliceResult(long Count, long FirstSeq, string FirstPrevHash, long LastSeq, string LastHash, List<ChainProblem> Problems);

    /// <summary>One slice, in order, on its own connection: every record's own hashes, and the links
    /// and gaps inside the slice.</summary>
    private static async Task<SliceResult> VerifySliceAsync(bool sqlite, string connectionString, long lo, long hi, CancellationToken ct)
    {
        await using DbConnection connection = sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
            : new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        if (sqlite)
        {
            // Reading through a memory map skips a copy per page; a verify reads the whole file. (The
            // setting stays with the pooled connection, which only makes its later reads cheaper.)
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA mmap_size=4294967296;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        var problems = new List<ChainProblem>();
        long count = 0, firstSeq = 0, lastSeq = 0, expected = 0;
        string firstPrev = "", lastHash = "";
        var after = lo;
        while (true)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT \"Seq\", \"Type\", \"DraftId\", \"AtUtc\", \"UserId\", \"UserName\", \"Payload\", \"ContentHash\", \"PrevHash\", \"Hash\" " +
                              $"FROM log WHERE \"Seq\" > @after AND \"Seq\" <= @hi ORDER BY \"Seq\" LIMIT {PageSize}";
            Add(cmd, "@after", after);
            Add(cmd, "@hi", hi);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var read = 0;
            while (await reader.ReadAsync(ct))
            {
                read++;
                var seq = reader.GetInt64(0);
                var prev = reader.GetString(8);
                var hash = reader.GetString(9);
                if (count == 0) { firstSeq = seq; firstPrev = prev; }
                else
                {
                    if (seq != expected)
                        Note(problems, expected, seq - expected == 1 ? $"record {expected} is missing" : $"records {expected} to {seq - 1} are missing");
                    if (prev != lastHash) Note(problems, seq, "chain broken: its previous hash does not match the record before it");
                }
                var problem = sqlite
                    ? Check(seq, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDateTime(3), reader.GetString(4), reader.GetString(5),
                        reader.GetFieldValue<byte[]>(6), null, reader.GetString(7), prev, hash) // SQLite keeps text as UTF-8: hash its bytes as they are
                    : Check(seq, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDateTime(3), reader.GetString(4), reader.GetString(5),
                        null, reader.GetString(6), reader.GetString(7), prev, hash);
                if (problem is not null) Note(problems, seq, problem);
                expected = seq + 1;
                lastSeq = seq;
                lastHash = hash;
                count++;
                after = seq;
            }
            if (read < PageSize) break;
        }
        return new SliceResult(count, firstSeq, firstPrev, lastSeq, lastHash, problems);
    }

    /// <summary>A record's own consistency: its content hash from its fields, its hash from its previous and content hashes.</summary>
    private static string? Check(long seq, string type, string? draftId, DateTime at, string userId, string userName, byte[]? payloadUtf8, string? payload,
        string contentHash, string prevHash, string hash)
    {
        Span<byte> computed = stackalloc byte[32];
        if (payloadUtf8 is not null) LogChain.ContentHash(seq, type, draftId, at, userId, userName, payloadUtf8, computed);
        else LogChain.ContentHash(seq, type, draftId, at, userId, userName, payload!, computed);
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(computed, hex, out _);
        if (!hex.SequenceEqual(contentHash)) return "content altered: its fields do not match its content hash";
        Span<byte> both = stackalloc byte[64];
        if (prevHash.Length != 64 || Convert.FromHexString(prevHash, both[..32], out _, out _) != System.Buffers.OperationStatus.Done)
            return "chain broken: its previous hash is not a hash";
        computed.CopyTo(both[32..]);
        SHA256.HashData(both, computed);
        Convert.TryToHexStringLower(computed, hex, out _);
        return hex.SequenceEqual(hash) ? null : "hash altered: it does not follow from its previous and content hashes";
    }

    private static void Add(DbCommand cmd, string name, long value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static void Note(List<ChainProblem> problems, long seq, string problem)
    {
        if (problems.Count < MaxProblems) problems.Add(new ChainProblem(seq, problem));
    }
}
