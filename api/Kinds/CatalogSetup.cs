using Microsoft.Extensions.Options;
using OutlookSayNo.Data;

namespace OutlookSayNo.Kinds;

public sealed class TemplatesOptions
{
    public const string Section = "Templates";

    /// <summary>The templates folder; when empty, the nearest <c>templates/</c> above the content root.</summary>
    public string? Path { get; set; }

    /// <summary>How old this instance's knowledge of the newest catalog version may be on the draft path
    /// before it asks the database again. Changes made on this instance apply at once; another
    /// instance's within this time. 0: ask before every classification and draft.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 60_000)]
    public int RefreshMilliseconds { get; set; } = 500;
}

/// <summary>The catalog in force on this instance. It compares its catalog version with the database's
/// newest document version (one indexed read) and rebuilds when another instance or an admin changed
/// something, so a saved change applies without a restart: on this instance to the next draft, on
/// another within <see cref="TemplatesOptions.RefreshMilliseconds"/>. Admin routes always compare.</summary>
public sealed class CatalogStore(ModelCache models, ILogger<CatalogStore> logger, TimeProvider clock, IOptions<TemplatesOptions> options)
{
    private sealed record Snapshot(long Version, KindCatalog Catalog);

    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    // When this instance last learnt the newest version (a TimeProvider timestamp); 0: never.
    private long _checkedAt;

    public ModelCache Models => models;

    /// <summary>The catalog last loaded, without asking the database.</summary>
    public KindCatalog Current => (_current ?? throw new InvalidOperationException("The catalog is not loaded yet.")).Catalog;

    public long Version => _current?.Version ?? 0;

    /// <summary>The newest catalog: asks the database every time (admin routes, which validate against it).</summary>
    public async ValueTask<KindCatalog> GetAsync(SayNoDb db, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        var latest = await TemplateStore.CatalogVersionAsync(db, ct);
        var snapshot = _current;
        var catalog = snapshot is not null && snapshot.Version == latest ? snapshot.Catalog : await ReloadAsync(db, ct);
        Volatile.Write(ref _checkedAt, now);
        return catalog;
    }

    /// <summary>The catalog for the draft path: the one in force when the newest version was checked
    /// less than <see cref="TemplatesOptions.RefreshMilliseconds"/> ago, else as <see cref="GetAsync"/>.
    /// Under load this turns one database read per request into a few a second.</summary>
    public ValueTask<KindCatalog> GetRecentAsync(SayNoDb db, CancellationToken ct)
    {
        var snapshot = _current;
        var checkedAt = Volatile.Read(ref _checkedAt);
        if (snapshot is not null && checkedAt != 0 && clock.GetElapsedTime(checkedAt).TotalMilliseconds < options.Value.RefreshMilliseconds)
            return ValueTask.FromResult(snapshot.Catalog);
        return GetAsync(db, ct);
    }

    /// <summary>Rebuilds from the database. A set that does not build (it cannot, after validation;
    /// but the database is shared) keeps the previous catalog in force and says so in the log.</summary>
    public async Task<KindCatalog> ReloadAsync(SayNoDb db, CancellationToken ct)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            var records = await TemplateStore.CurrentAsync(db, ct);
            var version = records.Count == 0 ? 0 : records.Max(r => r.Id);
            var snapshot = _current;
            if (snapshot is not null && snapshot.Version == version) return snapshot.Catalog;
            var (catalog, problems) = KindCatalog.TryBuild(TemplateStore.ToDocuments(records), models, version);
            if (catalog is null)
            {
                if (snapshot is null)
                    throw new CatalogException("The templates in the database have errors:\n- " + string.Join("\n- ", problems), problems);
                logger.LogError("Catalog version {Version} does not build; version {Current} stays in force: {Problems}",
                    version, snapshot.Version, string.Join("; ", problems));
                return snapshot.Catalog;
            }
            _current = new Snapshot(version, catalog);
            Volatile.Write(ref _checkedAt, clock.GetTimestamp());
            if (snapshot is not null) logger.LogInformation("Catalog version {Version} in force (was {Previous}).", version, snapshot.Version);
            return catalog;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}

public static class CatalogSetup
{
    public static IHostApplicationBuilder AddSayNoKinds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TemplatesOptions>().Bind(builder.Configuration.GetSection(TemplatesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ModelCache>();
        builder.Services.AddSingleton<CatalogStore>();
        return builder;
    }

    /// <summary>Imports the templates folder (everything on first start, later changes as new versions)
    /// and loads the catalog, so a broken catalog fails the start, not a request.</summary>
    public static async Task LoadSayNoKindsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SayNoDb>();
        var store = sp.GetRequiredService<CatalogStore>();
        var folder = TemplatesFolder(sp);
        var logger = sp.GetRequiredService<ILogger<CatalogStore>>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        FolderImport import;
        try
        {
            import = await TemplateStore.ImportFolderAsync(db, folder, now, store.Models, CancellationToken.None);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Another instance imported the same files at the same moment: its import stands; read again.
            db.ChangeTracker.Clear();
            import = await TemplateStore.ImportFolderAsync(db, folder, now, store.Models, CancellationToken.None);
        }
        if (import.Seeded) logger.LogInformation("Seeded the catalog from {Folder}: {Count} documents.", folder, import.Imported.Count);
        else if (import.Imported.Count > 0) logger.LogInformation("Imported from {Folder}: {Paths}.", folder, string.Join(", ", import.Imported));
        if (import.Conflicts.Count > 0)
            logger.LogWarning("Folder changes set aside for an admin (see /admin): {Paths}.", string.Join(", ", import.Conflicts));
        await store.ReloadAsync(db, CancellationToken.None);
    }

    public static string TemplatesFolder(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IOptions<TemplatesOptions>>().Value.Path;
        var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return string.IsNullOrWhiteSpace(configured) ? FindTemplatesFolder(root) : Path.GetFullPath(configured, root);
    }

    public static string FindTemplatesFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates");
            if (File.Exists(Path.Combine(candidate, "facts.json"))) return candidate;
        }
        return Path.Combine(start, "templates");
    }
}
