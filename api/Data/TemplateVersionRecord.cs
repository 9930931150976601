namespace OutlookSayNo.Data;

/// <summary>One version of one catalog document (a template, partial, kind definition or facts).
/// Rows are only ever added: the newest version of a path is the one in force, and the highest
/// <see cref="Id"/> is the catalog version every API instance compares with its own.</summary>
public sealed class TemplateVersionRecord
{
    public long Id { get; init; }
    public required string Path { get; init; }
    public required int Version { get; init; }
    /// <summary>Null when this version retires the document.</summary>
    public string? Content { get; init; }
    public required string Sha256 { get; init; }
    /// <summary>seed, folder, edit, restore, create, retire, import or conflict.</summary>
    public required string Origin { get; init; }
    public string? Comment { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    public required DateTime AtUtc { get; init; }
}

/// <summary>What the templates folder last held for a path, so that a later change in the folder is
/// imported once, and a folder change that meets an admin's edit is kept aside as a conflict.</summary>
public sealed class TemplateFolderRecord
{
    public required string Path { get; init; }
    /// <summary>The hash of the folder content last taken into account (imported or set aside).</summary>
    public required string FolderSha256 { get; set; }
    /// <summary>Folder content waiting for an admin's decision, with the database version it met.</summary>
    public string? ConflictContent { get; set; }
    public int? ConflictVersion { get; set; }
    public DateTime? ConflictAtUtc { get; set; }
    public string? ConflictReason { get; set; }
}
