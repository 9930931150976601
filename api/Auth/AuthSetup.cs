using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace OutlookSayNo.Auth;

public static class Roles
{
    public const string AccountManager = "AccountManager";
    public const string TemplateAdmin = "TemplateAdmin";
    public const string ComplianceReviewer = "ComplianceReviewer";
    public static readonly string[] All = [AccountManager, TemplateAdmin, ComplianceReviewer];
}

/// <summary>Rate-limit policies, per signed-in user (configured under <c>Security:RateLimit</c>).</summary>
public static class RateLimits
{
    /// <summary>Classify, draft and draft events.</summary>
    public const string Drafts = "SayNoDrafts";
}

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>DevJwt</c> (tokens from dotnet user-jwts, Development only) or <c>Entra</c>.
    /// Empty: DevJwt in Development, Entra everywhere else.</summary>
    public string? Mode { get; set; }
}

/// <summary>Sign-in settings for a public client of this API.</summary>
public sealed record EntraSignIn(string Authority, string Scope, string ClientId);

public static class AuthModes
{
    public const string DevJwt = "DevJwt";
    public const string Entra = "Entra";
}

public static class AuthSetup
{
    /// <summary>The policy scheme every route uses; it forwards to the configured mode's handler.</summary>
    public const string Scheme = "SayNo";
    /// <summary>Keeps the name dotnet user-jwts writes its settings under (Authentication:Schemes:Bearer).</summary>
    public const string DevScheme = JwtBearerDefaults.AuthenticationScheme;
    public const string EntraScheme = "Entra";

    /// <summary>Authentication is always on. The mode is read when the app starts (not when
    /// services are registered) and a wrong or incomplete setting stops the start with what to set.</summary>
    public static IHostApplicationBuilder AddSayNoAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "OutlookSayNo", o => o.ForwardDefaultSelector = http =>
                EffectiveMode(http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value,
                              http.RequestServices.GetRequiredService<IHostEnvironment>()) == AuthModes.Entra ? EntraScheme : DevScheme)
            // Reads Authentication:Schemes:Bearer (issuer, audiences, signing keys) as dotnet user-jwts writes it.
            .AddJwtBearer(DevScheme)
            // The section is read when the handler first runs, so configuration added late still applies.
            .AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"), EntraScheme)
            // On-behalf-of tokens for Microsoft Graph (the mailbox). Used only in Entra mode with a client
            // credential; the cache is per instance, and a miss costs one more token request.
            .EnableTokenAcquisitionToCallDownstreamApi()
            .AddInMemoryTokenCaches();
        // Entra v2.0 access tokens name this API by its client id (aud = the GUID); v1.0 tokens by the
        // App ID URI. Once AzureAd:Audience is set, Microsoft.Identity.Web accepts that value only, so
        // every v2.0 token would be refused: accept the client id too.
        builder.Services.AddOptions<JwtBearerOptions>(EntraScheme).Configure<IConfiguration>((o, config) =>
        {
            var clientId = config["AzureAd:ClientId"];
            if (!string.IsNullOrWhiteSpace(config["AzureAd:Audience"]) && !string.IsNullOrWhiteSpace(clientId))
                o.TokenValidationParameters.ValidAudiences = [.. o.TokenValidationParameters.ValidAudiences ?? [], clientId];
        });

        // A development machine without a signing key gets one on its first start, in the store dotnet
        // user-jwts uses (DevSigningKey). Read here, when the options are built, so the key is seen
        // by this run without a restart, and a test host that brings its own key writes nothing.
        builder.Services.AddOptions<JwtBearerOptions>(DevScheme).PostConfigure<IConfiguration, IHostEnvironment, IOptions<AuthOptions>>((o, config, env, auth) =>
        {
            if (EffectiveMode(auth.Value, env) != AuthModes.DevJwt || !env.IsDevelopment()) return;
            if (o.TokenValidationParameters.IssuerSigningKeys?.Any() == true || o.TokenValidationParameters.IssuerSigningKey is not null) return;
            var path = string.IsNullOrWhiteSpace(config["Auth:DevKeyFile"]) ? DevSigningKey.DefaultPath() : config["Auth:DevKeyFile"];
            o.TokenValidationParameters.IssuerSigningKeys = [new SymmetricSecurityKey(DevSigningKey.Ensure(path))];
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AccountManager, p => p.RequireAuthenticatedUser().RequireRole(Roles.AccountManager))
            .AddPolicy(Roles.TemplateAdmin, p => p.RequireAuthenticatedUser().RequireRole(Roles.TemplateAdmin))
            .AddPolicy(Roles.ComplianceReviewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.ComplianceReviewer));
        return builder;
    }

    public static string EffectiveMode(AuthOptions options, IHostEnvironment env) =>
        string.IsNullOrWhiteSpace(options.Mode) ? (env.IsDevelopment() ? AuthModes.DevJwt : AuthModes.Entra) : options.Mode;

    private sealed class AuthOptionsValidator(IHostEnvironment env, IConfiguration config) : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options)
        {
            var mode = EffectiveMode(options, env);
            if (mode.Equals(AuthModes.DevJwt, StringComparison.Ordinal))
                return env.IsDevelopment()
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail(
                        $"Auth:Mode is DevJwt in the {env.EnvironmentName} environment. Development tokens are for Development only: " +
                        "set Auth:Mode=Entra and AzureAd:Instance, AzureAd:TenantId, AzureAd:ClientId and AzureAd:Audience.");
            if (!mode.Equals(AuthModes.Entra, StringComparison.Ordinal))
                return ValidateOptionsResult.Fail($"Auth:Mode '{mode}' is not known: use {AuthModes.DevJwt} (Development only) or {AuthModes.Entra}.");
            var section = config.GetSection("AzureAd");
            var missing = new[] { "Instance", "TenantId", "ClientId" }.Where(k => string.IsNullOrWhiteSpace(section[k])).Select(k => "AzureAd:" + k).ToList();
            return missing.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Auth:Mode is Entra but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. " +
                    "Set them to the API's Entra app registration (docs/configuration.md).");
        }
    }

    /// <summary>What a public client (the pane, Swagger UI) needs to sign a user in for this API with
    /// Entra: the authority and the API's delegated scope (<c>{AzureAd:Audience or api://ClientId}/access_as_user</c>
    /// unless <paramref name="scope"/> is given). Null without Entra sign-in.</summary>
    public static EntraSignIn? EntraSignInFor(IConfiguration config, AuthOptions auth, IHostEnvironment env, string? clientId = null, string? scope = null)
    {
        if (EffectiveMode(auth, env) != AuthModes.Entra) return null;
        var ad = config.GetSection("AzureAd");
        if (string.IsNullOrWhiteSpace(ad["ClientId"]) || string.IsNullOrWhiteSpace(ad["TenantId"])) return null;
        var instance = (ad["Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/');
        var audience = string.IsNullOrWhiteSpace(ad["Audience"]) ? "api://" + ad["ClientId"] : ad["Audience"]!;
        return new EntraSignIn(instance + "/" + ad["TenantId"],
            string.IsNullOrWhiteSpace(scope) ? audience.TrimEnd('/') + "/access_as_user" : scope,
            string.IsNullOrWhiteSpace(clientId) ? ad["ClientId"]! : clientId);
    }

    /// <summary>A client credential for the on-behalf-of exchange: a secret, certificates or the newer
    /// ClientCredentials list, as Microsoft.Identity.Web reads them.</summary>
    public static bool HasClientCredential(IConfiguration config)
    {
        var section = config.GetSection("AzureAd");
        return !string.IsNullOrWhiteSpace(section["ClientSecret"])
               || section.GetSection("ClientCertificates").GetChildren().Any()
               || section.GetSection("ClientCredentials").GetChildren().Any();
    }

    /// <summary>The stable id of the signed-in user: Entra object id, else the subject.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? user.FindFirstValue("oid")
        ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? user.FindFirstValue("sub")
        ?? user.Identity?.Name
        ?? "unknown";

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue("name") ?? user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Name) ?? user.UserId();
}
