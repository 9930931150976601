using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OutlookSayNo.Auth;

/// <summary>"Sign in as" for the start page: mints a development token for one role, signed with the
/// key the API checks development tokens with. Mapped only in Development with development tokens,
/// so it does not exist anywhere else.</summary>
public static class DevSignInApi
{
    public const string Route = "/dev/token";

    /// <summary>Who each role signs in as on a development machine.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultNames = new Dictionary<string, string>
    {
        [Roles.AccountManager] = "Sam Carter",
        [Roles.TemplateAdmin] = "Dana Admin",
        [Roles.ComplianceReviewer] = "Riley Reviewer",
    };

    public sealed record DevTokenRequest(string? Role, string? Name);

    public sealed record DevToken(string Token, string Role, string Name, DateTimeOffset ExpiresAt);

    public static WebApplication MapDevSignIn(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!app.Environment.IsDevelopment() || AuthSetup.EffectiveMode(auth, app.Environment) != AuthModes.DevJwt) return app;

        // Builds the development bearer options now, which makes the signing key on the first start
        // (AuthSetup), not at the first request.
        app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthSetup.DevScheme);

        app.MapPost(Route, Mint)
            .AllowAnonymous()
            // Development only: kept out of the OpenAPI document, which is the same in every environment.
            .ExcludeFromDescription();
        return app;
    }

    private static Results<Ok<DevToken>, ValidationProblem, ProblemHttpResult> Mint(DevTokenRequest request, IOptionsMonitor<JwtBearerOptions> bearer, TimeProvider clock)
    {
        var role = Roles.All.FirstOrDefault(r => r.Equals(request.Role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["role"] = [$"Give one of the roles: {string.Join(", ", Roles.All)}."],
            });
        var name = string.IsNullOrWhiteSpace(request.Name) ? DefaultNames[role] : request.Name.Trim();
        if (name.Length > 100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name has at most 100 characters."] });

        var validation = bearer.Get(AuthSetup.DevScheme).TokenValidationParameters;
        var key = validation.IssuerSigningKeys?.OfType<SymmetricSecurityKey>().FirstOrDefault();
        var issuer = validation.ValidIssuer ?? validation.ValidIssuers?.FirstOrDefault();
        var audiences = (validation.ValidAudiences ?? []).Concat(validation.ValidAudience is null ? [] : [validation.ValidAudience]).Distinct().ToArray();
        if (key is null || issuer is null || audiences.Length == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Development sign-in is not set up",
                detail: "Authentication:Schemes:Bearer needs ValidIssuer, ValidAudiences and a signing key (api/appsettings.Development.json and dotnet user-jwts).");

        // The clock the bearer handler checks lifetimes with.
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.AddHours(8);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            // The claims dotnet user-jwts writes, so the two kinds of development token read the same.
            Claims = new Dictionary<string, object>
            {
                ["sub"] = name,
                ["unique_name"] = name,
                ["name"] = name,
                ["role"] = role,
                ["aud"] = audiences,
            },
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Ok(new DevToken(token, role, name, new DateTimeOffset(expires)));
    }
}
