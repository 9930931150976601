using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Admin;

/// <summary>The catalog as a zip in the templates folder layout, so a team can keep it in Git, and
/// the import of such a zip. Export then import gives the same documents byte for byte.</summary>
public static class CatalogArchive
{
    public const int MaxEntries = 500;
    public const long MaxEntryBytes = 1_000_000;
    public const long MaxTotalBytes = 8_000_000;

    /// <summary>How a kind.json the API writes is laid out (as the seed files are).</summary>
    internal static readonly JsonSerializerOptions Indented = new(CatalogJson.Default.Options)
    {
        WriteIndented = true,
        IndentSize = 2,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<FileContentHttpResult> Export(CatalogStore catalogs, SayNoDb db, CancellationToken ct)
    {
        var records = await TemplateStore.CurrentAsync(db, ct);
        var version = records.Count == 0 ? 0 : records.Max(r => r.Id);
        return TypedResults.File(Zip(records), "application/zip", $"outlooksayno-templates-v{version}.zip");
    }

    public static byte[] Zip(IEnumerable<TemplateVersionRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var r in records.Where(r => r.Content is not null).OrderBy(r => r.Path, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(r.Path, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc));
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(r.Content!));
            }
        }
        return buffer.ToArray();
    }

    public static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Import(HttpContext http, CatalogStore catalogs,
        TemplateSaves saves, SayNoDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var contentType = http.Request.ContentType ?? "";
        string[] zips = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];
        if (!zips.Any(z => contentType.StartsWith(z, StringComparison.OrdinalIgnoreCase)))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send a zip",
                detail: "The body must be a zip (Content-Type: application/zip) in the templates folder layout, as GET /api/templates/export makes it.",
                type: "https://outlooksayno.dev/problems/unsupported-media-type");

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        var (files, ignored, error) = Read(body);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["zip"] = [error] });

        var current = await catalogs.GetAsync(db, ct);
        var changes = new List<DocumentChange>();
        var unchanged = 0;
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            current.Documents.TryGetValue(path, out var doc);
            if (doc?.Content == content) { unchanged++; continue; }
            changes.Add(new DocumentChange(path, content, doc?.Version));
        }
        if (changes.Count == 0) return TypedResults.Ok(new ImportResponse([], unchanged, ignored));
        var outcome = await saves.SaveAsync(changes, "import", $"Imported {changes.Count} document(s) from a zip.", user, ct);
        return outcome switch
        {
            SaveOutcome.Saved saved => TypedResults.Ok(new ImportResponse(saved.Versions.Select(v => new DocumentRef(v.Path, v.Version)).ToList(), unchanged, ignored)),
            SaveOutcome.Invalid invalid => TemplatesApi.Invalid(invalid.Report.Problems),
            SaveOutcome.Stale stale => TemplatesApi.Stale(stale.Path, stale.Expected, stale.Current),
            _ => TypedResults.Problem(statusCode: 503, title: "The catalog is changing", detail: "Other changes kept landing during the import; try again."),
        };
    }

    /// <summary>The documents in a zip; other files are listed as ignored. Bounded: a zip bomb or a
    /// huge entry is refused before it is inflated in full.</summary>
    public static (Dictionary<string, string> Files, List<string> Ignored, string? Error) Read(Stream stream)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException) { return (files, ignored, "The body is not a zip file."); }
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries) return (files, ignored, $"The zip has {zip.Entries.Count} entries; at most {MaxEntries}.");
            long total = 0;
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a folder
                var path = entry.FullName.Replace('\\', '/');
                if (path.StartsWith("templates/", StringComparison.Ordinal)) path = path["templates/".Length..];
                if (!CatalogDocuments.IsValidPath(path)) { ignored.Add(entry.FullName); continue; }
                if (entry.Length > MaxEntryBytes) return (files, ignored, $"{path} is {entry.Length:N0} bytes; at most {MaxEntryBytes:N0}.");
                total += entry.Length;
                if (total > MaxTotalBytes) return (files, ignored, $"The zip holds more than {MaxTotalBytes:N0} bytes of documents.");
                using var content = new MemoryStream();
                try
                {
                    using var s = entry.Open();
                    // Length is what the header claims; read at most one byte past it to catch a lie.
                    CopyBounded(s, content, entry.Length + 1);
                }
                catch (InvalidDataException) { return (files, ignored, $"{path} is damaged in the zip."); }
                if (content.Length > entry.Length) return (files, ignored, $"{path} inflates to more than its header says.");
                try { files[path] = strict.GetString(content.GetBuffer(), 0, (int)content.Length).TrimStart('\uFEFF'); }
                catch (DecoderFallbackException) { return (files, ignored, $"{path} is not UTF-8 text."); }
            }
        }
        if (files.Count == 0) return (files, ignored, "The zip holds no template documents (facts.json, <kind>/kind.json, <kind>/<audience>.scriban, _partials/*.scriban).");
        return (files, ignored, null);
    }

    private static void CopyBounded(Stream from, Stream to, long limit)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while (copied < limit && (read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - copied))) > 0)
        {
            to.Write(buffer, 0, read);
            copied += read;
        }
    }
}
