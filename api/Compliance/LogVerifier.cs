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
/// fields, each hash from the previous one, no gaps in the sequence, and the head row at the end.
/// Pages are read in sequence order; content hashes of a page are computed in parallel.</summary>
public static class LogVerifier
{
    public const int PageSize = 10_000;
    public const int MaxProblems = 100;

    public static async Task<VerifyReport> VerifyAsync(SayNoDb db, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<ChainProblem>();
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

        var state = new WalkState { ExpectedSeq = (purgedThrough ?? 0) + 1, PrevHash = Convert.FromHexString(anchor ?? LogChain.Genesis) };

        // Raw reads, no change tracking; the next page is read while this one's content hashes are
        // computed on the other cores.
        var connection = db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close) await connection.OpenAsync(ct);
        try
        {
            var page = await ReadPage(connection, long.MinValue, ct);
            while (page.Count > 0)
            {
                var current = page;
                var hashing = Task.Run(() => current.HashContents(ct), ct);
                var next = await ReadPage(connection, page.Seq[page.Count - 1], ct);
                await hashing;
                Walk(page, state, purgedThrough, problems);
                page = next;
            }
        }
        finally
        {
            if (close) await connection.CloseAsync();
        }
        var (count, first, last) = (state.Count, state.First, state.Last);
        var lastHash = Convert.ToHexStringLower(state.PrevHash);
        if (head.Seq != (last ?? purgedThrough ?? 0))
            Add(problems, (last ?? 0) + 1, head.Seq > (last ?? 0)
                ? $"records {(last ?? 0) + 1} to {head.Seq} are missing from the end"
                : $"the head says {head.Seq}, behind the last record");
        else if (count > 0 && head.Hash != lastHash)
            Add(problems, head.Seq, "the head's hash does not match the last record");
        problems.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return new VerifyReport(problems.Count == 0, count, first, last, head.Seq, head.Hash, purgedThrough, problems, clock.ElapsedMilliseconds);
    }

    private sealed class WalkState
    {
        public long ExpectedSeq;
        public required byte[] PrevHash;
        public long Count;
        public long? First, Last;
    }

    /// <summary>Walks one page in order: gaps, content hashes, links and chained hashes.</summary>
    private static void Walk(Page page, WalkState state, long? purgedThrough, List<ChainProblem> problems)
    {
        Span<byte> stored = stackalloc byte[32];
        Span<byte> prev = stackalloc byte[32];
        Span<byte> both = stackalloc byte[64];
        Span<byte> chained = stackalloc byte[32];
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < page.Count; i++)
        {
            var seq = page.Seq[i];
            state.First ??= seq;
            if (seq < state.ExpectedSeq)
                Add(problems, seq, purgedThrough is null ? "sequence number below the start of the chain" : $"record kept although the checkpoint purged through {purgedThrough}");
            else if (seq > state.ExpectedSeq)
                Add(problems, state.ExpectedSeq, seq - state.ExpectedSeq == 1 ? $"record {state.ExpectedSeq} is missing" : $"records {state.ExpectedSeq} to {seq - 1} are missing");
            var contentOk = Hex(page.ContentHash[i], stored);
            if (!contentOk || !stored.SequenceEqual(page.Computed.AsSpan(i * 32, 32)))
                Add(problems, seq, "content altered: its fields do not match its content hash");
            if (!Hex(page.PrevHash[i], prev) || !prev.SequenceEqual(state.PrevHash))
                Add(problems, seq, "chain broken: its previous hash does not match the record before it");
            prev.CopyTo(both);
            stored.CopyTo(both[32..]);
            SHA256.HashData(both, chained);
            if (!Hex(page.Hash[i], hash) || !chained.SequenceEqual(hash))
                Add(problems, seq, "hash altered: it does not follow from its previous and content hashes");
            hash.CopyTo(state.PrevHash);
            state.ExpectedSeq = seq + 1;
            state.Last = seq;
            state.Count++;
        }
    }

    private static bool Hex(string value, Span<byte> into) =>
        value.Length == 64 && Convert.FromHexString(value, into, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;

    private sealed class Page(int capacity)
    {
        public int Count;
        public readonly long[] Seq = new long[capacity];
        public readonly string[] Type = new string[capacity];
        public readonly string?[] DraftId = new string?[capacity];
        public readonly DateTime[] At = new DateTime[capacity];
        public readonly string[] UserId = new string[capacity];
        public readonly string[] UserName = new string[capacity];
        public readonly string[] Payload = new string[capacity];
        public readonly string[] ContentHash = new string[capacity];
        public readonly string[] PrevHash = new string[capacity];
        public readonly string[] Hash = new string[capacity];
        public readonly byte[] Computed = new byte[capacity * 32];

        public void HashContents(CancellationToken ct) =>
            Parallel.For(0, Count, new ParallelOptions { CancellationToken = ct }, i =>
                LogChain.ContentHash(Seq[i], Type[i], DraftId[i], At[i], UserId[i], UserName[i], Payload[i], Computed.AsSpan(i * 32, 32)));
    }

    private static async Task<Page> ReadPage(System.Data.Common.DbConnection connection, long after, CancellationToken ct)
    {
        var page = new Page(PageSize);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT \"Seq\", \"Type\", \"DraftId\", \"AtUtc\", \"UserId\", \"UserName\", \"Payload\", \"ContentHash\", \"PrevHash\", \"Hash\" " +
                          $"FROM log WHERE \"Seq\" > @after ORDER BY \"Seq\" LIMIT {PageSize}";
        var p = cmd.CreateParameter();
        p.ParameterName = "@after";
        p.Value = after;
        cmd.Parameters.Add(p);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var n = 0;
        while (await reader.ReadAsync(ct))
        {
            page.Seq[n] = reader.GetInt64(0);
            page.Type[n] = reader.GetString(1);
            page.DraftId[n] = reader.IsDBNull(2) ? null : reader.GetString(2);
            page.At[n] = reader.GetDateTime(3);
            page.UserId[n] = reader.GetString(4);
            page.UserName[n] = reader.GetString(5);
            page.Payload[n] = reader.GetString(6);
            page.ContentHash[n] = reader.GetString(7);
            page.PrevHash[n] = reader.GetString(8);
            page.Hash[n] = reader.GetString(9);
            n++;
        }
        page.Count = n;
        return page;
    }

    private static void Add(List<ChainProblem> problems, long seq, string problem)
    {
        if (problems.Count < MaxProblems) problems.Add(new ChainProblem(seq, problem));
    }
}
