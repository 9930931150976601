using OutlookSayNo.Asks;

namespace OutlookSayNo.Drafts;

public sealed record DraftEmail(string? Subject, string? Body, EmailAddress? From, string? ItemId, string? ConversationId);

public sealed record DraftRequest(
    DraftEmail? Email,
    string? Audience,
    string? Category,
    Dictionary<string, string?>? Fields,
    List<string>? Alternatives,
    string? TheyAreRightAbout);

public sealed record TemplateRef(string Id, int Version);

public sealed record DataPointDto(string Name, string Label, string Value, string Source);

public sealed record MissingFieldDto(string Name, string Label, string Unit);

public sealed record AlternativeDto(string Id, string Title, string Text, bool Offered);

public sealed record ChecksDto(bool SaysNo, bool GivesReason, bool CitesData, bool OffersAlternative, bool Respectful);

public sealed record DraftResponse(
    string Id,
    string Category,
    string Audience,
    IReadOnlyList<string> Flags,
    bool ManagerCopyAdvised,
    TemplateRef Template,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<DataPointDto> DataPoints,
    IReadOnlyList<MissingFieldDto> MissingFields,
    IReadOnlyList<AlternativeDto> Alternatives,
    ChecksDto Checks,
    IReadOnlyList<string> CheckNotes,
    AskFinding Ask,
    AudienceSuggestion SuggestedAudience,
    ClassifyResponse Classification);
