using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

using OutlookSayNo.Testing;

namespace OutlookSayNo.BrowserTests;

/// <summary>The real API on Kestrel at 127.0.0.1 (a free port), in Development with development
/// tokens signed by a key made for this run, on its own SQLite file. It serves the built pane from
/// api/wwwroot/addin, as <c>dotnet run --project api</c> does.</summary>
public sealed class PaneServer : WebApplicationFactory<Program>
{
    private readonly DevTokens _tokens = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("saynobrowser").FullName;
    private Uri? _baseAddress;

    public PaneServer()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DatabasePath => Path.Combine(_dir, "saynobrowser.db");

    /// <summary>Service overrides applied after the API's own registrations (e.g. a Graph mailbox
    /// against a loopback fake); none by default, so the API runs as <c>dotnet run</c> runs it.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>http://127.0.0.1:{port}, once the server has started.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("Call Start() first.");

    /// <summary>Starts Kestrel and reads the address it bound.</summary>
    public PaneServer Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        var address = addresses.Single();
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        Assert.Equal("127.0.0.1", _baseAddress.Host);
        return this;
    }

    /// <summary>The folder the API serves static files from (api/wwwroot).</summary>
    public string WebRoot => Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = _tokens.Settings(DatabasePath);
            settings["Logging:LogLevel:Default"] = "Warning";
            config.AddInMemoryCollection(settings);
        });
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>A token as <c>dotnet user-jwts create --role ...</c> makes it, signed with this run's key.</summary>
    public string Token(string role = "AccountManager", string name = "Sam Carter") => _tokens.Create(role, name);

    /// <summary>The mode (reply, replyAll, compose) an event record carries.</summary>
    public static string? ModeOf(LogRecord record) => (string?)System.Text.Json.Nodes.JsonNode.Parse(record.Payload)!["mode"];

    /// <summary>The events the draft log holds for a draft, read through the API's own DbContext.</summary>
    /// <summary>The events logged for the text the pane was given (<paramref name="id"/> is a revision's id):
    /// the tests of one class share a server and often draft the same email, which makes later drafts
    /// revisions of one draft, so an earlier test's events on that draft are not this one's.</summary>
    public async Task<List<LogRecord>> EventsFor(string id)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var revision = await db.DraftRevisions.AsNoTracking().SingleAsync(r => r.Id == id);
        var events = await db.Log.AsNoTracking()
            .Where(e => e.DraftId == revision.DraftId && e.Type != LogTypes.Generated && e.Seq > revision.Seq).OrderBy(e => e.Seq).ToListAsync();
        return events.Where(e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.EnumerateObject().FirstOrDefault(p => p.NameEquals("revision") || p.NameEquals("Revision")).Value is var n
            && n.ValueKind == System.Text.Json.JsonValueKind.Number && n.GetInt32() == revision.Number).ToList();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
