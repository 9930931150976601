using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OutlookSayNo.Data;

public sealed class SayNoDb(DbContextOptions<SayNoDb> options) : DbContext(options)
{
    public DbSet<DraftRecord> Drafts => Set<DraftRecord>();
    public DbSet<DraftEventRecord> DraftEvents => Set<DraftEventRecord>();
    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();
    public DbSet<TemplateFolderRecord> TemplateFolder => Set<TemplateFolderRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DraftRecord>(e =>
        {
            e.ToTable("drafts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.UserName).HasMaxLength(200);
            e.Property(x => x.Category).HasMaxLength(40);
            e.Property(x => x.Audience).HasMaxLength(20);
            e.Property(x => x.Flags).HasMaxLength(60);
            e.Property(x => x.TemplateId).HasMaxLength(80);
            e.Property(x => x.TemplateSha256).HasMaxLength(64);
            e.Property(x => x.BodySha256).HasMaxLength(64);
            e.Property(x => x.FromEmail).HasMaxLength(320);
            e.Property(x => x.FromName).HasMaxLength(320);
            e.Property(x => x.ItemId).HasMaxLength(1000);
            e.Property(x => x.ConversationId).HasMaxLength(1000);
            e.HasIndex(x => x.CreatedAtUtc);
            e.HasIndex(x => new { x.UserId, x.CreatedAtUtc });
        });
        b.Entity<DraftEventRecord>(e =>
        {
            e.ToTable("draft_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.DraftId).HasMaxLength(40);
            e.Property(x => x.Type).HasMaxLength(20);
            e.Property(x => x.Mode).HasMaxLength(20);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.UserName).HasMaxLength(200);
            e.HasOne<DraftRecord>().WithMany().HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.DraftId, x.AtUtc });
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

/// <summary>Every SQLite connection waits for locks instead of failing at once and syncs each
/// commit to disk (WAL + synchronous=FULL) so an acknowledged draft survives a crash.</summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
