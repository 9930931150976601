using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OutlookSayNo.Auth;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OutlookSayNo.Infrastructure;

public static class SwaggerSetup
{
    public static IServiceCollection AddSayNoSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OutlookSayNo API",
                Version = "v1",
                Description = "Classify a customer's ask and draft a reply that says no well. Every route but /healthz needs a bearer token with the right app role.",
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with the role the route needs (AccountManager, TemplateAdmin or ComplianceReviewer). " +
                              "In Development: dotnet user-jwts create --project api --role AccountManager",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
            o.DocumentFilter<OpenApiTags>();
        });
        // With Entra sign-in, an admin can sign in from Swagger UI itself (authorization code + PKCE).
        // Read when the document is first built, so configuration the host adds late still counts.
        services.AddOptions<SwaggerGenOptions>().Configure<IConfiguration, IOptions<AuthOptions>, IHostEnvironment>((o, config, auth, env) =>
        {
            if (EntraSignIn(config, auth.Value, env) is not { } entra) return;
            o.AddSecurityDefinition(OAuthScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Sign in with Entra ID (authorization code with PKCE). Your account needs the app role the route asks for.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri(entra.Authority + "/oauth2/v2.0/authorize"),
                        TokenUrl = new Uri(entra.Authority + "/oauth2/v2.0/token"),
                        Scopes = new Dictionary<string, string> { [entra.Scope] = "Use OutlookSayNo as yourself" },
                    },
                },
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(OAuthScheme, document)] = [entra.Scope],
            });
        });
        return services;
    }

    public const string OAuthScheme = "entra";

    /// <summary>Swagger UI signs in for <c>Swagger:Scope</c> as <c>Swagger:ClientId</c> (defaults: the API's
    /// scope, its own client id). Null without Entra sign-in.</summary>
    private static EntraSignIn? EntraSignIn(IConfiguration config, AuthOptions auth, IHostEnvironment env) =>
        AuthSetup.EntraSignInFor(config, auth, env, config["Swagger:ClientId"], config["Swagger:Scope"]);

    public static WebApplication UseSayNoSwagger(this WebApplication app)
    {
        // The document names the server it was served from, so a client generated from it, or a linter,
        // has a base address (an empty server list is an error to OpenAPI linters).
        app.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}{request.PathBase}" }]));
        var entra = EntraSignIn(app.Configuration, app.Services.GetRequiredService<IOptions<AuthOptions>>().Value, app.Environment);
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "OutlookSayNo API v1");
            o.DocumentTitle = "OutlookSayNo API";
            if (entra is not { } e) return;
            // A public client (SPA redirect .../swagger/oauth2-redirect.html): PKCE, no secret in the page.
            o.OAuthClientId(e.ClientId);
            o.OAuthUsePkce();
            o.OAuthScopes(e.Scope);
            o.OAuthAppName("OutlookSayNo API");
        });
        return app;
    }
}
