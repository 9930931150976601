namespace OutlookSayNo.Data;

/// <summary>One record of the compliance log: a generated draft, an event on it (inserted, sent,
/// discarded), a reviewer's action, a template change, or a retention checkpoint. Records are
/// appended, never updated or deleted by any route. <see cref="Seq"/> has no gaps, and
/// <see cref="Hash"/> chains each record to the one before, so any edit, deletion or insertion
/// behind the API's back shows in <c>GET /api/compliance/verify</c>.</summary>
public sealed class LogRecord
{
    public required long Seq { get; init; }
    public required string Type { get; init; }
    public string? DraftId { get; init; }
    public required DateTime AtUtc { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    /// <summary>The record's content as canonical JSON, exactly the text that was hashed.</summary>
    public required string Payload { get; init; }
    /// <summary>SHA-256 of the canonical header (seq, type, draft, time, user) and the payload.</summary>
    public required string ContentHash { get; init; }
    /// <summary>The previous record's <see cref="Hash"/> (64 zeros for the first).</summary>
    public required string PrevHash { get; init; }
    /// <summary>SHA-256 of the previous hash and this record's content hash.</summary>
    public required string Hash { get; init; }
}

/// <summary>The end of the chain: the last sequence number and hash. One row, locked by every append,
/// so writers on any number of instances make one linear chain.</summary>
public sealed class LogHead
{
    public const int SingletonId = 1;
    public int Id { get; init; }
    public long Seq { get; set; }
    public required string Hash { get; set; }
}

public static class LogTypes
{
    public const string Generated = "generated";
    public const string Inserted = "inserted";
    public const string Sent = "sent";
    public const string Discarded = "discarded";
    public const string Reviewed = "reviewed";
    public const string Escalated = "escalated";
    public const string Comment = "comment";
    public const string TemplateChanged = "template_changed";
    public const string Checkpoint = "checkpoint";
}
