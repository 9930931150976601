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
        var (files, ignored, error) = Read(body.ToArray());
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

    /// <summary>The documents in a zip; other files are listed as ignored. Bounded and strict
    /// (<see cref="ZipReader"/>): a zip bomb or a huge entry is refused before it is inflated in full, and
    /// an entry that is not what its headers say, or a name given twice, refuses the whole zip.</summary>
    public static (Dictionary<string, string> Files, List<string> Ignored, string? Error) Read(byte[] zip)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var (entries, error) = ZipReader.ReadDirectory(zip, MaxEntries);
        if (error is not null) return (files, ignored, error);

        // A name given twice would be read last-wins, so which text is imported would depend on the order in
        // the zip. Names are compared as the documents they stand for and ignoring case: the zip is the
        // templates folder as kept in Git, and on Windows and macOS two names differing only in case are one file.
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries.Where(e => !e.IsFolder))
            if (!seen.TryAdd(DocumentPath(entry.Name), entry.Name))
            {
                var first = seen[DocumentPath(entry.Name)];
                return (files, ignored, first == entry.Name ? $"{entry.Name} is in the zip twice." : $"{entry.Name} is in the zip twice (also as {first}).");
            }

        long total = 0;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        foreach (var entry in entries.Where(e => !e.IsFolder))
        {
            var path = DocumentPath(entry.Name);
            if (!CatalogDocuments.IsValidPath(path)) { ignored.Add(entry.Name); continue; }
            if (entry.Size > MaxEntryBytes) return (files, ignored, $"{entry.Name} is {entry.Size:N0} bytes; at most {MaxEntryBytes:N0}.");
            total += entry.Size;
            if (total > MaxTotalBytes) return (files, ignored, $"The zip holds more than {MaxTotalBytes:N0} bytes of documents.");
            var (content, problem) = ZipReader.Extract(zip, entry, MaxEntryBytes);
            if (problem is not null) return (files, ignored, problem);
            try { files[path] = strict.GetString(content).TrimStart('\uFEFF'); }
            catch (DecoderFallbackException) { return (files, ignored, $"{entry.Name} is not UTF-8 text."); }
        }
        if (files.Count == 0) return (files, ignored, "The zip holds no template documents (facts.json, <kind>/kind.json, <kind>/<audience>.scriban, _partials/*.scriban).");
        return (files, ignored, null);
    }

    /// <summary>The document an entry stands for: backslashes as slashes, and without the templates/ folder a
    /// zip of the repository's folder carries.</summary>
    private static string DocumentPath(string name)
    {
        var path = name.Replace('\\', '/');
        return path.StartsWith("templates/", StringComparison.Ordinal) ? path["templates/".Length..] : path;
    }
}
