using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scriban;

namespace OutlookSayNo.Kinds;

/// <summary>A template for one kind and audience, parsed once.</summary>
public sealed class KindTemplate
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Source { get; init; }
    public required string Sha256 { get; init; }
    public required Template Parsed { get; init; }
    /// <summary>Every <c>data.name</c> the template and the partials it includes refer to.</summary>
    public required IReadOnlySet<string> DataReferences { get; init; }
}

public sealed class Kind
{
    public required KindDefinition Definition { get; init; }
    public required CueSet Cues { get; init; }
    public required IReadOnlyDictionary<string, KindTemplate> Templates { get; init; }
    public required IReadOnlyDictionary<string, Template> AlternativeTexts { get; init; }
    public string Id => Definition.Id;
}

/// <summary>The catalog of ask kinds, their templates, the facts and the flag and audience cues,
/// read from the <c>templates/</c> folder. Immutable: a change makes a new catalog.</summary>
public sealed partial class KindCatalog
{
    public const string PartialsFolder = "_partials";

    public required IReadOnlyDictionary<string, Kind> Kinds { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyDictionary<string, FactDefinition> Facts { get; init; }
    public required FlagDefinition ThreatDefinition { get; init; }
    public required CueSet Threat { get; init; }
    public required FlagDefinition AbusiveDefinition { get; init; }
    public required CueSet Abusive { get; init; }
    public required IReadOnlyList<(AudienceDefinition Audience, CueSet Cues)> AudienceCues { get; init; }
    public required IReadOnlyDictionary<string, Template> Partials { get; init; }
    public required string Folder { get; init; }
    /// <summary>The word model trained on every kind's examples.</summary>
    public required ExampleModel Examples { get; init; }
    /// <summary>The word model of the flags: threat, abusive and calm sentences.</summary>
    public required ExampleModel FlagExamples { get; init; }

    public Kind? Find(string id) => Kinds.TryGetValue(id, out var k) ? k : null;

    /// <summary>Loads every kind folder; any broken file stops the load with a message naming it.</summary>
    public static KindCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new CatalogException($"The templates folder '{folder}' does not exist. Set Templates:Path to the folder that holds the ask kinds.");
        var errors = new List<string>();

        var partialSources = new Dictionary<string, string>(StringComparer.Ordinal);
        var partials = new Dictionary<string, Template>(StringComparer.Ordinal);
        var partialsDir = Path.Combine(folder, PartialsFolder);
        if (Directory.Exists(partialsDir))
            foreach (var file in Directory.EnumerateFiles(partialsDir, "*.scriban").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var source = File.ReadAllText(file);
                var parsed = ParseTemplate(source, $"{PartialsFolder}/{name}", errors);
                if (parsed is null) continue;
                partialSources[name] = source;
                partials[name] = parsed;
            }

        var facts = ReadJson(Path.Combine(folder, "facts.json"), CatalogJson.Default.FactsFile, errors) ?? new FactsFile();
        var flags = ReadJson(Path.Combine(folder, "flags.json"), CatalogJson.Default.FlagsFile, errors) ?? new FlagsFile();
        var audiences = ReadJson(Path.Combine(folder, "audiences.json"), CatalogJson.Default.AudiencesFile, errors) ?? new AudiencesFile();

        var kinds = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var folderName = Path.GetFileName(dir);
            if (folderName.StartsWith('_') || folderName.StartsWith('.')) continue;
            var kindFile = Path.Combine(dir, "kind.json");
            if (!File.Exists(kindFile)) continue;
            var def = ReadJson(kindFile, CatalogJson.Default.KindDefinition, errors);
            if (def is null) continue;
            var kind = BuildKind(def, folderName, dir, partialSources, facts, errors);
            if (kind is not null) kinds[def.Id] = kind;
        }
        if (!kinds.ContainsKey("other"))
            errors.Add("There is no 'other' kind (templates/other/kind.json): emails without a refusable ask need it.");

        var threat = BuildCues(flags.Threat.Cues, "flags.json threat", errors);
        var abusive = BuildCues(flags.Abusive.Cues, "flags.json abusive", errors);
        var audienceCues = audiences.Audiences
            .Select(a =>
            {
                if (!Audiences.All.Contains(a.Id)) errors.Add($"audiences.json: '{a.Id}' is not an audience ({string.Join(", ", Audiences.All)}).");
                return (a, BuildCues(a.RoleCues, $"audiences.json {a.Id}", errors));
            })
            .ToList();

        if (errors.Count > 0)
            throw new CatalogException("The templates folder has errors:\n- " + string.Join("\n- ", errors));

        return new KindCatalog
        {
            Kinds = kinds,
            Currency = facts.Currency,
            Facts = facts.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal),
            ThreatDefinition = flags.Threat,
            Threat = threat,
            AbusiveDefinition = flags.Abusive,
            Abusive = abusive,
            AudienceCues = audienceCues,
            Partials = partials,
            Folder = Path.GetFullPath(folder),
            FlagExamples = flags.Threat.Examples.Count == 0 || flags.CalmExamples.Count == 0
                ? ExampleModel.Train([])
                : ExampleModel.Train([("threat", flags.Threat.Examples), ("abusive", flags.Abusive.Examples), ("calm", flags.CalmExamples)]),
            Examples = ExampleModel.Train(kinds.Values.Where(k => k.Definition.Examples.Count > 0).Select(k => (k.Id, (IEnumerable<string>)k.Definition.Examples))),
        };
    }

    private static Kind? BuildKind(KindDefinition def, string folderName, string dir,
        IReadOnlyDictionary<string, string> partialSources, FactsFile facts, List<string> errors)
    {
        var where = $"{folderName}/kind.json";
        var before = errors.Count;
        if (def.Id != folderName) errors.Add($"{where}: id '{def.Id}' must equal its folder name '{folderName}'.");
        if (!KindIdRegex().IsMatch(def.Id)) errors.Add($"{where}: id '{def.Id}' must be lower case letters, digits and '_'.");
        if (!Audiences.All.Contains(def.DefaultAudience)) errors.Add($"{where}: defaultAudience '{def.DefaultAudience}' is not one of {string.Join(", ", Audiences.All)}.");
        var cues = BuildCues(def.Cues, where, errors);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dp in def.DataPoints)
        {
            if (!names.Add(dp.Name)) errors.Add($"{where}: data point '{dp.Name}' is declared twice.");
            if (!DataUnits.Contains(dp.Unit)) errors.Add($"{where}: data point '{dp.Name}' has unit '{dp.Unit}'; use one of {string.Join(", ", DataUnits)}.");
            if (dp.From is not null && !DataSources.Contains(dp.From)) errors.Add($"{where}: data point '{dp.Name}' has from '{dp.From}'; use one of {string.Join(", ", DataSources)}.");
            if (dp.Dates is not null and not ("future" or "past")) errors.Add($"{where}: data point '{dp.Name}' has dates '{dp.Dates}'; use future or past.");
            if (dp.Compute is not null)
            {
                try { Formula.Parse(dp.Compute).CheckNames(n => names.Contains(n) || def.DataPoints.Any(d => d.Name == n), n => facts.Facts.Any(f => f.Name == n)); }
                catch (FormatException ex) { errors.Add($"{where}: data point '{dp.Name}': {ex.Message}"); }
            }
        }

        var alternatives = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var alt in def.Alternatives)
        {
            if (alternatives.ContainsKey(alt.Id)) { errors.Add($"{where}: alternative '{alt.Id}' is declared twice."); continue; }
            var parsed = ParseTemplate(alt.Text, $"{where} alternative '{alt.Id}'", errors);
            if (parsed is not null) alternatives[alt.Id] = parsed;
        }

        var templates = new Dictionary<string, KindTemplate>(StringComparer.Ordinal);
        if (def.Refusable)
            foreach (var audience in Audiences.All)
            {
                var file = Path.Combine(dir, audience + ".scriban");
                if (!File.Exists(file)) { errors.Add($"{folderName}: the {audience} template ({audience}.scriban) is missing."); continue; }
                var source = File.ReadAllText(file);
                var id = $"{def.Id}/{audience}";
                var parsed = ParseTemplate(source, id, errors);
                if (parsed is null) continue;
                templates[audience] = new KindTemplate
                {
                    Id = id,
                    Version = 1,
                    Source = source,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source))),
                    Parsed = parsed,
                    DataReferences = DataReferences(source, partialSources, def.Alternatives.Select(a => a.Text)),
                };
            }

        return errors.Count > before ? null : new Kind { Definition = def, Cues = cues, Templates = templates, AlternativeTexts = alternatives };
    }

    public static readonly string[] DataUnits = ["percent", "money", "days", "hours", "months", "number", "date", "text"];
    public static readonly string[] DataSources = ["email:percent", "email:money", "email:date", "email:duration", "email:quantity"];

    private static IReadOnlySet<string> DataReferences(string source, IReadOnlyDictionary<string, string> partials, IEnumerable<string> more)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in partials.Values.Append(source).Concat(more))
            foreach (Match m in DataReferenceRegex().Matches(text)) set.Add(m.Groups[1].Value);
        return set;
    }

    private static CueSet BuildCues(IEnumerable<CueDefinition> defs, string where, List<string> errors)
    {
        var cues = new List<CuePattern>();
        foreach (var c in defs)
        {
            try { cues.Add(CuePattern.Parse(c.Pattern, c.Weight)); }
            catch (FormatException ex) { errors.Add($"{where}: {ex.Message}"); }
        }
        return new CueSet(cues);
    }

    internal static Template? ParseTemplate(string source, string name, List<string> errors)
    {
        var t = Template.Parse(source, name);
        if (!t.HasErrors) return t;
        foreach (var m in t.Messages) errors.Add($"{name}: {m}");
        return null;
    }

    private static T? ReadJson<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, List<string> errors) where T : class
    {
        if (!File.Exists(path)) { errors.Add($"{Path.GetFileName(path)} is missing."); return null; }
        try
        {
            using var stream = File.OpenRead(path);
            var value = JsonSerializer.Deserialize(stream, info);
            if (value is null) errors.Add($"{path}: is empty.");
            return value;
        }
        catch (JsonException ex)
        {
            errors.Add($"{path}: {ex.Message}");
            return null;
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KindIdRegex();

    [GeneratedRegex(@"\bdata\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DataReferenceRegex();
}

public sealed class CatalogException(string message) : Exception(message);
