using Microsoft.Playwright;

namespace OutlookSayNo.BrowserTests;

/// <summary>Headless Debian Chromium and one API for the admin page's tests. Tests that read only
/// (sign-in states, preview, a refused save) share <see cref="Server"/>; tests that save start
/// their own <see cref="PaneServer"/>, since every save is a new version in the database.</summary>
public sealed class AdminFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PaneServer Server { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(PaneFixture.ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {PaneFixture.ChromiumPath}, and it is not installed. " +
                "Install it with: sudo apt-get install -y chromium (./test.sh does this when run as root).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PaneFixture.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        Server.Start();
        var admin = Path.Combine(Server.WebRoot, "admin", "admin.js");
        if (!File.Exists(admin))
            throw new InvalidOperationException($"The admin page is not built ({admin} is missing). Run: cd addin && npm run build");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "Admin page in Chromium";
}
