using Microsoft.Extensions.FileProviders;

namespace OutlookSayNo.Infrastructure;

/// <summary>The /try/ page: the real pane beside a sample inbox, with a stand-in for office.js, so the pane
/// can be tried in any browser without Outlook. Development only: its files are built (addin/build.mjs) into
/// api/devroot/try, outside wwwroot, so they are neither served nor published in any other environment.</summary>
public static class TryPage
{
    public const string Path = "/try";

    private static string Folder(IWebHostEnvironment env) => System.IO.Path.Combine(env.ContentRootPath, "devroot", "try");

    /// <summary>Serves the page's files (the stand-in, the framed pane page, the page's script) at /try/.</summary>
    public static WebApplication UseTryFiles(this WebApplication app)
    {
        var folder = Folder(app.Environment);
        // Not built (no Node): /try/ answers with what to do instead (MapTryPage).
        if (!app.Environment.IsDevelopment() || !Directory.Exists(folder)) return app;
        // A PhysicalFileProvider watches nothing unless asked; static files never ask.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = Path });
        return app;
    }

    public static WebApplication MapTryPage(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapGet($"{Path}/", (HttpContext http, IWebHostEnvironment env) =>
        {
            // /try and /try/ are one route: redirect to the slash (keeping ?token=) so the page's relative URLs resolve.
            if (!http.Request.Path.Value!.EndsWith('/')) return Results.Redirect($"{Path}/" + http.Request.QueryString);
            var page = System.IO.Path.Combine(Folder(env), "try.html");
            return File.Exists(page)
                ? Results.File(page, "text/html; charset=utf-8")
                : Results.Problem(statusCode: 404, title: "The try page is not built",
                    detail: "Run npm run build in addin/ (dotnet build does it when Node.js is installed).");
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
