using System.Text.RegularExpressions;

namespace OutlookSayNo.Kinds;

/// <summary><c>templates/packs/&lt;id&gt;.json</c>: what one kind of supplier argues with. It names the
/// facts that apply to this trade (a fact it does not name is never cited, so a software customer is not
/// told about factory lead times) and, per ask kind, which alternatives to offer and in what order (a
/// plan change instead of a price lock). Data, not code: an admin adds a pack by adding a file.</summary>
public sealed class PackFile
{
    public required string Title { get; init; }
    public string Description { get; set; } = "";
    /// <summary>Names of facts in <c>facts.json</c> that apply to this trade.</summary>
    public List<string> Facts { get; set; } = [];
    /// <summary>Per ask kind: the alternatives this trade offers, offered by default first. A kind not
    /// listed offers those of its alternatives whose facts the pack has; a kind the catalog does not have
    /// is ignored.</summary>
    public Dictionary<string, PackAlternatives> Alternatives { get; set; } = [];
}

public sealed class PackAlternatives
{
    /// <summary>Offered by default, in this order.</summary>
    public List<string> Offer { get; set; } = [];
    /// <summary>Available for the account manager to add.</summary>
    public List<string> Also { get; set; } = [];
}

/// <summary><c>templates/setup.json</c>: the pack this business uses, and packs for particular customer
/// domains (a business that sells software to some customers and services to others).</summary>
public sealed class SetupFile
{
    public required string Pack { get; init; }
    /// <summary>Customer email domain (and its subdomains) → pack id.</summary>
    public Dictionary<string, string> Domains { get; set; } = [];
}

/// <summary>A pack as the catalog holds it.</summary>
public sealed record Pack(string Id, string Title, string Description, IReadOnlySet<string> Facts, IReadOnlyDictionary<string, PackAlternatives> Alternatives);

/// <summary>Which pack applies to a customer, and the catalog as that pack sees it.</summary>
public static partial class PackRules
{
    /// <summary>The pack for a customer's address: the setup's entry for its domain or a parent domain,
    /// else the business's pack.</summary>
    public static string For(SetupFile setup, string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (at < 0 || setup.Domains.Count == 0) return setup.Pack;
        var domain = email![(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        // Walk up the labels (eu.acme.example, acme.example, example): the most specific entry wins.
        while (domain.Length > 0)
        {
            if (setup.Domains.TryGetValue(domain, out var pack)) return pack;
            var dot = domain.IndexOf('.');
            if (dot < 0) break;
            domain = domain[(dot + 1)..];
        }
        return setup.Pack;
    }

    /// <summary>The kinds as a pack sees them: its alternatives in its order, defaults as it says; a kind
    /// the pack says nothing about keeps the alternatives whose facts the pack has.</summary>
    internal static Dictionary<string, Kind> KindsFor(IReadOnlyDictionary<string, Kind> kinds, Pack pack, IReadOnlySet<string> available)
    {
        // An alternative whose figure this business does not have is never offered, listed or not.
        bool Has(AlternativeDefinition d) => FactsIn(d.Text).All(available.Contains);
        var result = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var (id, kind) in kinds)
        {
            var defs = kind.Definition.Alternatives;
            List<AlternativeDefinition> chosen;
            if (pack.Alternatives.TryGetValue(id, out var listed))
            {
                chosen = listed.Offer.Select(a => defs.First(d => d.Id == a).WithDefault(true))
                    .Concat(listed.Also.Select(a => defs.First(d => d.Id == a).WithDefault(false)))
                    .Where(Has).ToList();
            }
            else
            {
                chosen = defs.Where(Has).ToList();
            }
            result[id] = WithAlternatives(kind, chosen);
        }
        return result;
    }

    /// <summary>The kinds with only the alternatives whose facts are <paramref name="available"/>, each keeping its
    /// place and whether it is offered by default (a message that leaves a fact out, <see cref="KindCatalog.ForMessage"/>).</summary>
    internal static Dictionary<string, Kind> KindsWith(IReadOnlyDictionary<string, Kind> kinds, IReadOnlySet<string> available)
    {
        var result = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var (id, kind) in kinds)
        {
            var chosen = kind.Definition.Alternatives.Where(d => FactsIn(d.Text).All(available.Contains)).ToList();
            // Every default gone with its facts (a price lock to someone who is not writing as a business): the first
            // alternative left that answers no particular stance is offered in their place, rather than none.
            if (!chosen.Any(a => a.Default) && kind.Definition.Alternatives.Any(a => a.Default) && chosen.FindIndex(a => a.Stances.Count == 0) is var first and >= 0)
                chosen[first] = chosen[first].WithDefault(true);
            result[id] = chosen.Count == kind.Definition.Alternatives.Count ? kind : WithAlternatives(kind, chosen);
        }
        return result;
    }

    /// <summary>The same kind offering only <paramref name="chosen"/>, in that order.</summary>
    private static Kind WithAlternatives(Kind kind, List<AlternativeDefinition> chosen) => new()
    {
        Definition = kind.Definition.WithAlternatives(chosen),
        Cues = kind.Cues,
        SmallCues = kind.SmallCues,
        Templates = kind.Templates,
        AlternativeTexts = chosen.ToDictionary(a => a.Id, a => kind.AlternativeTexts[a.Id], StringComparer.Ordinal),
        AlternativeWhen = kind.AlternativeWhen.Where(w => chosen.Any(a => a.Id == w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal),
        FactWhen = kind.FactWhen,
    };

    /// <summary>The facts an alternative's text names.</summary>
    public static IEnumerable<string> FactsIn(string text) => FactReference().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>Problems with the packs and the setup, each naming its file.</summary>
    internal static void Check(IReadOnlyDictionary<string, (string Path, PackFile File)> packs, SetupFile? setup, string setupPath,
        IReadOnlyDictionary<string, FactDefinition> facts, IReadOnlyDictionary<string, Kind> kinds, List<CatalogProblem> errors)
    {
        foreach (var (id, (path, pack)) in packs)
        {
            if (string.IsNullOrWhiteSpace(pack.Title)) errors.Add(new(path, $"The pack '{id}' needs a title."));
            foreach (var f in pack.Facts.Where(f => !facts.ContainsKey(f)))
                errors.Add(new(path, $"'{f}' is not a fact in facts.json."));
            foreach (var (kindId, listed) in pack.Alternatives)
            {
                // A kind the catalog does not have (retired since) is skipped: retiring a kind should not mean editing every pack.
                if (!kinds.TryGetValue(kindId, out var kind)) continue;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var a in listed.Offer.Concat(listed.Also))
                {
                    if (!seen.Add(a)) { errors.Add(new(path, $"{kindId}: the alternative '{a}' is listed twice.")); continue; }
                    var def = kind.Definition.Alternatives.FirstOrDefault(d => d.Id == a);
                    if (def is null) { errors.Add(new(path, $"{kindId}: '{a}' is not an alternative of that kind (known: {string.Join(", ", kind.Definition.Alternatives.Select(d => d.Id))}).")); continue; }
                    foreach (var f in FactsIn(def.Text).Where(f => !pack.Facts.Contains(f)))
                        errors.Add(new(path, $"{kindId}: the alternative '{a}' cites the fact '{f}', which this pack does not have."));
                }
            }
        }
        if (setup is null) return;
        if (packs.Count > 0 && !packs.ContainsKey(setup.Pack))
            errors.Add(new(setupPath, $"'{setup.Pack}' is not a pack: use {string.Join(", ", packs.Keys.Order(StringComparer.Ordinal))}."));
        foreach (var (domain, pack) in setup.Domains)
        {
            if (!DomainRegex().IsMatch(domain)) errors.Add(new(setupPath, $"'{domain}' is not an email domain such as customer.example (lower case, no '@')."));
            if (!packs.ContainsKey(pack)) errors.Add(new(setupPath, $"{domain}: '{pack}' is not a pack."));
        }
    }

    [GeneratedRegex(@"facts\.([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex FactReference();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DomainRegex();
}
