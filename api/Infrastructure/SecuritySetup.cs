using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OutlookSayNo.Auth;

namespace OutlookSayNo.Infrastructure;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Origins (scheme://host[:port]) another site may call /api from. Empty: same origin only.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Who may frame the pane under /addin/ (CSP frame-ancestors). Null: <see cref="DefaultFrameAncestors"/>.</summary>
    public string[]? FrameAncestors { get; set; }

    /// <summary>Script hosts the pane may load besides itself (office.js). Null: <see cref="DefaultAddinScriptSources"/>.</summary>
    public string[]? AddinScriptSources { get; set; }

    /// <summary>Hosts the pane may call and frame besides itself (MSAL). Null: <see cref="DefaultAddinConnectSources"/>.</summary>
    public string[]? AddinConnectSources { get; set; }

    public RateLimitOptions RateLimit { get; set; } = new();

    // Outlook on the web and the new Outlook frame the pane from these origins (work or school accounts on
    // outlook.office.com / outlook.office365.com and the newer outlook.cloud.microsoft, personal accounts on
    // outlook.live.com); classic Outlook on Windows and Mac hosts it in a web view with no frame ancestor at all.
    // Not every *.office.com or *.microsoft.com host: any page there could frame the pane. A sovereign cloud's
    // Outlook host goes in Security:FrameAncestors.
    public static readonly string[] DefaultFrameAncestors =
    [
        "'self'", "https://outlook.office.com", "https://outlook.office365.com", "https://outlook.cloud.microsoft", "https://outlook.live.com",
    ];
    public static readonly string[] DefaultAddinScriptSources = ["https://appsforoffice.microsoft.com"];
    public static readonly string[] DefaultAddinConnectSources = ["https://login.microsoftonline.com"];

    public sealed class RateLimitOptions
    {
        /// <summary>Draft requests (classify, draft, event) one user may make per minute, on average.</summary>
        public int PermitsPerMinute { get; set; } = 600;

        /// <summary>How many of those one user may make at once before the per-minute rate applies.</summary>
        public int Burst { get; set; } = 120;
    }

    internal IEnumerable<string> Problems()
    {
        foreach (var origin in CorsOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
                yield return $"Security:CorsOrigins: '{origin}' is not an origin like https://host[:port] (no path, no wildcard).";
        foreach (var (name, list) in new[] { ("FrameAncestors", FrameAncestors), ("AddinScriptSources", AddinScriptSources), ("AddinConnectSources", AddinConnectSources) })
            foreach (var source in list ?? [])
                if (string.IsNullOrWhiteSpace(source) || source.Any(c => char.IsWhiteSpace(c) || c is ';' or ','))
                    yield return $"Security:{name}: '{source}' is not one CSP source (no spaces, commas or semicolons).";
        if (RateLimit.PermitsPerMinute is < 1 or > 1_000_000) yield return "Security:RateLimit:PermitsPerMinute must be between 1 and 1,000,000.";
        if (RateLimit.Burst is < 1 or > 1_000_000) yield return "Security:RateLimit:Burst must be between 1 and 1,000,000.";
    }
}

/// <summary>Security headers on every response, CORS for /api, and per-user rate limits on the draft routes.</summary>
public static class SecuritySetup
{
    public const string CorsPolicy = "SayNoApi";

    public static IHostApplicationBuilder AddSayNoSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        builder.Services.AddSingleton<ContentSecurityPolicies>();
        // Outermost, so that every response gets the headers: problem details from the exception
        // handler, the 413 of the request limits, static files, Swagger.
        builder.Services.AddTransient<IStartupFilter, SecurityHeadersStartupFilter>();

        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<SecurityOptions>>((cors, security) => cors.AddPolicy(CorsPolicy, p => p
                .WithOrigins(security.Value.CorsOrigins)
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "Content-Disposition")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<SecurityOptions>>((limiter, security) =>
            {
                var limits = security.Value.RateLimit;
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.AddPolicy(RateLimits.Drafts, http => http.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetTokenBucketLimiter(http.User.UserId(), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.PermitsPerMinute,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    // No user: authorization answers 401 next, so there is nothing to count.
                    : RateLimitPartition.GetNoLimiter("anonymous"));
                limiter.OnRejected = (context, ct) => RejectAsync(context, limits, ct);
            });
        return builder;
    }

    /// <summary>CORS for /api and the per-user rate limits. Call after authentication (the limits are per
    /// user) and before authorization (a preflight carries no token).</summary>
    public static WebApplication UseSayNoSecurity(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseCors(CorsPolicy));
        app.UseRateLimiter();
        return app;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, SecurityOptions.RateLimitOptions limits, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling(60.0 / limits.PermitsPerMinute));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"You have made more than {limits.PermitsPerMinute} draft requests a minute (at most {limits.Burst} at once). " +
                         $"Try again in {seconds} second{(seconds == 1 ? "" : "s")}.",
            },
        });
    }
}

/// <summary>The Content-Security-Policy of each area of the site.</summary>
public sealed class ContentSecurityPolicies(IOptions<SecurityOptions> options)
{
    private const string Common = "object-src 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>The Outlook pane, its sign-in dialog and on-send page: framed by Outlook, office.js from its CDN, MSAL to Entra ID.</summary>
    public string Addin { get; } = Build(options.Value);

    /// <summary>The admin page: its own files only, never framed. CodeMirror mounts its themes as &lt;style&gt;
    /// elements in the document (style-mod uses constructed sheets only in shadow roots), hence inline styles.</summary>
    public string Admin { get; } = $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src {SignInSources(options.Value)}; {Common}; frame-ancestors 'none'";

    /// <summary>The compliance page and the start page (/): their own files only, never framed.</summary>
    public string Compliance { get; } = $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src {SignInSources(options.Value)}; {Common}; frame-ancestors 'none'";

    /// <summary>Where a page may connect: itself, and Entra (MSAL reads its metadata and redeems the
    /// sign-in code at its token endpoint from the page).</summary>
    private static string SignInSources(SecurityOptions o) =>
        string.Join(' ', ["'self'", .. o.AddinConnectSources ?? SecurityOptions.DefaultAddinConnectSources]);

    /// <summary>Swagger UI: its page uses inline scripts and styles, so only /swagger gets them. With Entra
    /// sign-in it redeems the authorization code at Entra's token endpoint from the page (PKCE), so it may
    /// connect where the pane's MSAL does.</summary>
    public string Swagger { get; } =
        $"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        $"connect-src {string.Join(' ', ["'self'", .. options.Value.AddinConnectSources ?? SecurityOptions.DefaultAddinConnectSources])}; {Common}; frame-ancestors 'none'";

    /// <summary>The /try/ page (Development only) and the pane it frames from /try/: its own files only, and
    /// framed by itself alone. Inline styles for the same reason as the pane's.</summary>
    public string Try { get; } = $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; {Common}; frame-ancestors 'self'";

    /// <summary>JSON, problem details, anything else: nothing to load, never framed.</summary>
    public string Api { get; } = "default-src 'none'; frame-ancestors 'none'";

    private static string Build(SecurityOptions o)
    {
        var scripts = string.Join(' ', ["'self'", .. o.AddinScriptSources ?? SecurityOptions.DefaultAddinScriptSources]);
        var connect = string.Join(' ', ["'self'", .. o.AddinConnectSources ?? SecurityOptions.DefaultAddinConnectSources]);
        var ancestors = string.Join(' ', o.FrameAncestors ?? SecurityOptions.DefaultFrameAncestors);
        // Inline styles: the pane parses the customer's HTML with DOMParser, whose document inherits this
        // policy, and email HTML is full of style attributes and elements; blocking them there only fills the
        // console. The pane never renders them (DOMPurify drops style), and scripts stay strict.
        return $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
               $"connect-src {connect}; frame-src {connect}; {Common}; frame-ancestors {ancestors}";
    }

    public string For(PathString path) =>
        path.StartsWithSegments("/addin") ? Addin
        : path.StartsWithSegments("/admin") ? Admin
        : path.StartsWithSegments("/compliance") || path.StartsWithSegments("/start") || path == "/" ? Compliance
        : path.StartsWithSegments("/swagger") ? Swagger
        : path.StartsWithSegments(TryPage.Path) ? Try
        : Api;
}

internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        next(app);
    };
}

/// <summary>Sets the headers as the response starts, so a response the exception handler cleared and
/// rewrote still has them.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, ContentSecurityPolicies policies)
{
    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // The pages carry ?token= in development and draft ids in their addresses: send no referrer at all.
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = policies.For(path);
            // The pane must be framed by Outlook (frame-ancestors says by whom), and the /try/ page frames its
            // copy of the pane; nothing else is framed.
            if (path.StartsWithSegments(TryPage.Path)) headers.XFrameOptions = "SAMEORIGIN";
            else if (!path.StartsWithSegments("/addin")) headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
