using System.Diagnostics;
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
    public const int PageSize = 20_000;
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

        long expectedSeq = (purgedThrough ?? 0) + 1;
        var prevHash = anchor ?? LogChain.Genesis;
        long count = 0;
        long? first = null, last = null;
        var after = long.MinValue;
        var contentHashes = new string[PageSize];
        while (true)
        {
            var page = await db.Log.AsNoTracking().Where(r => r.Seq > after).OrderBy(r => r.Seq).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            Parallel.For(0, page.Count, new ParallelOptions { CancellationToken = ct }, i => contentHashes[i] = LogChain.ContentHash(page[i]));
            for (var i = 0; i < page.Count; i++)
            {
                var r = page[i];
                first ??= r.Seq;
                if (r.Seq < expectedSeq)
                    Add(problems, r.Seq, purgedThrough is null ? "sequence number below the start of the chain" : $"record kept although the checkpoint purged through {purgedThrough}");
                else if (r.Seq > expectedSeq)
                    Add(problems, expectedSeq, r.Seq - expectedSeq == 1 ? $"record {expectedSeq} is missing" : $"records {expectedSeq} to {r.Seq - 1} are missing");
                if (contentHashes[i] != r.ContentHash) Add(problems, r.Seq, "content altered: its fields do not match its content hash");
                if (r.PrevHash != prevHash) Add(problems, r.Seq, "chain broken: its previous hash does not match the record before it");
                if (LogChain.ChainHash(r.PrevHash, r.ContentHash) != r.Hash) Add(problems, r.Seq, "hash altered: it does not follow from its previous and content hashes");
                prevHash = r.Hash;
                expectedSeq = r.Seq + 1;
                last = r.Seq;
                count++;
            }
            after = page[^1].Seq;
        }
        if (head.Seq != (last ?? purgedThrough ?? 0))
            Add(problems, (last ?? 0) + 1, head.Seq > (last ?? 0)
                ? $"records {(last ?? 0) + 1} to {head.Seq} are missing from the end"
                : $"the head says {head.Seq}, behind the last record");
        else if (count > 0 && head.Hash != prevHash)
            Add(problems, head.Seq, "the head's hash does not match the last record");
        problems.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return new VerifyReport(problems.Count == 0, count, first, last, head.Seq, head.Hash, purgedThrough, problems, clock.ElapsedMilliseconds);
    }

    private static void Add(List<ChainProblem> problems, long seq, string problem)
    {
        if (problems.Count < MaxProblems) problems.Add(new ChainProblem(seq, problem));
    }
}
