using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OutlookSayNo.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (one instance, the default) or <c>Postgres</c> (several instances).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>SQLite: a relative Data Source is under the content root. PostgreSQL: an Npgsql
    /// connection string.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=outlooksayno.db";
}

public static class DataSetup
{
    public static IHostApplicationBuilder AddSayNoData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider is DatabaseOptions.Sqlite or DatabaseOptions.Postgres,
                "Database:Provider must be Sqlite or Postgres.")
            .Validate(o => IsValidConnectionString(o),
                "Database:ConnectionString is not a valid connection string for Database:Provider (SQLite: \"Data Source=file.db\"; PostgreSQL: \"Host=...;Database=...;Username=...\").")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        // Both contexts are registered; SayNoDb resolves to the configured one. Options are read when
        // a context is first made, so configuration added after registration (tests) applies.
        // Pooled contexts with options built once (when the first context is made, after all
        // configuration is in): a draft uses several contexts, and building each from scratch showed
        // in the load profile.
        builder.Services.AddDbContextPool<SqliteSayNoDb>((sp, o) => o
            .UseSqlite(ResolveSqlite(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
                                     sp.GetRequiredService<IHostEnvironment>().ContentRootPath))
            .AddInterceptors(new SqliteDurabilityInterceptor()));
        builder.Services.AddDbContextPool<PostgresSayNoDb>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddScoped<SayNoDb>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseOptions.Postgres
                ? sp.GetRequiredService<PostgresSayNoDb>()
                : sp.GetRequiredService<SqliteSayNoDb>());
        builder.Services.AddSingleton<LogWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LogWriter>());
        return builder;
    }

    /// <summary>Applies migrations before the app takes requests.</summary>
    public static async Task MigrateSayNoDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        if (!db.IsPostgres)
        {
            // WAL lets readers work while the log is written; the mode is kept in the file.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
            return;
        }
        // Instances that start together on a new database would race to create the migrations
        // history table (EF's own lock needs that table); one session lock makes them take turns.
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockId})", connection)) await take.ExecuteNonQueryAsync();
        try
        {
            await db.Database.MigrateAsync();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockId})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }

    private const long MigrationLockId = 0x5a79_4e6f_0001; // "SayNo", migrations

    private static bool IsValidConnectionString(DatabaseOptions o)
    {
        try
        {
            if (o.Provider == DatabaseOptions.Postgres)
            {
                var csb = new NpgsqlConnectionStringBuilder(o.ConnectionString);
                return !string.IsNullOrEmpty(csb.Host);
            }
            _ = new SqliteConnectionStringBuilder(o.ConnectionString);
            return true;
        }
        catch (ArgumentException) { return false; }
    }

    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource)
            && csb.Mode != SqliteOpenMode.Memory)
            csb.DataSource = Path.Combine(contentRoot, csb.DataSource);
        return csb.ToString();
    }
}

/// <summary>For <c>dotnet ef migrations add --context PostgresSayNoDb</c>: migrations need the
/// provider, not a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSayNoDb>
{
    public PostgresSayNoDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSayNoDb>().UseNpgsql("Host=127.0.0.1;Database=outlooksayno;Username=postgres").Options);
}
