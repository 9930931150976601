namespace OutlookSayNo.Infrastructure;

/// <summary>The browser pages (admin, compliance) are static files built from addin/ into wwwroot; each
/// signs in by itself and calls the API, so the page itself needs no authorization.</summary>
public static class StaticPages
{
    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder routes, string name)
    {
        routes.MapGet($"/{name}", () => TypedResults.Redirect($"/{name}/")).ExcludeFromDescription().AllowAnonymous();
        routes.MapGet($"/{name}/", (IWebHostEnvironment env) =>
        {
            var file = env.WebRootFileProvider.GetFileInfo($"{name}/{name}.html");
            return file.Exists && file.PhysicalPath is not null
                ? Results.File(file.PhysicalPath, "text/html; charset=utf-8")
                : Results.Problem(statusCode: 404, title: $"The {name} page is not built",
                    detail: "Run npm run build in addin/ (dotnet build does it when the sources change).");
        }).ExcludeFromDescription().AllowAnonymous();
        return routes;
    }
}
