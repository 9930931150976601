using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OutlookSayNo.Data;

/// <summary>The model, shared by both stores. <see cref="SqliteSayNoDb"/> and <see cref="PostgresSayNoDb"/>
/// only exist so each provider keeps its own migrations.</summary>
public abstract class SayNoDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<DraftRecord> Drafts => Set<DraftRecord>();
    public DbSet<DraftRevisionRecord> DraftRevisions => Set<DraftRevisionRecord>();
    public DbSet<LogRecord> Log => Set<LogRecord>();
    public DbSet<LogHead> LogHead => Set<LogHead>();
    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();
    public DbSet<TemplateFolderRecord> TemplateFolder => Set<TemplateFolderRecord>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<LogRecord>(e =>
        {
            e.ToTable("log");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedNever();
            e.Property(x => x.Type).HasMaxLength(20);
            e.Property(x => x.DraftId).HasMaxLength(40);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.UserName).HasMaxLength(200);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.PrevHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.DraftId, x.Seq });
            e.HasIndex(x => new { x.Type, x.Seq });
            e.HasIndex(x => x.AtUtc);
        });
        b.Entity<LogHead>(e =>
        {
            e.ToTable("log_head");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasData(new LogHead { Id = Data.LogHead.SingletonId, Seq = 0, Hash = LogChain.Genesis });
        });
        b.Entity<DraftRecord>(e =>
        {
            e.ToTable("drafts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.UserName).HasMaxLength(200);
            e.Property(x => x.Category).HasMaxLength(40);
            e.Property(x => x.Audience).HasMaxLength(20);
            e.Property(x => x.TemplateId).HasMaxLength(80);
            e.Property(x => x.CustomerDomain).HasMaxLength(255);
            e.Property(x => x.FromEmail).HasMaxLength(320);
            e.Property(x => x.FromName).HasMaxLength(320);
            e.Property(x => x.EmailSubject).HasMaxLength(1000);
            e.Property(x => x.Subject).HasMaxLength(1010);
            e.Property(x => x.AskQuote).HasMaxLength(300);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Review).HasMaxLength(20);
            // The review list is newest first within filters; each filter column leads an index with the date.
            // (…, CreatedAtUtc, Id) matches ORDER BY CreatedAtUtc DESC, Id DESC, so a page stops after 50 rows.
            e.HasIndex(x => new { x.CreatedAtUtc, x.Id });
            e.HasIndex(x => new { x.UserId, x.CreatedAtUtc, x.Id });
            e.HasIndex(x => new { x.CustomerDomain, x.CreatedAtUtc, x.Id });
            e.HasIndex(x => new { x.Category, x.CreatedAtUtc, x.Id });
            e.HasIndex(x => new { x.Status, x.CreatedAtUtc, x.Id });
            e.HasIndex(x => new { x.Review, x.CreatedAtUtc, x.Id });
            e.Property(x => x.EmailKey).HasMaxLength(80);
            // One draft per user and email: two first drafts racing for the same email cannot both land.
            e.HasIndex(x => new { x.UserId, x.EmailKey }).IsUnique();
            e.HasIndex(x => x.SentAtUtc);
        });
        b.Entity<DraftRevisionRecord>(e =>
        {
            e.ToTable("draft_revisions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.DraftId).HasMaxLength(40);
            e.Property(x => x.Category).HasMaxLength(40);
            e.Property(x => x.Audience).HasMaxLength(20);
            // Numbers are given in the log's transaction; two racing revisions cannot take the same one.
            e.HasIndex(x => new { x.DraftId, x.Number }).IsUnique();
            e.HasIndex(x => x.Seq);
        });
        b.Entity<TemplateVersionRecord>(e =>
        {
            e.ToTable("template_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Path).HasMaxLength(120);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Origin).HasMaxLength(20);
            e.Property(x => x.Comment).HasMaxLength(500);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.UserName).HasMaxLength(200);
            // Two saves from the same version race for the same number: one wins, the other gets 412.
            e.HasIndex(x => new { x.Path, x.Version }).IsUnique();
            e.HasIndex(x => x.AtUtc);
        });
        b.Entity<TemplateFolderRecord>(e =>
        {
            e.ToTable("template_folder");
            e.HasKey(x => x.Path);
            e.Property(x => x.Path).HasMaxLength(120);
            e.Property(x => x.FolderSha256).HasMaxLength(64);
        });
    }
}

public sealed class SqliteSayNoDb(DbContextOptions<SqliteSayNoDb> options) : SayNoDb(options);

public sealed class PostgresSayNoDb(DbContextOptions<PostgresSayNoDb> options) : SayNoDb(options);

/// <summary>Every SQLite connection waits for locks instead of failing at once and syncs each
/// commit to disk (synchronous=FULL, in the WAL mode set at start) so an acknowledged record survives a crash.</summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    // journal_mode=WAL is stored in the file: it is set once at start (DataSetup). Asking for it on
    // every pooled open would take a lock each time and queue requests behind the writers.
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    // These pragmas belong to the SQLite handle, which the connection pool keeps open across
    // SqliteConnection objects: set them once per handle, not on every open.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool FirstOpen(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || Prepared.TryAdd(handle, Prepared);
}
