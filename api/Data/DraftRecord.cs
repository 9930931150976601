namespace OutlookSayNo.Data;

/// <summary>One generated draft as the compliance log keeps it: who, when, what was read, what was
/// drafted from which template version, and a hash of the customer's body (not the body itself).</summary>
public sealed class DraftRecord
{
    public required string Id { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }

    public required string Category { get; init; }
    public required double Confidence { get; init; }
    public required string Audience { get; init; }
    public required string Flags { get; init; }
    public required bool ManagerCopyAdvised { get; init; }

    public required string TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    public required string TemplateSha256 { get; init; }
    /// <summary>The catalog version in force (partials and facts shape the text too).</summary>
    public long CatalogVersion { get; init; }

    public required string DataPointsJson { get; init; }
    public required string MissingFieldsJson { get; init; }
    public required string AlternativesJson { get; init; }
    public required string ChecksJson { get; init; }
    public required string ClassificationJson { get; init; }

    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }

    public required string EmailSubject { get; init; }
    public required string FromName { get; init; }
    public required string FromEmail { get; init; }
    public string? ItemId { get; init; }
    public string? ConversationId { get; init; }
    public required string BodySha256 { get; init; }
}
