using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;

namespace OutlookSayNo.Auth;

public static class Roles
{
    public const string AccountManager = "AccountManager";
    public const string TemplateAdmin = "TemplateAdmin";
    public const string ComplianceReviewer = "ComplianceReviewer";
}

public static class AuthModes
{
    /// <summary>Tokens from <c>dotnet user-jwts</c>; Development only.</summary>
    public const string DevJwt = "DevJwt";
    /// <summary>Entra ID tokens through Microsoft.Identity.Web.</summary>
    public const string Entra = "Entra";
}

public static class AuthSetup
{
    /// <summary>Authentication is always on. The mode is <c>Auth:Mode</c>; by default DevJwt in
    /// Development and Entra everywhere else. A misconfiguration stops the start with what to set.</summary>
    public static IHostApplicationBuilder AddSayNoAuth(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var env = builder.Environment;
        var mode = config["Auth:Mode"] ?? (env.IsDevelopment() ? AuthModes.DevJwt : AuthModes.Entra);

        if (mode.Equals(AuthModes.DevJwt, StringComparison.OrdinalIgnoreCase))
        {
            if (!env.IsDevelopment())
                throw new InvalidOperationException(
                    $"Auth:Mode is DevJwt in the {env.EnvironmentName} environment. Development tokens are for Development only: " +
                    "set Auth:Mode=Entra and AzureAd:Instance, AzureAd:TenantId, AzureAd:ClientId and AzureAd:Audience.");
            // Reads Authentication:Schemes:Bearer (issuer, audiences, signing keys) as written by dotnet user-jwts.
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        }
        else if (mode.Equals(AuthModes.Entra, StringComparison.OrdinalIgnoreCase))
        {
            var section = config.GetSection("AzureAd");
            var missing = new[] { "Instance", "TenantId", "ClientId" }.Where(k => string.IsNullOrWhiteSpace(section[k])).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"Auth:Mode is Entra but {string.Join(", ", missing.Select(m => "AzureAd:" + m))} {(missing.Count == 1 ? "is" : "are")} not set. " +
                    "Set them to the API's app registration (see README, Configuration).");
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddMicrosoftIdentityWebApi(section);
        }
        else
        {
            throw new InvalidOperationException($"Auth:Mode '{mode}' is not known: use {AuthModes.DevJwt} (Development) or {AuthModes.Entra}.");
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AccountManager, p => p.RequireAuthenticatedUser().RequireRole(Roles.AccountManager))
            .AddPolicy(Roles.TemplateAdmin, p => p.RequireAuthenticatedUser().RequireRole(Roles.TemplateAdmin))
            .AddPolicy(Roles.ComplianceReviewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.ComplianceReviewer));
        return builder;
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
