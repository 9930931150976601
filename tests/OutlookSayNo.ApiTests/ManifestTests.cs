using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;

namespace OutlookSayNo.ApiTests;

/// <summary>The repository's manifest.xml declares what the pane uses, every URL in it resolves on the running API,
/// and GET /addin/manifest.xml rewrites it for another host and Entra app.</summary>
public sealed class ManifestTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private const string DevOrigin = "https://localhost:5181";
    private const string PanePath = "/addin/taskpane.html";
    private const string OnSendPagePath = "/addin/onsend.html";
    private const string OnSendScriptPath = "/addin/onsend.js";
    private const string OnSendHandler = "onMessageSendHandler";

    private static readonly XNamespace App = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Vo10 = "http://schemas.microsoft.com/office/mailappversionoverrides";
    private static readonly XNamespace Vo11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly string RepoRoot = FindRepoRoot();
    private static string ManifestPath => Path.Combine(RepoRoot, "manifest.xml");
    private static string WwwRoot => Path.Combine(RepoRoot, "api", "wwwroot");
    private static readonly int[] IconSizes = [16, 32, 64, 80, 128];

    [Fact]
    public void The_manifest_is_well_formed_xml_for_an_outlook_mail_add_in()
    {
        var doc = LoadManifest();
        var root = doc.Root!;
        Assert.Equal(App + "OfficeApp", root.Name);
        Assert.Equal("MailApp", XsiType(root));
        Assert.True(Guid.TryParse(root.Element(App + "Id")?.Value, out _), "Id must be a GUID.");
        Assert.Equal("OutlookSayNo", root.Element(App + "ProviderName")?.Value);
        Assert.Equal("Say No", root.Element(App + "DisplayName")?.Attribute("DefaultValue")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(root.Element(App + "Description")?.Attribute("DefaultValue")?.Value));
        Assert.Equal("Mailbox", root.Element(App + "Hosts")?.Element(App + "Host")?.Attribute("Name")?.Value);
    }

    [Fact]
    public void The_manifest_needs_mailbox_1_3_and_read_write_item()
    {
        var root = LoadManifest().Root!;
        var set = Assert.Single(root.Element(App + "Requirements")!.Element(App + "Sets")!.Elements(App + "Set"));
        Assert.Equal("Mailbox", set.Attribute("Name")?.Value);
        Assert.Equal("1.3", set.Attribute("MinVersion")?.Value);
        Assert.Equal("ReadWriteItem", root.Element(App + "Permissions")?.Value);
    }

    [Fact]
    public void The_read_and_compose_surfaces_have_a_button_that_opens_the_pinnable_pane()
    {
        var doc = LoadManifest();
        AssertCommands(doc, DevOrigin);
    }

    [Fact]
    public void The_manifest_has_sso_details_with_development_placeholders()
    {
        var info = Assert.Single(LoadManifest().Descendants(Vo11 + "WebApplicationInfo"));
        var id = info.Element(Vo11 + "Id")?.Value;
        Assert.True(Guid.TryParse(id, out _), "WebApplicationInfo/Id must be a GUID.");
        Assert.Equal($"api://localhost:5181/{id}", info.Element(Vo11 + "Resource")?.Value);
    }

    [Fact]
    public void The_manifest_declares_its_app_domain_and_only_absolute_web_urls()
    {
        var doc = LoadManifest();
        var domains = doc.Root!.Element(App + "AppDomains")!.Elements(App + "AppDomain").Select(d => d.Value).ToList();
        Assert.Contains(DevOrigin, domains);
        foreach (var url in Urls(doc))
        {
            var uri = new Uri(url);
            Assert.True(uri.Scheme == "https" || url.StartsWith(DevOrigin, StringComparison.Ordinal),
                $"{url}: only the development host may use http.");
        }
        // Every URL on the development host is the host itself or a file the API serves under /addin/.
        Assert.All(Urls(doc).Where(u => u.StartsWith(DevOrigin, StringComparison.Ordinal) && u != DevOrigin),
            u => Assert.StartsWith(DevOrigin + "/addin/", u));
    }

    [Fact]
    public void Every_icon_size_the_manifest_references_exists_at_that_size()
    {
        var doc = LoadManifest();
        var root = doc.Root!;
        var expected = new List<(string Url, int Size)>
        {
            (root.Element(App + "IconUrl")!.Attribute("DefaultValue")!.Value, 64),
            (root.Element(App + "HighResolutionIconUrl")!.Attribute("DefaultValue")!.Value, 128),
        };
        foreach (var overrides in new[] { Vo10, Vo11 })
        {
            var block = OverridesBlock(doc, overrides);
            foreach (var image in block.Descendants(overrides + "Icon").Elements(Bt + "Image"))
            {
                var size = int.Parse(image.Attribute("size")!.Value, System.Globalization.CultureInfo.InvariantCulture);
                expected.Add((ResourceUrl(block, Bt + "Images", image.Attribute("resid")!.Value), size));
            }
            var sizes = block.Descendants(overrides + "Icon").Elements(Bt + "Image").Select(i => i.Attribute("size")!.Value).ToHashSet();
            Assert.Superset(new HashSet<string> { "16", "32", "80" }, sizes);
        }

        foreach (var (url, size) in expected)
        {
            var file = LocalFile(url);
            Assert.True(File.Exists(file), $"{url}: {file} is missing.");
            Assert.Equal((size, size), PngSize(file));
        }
        foreach (var size in IconSizes)
        {
            var file = Path.Combine(WwwRoot, "addin", "assets", $"icon-{size}.png");
            Assert.True(File.Exists(file), $"{file} is missing.");
            Assert.Equal((size, size), PngSize(file));
        }
    }

    [Fact]
    public async Task Every_url_in_the_manifest_resolves_on_the_running_api()
    {
        var doc = LoadManifest();
        // The pane's and the on-send handler's own files come from the add-in build; they are checked when that build has run.
        var candidates = Urls(doc)
            .Where(u => u.StartsWith(DevOrigin + "/", StringComparison.Ordinal))
            .Concat([DevOrigin + "/addin/taskpane.js", DevOrigin + "/addin/taskpane.css"])
            .Distinct()
            .ToList();
        Assert.Contains(DevOrigin + OnSendPagePath, candidates);
        Assert.Contains(DevOrigin + OnSendScriptPath, candidates);
        var served = candidates.Where(u => File.Exists(LocalFile(u))).ToList();
        Assert.All(IconSizes, size => Assert.Contains($"{DevOrigin}/addin/assets/icon-{size}.png", served));
        Assert.All(candidates.Except(served), u => Assert.True(
            u.StartsWith(DevOrigin + "/addin/taskpane.", StringComparison.Ordinal) || u.StartsWith(DevOrigin + "/addin/onsend.", StringComparison.Ordinal),
            $"{u} is not served and is not a file of the add-in build."));

        var client = factory.CreateClient();
        foreach (var url in served)
        {
            var path = new Uri(url).AbsolutePath;
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new FileInfo(LocalFile(url)).Length, bytes.Length);
            if (path.EndsWith(".png", StringComparison.Ordinal))
                Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            if (path == OnSendPagePath)
            {
                // The event runtime's page loads office.js, then the handler beside it.
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var html = System.Text.Encoding.UTF8.GetString(bytes);
                var office = html.IndexOf("appsforoffice.microsoft.com/lib/1/hosted/office.js", StringComparison.Ordinal);
                var handler = html.IndexOf("src=\"onsend.js\"", StringComparison.Ordinal);
                Assert.True(office >= 0 && handler > office, "onsend.html must load office.js and then onsend.js.");
            }
            if (path == OnSendScriptPath)
            {
                // One classic script (no import/export) that associates the manifest's FunctionName.
                Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
                var js = System.Text.Encoding.UTF8.GetString(bytes);
                Assert.Contains($"\"{OnSendHandler}\"", js);
                Assert.Matches(@"^\s*(""use strict"";\s*)?\(\(\)\s*=>\s*\{", js); // an IIFE, not a module
            }
        }
    }

    [Fact]
    public void The_1_1_block_runs_the_on_send_handler_in_an_event_runtime()
    {
        AssertOnSend(LoadManifest(), DevOrigin);
    }

    [Fact]
    public void Only_the_1_1_block_declares_the_on_send_event_and_it_keeps_the_1_3_floor_for_its_buttons()
    {
        var doc = LoadManifest();
        var v10 = OverridesBlock(doc, Vo10);
        Assert.DoesNotContain(v10.Descendants(), e => e.Name.LocalName is "LaunchEvent" or "Runtimes");
        // OnMessageSend needs Mailbox 1.12, but a LaunchEvent extension point takes no requirements of its own:
        // raising the block's floor would drop the pinnable buttons on clients with 1.5 to 1.11.
        var sets = OverridesBlock(doc, Vo11).Element(Vo11 + "Requirements")!.Element(Bt + "Sets")!;
        Assert.Equal("1.3", sets.Attribute("DefaultMinVersion")?.Value);
    }

    [Fact]
    public async Task The_generator_moves_every_url_to_the_given_origin_and_sets_the_entra_app()
    {
        var clientId = "3f2c5a8e-4b1d-4e6f-9a70-1c2d3e4f5a6b";
        var response = await factory.CreateClient().GetAsync($"/addin/manifest.xml?origin=https://sayno.contoso.com&clientId={clientId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("localhost:5181", text, StringComparison.OrdinalIgnoreCase);
        var generated = XDocument.Parse(text);
        var source = LoadManifest();

        var expected = Urls(source).Select(u => u.Replace(DevOrigin, "https://sayno.contoso.com", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(expected, Urls(generated).Order().ToList());
        Assert.Contains("https://sayno.contoso.com", generated.Root!.Element(App + "AppDomains")!.Elements(App + "AppDomain").Select(d => d.Value));
        Assert.Equal(source.Root!.Element(App + "Id")!.Value, generated.Root.Element(App + "Id")!.Value);

        var info = Assert.Single(generated.Descendants(Vo11 + "WebApplicationInfo"));
        Assert.Equal(clientId, info.Element(Vo11 + "Id")?.Value);
        Assert.Equal($"api://sayno.contoso.com/{clientId}", info.Element(Vo11 + "Resource")?.Value);
        AssertCommands(generated, "https://sayno.contoso.com");
        AssertOnSend(generated, "https://sayno.contoso.com");
    }

    [Fact]
    public async Task The_generator_accepts_http_on_the_loopback_host()
    {
        var response = await factory.CreateClient().GetAsync("/addin/manifest.xml?origin=http://127.0.0.1:5199");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var generated = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(Urls(generated).Where(u => !u.StartsWith("https://login.", StringComparison.Ordinal)),
            u => Assert.StartsWith("http://127.0.0.1:5199", u));
        var info = Assert.Single(generated.Descendants(Vo11 + "WebApplicationInfo"));
        Assert.StartsWith("api://127.0.0.1:5199/", info.Element(Vo11 + "Resource")?.Value);
    }

    [Fact]
    public async Task Without_settings_the_generator_uses_the_request_origin()
    {
        var response = await factory.CreateClient().GetAsync("/addin/manifest.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var generated = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var block = OverridesBlock(generated, Vo11);
        Assert.Equal("http://localhost" + PanePath, ResourceUrl(block, Bt + "Urls", "SayNo.Taskpane.Url"));
        AssertOnSend(generated, "http://localhost");
    }

    [Theory]
    [InlineData("origin=http://sayno.contoso.com", "origin")]
    [InlineData("origin=sayno.contoso.com", "origin")]
    [InlineData("origin=ftp://sayno.contoso.com", "origin")]
    [InlineData("origin=https://sayno.contoso.com/pane/", "origin")]
    [InlineData("origin=https://sayno.contoso.com?x=1", "origin")]
    [InlineData("origin=", "origin")]
    [InlineData("clientId=not-a-guid", "clientId")]
    [InlineData("origin=https://sayno.contoso.com&clientId=1234", "clientId")]
    public async Task Bad_generator_parameters_get_a_problem_naming_the_field(string query, string field)
    {
        var response = await factory.CreateClient().GetAsync("/addin/manifest.xml?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadNodeAsync();
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"errors should name '{field}': {problem.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace(errors[field]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task Settings_decide_the_origin_and_the_entra_app()
    {
        const string clientId = "a1b2c3d4-e5f6-4789-8abc-def012345678";
        using var configured = new SayNoFactory
        {
            Settings =
            {
                ["Addin:PublicOrigin"] = "https://sayno.fabrikam.com/",
                ["Addin:ClientId"] = clientId,
                ["Addin:Resource"] = "api://sayno.fabrikam.com/outlook-say-no",
            },
        };
        var client = configured.CreateClient();

        var generated = XDocument.Parse(await client.GetStringAsync("/addin/manifest.xml"));
        Assert.All(Urls(generated).Where(u => !u.StartsWith("https://login.", StringComparison.Ordinal)),
            u => Assert.StartsWith("https://sayno.fabrikam.com", u));
        var info = Assert.Single(generated.Descendants(Vo11 + "WebApplicationInfo"));
        Assert.Equal(clientId, info.Element(Vo11 + "Id")?.Value);
        Assert.Equal("api://sayno.fabrikam.com/outlook-say-no", info.Element(Vo11 + "Resource")?.Value);

        // A one-off override wins over the settings, and its resource takes the default form.
        const string other = "0f1e2d3c-4b5a-4697-8877-665544332211";
        var oneOff = XDocument.Parse(await client.GetStringAsync($"/addin/manifest.xml?clientId={other}"));
        var oneOffInfo = Assert.Single(oneOff.Descendants(Vo11 + "WebApplicationInfo"));
        Assert.Equal(other, oneOffInfo.Element(Vo11 + "Id")?.Value);
        Assert.Equal($"api://sayno.fabrikam.com/{other}", oneOffInfo.Element(Vo11 + "Resource")?.Value);
    }

    /// <summary>Both VersionOverrides blocks put a Say no button on the read and compose surfaces that opens the pane;
    /// the 1.1 block makes it pinnable.</summary>
    private static void AssertCommands(XDocument doc, string origin)
    {
        foreach (var overrides in new[] { Vo10, Vo11 })
        {
            var block = OverridesBlock(doc, overrides);
            var points = block.Descendants(overrides + "ExtensionPoint").ToList();
            foreach (var surface in new[] { "MessageReadCommandSurface", "MessageComposeCommandSurface" })
            {
                var point = Assert.Single(points, p => XsiType(p) == surface);
                var button = Assert.Single(point.Descendants(overrides + "Control"), c => XsiType(c) == "Button");
                Assert.Equal("Say no", ResourceValue(block, Bt + "ShortStrings", button.Element(overrides + "Label")!.Attribute("resid")!.Value));
                var action = button.Element(overrides + "Action")!;
                Assert.Equal("ShowTaskpane", XsiType(action));
                var source = ResourceUrl(block, Bt + "Urls", action.Element(overrides + "SourceLocation")!.Attribute("resid")!.Value);
                Assert.Equal(origin + PanePath, source);
                if (overrides == Vo11) Assert.Equal("true", action.Element(overrides + "SupportsPinning")?.Value);
            }
        }
    }

    /// <summary>The 1.1 block's MailHost declares one event runtime (the HTML page, with the JavaScript file for classic
    /// Outlook on Windows) before its form factor, and a LaunchEvent extension point that runs onMessageSendHandler on
    /// OnMessageSend with SendMode PromptUser, its SourceLocation being that runtime's page (as the schema requires).</summary>
    private static void AssertOnSend(XDocument doc, string origin)
    {
        var block = OverridesBlock(doc, Vo11);
        var host = Assert.Single(block.Element(Vo11 + "Hosts")!.Elements(Vo11 + "Host"));
        Assert.Equal("MailHost", XsiType(host));
        Assert.Equal(["Runtimes", "DesktopFormFactor"], host.Elements().Select(e => e.Name.LocalName).ToArray());

        var runtime = Assert.Single(host.Element(Vo11 + "Runtimes")!.Elements(Vo11 + "Runtime"));
        var pageId = runtime.Attribute("resid")!.Value;
        Assert.True(pageId.Length <= 32, "A resid has at most 32 characters.");
        Assert.Equal(origin + OnSendPagePath, ResourceUrl(block, Bt + "Urls", pageId));
        var scriptOverride = Assert.Single(runtime.Elements(Vo11 + "Override"));
        Assert.Equal("javascript", scriptOverride.Attribute("type")?.Value);
        var scriptId = scriptOverride.Attribute("resid")!.Value;
        Assert.True(scriptId.Length <= 32, "A resid has at most 32 characters.");
        Assert.Equal(origin + OnSendScriptPath, ResourceUrl(block, Bt + "Urls", scriptId));

        var point = Assert.Single(host.Descendants(Vo11 + "ExtensionPoint"), p => XsiType(p) == "LaunchEvent");
        Assert.Equal(["LaunchEvents", "SourceLocation"], point.Elements().Select(e => e.Name.LocalName).ToArray());
        var launch = Assert.Single(point.Element(Vo11 + "LaunchEvents")!.Elements(Vo11 + "LaunchEvent"));
        Assert.Equal("OnMessageSend", launch.Attribute("Type")?.Value);
        Assert.Equal(OnSendHandler, launch.Attribute("FunctionName")?.Value);
        Assert.Equal("PromptUser", launch.Attribute("SendMode")?.Value);
        Assert.Equal(pageId, point.Element(Vo11 + "SourceLocation")!.Attribute("resid")?.Value);
    }

    /// <summary>The VersionOverrides element of that namespace, without the nested one of another namespace.</summary>
    private static XElement OverridesBlock(XDocument doc, XNamespace ns)
    {
        var block = Assert.Single(doc.Descendants(ns + "VersionOverrides"));
        var copy = new XElement(block);
        copy.Elements().Where(e => e.Name.LocalName == "VersionOverrides").Remove();
        return copy;
    }

    private static string ResourceValue(XElement block, XName kind, string id) =>
        Assert.Single(block.Elements().Where(e => e.Name.LocalName == "Resources").Elements(kind).Elements(),
            e => e.Attribute("id")?.Value == id).Attribute("DefaultValue")!.Value;

    private static string ResourceUrl(XElement block, XName kind, string id) => ResourceValue(block, kind, id);

    /// <summary>Every absolute http(s) URL in attributes and element text.</summary>
    private static List<string> Urls(XDocument doc) =>
        doc.Descendants()
            .SelectMany(e => e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Value)
                .Concat(e.HasElements ? [] : [e.Value]))
            .Select(v => v.Trim())
            .Where(v => Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            .ToList();

    private static string LocalFile(string url)
    {
        var path = new Uri(url).AbsolutePath.TrimStart('/');
        return Path.Combine([WwwRoot, .. path.Split('/')]);
    }

    private static (int Width, int Height) PngSize(string file)
    {
        var bytes = File.ReadAllBytes(file);
        Assert.True(bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            $"{file} is not a PNG.");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    private static XDocument LoadManifest() => XDocument.Load(ManifestPath);

    private static string? XsiType(XElement e) => e.Attribute(Xsi + "type")?.Value;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new InvalidOperationException("OutlookSayNo.sln not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("/addin/manifest.xml")]
    [InlineData("/.well-known/microsoft-officeaddins-allowed.json")]
    public async Task A_forged_host_header_never_reaches_the_manifest_or_the_allow_list(string path)
    {
        // In Development the request's own origin is used only on a loopback host.
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());

        // Outside Development (here with Entra sign-in, as in production) no request's Host is used, even a loopback one.
        using var production = new EntraFactory();
        var fromProduction = await production.CreateClient().GetAsync(path);
        Assert.True(fromProduction.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, fromProduction.StatusCode.ToString());
        Assert.Contains("Addin:PublicOrigin", await fromProduction.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_well_known_list_allows_the_on_send_script_of_this_origin_for_classic_Outlook()
    {
        var response = await factory.CreateClient().GetAsync("/.well-known/microsoft-officeaddins-allowed.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var allowed = (await response.ReadNodeAsync())["allowed"]!.AsArray().Select(a => (string)a!).ToList();
        var script = Assert.Single(allowed);
        Assert.EndsWith("/addin/onsend.js", script);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri(script).AbsolutePath)).StatusCode);
    }
}
