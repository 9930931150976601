namespace OutlookSayNo.Admin;

public static class AdminPage
{
    /// <summary>The admin page is static (api/wwwroot/admin, built from addin/src/admin); it signs in
    /// itself and calls /api/templates, so the page needs no authorization of its own. Routing treats
    /// /admin and /admin/ as one route: without the slash, redirect so the page's relative URLs resolve.</summary>
    public static IEndpointRouteBuilder MapAdminPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin/", (HttpContext http, IWebHostEnvironment env) =>
        {
            if (!http.Request.Path.Value!.EndsWith('/')) return Results.Redirect("/admin/" + http.Request.QueryString);
            var file = env.WebRootFileProvider.GetFileInfo("admin/admin.html");
            return file.Exists && file.PhysicalPath is not null
                ? Results.File(file.PhysicalPath, "text/html; charset=utf-8")
                : Results.Problem(statusCode: 404, title: "The admin page is not built", detail: "Run npm run build in addin/ (dotnet build does it when sources change).");
        }).ExcludeFromDescription().AllowAnonymous();
        return routes;
    }
}
