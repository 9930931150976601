using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Data;

namespace OutlookSayNo.Compliance;

public sealed class ComplianceOptions
{
    public const string Section = "Compliance";

    /// <summary>The longest retention a purge may be given: a hundred years, well inside what a date can
    /// count back from today (DateTime.AddDays throws past year 1).</summary>
    public const int MaxRetentionDays = 36_500;

    /// <summary>How long records are kept; a purge removes older ones. Nothing is removed unless a
    /// reviewer runs the purge.</summary>
    [Range(30, MaxRetentionDays)]
    public int RetentionDays { get; set; } = 2555; // seven years
}

public sealed record PurgeResult(long PurgedRecords, long PurgedDrafts, long? PurgedThroughSeq, long CheckpointSeq, DateTime CutoffUtc);

/// <summary>Retention: an explicit purge of the oldest records. It removes a prefix of the chain (every
/// record up to the last one older than the cutoff) and appends a checkpoint record that carries the
/// hash the remaining chain continues from, so verify still proves the rest unaltered.</summary>
public static class Retention
{
    public static async Task<PurgeResult> PurgeAsync(SayNoDb db, int retentionDays, string userId, string userName, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retentionDays, ComplianceOptions.MaxRetentionDays);
        var cutoff = nowUtc.AddDays(-retentionDays);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The first record at or after the cutoff; everything before it goes (a prefix, so the chain stays whole).
        var firstKept = await db.Log.Where(r => r.AtUtc >= cutoff).OrderBy(r => r.Seq).Select(r => (long?)r.Seq).FirstOrDefaultAsync(ct);
        var lastPurged = firstKept is null
            ? await db.Log.MaxAsync(r => (long?)r.Seq, ct)
            : await db.Log.Where(r => r.Seq < firstKept).MaxAsync(r => (long?)r.Seq, ct);
        var previous = await db.Log.Where(r => r.Type == LogTypes.Checkpoint).OrderByDescending(r => r.Seq).Select(r => r.Payload).FirstOrDefaultAsync(ct);
        long purged = 0, drafts = 0;
        string anchor;
        if (lastPurged is { } through)
        {
            anchor = await db.Log.Where(r => r.Seq == through).Select(r => r.Hash).SingleAsync(ct);
            // A draft goes with its latest revision; one revised after the cutoff keeps its newer revisions.
            drafts = await db.Drafts.Where(d => d.LatestSeq <= through).ExecuteDeleteAsync(ct);
            await db.DraftRevisions.Where(r => r.Seq <= through).ExecuteDeleteAsync(ct);
            purged = await db.Log.Where(r => r.Seq <= through).ExecuteDeleteAsync(ct);
        }
        else
        {
            // Nothing old enough: the checkpoint still records that a purge ran, continuing from the same anchor.
            var cp = previous is null ? null : System.Text.Json.JsonSerializer.Deserialize<CheckpointPayload>(previous, LogChain.PayloadJson);
            anchor = cp?.AnchorHash ?? LogChain.Genesis;
            lastPurged = cp?.PurgedThroughSeq ?? 0;
        }
        var checkpoint = new CheckpointPayload(lastPurged.Value, anchor, purged, drafts, cutoff, retentionDays);
        var records = await LogChain.AppendAsync(db, [new LogEntry(LogTypes.Checkpoint, null, userId, userName, LogChain.Payload(checkpoint))], nowUtc, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PurgeResult(purged, drafts, lastPurged, records[0].Seq, cutoff);
    }
}
