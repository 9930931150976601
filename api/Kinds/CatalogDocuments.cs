using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Kinds;

/// <summary>One file of the catalog as text: its path in the templates layout, its version and its
/// content (null when retired).</summary>
public sealed record CatalogDocument(string Path, int Version, string? Content)
{
    public string Sha256 => CatalogDocuments.Hash(Content);
}

/// <summary>The templates layout: which paths are documents, and reading or writing a folder of them.
/// The database stores the same documents under the same paths, so an export is the folder again.</summary>
public static partial class CatalogDocuments
{
    public const string Facts = "facts.json";
    public const string Flags = "flags.json";
    public const string AudiencesPath = "audiences.json";
    public const string PartialsFolder = "_partials";
    public const string Setup = "setup.json";
    public const string PacksFolder = "packs";

    /// <summary>The pack id of a <c>packs/id.json</c> path, else null.</summary>
    public static string? PackOf(string path)
    {
        var m = PackRegex().Match(path);
        return m.Success ? m.Groups[1].Value : null;
    }

    public static bool IsValidPath(string path) => PathRegex().IsMatch(path) || IsPartial(path) || PackRegex().IsMatch(path);

    public static bool IsPartial(string path) => PartialRegex().IsMatch(path);

    public static string PartialName(string path) => path[(PartialsFolder.Length + 1)..^".scriban".Length];

    /// <summary>The kind of a <c>kind/kind.json</c> path, else null.</summary>
    public static string? KindOfDefinition(string path)
    {
        var m = KindFileRegex().Match(path);
        return m.Success && m.Groups[2].Value == "kind.json" ? m.Groups[1].Value : null;
    }

    /// <summary>(kind, audience) of a <c>kind/audience.scriban</c> path, else null.</summary>
    public static (string Kind, string Audience)? TemplateOf(string path)
    {
        var m = KindFileRegex().Match(path);
        return m.Success && m.Groups[2].Value != "kind.json" ? (m.Groups[1].Value, m.Groups[2].Value[..^".scriban".Length]) : null;
    }

    public static string Hash(string? content) =>
        content is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>Every document file in a templates folder, at version 1. Other files are ignored.</summary>
    public static Dictionary<string, CatalogDocument> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new CatalogException($"The templates folder '{folder}' does not exist. Set Templates:Path to the folder that holds the ask kinds.");
        var docs = new Dictionary<string, CatalogDocument>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (IsValidPath(path)) docs[path] = new CatalogDocument(path, 1, File.ReadAllText(file));
        }
        return docs;
    }

    /// <summary>Writes documents into a folder in the templates layout (retired ones are left out).</summary>
    public static void WriteFolder(string folder, IEnumerable<CatalogDocument> documents)
    {
        foreach (var doc in documents.Where(d => d.Content is not null))
        {
            var file = Path.Combine(folder, doc.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, doc.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    [GeneratedRegex(@"^(?:facts|flags|audiences|setup)\.json$|^[a-z][a-z0-9_]{0,39}/(?:kind\.json|commercial\.scriban|technical\.scriban|finance\.scriban)$")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^packs/([a-z][a-z0-9_]{0,39})\.json$")]
    private static partial Regex PackRegex();

    [GeneratedRegex(@"^_partials/[a-z0-9_\-]{1,40}\.scriban$")]
    private static partial Regex PartialRegex();

    [GeneratedRegex(@"^([a-z][a-z0-9_]{0,39})/(kind\.json|commercial\.scriban|technical\.scriban|finance\.scriban)$")]
    private static partial Regex KindFileRegex();
}

/// <summary>Word models by the examples they were trained on, so a catalog rebuilt for a template or
/// fact change (or a preview) does not retrain on thousands of unchanged sentences.</summary>
public sealed class ModelCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ExampleModel> _models = new(StringComparer.Ordinal);

    public ExampleModel Train(IReadOnlyList<(string Label, IReadOnlyList<string> Examples)> training)
    {
        var key = Key(training);
        lock (_gate)
            if (_models.TryGetValue(key, out var cached)) return cached;
        var model = ExampleModel.Train(training.Select(t => (t.Label, (IEnumerable<string>)t.Examples)));
        lock (_gate)
        {
            // A handful of example sets are alive at once (the catalog in force, a preview's); drop older ones.
            if (_models.Count >= 8) _models.Clear();
            _models[key] = model;
        }
        return model;
    }

    private static string Key(IReadOnlyList<(string Label, IReadOnlyList<string> Examples)> training)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (label, examples) in training)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(label));
            hash.AppendData([0]);
            foreach (var e in examples) { hash.AppendData(Encoding.UTF8.GetBytes(e)); hash.AppendData([1]); }
            hash.AppendData([2]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
