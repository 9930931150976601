using Microsoft.Playwright;

namespace OutlookSayNo.BrowserTests;

/// <summary>One API on Kestrel and one headless Debian Chromium for the whole browser suite; each
/// test opens its own browser context (fresh storage) through <see cref="PaneSession"/>.</summary>
public class PaneFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PaneFixture() : this(new PaneServer()) { }

    /// <summary>For a fixture whose API differs (see <see cref="MailboxPaneFixture"/>).</summary>
    protected PaneFixture(PaneServer server) => Server = server;

    public PaneServer Server { get; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public virtual async Task InitializeAsync()
    {
        _browser = await LaunchChromium();
        Server.Start();
    }

    /// <summary>Launches Debian's Chromium; never downloads a browser. Fails, with what to do, when it is missing.</summary>
    public async Task<IBrowser> LaunchChromium()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}, and it is not installed. " +
                "Install it with: sudo apt-get install -y chromium (./test.sh does this when run as root).");
        _playwright ??= await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PaneCollection : ICollectionFixture<PaneFixture>
{
    public const string Name = "Outlook pane in Chromium";
}
