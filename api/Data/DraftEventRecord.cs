namespace OutlookSayNo.Data;

/// <summary>Something that happened to a draft after it was generated: inserted into a reply,
/// sent, or discarded. Appended, never changed.</summary>
public sealed class DraftEventRecord
{
    public long Id { get; init; }
    public required string DraftId { get; init; }
    public required string Type { get; init; }
    public string? Mode { get; init; }
    public required DateTime AtUtc { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }
}
