namespace OutlookSayNo.Kinds;

public sealed class TemplatesOptions
{
    public const string Section = "Templates";

    /// <summary>The templates folder; when empty, the nearest <c>templates/</c> above the content root.</summary>
    public string? Path { get; set; }
}

/// <summary>Holds the catalog in force. Loaded once at start; a broken folder stops the start.</summary>
public sealed class CatalogStore(KindCatalog catalog)
{
    public KindCatalog Current { get; } = catalog;
}

public static class CatalogSetup
{
    public static IHostApplicationBuilder AddSayNoKinds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TemplatesOptions>().Bind(builder.Configuration.GetSection(TemplatesOptions.Section));
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TemplatesOptions>>().Value.Path;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var folder = string.IsNullOrWhiteSpace(configured) ? FindTemplatesFolder(root) : Path.GetFullPath(configured, root);
            return new CatalogStore(KindCatalog.Load(folder));
        });
        return builder;
    }

    /// <summary>Loads the catalog now so that a broken templates folder fails the start, not a request.</summary>
    public static WebApplication LoadSayNoKinds(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<CatalogStore>();
        return app;
    }

    public static string FindTemplatesFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates");
            if (File.Exists(Path.Combine(candidate, "facts.json"))) return candidate;
        }
        return Path.Combine(start, "templates");
    }
}
