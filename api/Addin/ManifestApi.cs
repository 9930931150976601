using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OutlookSayNo.Auth;

namespace OutlookSayNo.Addin;

/// <summary>Where the add-in is served from and which Entra app signs it in (section <c>Addin</c>).</summary>
public sealed class AddinOptions
{
    public const string Section = "Addin";

    /// <summary>The origin Outlook loads the pane and icons from, e.g. <c>https://sayno.contoso.com</c>.
    /// Empty: the origin of the request for the manifest.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>The Entra application (client) id written to WebApplicationInfo/Id.
    /// Empty: <c>AzureAd:ClientId</c>, else the development placeholder in manifest.xml.</summary>
    public string? ClientId { get; set; }

    /// <summary>The application id URI written to WebApplicationInfo/Resource.
    /// Empty: <c>api://{host}/{ClientId}</c>, with the host of the public origin.</summary>
    public string? Resource { get; set; }

    /// <summary>The API scope the pane asks Entra for. Empty: <c>{AzureAd:Audience or api://ClientId}/access_as_user</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>The manifest to rewrite. Empty: <c>manifest.xml</c> beside <c>OutlookSayNo.sln</c>, found by walking up
    /// from the content root (then the content root and the app folder). Relative paths start at the content root.</summary>
    public string? ManifestPath { get; set; }
}

/// <summary>Serves the repository's manifest.xml rewritten for a host: the one place that decides the add-in's URLs.</summary>
public static class ManifestApi
{
    /// <summary>The origin every URL in the repository's manifest.xml is written against.</summary>
    public const string DevelopmentOrigin = "https://localhost:5181";

    public const string SolutionFile = "OutlookSayNo.sln";
    public const string ManifestFile = "manifest.xml";

    public static IServiceCollection AddSayNoAddin(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AddinOptions>()
            .Bind(config.GetSection(AddinOptions.Section))
            .PostConfigure(o =>
            {
                // One Entra app usually serves both the API and the add-in's SSO: reuse its id unless told otherwise.
                if (string.IsNullOrWhiteSpace(o.ClientId) && Guid.TryParse(config["AzureAd:ClientId"], out var apiApp))
                    o.ClientId = apiApp.ToString("D");
            })
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicOrigin) || TryParseOrigin(o.PublicOrigin, out _, out _),
                "Addin:PublicOrigin must be an origin such as https://sayno.contoso.com (https; http only for localhost or 127.0.0.1), without a path.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ClientId) || Guid.TryParse(o.ClientId, out _),
                "Addin:ClientId must be the Entra application (client) id, a GUID.")
            .ValidateOnStart();
        return services;
    }

    public static RouteGroupBuilder MapManifest(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/addin")
            .WithTags("Add-in")
            .AllowAnonymous();

        group.MapGet("/manifest.xml", GetManifest)
            .WithName("GetAddinManifest")
            .WithSummary("The Outlook add-in manifest for this host")
            .WithDescription("Returns the repository's manifest.xml with every " + DevelopmentOrigin + " URL moved to the public origin " +
                             "(Addin:PublicOrigin; else, in Development on a loopback host only, the origin of this request) and WebApplicationInfo set to the Entra app " +
                             "(Addin:ClientId and Addin:Resource). For a one-off, ?origin=https://sayno.contoso.com&clientId=<GUID> " +
                             "overrides both; the resource then becomes api://{host}/{clientId}.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/config.json", GetSignInConfig)
            .WithName("GetAddinSignInConfig")
            .WithSummary("How the pane signs in with Entra (nested app authentication)")
            .WithDescription("The client id, authority and API scope the pane gives MSAL. 404 when the API does not run with Entra " +
                             "sign-in: the pane then uses a development token.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Classic Outlook on Windows runs the on-send handler as a bare script, and lets it call this
        // origin only if the origin lists the script here.
        routes.MapGet("/.well-known/microsoft-officeaddins-allowed.json", Results<JsonHttpResult<AllowedScripts>, ProblemHttpResult> (HttpContext http, IOptions<AddinOptions> options, IHostEnvironment env) =>
            {
                var origin = !string.IsNullOrWhiteSpace(options.Value.PublicOrigin) && TryParseOrigin(options.Value.PublicOrigin, out var configured, out _)
                    ? configured!
                    : LoopbackOrigin(http, env);
                return origin is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public origin configured",
                        detail: "Set Addin:PublicOrigin to the origin Outlook loads the add-in from; the Host header of a request is never trusted for it.")
                    : TypedResults.Json(new AllowedScripts([$"{origin}/addin/onsend.js"]));
            })
            .WithTags("Add-in")
            .WithName("AllowedAddinScripts")
            .WithSummary("The add-in scripts allowed to call this origin from Outlook's event runtime")
            .AllowAnonymous();
        return group;
    }

    public sealed record SignInConfig(string ClientId, string Authority, string Scope);

    public sealed record AllowedScripts(IReadOnlyList<string> Allowed);

    /// <summary>The request's own origin, only in Development and only on a loopback host: anywhere else the Host
    /// header is the caller's to choose, and a manifest or allow-list built from it would point Outlook at any site.</summary>
    private static string? LoopbackOrigin(HttpContext http, IHostEnvironment env)
    {
        if (!env.IsDevelopment()) return null;
        var host = http.Request.Host.Host;
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
        if (!loopback || http.Request.Scheme is not ("http" or "https")) return null;
        var own = $"{http.Request.Scheme}://{http.Request.Host.Value}";
        return Uri.TryCreate(own, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }

    private static Results<Ok<SignInConfig>, ProblemHttpResult> GetSignInConfig(IConfiguration config, IOptions<AuthOptions> auth,
        IOptions<AddinOptions> addin, IHostEnvironment env)
    {
        var entra = AuthSetup.EntraSignInFor(config, auth.Value, env, addin.Value.ClientId, addin.Value.Scope);
        return entra is null
            ? TypedResults.Problem(statusCode: 404, title: "Entra sign-in is not configured",
                detail: "This API accepts development tokens (Auth:Mode=DevJwt): open the pane with ?token=<dotnet user-jwts token>.")
            : TypedResults.Ok(new SignInConfig(entra.ClientId, entra.Authority, entra.Scope));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetManifest(
        HttpContext http, IOptions<AddinOptions> options, IHostEnvironment env,
        [FromQuery(Name = "origin")] string? origin, [FromQuery(Name = "clientId")] string? clientId, CancellationToken ct)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();

        string? publicOrigin;
        if (origin is not null)
        {
            if (!TryParseOrigin(origin, out publicOrigin, out var why)) errors["origin"] = [why];
        }
        else if (!string.IsNullOrWhiteSpace(settings.PublicOrigin))
        {
            TryParseOrigin(settings.PublicOrigin, out publicOrigin, out _); // checked when the app started
        }
        else
        {
            publicOrigin = LoopbackOrigin(http, env);
            if (publicOrigin is null)
                errors["origin"] = ["No public origin is configured: set Addin:PublicOrigin or pass ?origin=https://your.host (the Host header of a request is trusted only on a loopback host in Development)."];
        }

        string? appId = null;
        if (clientId is not null)
        {
            if (Guid.TryParse(clientId.Trim(), out var parsed)) appId = parsed.ToString("D");
            else errors["clientId"] = [$"'{Shorten(clientId)}' is not a GUID: pass the Entra application (client) id, e.g. 00000000-0000-0000-0000-000000000000."];
        }
        else if (Guid.TryParse(settings.ClientId, out var configured))
        {
            appId = configured.ToString("D");
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // A configured resource belongs to the configured host and app; a one-off override gets the default form.
        var resource = origin is null && clientId is null && !string.IsNullOrWhiteSpace(settings.Resource) ? settings.Resource.Trim() : null;

        var path = FindManifest(settings.ManifestPath, env.ContentRootPath);
        if (path is null)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Add-in manifest not found",
                detail: $"No {ManifestFile} beside {SolutionFile} above the content root, nor in the content root or the app folder. " +
                        "Set Addin:ManifestPath to the manifest to serve.");

        string xml;
        try
        {
            var template = await File.ReadAllTextAsync(path, ct);
            xml = Rewrite(template, publicOrigin!, appId, resource);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Add-in manifest unreadable",
                detail: $"{ManifestFile} at the configured place could not be read as XML: {ex.Message}");
        }
        return TypedResults.Text(xml, "application/xml", Encoding.UTF8);
    }

    /// <summary>An origin as a manifest needs it: an absolute https URL (http only for localhost or 127.0.0.1),
    /// scheme, host and optional port only. <paramref name="origin"/> is normalised (no trailing slash, default port dropped).</summary>
    public static bool TryParseOrigin(string? value, out string? origin, out string error)
    {
        origin = null;
        error = "";
        var text = value?.Trim() ?? "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsFile || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{Shorten(text)}' is not an absolute URL: give the origin the add-in is served from, e.g. https://sayno.contoso.com.";
            return false;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !(uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host == "127.0.0.1"))
        {
            error = $"'{Shorten(text)}' uses http: Outlook loads add-ins over https only (http is accepted for localhost and 127.0.0.1).";
            return false;
        }
        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"'{Shorten(text)}' is not an origin: give the scheme, host and optional port only, without user, path, query or fragment.";
            return false;
        }
        origin = uri.GetLeftPart(UriPartial.Authority);
        return true;
    }

    /// <summary>The manifest to serve: the configured path, else manifest.xml beside the solution file above
    /// <paramref name="contentRoot"/>, else one in the content root or the app folder; null when there is none.</summary>
    public static string? FindManifest(string? configuredPath, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = Path.GetFullPath(configuredPath, contentRoot);
            return File.Exists(full) ? full : null;
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                var beside = Path.Combine(dir.FullName, ManifestFile);
                if (File.Exists(beside)) return beside;
                break;
            }
        }
        return new[] { contentRoot, AppContext.BaseDirectory }
            .Select(d => Path.Combine(d, ManifestFile))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Moves every <see cref="DevelopmentOrigin"/> URL to <paramref name="origin"/> and sets WebApplicationInfo:
    /// Id to <paramref name="clientId"/> (the manifest's own value when null) and Resource to <paramref name="resource"/>
    /// (<c>api://{host}/{Id}</c> when null). The development comments are replaced by one naming the origin.</summary>
    public static string Rewrite(string manifest, string origin, string? clientId, string? resource)
    {
        var doc = XDocument.Parse(manifest.Replace(DevelopmentOrigin, origin, StringComparison.OrdinalIgnoreCase), LoadOptions.PreserveWhitespace);
        var authority = new Uri(origin).Authority;

        foreach (var info in doc.Descendants().Where(e => e.Name.LocalName == "WebApplicationInfo"))
        {
            var id = info.Elements().FirstOrDefault(e => e.Name.LocalName == "Id");
            var res = info.Elements().FirstOrDefault(e => e.Name.LocalName == "Resource");
            if (id is not null && clientId is not null) id.Value = clientId;
            var effectiveId = (id?.Value ?? clientId ?? "").Trim();
            if (res is not null) res.Value = resource ?? $"api://{authority}/{effectiveId}";
        }

        doc.DescendantNodes().OfType<XComment>().ToList().ForEach(c => c.Remove());
        doc.Nodes().OfType<XText>().ToList().ForEach(t => t.Remove());
        // The comment names no origin: an IDN host in punycode holds "--", which a comment may not.
        doc.AddFirst(new XText("\n"),
            new XComment(" OutlookSayNo add-in manifest, generated by GET /addin/manifest.xml from the repository's manifest.xml. "),
            new XText("\n"));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            doc.Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
