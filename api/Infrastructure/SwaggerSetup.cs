using Microsoft.OpenApi;

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
        });
        return services;
    }

    public static WebApplication UseSayNoSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "OutlookSayNo API v1");
            o.DocumentTitle = "OutlookSayNo API";
        });
        return app;
    }
}
