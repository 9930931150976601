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
    /// <summary>The kind's <c>smallCues</c>: asks of it an account manager usually grants.</summary>
    public CueSet SmallCues { get; init; } = new([]);
    public required IReadOnlyDictionary<string, KindTemplate> Templates { get; init; }
    public required IReadOnlyDictionary<string, Template> AlternativeTexts { get; init; }
    /// <summary>Each alternative's <c>when</c> phrases (alternatives without any are absent).</summary>
    public IReadOnlyDictionary<string, CueSet> AlternativeWhen { get; init; } = new Dictionary<string, CueSet>();
    /// <summary>The kind's <c>factsWhen</c>: facts cited only to a message that uses one of their phrases.</summary>
    public IReadOnlyDictionary<string, CueSet> FactWhen { get; init; } = new Dictionary<string, CueSet>();
    public string Id => Definition.Id;

    /// <summary>The alternatives offered until the account manager picks: the defaults for the stance
    /// (<see cref="KindDefinition.DefaultOffered"/>), with any alternative whose <c>when</c> phrases the newest message
    /// uses first, in place of the last defaults, so the count stays the same (one for a brief reply; two when there is
    /// a single default). A default marked <c>onlyWhen</c> is offered only to a message that uses one of its phrases;
    /// when that leaves nothing, the first alternative written for no particular situation or stance takes its place.
    /// To a customer who tells of hardship, none marked <c>notInHardship</c>.</summary>
    public List<string> Offered(bool brief, string? stance, Reading.TokenizedText? message, bool hardship = false)
    {
        var defaults = Definition.DefaultOffered(brief: false, stance);
        if (hardship) defaults = defaults.Where(id => Definition.Alternatives.First(a => a.Id == id) is { NotInHardship: false }).ToList();
        var fitting = new List<string>();
        if (message is not null)
        {
            var found = new List<CueSet.CueMatch>();
            var matched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var alt in Definition.Alternatives)
            {
                if (!AlternativeWhen.TryGetValue(alt.Id, out var when)) continue;
                found.Clear();
                when.MatchAll(message.Tokens, found);
                if (found.Count == 0) continue;
                matched.Add(alt.Id);
                // One that answers only its situation stays among the defaults (a repair at cost is no remedy when we own the fault).
                if (!alt.OnlyWhen) fitting.Add(alt.Id);
            }
            bool OnlyWhen(string id) => Definition.Alternatives.First(a => a.Id == id).OnlyWhen;
            // Of the defaults, those the message's situation calls for come first.
            var answered = defaults.Where(id => !OnlyWhen(id) || matched.Contains(id)).OrderBy(id => matched.Contains(id) ? 0 : 1).ToList();
            if (answered.Count > 0 || fitting.Count > 0 || defaults.Count == 0) defaults = answered;
            else if (Definition.Alternatives.FirstOrDefault(a => !a.Default && a.Stances.Count == 0 && a.When.Count == 0
                         && !(hardship && a.NotInHardship) && a.Id != OrderlyHandover) is { } plain)
                defaults = [plain.Id];
            // else: nothing written for this situation; the defaults stay rather than no alternative at all.
        }
        // A single default is kept beside the alternative written for the situation (a late order owned as ours: the
        // earliest date we can keep, and phased delivery when the order has parts to phase); with two or more, the
        // situation's takes the last default's place.
        var count = brief ? 1 : Math.Max(Math.Min(2, defaults.Count + fitting.Count), defaults.Count);
        return fitting.Concat(defaults).Distinct(StringComparer.Ordinal).Take(count).ToList();
    }

    /// <summary>The alternative every kind ends its list with: offered to someone leaving, never in place of an answer.</summary>
    private const string OrderlyHandover = "orderly-handover";
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
    /// <summary>The catalog version (the newest document version id) it was built from; 0 for a folder.</summary>
    public long Version { get; init; }
    /// <summary>The documents this catalog was built from, by path.</summary>
    public required IReadOnlyDictionary<string, CatalogDocument> Documents { get; init; }
    /// <summary>The word model trained on every kind's examples.</summary>
    public required ExampleModel Examples { get; init; }
    /// <summary>The word model of the flags: threat, abusive and calm sentences.</summary>
    public required ExampleModel FlagExamples { get; init; }

    public Kind? Find(string id) => Kinds.TryGetValue(id, out var k) ? k : null;

    /// <summary>The business packs by id (none in a catalog without <c>packs/</c>: every fact then applies).</summary>
    public IReadOnlyDictionary<string, Pack> Packs { get; init; } = new Dictionary<string, Pack>();
    /// <summary>Which pack applies to whom (<c>setup.json</c>); null without packs.</summary>
    public SetupFile? Setup { get; init; }
    /// <summary>The pack this catalog is seen through; null for the catalog as a whole.</summary>
    public Pack? Pack { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KindCatalog> _views = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KindCatalog> _messageViews = new(StringComparer.Ordinal);

    /// <summary>The catalog for one reply of <paramref name="kind"/> to one customer message: a fact the kind cites
    /// only to a message about it (<c>factsWhen</c>) is absent when this message does not use its phrases, as a fact the
    /// business does not have is, so no sentence cites it and no alternative naming it is offered. Views are kept per
    /// kind and set of facts left out (a kind lists few).</summary>
    public KindCatalog ForMessage(Reading.TokenizedText? message, string kind)
    {
        if (Find(kind) is not { FactWhen.Count: > 0 } k) return this;
        var found = new List<CueSet.CueMatch>();
        var absent = new List<string>();
        foreach (var (name, when) in k.FactWhen.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (!Facts.ContainsKey(name)) continue;
            found.Clear();
            if (message is not null) when.MatchAll(message.Tokens, found);
            if (found.Count == 0) absent.Add(name);
        }
        if (absent.Count == 0) return this;
        return _messageViews.GetOrAdd(kind + ":" + string.Join(',', absent), _ =>
        {
            var facts = Facts.Where(f => !absent.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            var available = facts.Where(f => f.Value.Value is not null).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            return View(PackRules.KindsWith(Kinds, available), facts, Pack);
        });
    }

    /// <summary>The catalog as the customer's pack sees it: only that trade's facts (and only those with a
    /// value), its alternatives. Every draft is composed through one; a view's view is itself.</summary>
    public KindCatalog ForEmail(string? email) =>
        Pack is not null || Setup is null ? this : ForPack(PackRules.For(Setup, email));

    public KindCatalog ForPack(string id)
    {
        if (Pack is not null) return Pack.Id == id ? this : throw new InvalidOperationException("A pack's view has no other packs.");
        if (!Packs.TryGetValue(id, out var pack)) throw new ArgumentException($"'{id}' is not a pack.", nameof(id));
        return _views.GetOrAdd(id, _ =>
        {
            var facts = Facts.Where(f => pack.Facts.Contains(f.Key) && f.Value.Value is not null).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            return View(PackRules.KindsFor(Kinds, pack, facts.Keys.ToHashSet(StringComparer.Ordinal)), facts, pack);
        });
    }

    /// <summary>This catalog with other kinds and facts, seen through <paramref name="pack"/>; the rest is shared.</summary>
    private KindCatalog View(Dictionary<string, Kind> kinds, Dictionary<string, FactDefinition> facts, Pack? pack) => new()
    {
        Kinds = kinds,
        Currency = Currency,
        Facts = facts,
        ThreatDefinition = ThreatDefinition, Threat = Threat, AbusiveDefinition = AbusiveDefinition, Abusive = Abusive,
        AudienceCues = AudienceCues, Partials = Partials, Version = Version, Documents = Documents,
        Examples = Examples, FlagExamples = FlagExamples,
        Packs = Packs, Setup = Setup, Pack = pack,
    };

    /// <summary>Loads the catalog from a folder in the templates layout; any broken file stops the load
    /// with a message naming it.</summary>
    public static KindCatalog Load(string folder) => Build(CatalogDocuments.ReadFolder(folder));

    /// <summary>Builds the catalog from its documents (folder or database). Throws <see cref="CatalogException"/>
    /// listing every problem.</summary>
    public static KindCatalog Build(IReadOnlyDictionary<string, CatalogDocument> documents, ModelCache? models = null)
    {
        var (catalog, problems) = TryBuild(documents, models);
        if (catalog is null)
            throw new CatalogException("The templates have errors:\n- " + string.Join("\n- ", problems), problems);
        return catalog;
    }

    /// <summary>Builds the catalog, or returns why not. Never throws for bad content.</summary>
    public static (KindCatalog? Catalog, List<CatalogProblem> Problems) TryBuild(IReadOnlyDictionary<string, CatalogDocument> documents, ModelCache? models = null, long version = 0)
    {
        var errors = new List<CatalogProblem>();
        string? Content(string path) => documents.TryGetValue(path, out var d) ? d.Content : null;

        var partialSources = new Dictionary<string, string>(StringComparer.Ordinal);
        var partials = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var doc in documents.Values.Where(d => d.Content is not null && CatalogDocuments.IsPartial(d.Path)).OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            var name = CatalogDocuments.PartialName(doc.Path);
            var parsed = ParseTemplate(doc.Content!, doc.Path, errors);
            if (parsed is null) continue;
            partialSources[name] = doc.Content!;
            partials[name] = parsed;
        }

        var facts = ReadJson(CatalogDocuments.Facts, Content(CatalogDocuments.Facts), CatalogJson.Default.FactsFile, errors) ?? new FactsFile();
        var flags = ReadJson(CatalogDocuments.Flags, Content(CatalogDocuments.Flags), CatalogJson.Default.FlagsFile, errors) ?? new FlagsFile();
        var audiences = ReadJson(CatalogDocuments.AudiencesPath, Content(CatalogDocuments.AudiencesPath), CatalogJson.Default.AudiencesFile, errors) ?? new AudiencesFile();
        CheckFacts(facts, errors);

        var kinds = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var doc in documents.Values.Where(d => d.Content is not null && CatalogDocuments.KindOfDefinition(d.Path) is not null).OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            var folderName = CatalogDocuments.KindOfDefinition(doc.Path)!;
            var def = ReadJson(doc.Path, doc.Content, CatalogJson.Default.KindDefinition, errors);
            if (def is null) continue;
            var kind = BuildKind(def, folderName, documents, partialSources, facts, errors);
            if (kind is not null) kinds[def.Id] = kind;
        }
        if (!kinds.ContainsKey("other") && !errors.Any(e => e.Path == "other/kind.json"))
            errors.Add(new("other/kind.json", "There is no 'other' kind: emails without a refusable ask need it."));

        var threat = BuildCues(flags.Threat.Cues, CatalogDocuments.Flags, "threat", errors);
        var abusive = BuildCues(flags.Abusive.Cues, CatalogDocuments.Flags, "abusive", errors);
        var audienceCues = audiences.Audiences
            .Select(a =>
            {
                if (!Audiences.All.Contains(a.Id)) errors.Add(new(CatalogDocuments.AudiencesPath, $"'{a.Id}' is not an audience ({string.Join(", ", Audiences.All)})."));
                return (a, BuildCues(a.RoleCues, CatalogDocuments.AudiencesPath, a.Id, errors));
            })
            .ToList();

        // Business packs: which facts and alternatives each kind of supplier argues with.
        var packFiles = new Dictionary<string, (string Path, PackFile File)>(StringComparer.Ordinal);
        foreach (var doc in documents.Values.Where(d => d.Content is not null && CatalogDocuments.PackOf(d.Path) is not null).OrderBy(d => d.Path, StringComparer.Ordinal))
            if (ReadJson(doc.Path, doc.Content, CatalogJson.Default.PackFile, errors) is { } pf) packFiles[CatalogDocuments.PackOf(doc.Path)!] = (doc.Path, pf);
        // A catalog without packs needs no setup: every fact applies to every customer.
        var setup = Content(CatalogDocuments.Setup) is null ? null : ReadJson(CatalogDocuments.Setup, Content(CatalogDocuments.Setup), CatalogJson.Default.SetupFile, errors);
        if (setup is null && packFiles.Count > 0 && !errors.Any(e => e.Path == CatalogDocuments.Setup))
            errors.Add(new(CatalogDocuments.Setup, "There are packs but no setup.json saying which one this business uses."));
        var factsByName = facts.Facts.Where(f => f.Name is not null).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        PackRules.Check(packFiles, setup, CatalogDocuments.Setup, factsByName, kinds, errors);

        if (errors.Count > 0) return (null, errors);

        models ??= new ModelCache();
        var catalog = new KindCatalog
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
            Documents = documents,
            Version = version,
            FlagExamples = flags.Threat.Examples.Count == 0 || flags.CalmExamples.Count == 0
                ? ExampleModel.Train([])
                : models.Train([("threat", flags.Threat.Examples), ("abusive", flags.Abusive.Examples), ("calm", flags.CalmExamples)]),
            Examples = models.Train(kinds.Values.Where(k => k.Definition.Examples.Count > 0).Select(k => (k.Id, (IReadOnlyList<string>)k.Definition.Examples)).ToList()),
            Packs = packFiles.ToDictionary(p => p.Key, p => new Pack(p.Key, p.Value.File.Title, p.Value.File.Description,
                p.Value.File.Facts.ToHashSet(StringComparer.Ordinal), p.Value.File.Alternatives), StringComparer.Ordinal),
            Setup = packFiles.Count > 0 ? setup : null,
        };
        return (catalog, errors);
    }

    private static void CheckFacts(FactsFile facts, List<CatalogProblem> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in facts.Facts)
        {
            if (f.Name is null || !FactNameRegex().IsMatch(f.Name)) { errors.Add(new(CatalogDocuments.Facts, $"'{f.Name}' is not a fact name: letters and digits, starting with a letter.")); continue; }
            if (!seen.Add(f.Name)) errors.Add(new(CatalogDocuments.Facts, $"The fact '{f.Name}' is declared twice."));
            if (!DataUnits.Contains(f.Unit)) errors.Add(new(CatalogDocuments.Facts, $"The fact '{f.Name}' has unit '{f.Unit}'; use one of {string.Join(", ", DataUnits)}."));
            if (string.IsNullOrWhiteSpace(f.Label)) errors.Add(new(CatalogDocuments.Facts, $"The fact '{f.Name}' needs a label."));
            if (f.Currency is not null && (f.Unit != "money" || f.Currency.Length != 3 || !f.Currency.All(char.IsAsciiLetterUpper)))
                errors.Add(new(CatalogDocuments.Facts, $"The fact '{f.Name}': currency '{f.Currency}' needs unit money and a three-letter ISO code such as EUR."));
        }
        if (string.IsNullOrWhiteSpace(facts.Currency) || facts.Currency.Length != 3 || !facts.Currency.All(char.IsAsciiLetterUpper))
            errors.Add(new(CatalogDocuments.Facts, $"currency '{facts.Currency}' must be a three-letter ISO code such as USD."));
    }

    private static Kind? BuildKind(KindDefinition def, string folderName, IReadOnlyDictionary<string, CatalogDocument> documents,
        IReadOnlyDictionary<string, string> partialSources, FactsFile facts, List<CatalogProblem> errors)
    {
        var where = $"{folderName}/kind.json";
        var before = errors.Count;
        if (def.Id != folderName) errors.Add(new(where, $"id '{def.Id}' must equal its folder name '{folderName}'."));
        if (!KindIdRegex().IsMatch(def.Id)) errors.Add(new(where, $"id '{def.Id}' must be lower case letters, digits and '_'."));
        if (!Audiences.All.Contains(def.DefaultAudience)) errors.Add(new(where, $"defaultAudience '{def.DefaultAudience}' is not one of {string.Join(", ", Audiences.All)}."));
        var cues = BuildCues(def.Cues, where, null, errors);
        var smallCues = BuildCues(def.SmallCues, where, "smallCues", errors);
        var factWhen = new Dictionary<string, CueSet>(StringComparer.Ordinal);
        foreach (var (fact, phrases) in def.FactsWhen)
        {
            if (!facts.Facts.Any(f => f.Name == fact)) errors.Add(new(where, $"factsWhen names the fact '{fact}', which facts.json does not have."));
            else if (phrases is not { Count: > 0 }) errors.Add(new(where, $"factsWhen: give '{fact}' at least one phrase, or leave it out."));
            else factWhen[fact] = BuildCues(phrases.Select(w => new CueDefinition { Pattern = w }), where, $"factsWhen '{fact}'", errors);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dp in def.DataPoints)
        {
            if (!names.Add(dp.Name)) errors.Add(new(where, $"data point '{dp.Name}' is declared twice."));
            if (!DataUnits.Contains(dp.Unit)) errors.Add(new(where, $"data point '{dp.Name}' has unit '{dp.Unit}'; use one of {string.Join(", ", DataUnits)}."));
            if (dp.From is not null && !DataSources.Contains(dp.From)) errors.Add(new(where, $"data point '{dp.Name}' has from '{dp.From}'; use one of {string.Join(", ", DataSources)}."));
            if (dp.Dates is not null and not ("future" or "past")) errors.Add(new(where, $"data point '{dp.Name}' has dates '{dp.Dates}'; use future or past."));
            if (dp.Compute is not null)
            {
                try { Formula.Parse(dp.Compute).CheckNames(n => names.Contains(n) || def.DataPoints.Any(d => d.Name == n), n => facts.Facts.Any(f => f.Name == n)); }
                catch (FormatException ex) { errors.Add(new(where, $"data point '{dp.Name}': {ex.Message}")); }
            }
        }

        if (def.SmallWhen is { } small)
        {
            var point = def.DataPoints.FirstOrDefault(d => d.Name == small.DataPoint);
            var fact = facts.Facts.FirstOrDefault(f => f.Name == small.AtMostFact);
            if (point is null) errors.Add(new(where, $"smallWhen names the data point '{small.DataPoint}', which this kind does not have."));
            if (fact is null) errors.Add(new(where, $"smallWhen names the fact '{small.AtMostFact}', which facts.json does not have."));
            if (point is not null && fact is not null && point.Unit != fact.Unit)
                errors.Add(new(where, $"smallWhen compares '{small.DataPoint}' ({point.Unit}) with '{small.AtMostFact}' ({fact.Unit}); use a fact in the same unit."));
        }

        var alternatives = new Dictionary<string, Template>(StringComparer.Ordinal);
        var when = new Dictionary<string, CueSet>(StringComparer.Ordinal);
        foreach (var alt in def.Alternatives)
        {
            if (alternatives.ContainsKey(alt.Id)) { errors.Add(new(where, $"alternative '{alt.Id}' is declared twice.")); continue; }
            foreach (var stance in alt.Stances.Where(s => !AlternativeDefinition.KnownStances.Contains(s)))
                errors.Add(new(where, $"alternative '{alt.Id}' is written for the stance '{stance}'; use {string.Join(" or ", AlternativeDefinition.KnownStances)}."));
            var parsed = ParseTemplate(alt.Text, where, errors, $"alternative '{alt.Id}': ");
            if (parsed is not null) alternatives[alt.Id] = parsed;
            if (alt.OnlyWhen && alt.When.Count == 0)
                errors.Add(new(where, $"alternative '{alt.Id}' is offered only when the email says so (onlyWhen) but has no when phrases."));
            if (alt.When.Count > 0)
                when[alt.Id] = BuildCues(alt.When.Select(w => new CueDefinition { Pattern = w }), where, $"alternative '{alt.Id}' when", errors);
        }

        var templates = new Dictionary<string, KindTemplate>(StringComparer.Ordinal);
        if (def.Refusable)
            foreach (var audience in Audiences.All)
            {
                var path = $"{folderName}/{audience}.scriban";
                if (!documents.TryGetValue(path, out var doc) || doc.Content is null) { errors.Add(new(path, $"The {audience} template of {folderName} is missing.")); continue; }
                var source = doc.Content;
                var id = $"{def.Id}/{audience}";
                var parsed = ParseTemplate(source, path, errors);
                if (parsed is null) continue;
                templates[audience] = new KindTemplate
                {
                    Id = id,
                    Version = doc.Version,
                    Source = source,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source))),
                    Parsed = parsed,
                    DataReferences = DataReferences(source, partialSources, def.Alternatives.Select(a => a.Text)),
                };
            }

        return errors.Count > before ? null : new Kind { Definition = def, Cues = cues, SmallCues = smallCues, Templates = templates, AlternativeTexts = alternatives, AlternativeWhen = when, FactWhen = factWhen };
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

    private static CueSet BuildCues(IEnumerable<CueDefinition> defs, string path, string? what, List<CatalogProblem> errors)
    {
        var cues = new List<CuePattern>();
        foreach (var c in defs)
        {
            try { cues.Add(CuePattern.Parse(c.Pattern, c.Weight, c.Aimed)); }
            catch (FormatException ex) { errors.Add(new(path, (what is null ? "" : what + ": ") + ex.Message)); }
        }
        return new CueSet(cues);
    }

    internal static Template? ParseTemplate(string source, string path, List<CatalogProblem> errors, string prefix = "")
    {
        var t = Template.Parse(source, path);
        if (!t.HasErrors) return t;
        foreach (var m in t.Messages.Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error))
            errors.Add(new(path, prefix + m.Message, m.Span.Start.Line + 1, m.Span.Start.Column + 1));
        return null;
    }

    private static T? ReadJson<T>(string path, string? content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, List<CatalogProblem> errors) where T : class
    {
        if (content is null) { errors.Add(new(path, $"{path} is missing.")); return null; }
        try
        {
            var value = JsonSerializer.Deserialize(content, info);
            if (value is null) errors.Add(new(path, "The file is empty."));
            return value;
        }
        catch (JsonException ex)
        {
            // System.Text.Json's line and byte position are 0-based.
            var message = ex.Message;
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            errors.Add(new(path, message, ex.LineNumber is { } l ? (int)l + 1 : null, ex.BytePositionInLine is { } c ? (int)c + 1 : null));
            return null;
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,39}$")]
    internal static partial Regex KindIdRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{0,59}$")]
    private static partial Regex FactNameRegex();

    [GeneratedRegex(@"\bdata\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DataReferenceRegex();
}

public sealed class CatalogException(string message, IReadOnlyList<CatalogProblem>? problems = null) : Exception(message)
{
    public IReadOnlyList<CatalogProblem> Problems { get; } = problems ?? [];
}

/// <summary>What is wrong with a document of the catalog; line and column are 1-based when known.</summary>
public sealed record CatalogProblem(string Path, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() => Line is null ? $"{Path}: {Message}" : $"{Path}({Line},{Column}): {Message}";
}
