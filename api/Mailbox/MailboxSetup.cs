using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using OutlookSayNo.Auth;

namespace OutlookSayNo.Mailbox;

public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>Off: the mailbox features answer "not configured" even with Entra sign-in.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Graph's root; a test points it at a loopback stand-in.</summary>
    [Required, Url] public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Delegated permissions asked for on the user's behalf; empty: <see cref="DefaultScopes"/>.
    /// (A default array would be appended to, not replaced, by configuration binding.)</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Read the email and save drafts (Mail.ReadWrite); read the manager's name and address (User.ReadBasic.All).</summary>
    public static readonly string[] DefaultScopes = ["https://graph.microsoft.com/Mail.ReadWrite", "https://graph.microsoft.com/User.ReadBasic.All"];

    public IReadOnlyList<string> EffectiveScopes => Scopes.Length > 0 ? Scopes : DefaultScopes;

    [Range(0, 10)] public int MaxRetries { get; set; } = 3;
    /// <summary>The longest the retries may wait in all, since a person is waiting.</summary>
    [Range(0, 120)] public double MaxRetryWaitSeconds { get; set; } = 10;
    [Range(0, 30)] public double BackoffSeconds { get; set; } = 1;
    [Range(1, 300)] public int TimeoutSeconds { get; set; } = 30;
}

public static class MailboxSetup
{
    /// <summary>Graph on the user's behalf when the API runs with Entra sign-in and a client credential;
    /// otherwise a mailbox that answers every call with "not configured here".</summary>
    public static IHostApplicationBuilder AddSayNoMailbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphOptions>().Bind(builder.Configuration.GetSection(GraphOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GraphOptions>, CredentialValidator>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp => new GraphHttp(CreateGraphHttp(sp.GetRequiredService<IOptions<GraphOptions>>().Value, sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddScoped<IMailbox>(sp =>
        {
            if (!MailboxConfigured(sp)) return new UnavailableMailbox();
            var user = sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User
                       ?? throw new InvalidOperationException("The mailbox is used on behalf of the signed-in user, inside a request.");
            return CreateGraphMailbox(sp.GetRequiredService<GraphHttp>().Client, sp.GetRequiredService<ITokenAcquisition>(), user,
                sp.GetRequiredService<IOptions<GraphOptions>>().Value);
        });
        return builder;
    }

    /// <summary>The HttpClient with Graph's middleware, our bounded retry in place of Kiota's.</summary>
    public static HttpClient CreateGraphHttp(GraphOptions options, TimeProvider clock)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        for (var i = handlers.Count - 1; i >= 0; i--) if (handlers[i] is RetryHandler) handlers.RemoveAt(i);
        handlers.Insert(0, new GraphRetryHandler(clock, options));
        var client = GraphClientFactory.Create(handlers, finalHandler: new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        return client;
    }

    /// <summary>A Graph mailbox for one signed-in user: the SDK's client over the shared HttpClient, with
    /// the user's on-behalf-of token on every request to Graph's host.</summary>
    public static GraphMailbox CreateGraphMailbox(HttpClient http, ITokenAcquisition tokenAcquisition, System.Security.Claims.ClaimsPrincipal user, GraphOptions options)
    {
        var tokens = new OnBehalfOfTokenProvider(tokenAcquisition, user, AuthSetup.EntraScheme, options.EffectiveScopes, new Uri(options.BaseUrl));
        return new GraphMailbox(() => new GraphServiceClient(http, new BaseBearerTokenAuthenticationProvider(tokens), options.BaseUrl.TrimEnd('/')));
    }

    /// <summary>Graph is called only with Entra sign-in (development tokens cannot be exchanged) and a
    /// client credential for the on-behalf-of exchange.</summary>
    public static bool MailboxConfigured(IServiceProvider sp)
    {
        var mode = AuthSetup.EffectiveMode(sp.GetRequiredService<IOptions<AuthOptions>>().Value, sp.GetRequiredService<IHostEnvironment>());
        return mode == AuthModes.Entra && sp.GetRequiredService<IOptions<GraphOptions>>().Value.Enabled;
    }

    /// <summary>With Entra sign-in and the mailbox on, the on-behalf-of exchange needs the API's own
    /// credential: without one, stop the start and say what to set rather than fail each request.</summary>
    private sealed class CredentialValidator(IHostEnvironment env, IConfiguration config, IOptions<AuthOptions> auth) : IValidateOptions<GraphOptions>
    {
        public ValidateOptionsResult Validate(string? name, GraphOptions options)
        {
            if (options.Scopes.Any(string.IsNullOrWhiteSpace))
                return ValidateOptionsResult.Fail("Graph:Scopes has an empty entry: list delegated Graph permissions such as https://graph.microsoft.com/Mail.ReadWrite.");
            if (!options.Enabled || AuthSetup.EffectiveMode(auth.Value, env) != AuthModes.Entra || AuthSetup.HasClientCredential(config))
                return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(
                "Graph is enabled with Entra sign-in, but the API has no client credential for the on-behalf-of exchange: set " +
                "AzureAd:ClientSecret (or AzureAd:ClientCertificates) to the API app registration's credential, or set Graph:Enabled=false " +
                "to run without the mailbox features (docs/entra-and-graph.md).");
        }
    }

    /// <summary>The one HttpClient (with Graph's middleware) that every request's Graph client shares.</summary>
    public sealed record GraphHttp(HttpClient Client);
}
