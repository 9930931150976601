using System.Net.Http.Json;
using Microsoft.Playwright;

namespace OutlookSayNo.BrowserTests;

/// <summary>Headless Debian Chromium and one API for the compliance page's tests, seeded through the
/// API with <see cref="ComplianceDataset"/> and one template edit by an admin. Tests that only read
/// share <see cref="Server"/>; tests that act on drafts or tamper with the log start their own.</summary>
public sealed class ComplianceFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The template the fixture's admin edits, the sentence it changes and the comment it leaves.</summary>
    public const string EditedTemplate = "discount/commercial.scriban";
    public const string OriginalReason = "would be unfair to the rest";
    public const string EditedReason = "would break our promise of one fair price";
    public const string EditComment = "Clearer reason for the compliance review";
    public const string AdminName = "Tara Admin";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ComplianceDataset? _data;

    public PaneServer Server { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public ComplianceDataset Data => _data ?? throw new InvalidOperationException("The dataset was not built.");

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
        var page = Path.Combine(Server.WebRoot, "compliance", "compliance.js");
        if (!File.Exists(page))
            throw new InvalidOperationException($"The compliance page is not built ({page} is missing). Run: cd addin && npm run build");
        _data = await ComplianceDataset.BuildAsync(Server);
        await EditTemplate(Server);
    }

    /// <summary>An admin saves a new version of <see cref="EditedTemplate"/>, with a comment: a template_changed record.</summary>
    public static async Task EditTemplate(PaneServer server)
    {
        using var admin = ComplianceDataset.Client(server, "TemplateAdmin", AdminName);
        var current = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"api/templates/documents/{EditedTemplate}"))!;
        var content = (string)current["content"]!;
        Assert.Contains(OriginalReason, content);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/templates/documents/{EditedTemplate}")
        {
            Content = JsonContent.Create(new { content = content.Replace(OriginalReason, EditedReason), comment = EditComment }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{(int)current["version"]!}\"");
        var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {EditedTemplate} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ComplianceCollection : ICollectionFixture<ComplianceFixture>
{
    public const string Name = "Compliance page in Chromium";
}
