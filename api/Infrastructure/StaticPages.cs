namespace OutlookSayNo.Infrastructure;

/// <summary>The browser pages (admin, compliance) are static files built from addin/ into wwwroot; each
/// signs in by itself and calls the API, so the page itself needs no authorization.</summary>
public static class StaticPages
{
    /// <summary>Routing treats /name and /name/ as one route: without the slash, redirect (keeping the
    /// query) so the page's relative URLs resolve.</summary>
    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder routes, string name)
    {
        routes.MapGet($"/{name}/", (HttpContext http, IWebHostEnvironment env) =>
            http.Request.Path.Value!.EndsWith('/') ? Serve(env, name) : Results.Redirect($"/{name}/" + http.Request.QueryString))
            .ExcludeFromDescription().AllowAnonymous();
        return routes;
    }

    /// <summary>The start page at /: what the product is and where its pages are (built from addin/src/start).</summary>
    public static IEndpointRouteBuilder MapStartPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (IWebHostEnvironment env) => Serve(env, "start")).ExcludeFromDescription().AllowAnonymous();
        return routes;
    }

    private static IResult Serve(IWebHostEnvironment env, string name)
    {
        var file = env.WebRootFileProvider.GetFileInfo($"{name}/{name}.html");
        return file.Exists && file.PhysicalPath is not null
            ? Results.File(file.PhysicalPath, "text/html; charset=utf-8")
            : Results.Problem(statusCode: 404, title: $"The {name} page is not built",
                detail: "Run npm run build in addin/ (dotnet build does it when the sources change).");
    }
}
