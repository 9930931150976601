using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The real API on its own SQLite file, with the development token path configured with a
/// signing key made for this run, and a clock fixed at <see cref="Now"/>.</summary>
public class SayNoFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private DevTokens _tokens = new();

    /// <summary>The token key; share one between factories that must accept each other's tokens.</summary>
    public DevTokens Tokens { get => _tokens; init => _tokens = value; }
    private readonly string _dir = Directory.CreateTempSubdirectory("saynotest").FullName;

    public string DatabasePath => Path.Combine(_dir, "saynotest.db");
    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>A PostgreSQL connection string; null keeps the factory's own SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>A templates folder other than the shipped one (a copy with changes), or null.</summary>
    public string? TemplatesPath { get; init; }

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces services after the app's own registrations (a mailbox stand-in, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = _tokens.Settings(DatabasePath);
            if (TemplatesPath is not null) settings["Templates:Path"] = TemplatesPath;
            if (PostgresConnectionString is not null)
            {
                settings["Database:Provider"] = "Postgres";
                settings["Database:ConnectionString"] = PostgresConnectionString;
            }
            foreach (var (k, v) in Settings) settings[k] = v;
            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>A token as <c>dotnet user-jwts create --role ...</c> makes it, signed with this run's key.</summary>
    public string Token(string? role = "AccountManager", string name = "Alex Morgan", string? audience = null,
        string? issuer = null, DateTime? expires = null, byte[]? key = null) =>
        _tokens.Create(role, name, audience, issuer, expires, key, Now.UtcDateTime);

    public HttpClient ClientAs(string? role = "AccountManager", string name = "Alex Morgan")
    {
        var client = CreateClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, name));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
