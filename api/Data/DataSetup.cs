using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OutlookSayNo.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite connection string; a relative Data Source is under the content root.</summary>
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
            .Validate(o => IsValidConnectionString(o.ConnectionString), "Database:ConnectionString is not a valid SQLite connection string.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        // Resolved when the context is first made, so configuration added after registration applies.
        builder.Services.AddDbContext<SayNoDb>((sp, o) => o
            .UseSqlite(Resolve(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
                               sp.GetRequiredService<IHostEnvironment>().ContentRootPath))
            .AddInterceptors(new SqliteDurabilityInterceptor()));
        return builder;
    }

    /// <summary>Applies migrations before the app takes requests.</summary>
    public static async Task MigrateSayNoDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        await db.Database.MigrateAsync();
    }

    private static bool IsValidConnectionString(string value)
    {
        try { _ = new SqliteConnectionStringBuilder(value); return true; }
        catch (ArgumentException) { return false; }
    }

    private static string Resolve(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource)
            && csb.Mode != SqliteOpenMode.Memory)
            csb.DataSource = Path.Combine(contentRoot, csb.DataSource);
        return csb.ToString();
    }
}
