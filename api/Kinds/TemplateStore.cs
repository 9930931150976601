using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Data;

namespace OutlookSayNo.Kinds;

/// <summary>Who made a change to the catalog.</summary>
public sealed record Author(string Id, string Name)
{
    public static readonly Author TemplatesFolder = new("system:templates-folder", "templates folder");
}

/// <summary>A document to write: its path, the new content (null retires it) and the version the
/// writer saw (null: the document must not exist yet).</summary>
public sealed record DocumentChange(string Path, string? Content, int? ExpectedVersion);

/// <summary>The writer's view was stale: another version was saved first.</summary>
public sealed class StaleVersionException(string path, int? expected, int? current)
    : Exception($"{path}: you edited version {expected?.ToString() ?? "(none)"}, but version {current?.ToString() ?? "(none)"} is the current one.")
{
    public string Path { get; } = path;
    public int? Expected { get; } = expected;
    public int? Current { get; } = current;
}

/// <summary>The catalog's documents in the database: the current set, appending versions, and the
/// import of the templates folder. Versions are only ever added.</summary>
public static class TemplateStore
{
    /// <summary>The newest version of every document.</summary>
    public static Task<List<TemplateVersionRecord>> CurrentAsync(SayNoDb db, CancellationToken ct) =>
        db.TemplateVersions.AsNoTracking()
            .Where(v => v.Version == db.TemplateVersions.Where(w => w.Path == v.Path).Max(w => w.Version))
            .ToListAsync(ct);

    public static async Task<long> CatalogVersionAsync(SayNoDb db, CancellationToken ct) =>
        await db.TemplateVersions.MaxAsync(v => (long?)v.Id, ct) ?? 0;

    public static Dictionary<string, CatalogDocument> ToDocuments(IEnumerable<TemplateVersionRecord> records) =>
        records.ToDictionary(r => r.Path, r => new CatalogDocument(r.Path, r.Version, r.Content), StringComparer.Ordinal);

    /// <summary>Appends one new version per change, in one transaction, if no document changed since
    /// <paramref name="catalogVersion"/> (when given) and each document is at its expected version.
    /// Returns the new records, or null when the catalog moved on (validate again and retry).</summary>
    public static async Task<List<TemplateVersionRecord>?> AppendAsync(SayNoDb db, IReadOnlyList<DocumentChange> changes, string origin,
        Author author, string? comment, DateTime atUtc, long? catalogVersion, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (catalogVersion is { } seen && await CatalogVersionAsync(db, ct) != seen) return null;
        var paths = changes.Select(c => c.Path).ToList();
        var current = await db.TemplateVersions.AsNoTracking()
            .Where(v => paths.Contains(v.Path) && v.Version == db.TemplateVersions.Where(w => w.Path == v.Path).Max(w => w.Version))
            .Select(v => new { v.Path, v.Version, v.Sha256 })
            .ToDictionaryAsync(x => x.Path, ct);
        var added = new List<TemplateVersionRecord>();
        foreach (var change in changes)
        {
            int? now = current.TryGetValue(change.Path, out var v) ? v.Version : null;
            if (now != change.ExpectedVersion) throw new StaleVersionException(change.Path, change.ExpectedVersion, now);
            var record = new TemplateVersionRecord
            {
                Path = change.Path,
                Version = (now ?? 0) + 1,
                Content = change.Content,
                Sha256 = CatalogDocuments.Hash(change.Content),
                Origin = origin,
                Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
                UserId = author.Id,
                UserName = author.Name,
                AtUtc = atUtc,
            };
            db.TemplateVersions.Add(record);
            added.Add(record);
        }
        await LogChain.AppendAsync(db, added.Select(r => ChangeEntry(r, current.TryGetValue(r.Path, out var before) ? before.Sha256 : null)).ToList(), atUtc, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (added.Count > 0)
        {
            // The unique (path, version) index: someone else saved the same version first.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var first = changes[0];
            var latest = await db.TemplateVersions.Where(x => x.Path == first.Path).MaxAsync(x => (int?)x.Version, ct);
            throw new StaleVersionException(first.Path, first.ExpectedVersion, latest);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return added;
    }

    /// <summary>Takes the templates folder into the database: everything on first start; later, each
    /// file that changed in the folder since the last import becomes a new version, unless an admin
    /// changed the same document since: then it is set aside as a conflict, never overwriting the edit.
    /// A folder whose changes would not build is set aside the same way.</summary>
    public static async Task<FolderImport> ImportFolderAsync(SayNoDb db, string folder, DateTime atUtc, ModelCache models, CancellationToken ct)
    {
        var files = CatalogDocuments.ReadFolder(folder);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Instances starting together would each read "nothing imported yet" and then trip over the
        // other's rows (read committed sees them mid-import); one transaction lock makes them take turns.
        // SQLite needs none: its transactions begin IMMEDIATE and hold the only write lock.
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({FolderImportLockId})", ct);
        var current = (await CurrentAsync(db, ct)).ToDictionary(r => r.Path, StringComparer.Ordinal);
        var states = await db.TemplateFolder.ToDictionaryAsync(s => s.Path, StringComparer.Ordinal, ct);

        if (current.Count == 0)
        {
            // First start: the folder is the catalog. It must build, or there is nothing to serve.
            KindCatalog.Build(files, models);
            var seeded = new List<TemplateVersionRecord>();
            foreach (var doc in files.Values.OrderBy(d => d.Path, StringComparer.Ordinal))
            {
                seeded.Add(db.TemplateVersions.Add(NewVersion(doc.Path, 1, doc.Content, "seed", atUtc)).Entity);
                db.TemplateFolder.Add(new TemplateFolderRecord { Path = doc.Path, FolderSha256 = doc.Sha256 });
            }
            await LogChain.AppendAsync(db, seeded.Select(r => ChangeEntry(r, null)).ToList(), atUtc, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new FolderImport(files.Keys.Order(StringComparer.Ordinal).ToList(), [], Seeded: true);
        }

        var imports = new List<(CatalogDocument File, TemplateFolderRecord? State, TemplateVersionRecord? Current)>();
        var conflicts = new List<string>();
        foreach (var file in files.Values.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            var sha = file.Sha256;
            states.TryGetValue(file.Path, out var state);
            if (state is not null && state.FolderSha256 == sha) continue; // unchanged in the folder
            current.TryGetValue(file.Path, out var now);
            if (now is not null && now.Sha256 == sha)
            {
                Remember(db, states, file.Path, sha); // the database already holds it
                continue;
            }
            var untouched = now is null || (state is not null && now.Sha256 == state.FolderSha256);
            if (untouched) imports.Add((file, state, now));
            else
            {
                SetAside(db, states, file, now!.Version, atUtc, "An admin changed this document since the folder's last import.");
                conflicts.Add(file.Path);
            }
        }

        var imported = new List<string>();
        var entries = new List<LogEntry>();
        if (imports.Count > 0)
        {
            var candidate = ToDocuments(current.Values);
            foreach (var (file, _, _) in imports) candidate[file.Path] = file;
            var (built, problems) = KindCatalog.TryBuild(candidate, models);
            foreach (var (file, state, now) in imports)
            {
                if (built is null)
                {
                    // Nothing half-imported: the whole change waits, with the reason, for an admin.
                    SetAside(db, states, file, now?.Version, atUtc, "The folder's version does not build: " + string.Join("; ", problems.Take(5)));
                    conflicts.Add(file.Path);
                    continue;
                }
                var record = db.TemplateVersions.Add(NewVersion(file.Path, (now?.Version ?? 0) + 1, file.Content, "folder", atUtc)).Entity;
                entries.Add(ChangeEntry(record, now?.Sha256));
                Remember(db, states, file.Path, file.Sha256);
                imported.Add(file.Path);
            }
        }
        if (entries.Count > 0) await LogChain.AppendAsync(db, entries, atUtc, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new FolderImport(imported, conflicts, Seeded: false);
    }

    private const long FolderImportLockId = 0x5a79_4e6f_0002; // "SayNo", folder import

    /// <summary>The compliance log's record of a template change: who, when, which document and version,
    /// the content after and the hash of the content before.</summary>
    private static LogEntry ChangeEntry(TemplateVersionRecord r, string? previousSha256) =>
        new(LogTypes.TemplateChanged, null, r.UserId, r.UserName, LogChain.Payload(new TemplateChangePayload(
            r.Path, r.Version, r.Origin, r.Comment, previousSha256, r.Content is null ? null : r.Sha256, r.Content)));

    private static TemplateVersionRecord NewVersion(string path, int version, string? content, string origin, DateTime atUtc) => new()
    {
        Path = path,
        Version = version,
        Content = content,
        Sha256 = CatalogDocuments.Hash(content),
        Origin = origin,
        UserId = Author.TemplatesFolder.Id,
        UserName = Author.TemplatesFolder.Name,
        AtUtc = atUtc,
    };

    private static void Remember(SayNoDb db, Dictionary<string, TemplateFolderRecord> states, string path, string sha)
    {
        if (states.TryGetValue(path, out var state))
        {
            state.FolderSha256 = sha;
            state.ConflictContent = null;
            state.ConflictVersion = null;
            state.ConflictAtUtc = null;
            state.ConflictReason = null;
        }
        else db.TemplateFolder.Add(states[path] = new TemplateFolderRecord { Path = path, FolderSha256 = sha });
    }

    private static void SetAside(SayNoDb db, Dictionary<string, TemplateFolderRecord> states, CatalogDocument file, int? version, DateTime atUtc, string reason)
    {
        if (!states.TryGetValue(file.Path, out var state))
            db.TemplateFolder.Add(state = states[file.Path] = new TemplateFolderRecord { Path = file.Path, FolderSha256 = file.Sha256 });
        state.FolderSha256 = file.Sha256;
        state.ConflictContent = file.Content;
        state.ConflictVersion = version;
        state.ConflictAtUtc = atUtc;
        state.ConflictReason = reason;
    }
}

public sealed record TemplateChangePayload(string Path, int Version, string Origin, string? Comment, string? PreviousSha256, string? Sha256, string? Content);

public sealed record FolderImport(IReadOnlyList<string> Imported, IReadOnlyList<string> Conflicts, bool Seeded);
