using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.Playwright;
using OutlookSayNo.Auth;
using OutlookSayNo.Testing;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The API in Production with Entra sign-in, on Kestrel at 127.0.0.1, against the loopback
/// stand-in for Entra ID (<see cref="FakeEntra"/>): the pages get the fake's authority from
/// /addin/config.json and sign in through it with MSAL, as they would through Entra.</summary>
public sealed class EntraPagesServer : WebApplicationFactory<Program>
{
    public const string TenantId = "8f2a6c61-3c1d-4f6e-9d8e-0a1b2c3d4e5f";
    public const string ClientId = "5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
    private const string FakeEntraClient = "FakeEntra";
    private readonly string _dir = Directory.CreateTempSubdirectory("saynoentrapages").FullName;
    private Uri? _baseAddress;

    /// <summary>Started before the API is built, so it is not caught by the factory's host interception.</summary>
    public FakeEntra Entra { get; } = FakeEntra.StartAsync(TenantId).GetAwaiter().GetResult();

    public EntraPagesServer() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("Call Start() first.");

    public EntraPagesServer Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _baseAddress = new Uri(address.TrimEnd('/') + "/");
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Entra",
            ["AzureAd:Instance"] = Entra.Instance.ToString(),
            ["AzureAd:TenantId"] = TenantId,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:Audience"] = $"api://{ClientId}",
            ["Graph:Enabled"] = "false",
            // The pages may call the fake as they would call Entra (CSP connect-src).
            ["Security:AddinConnectSources:0"] = Entra.Instance.GetLeftPart(UriPartial.Authority),
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir, "entrapages.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        builder.ConfigureTestServices(services =>
        {
            // Only the API's own metadata clients are told to trust the fake's certificate; validation is the library's.
            services.AddHttpClient(FakeEntraClient).ConfigurePrimaryHttpMessageHandler(Entra.CreateHandler);
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = FakeEntraClient);
            services.Configure<JwtBearerOptions>(AuthSetup.EntraScheme, o => o.BackchannelHttpHandler = Entra.CreateHandler());
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Entra.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Chromium, a Development API (development tokens, "sign in as") and a Production API with Entra
/// sign-in against the loopback identity provider.</summary>
public sealed class SignInFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PaneServer Development { get; } = new();
    public EntraPagesServer Entra { get; } = new();
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(PaneFixture.ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {PaneFixture.ChromiumPath}: sudo apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PaneFixture.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Development.Start();
        Entra.Start();
        if (!File.Exists(Path.Combine(Development.WebRoot, "start", "start.js")))
            throw new InvalidOperationException("The start page is not built. Run: cd addin && npm run build");
    }

    /// <summary>A fresh browser context (no storage) with one page. The fake's certificate is made for the
    /// run, so the context accepts it; requests off the machine are refused. Errors go to the test output.</summary>
    public async Task<IPage> NewPage(ITestOutputHelper output)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.RouteAsync(url => !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Host == "127.0.0.1" || u.Scheme is "data" or "blob" or "about")),
            route => route.AbortAsync("blockedbyclient"));
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        page.Console += (_, m) => { if (m.Type is "error" or "warning") output.WriteLine($"console {m.Type}: {m.Text}"); };
        page.Response += (_, r) => { if (r.Status >= 400) output.WriteLine($"response {r.Status}: {r.Request.Method} {r.Url}"); };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Development.Dispose();
        Entra.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<SignInFixture>
{
    public const string Name = "Start page and sign-in in Chromium";
}
