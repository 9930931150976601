using System.Security.Claims;
using Microsoft.Extensions.Options;
using OutlookSayNo.Asks;
using OutlookSayNo.Checks;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Admin;

/// <summary>One thing wrong with a change: where (document, line, column) and, for the quality gate,
/// which kind, audience and example sentence rendered badly and which check failed.</summary>
public sealed record TemplateProblem(string Path, string Message, int? Line = null, int? Column = null,
    string? Kind = null, string? Audience = null, string? Example = null, string? Check = null, string? Pack = null)
{
    public static TemplateProblem From(CatalogProblem p) => new(p.Path, p.Message, p.Line, p.Column);
}

public sealed record ChangeDto(string? Path, string? Content);

public sealed record ValidationReport(bool Valid, IReadOnlyList<TemplateProblem> Problems, int Rendered, int Failed);

/// <summary>Everything a change must pass before it is saved: it builds (parse errors with line and
/// column), names only variables the model has, uses no unsafe construct, renders against every
/// example of every kind it touches within the production limits, and every render passes the draft
/// checks. Nothing here writes.</summary>
public sealed class TemplateValidator(Classifier classifier, ModelCache models, TimeProvider clock, IOptions<RenderBudget>? renderBudget = null)
{
    // Every render here runs under the budget drafts run under, so what passes the gate does not stall a draft
    // on the same email.
    private readonly RenderBudget _budget = renderBudget?.Value ?? RenderBudget.Default;

    public const int MaxProblems = 60;
    /// <summary>The whole validation stops here: production renders take microseconds, so only a
    /// template built to exhaust the server gets near it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public static readonly DraftEmail SampleCustomer = new("", "", new EmailAddress("Jordan Lee", "jordan.lee@northwind-traders.com"), null, null);
    private const string ThreatSentence = " If this is not sorted out by Friday we will move our business to another supplier.";
    private const string RightAbout = "the last two deliveries were late";

    /// <summary>The catalog as it would be with the changes applied, or why it cannot be built.</summary>
    public (KindCatalog? Catalog, List<TemplateProblem> Problems) Candidate(KindCatalog current, IReadOnlyList<ChangeDto> changes)
    {
        if (changes.Count == 0) return (current, []);
        var documents = new Dictionary<string, CatalogDocument>(current.Documents, StringComparer.Ordinal);
        foreach (var c in changes)
        {
            var version = documents.TryGetValue(c.Path!, out var old) ? old.Version + 1 : 1;
            documents[c.Path!] = new CatalogDocument(c.Path!, version, c.Content);
        }
        var (catalog, problems) = KindCatalog.TryBuild(documents, models, current.Version);
        var list = problems.Select(TemplateProblem.From).ToList();
        if (catalog is not null) list.AddRange(Analyse(catalog));
        return (list.Count == 0 ? catalog : null, list);
    }

    /// <summary>Checks a change as a save would, without saving.</summary>
    public ValidationReport Validate(KindCatalog current, IReadOnlyList<ChangeDto> changes, ClaimsPrincipal user, CancellationToken ct)
    {
        var (candidate, problems) = Candidate(current, changes);
        if (candidate is null) return new ValidationReport(false, Cap(problems), 0, 0);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        var rendered = 0;
        var failed = 0;
        var views = Views(current, candidate, changes).ToList();
        var affected = views.Count == 0 ? [] : Affected(candidate, changes);
        try
        {
            foreach (var kind in affected)
            {
                var samples = Samples(candidate, kind, budget.Token).ToList();
                // The business's own pack renders every sample; each other pack a few, each variant at least once.
                foreach (var (view, few) in views)
                foreach (var (email, classification, variant) in few ? samples.Where((s, i) => i < 2 || s.Variant != Variant.Defaults) : samples)
                {
                    var body = email.Body!;
                    var viewKind = view.Find(kind.Id)!;
                    foreach (var audience in Audiences.All)
                    {
                        rendered++;
                        TemplateProblem? problem;
                        try
                        {
                            problem = RenderAndCheck(view, viewKind, audience, email, classification, variant, user, budget.Token);
                        }
                        catch (TemplateBudgetException over)
                        {
                            // One render over budget refuses the change; the other samples would each spend the
                            // budget again and take the whole validation to its limit for nothing.
                            failed++;
                            problems.Add(new TemplateProblem(over.Template, over.Reason, over.Line, over.Column, kind.Id, audience, body.Trim(), Pack: view.Pack?.Id));
                            return new ValidationReport(false, Cap(problems), rendered, failed);
                        }
                        if (problem is null) continue;
                        failed++;
                        // A render error is the template's, not the example's: list it once per place.
                        if (problem.Check is null && problems.Any(p => p.Check is null && p.Path == problem.Path && p.Line == problem.Line
                                && p.Column == problem.Column && p.Message == problem.Message && p.Audience == problem.Audience)) continue;
                        if (problems.Count < MaxProblems) problems.Add(problem with { Example = body.Trim(), Pack = view.Pack?.Id });
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            problems.Add(new TemplateProblem(changes[0].Path!, $"Validation stopped after {Budget.TotalSeconds:0} seconds ({rendered} renders): a template takes far longer than it should."));
        }
        if (failed > MaxProblems)
            problems.Add(new TemplateProblem(changes[0].Path!, $"{failed} of {rendered} renders failed; the first {MaxProblems} are listed."));
        return new ValidationReport(problems.Count == 0, problems, rendered, failed);
    }

    /// <summary>Renders one kind for one audience and email, with the draft checks. Used by preview.</summary>
    public PreviewDto Preview(KindCatalog catalog, Kind kind, string audience, DraftEmail email, Classification classification,
        IReadOnlyDictionary<string, string?> fields, IReadOnlyCollection<string>? alternatives, string? theyAreRightAbout,
        ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            return PreviewWithinBudget(catalog, kind, audience, email, classification, fields, alternatives, theyAreRightAbout, user, ct);
        }
        catch (TemplateBudgetException over)
        {
            return new PreviewDto(audience, "", "", null, [], [new TemplateProblem(over.Template, over.Reason, over.Line, over.Column, kind.Id, audience)]);
        }
    }

    /// <summary><see cref="Preview"/>, except that a render over its budget throws <see cref="TemplateBudgetException"/>.</summary>
    private PreviewDto PreviewWithinBudget(KindCatalog catalog, Kind kind, string audience, DraftEmail email, Classification classification,
        IReadOnlyDictionary<string, string?> fields, IReadOnlyCollection<string>? alternatives, string? theyAreRightAbout,
        ClaimsPrincipal user, CancellationToken ct, IReadOnlyList<string>? also = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        catalog = catalog.ForEmail(email.From?.Email);
        kind = catalog.Find(kind.Id) ?? kind;
        var template = kind.Templates[audience];
        // Every default alternative, even for a short email whose draft offers only the first: an admin editing an
        // alternative sees it in the preview (the pane lists the rest for the account manager to tick).
        var offered = alternatives ?? kind.Definition.DefaultOffered(brief: false);
        var problems = new List<TemplateProblem>();
        try
        {
            // The same compose step as a draft: what the admin sees is what an account manager gets.
            var composed = Composer.Compose(catalog, new ComposeInput(kind, audience, email, classification, fields, offered, theyAreRightAbout, user, Budget: _budget, Also: also), today, errors, ct);
            problems.AddRange(errors.Select(e => new TemplateProblem($"{kind.Id}/kind.json", $"{e.Key}: {string.Join(" ", e.Value)}", Kind: kind.Id, Audience: audience)));
            if (composed is null) return new PreviewDto(audience, "", "", null, [], problems);
            var check = composed.Check;
            var c = check.Checks;
            foreach (var (name, passed) in CheckNames(c))
                if (!passed && (name != "grounded" || TemplatesFault(check.Notes))) problems.Add(new TemplateProblem(template.Id + ".scriban", CheckMessage(name, check.Notes), Kind: kind.Id, Audience: audience, Check: name));
            return new PreviewDto(audience, composed.Text, composed.Html, ChecksDto.From(c), check.Notes, problems);
        }
        catch (TemplateRenderException ex) when (ex is not TemplateBudgetException)
        {
            problems.Add(new TemplateProblem(ex.Template, ex.Reason, ex.Line, ex.Column, kind.Id, audience));
            return new PreviewDto(audience, "", "", null, [], problems);
        }
    }

    private TemplateProblem? RenderAndCheck(KindCatalog catalog, Kind kind, string audience, DraftEmail email, Classification classification,
        Variant variant, ClaimsPrincipal user, CancellationToken ct)
    {
        var offered = variant switch
        {
            Variant.AllAlternatives => kind.Definition.Alternatives.Select(a => a.Id).ToList(),
            Variant.NoAlternatives => [],
            _ => kind.Definition.Alternatives.Where(a => a.Default).Select(a => a.Id).ToList(),
        };
        // The fullest variant also answers every other ask, so the sentences of _partials/also.scriban are checked too.
        var also = variant == Variant.AllAlternatives
            ? catalog.Kinds.Values.Where(k => k.Definition.Refusable && k.Definition.Id != kind.Definition.Id).Select(k => k.Definition.Id).ToList()
            : null;
        var preview = PreviewWithinBudget(catalog, kind, audience, email, classification, new Dictionary<string, string?>(), offered,
            variant == Variant.AllAlternatives ? RightAbout : null, user, ct, also);
        return preview.Problems.FirstOrDefault();
    }

    private enum Variant { Defaults, AllAlternatives, NoAlternatives }

    /// <summary>The catalog as each business pack sees it (the business's own pack first, with every sample;
    /// each other pack with a few), or the catalog itself when it has no packs. A change to setup.json alone
    /// changes no template, fact or pack: every pack renders as it did when it was saved, so only a pack that
    /// becomes the business's own is rendered again, with every sample. (A setup save rendered ~1,000 drafts
    /// for nothing and ran out of the gate's budget on a busy machine.)</summary>
    private static IEnumerable<(KindCatalog View, bool Few)> Views(KindCatalog current, KindCatalog candidate, IReadOnlyList<ChangeDto> changes)
    {
        if (candidate.Setup is null) { yield return (candidate, false); yield break; }
        var setupOnly = current.Setup is not null && changes.All(c => c.Path == CatalogDocuments.Setup);
        if (setupOnly)
        {
            if (candidate.Setup.Pack != current.Setup!.Pack) yield return (candidate.ForPack(candidate.Setup.Pack), false);
            yield break;
        }
        yield return (candidate.ForPack(candidate.Setup.Pack), false);
        foreach (var id in candidate.Packs.Keys.Where(p => p != candidate.Setup.Pack).Order(StringComparer.Ordinal))
            yield return (candidate.ForPack(id), true);
    }

    /// <summary>How many of a kind's examples are rendered, at most, besides one per data shape (40: with a shape
    /// each already rendered, more spread examples added time, not cover; a setup change took 9.4 s in Debug with 60).</summary>
    public const int ExamplesPerKind = 40;

    /// <summary>How many of a kind's examples are read for their data shape, spread evenly over the list: the
    /// examples grow with every batch of real mail learnt from, and a save should not grow with them.</summary>
    public const int ExamplesRead = 160;

    /// <summary>The emails a kind is rendered against: one example for each distinct shape of the data
    /// its examples produce (which data points the email fills, a quote or not, flags), then examples
    /// spread evenly over the list up to <see cref="ExamplesPerKind"/>; the first also with a threat,
    /// "they are right about" and every alternative, the second with none offered. Examples that put
    /// the same data into the model render the same sentences, so rendering all ~300 adds time, not cover.</summary>
    private IEnumerable<(DraftEmail Email, Classification Classification, Variant Variant)> Samples(KindCatalog catalog, Kind kind, CancellationToken ct)
    {
        var all = kind.Definition.Examples.Count > 0 ? kind.Definition.Examples : [$"Could you make an exception for us on {kind.Definition.Title.ToLowerInvariant()}?"];
        var step = Math.Max(1, (all.Count + ExamplesRead - 1) / ExamplesRead);
        var examples = all.Where((_, i) => i % step == 0).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var read = examples.Select(body =>
        {
            ct.ThrowIfCancellationRequested();
            var email = SampleCustomer with { Subject = kind.Definition.Title, Body = body };
            var c = classifier.Classify(catalog, email.Subject, body);
            var data = DataPoints.Resolve(kind, catalog, c, AskReader.Read(c, kind.Id), new Dictionary<string, string?>(), today, new Dictionary<string, string[]>());
            var shape = string.Join(",", data.Where(d => d.Value is not null).Select(d => d.Key).Order(StringComparer.Ordinal))
                        + "|" + string.Join(",", c.Flags) + "|" + (c.Primary.Sentences.Count > 0);
            return (Email: email, Classification: c, Shape: shape);
        }).ToList();

        var chosen = new SortedSet<int>();
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < read.Count; i++)
            if (shapes.Add(read[i].Shape)) chosen.Add(i);
        var stride = Math.Max(1, read.Count / ExamplesPerKind);
        for (var i = 0; i < read.Count && chosen.Count < ExamplesPerKind + shapes.Count; i += stride) chosen.Add(i);

        foreach (var i in chosen) yield return (read[i].Email, read[i].Classification, Variant.Defaults);
        var threatened = SampleCustomer with { Subject = kind.Definition.Title, Body = examples[0] + ThreatSentence };
        yield return (threatened, classifier.Classify(catalog, threatened.Subject, threatened.Body!), Variant.AllAlternatives);
        if (read.Count > 1) yield return (read[1].Email, read[1].Classification, Variant.NoAlternatives);
    }

    /// <summary>The refusable kinds a change can alter: its own kind for a template or definition;
    /// every kind for a partial, the facts, the setup or a pack; none for flags and audiences (they steer classification only).</summary>
    private static List<Kind> Affected(KindCatalog catalog, IReadOnlyList<ChangeDto> changes)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in changes)
        {
            var path = c.Path!;
            if (CatalogDocuments.IsPartial(path) || path == CatalogDocuments.Facts || path == CatalogDocuments.Setup || CatalogDocuments.PackOf(path) is not null)
                return catalog.Kinds.Values.Where(k => k.Definition.Refusable).ToList();
            if (CatalogDocuments.KindOfDefinition(path) is { } k) ids.Add(k);
            else if (CatalogDocuments.TemplateOf(path) is { } t) ids.Add(t.Kind);
        }
        return catalog.Kinds.Values.Where(k => k.Definition.Refusable && ids.Contains(k.Id)).ToList();
    }

    /// <summary>Unknown variables, unknown includes, unsafe constructs and recursion in every template, partial
    /// and alternative text of the candidate (a change to a data point, fact or partial can break a template it did not touch).</summary>
    private static IEnumerable<TemplateProblem> Analyse(KindCatalog catalog)
    {
        var facts = catalog.Facts.Keys.ToHashSet(StringComparer.Ordinal);
        var partials = catalog.Partials.Keys.ToHashSet(StringComparer.Ordinal);
        var allData = catalog.Kinds.Values.SelectMany(k => k.Definition.DataPoints).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var optional = TemplateScope.OptionalFactsOf(catalog);
        var shared = new TemplateScope { DataPoints = allData, Facts = facts, Partials = partials, OptionalFacts = optional };
        // Any template may include any partial, so every document's calls are read together with theirs.
        var partialCalls = catalog.Partials.ToDictionary(p => p.Key,
            p => TemplateRecursion.ReadPartial(p.Value, $"{CatalogDocuments.PartialsFolder}/{p.Key}.scriban", p.Key), StringComparer.Ordinal);
        foreach (var (name, partial) in catalog.Partials)
        {
            var path = $"{CatalogDocuments.PartialsFolder}/{name}.scriban";
            foreach (var issue in TemplateAnalysis.Check(partial, shared))
                yield return new TemplateProblem(path, issue.Message, issue.Line, issue.Column);
            foreach (var cycle in TemplateRecursion.Find(partialCalls[name], partialCalls.Values))
                yield return new TemplateProblem(path, cycle.Message, cycle.Definition.Line, cycle.Definition.Column);
        }
        foreach (var kind in catalog.Kinds.Values)
        {
            var scope = new TemplateScope { DataPoints = kind.Definition.DataPoints.Select(d => d.Name).ToHashSet(StringComparer.Ordinal), Facts = facts, Partials = partials, OptionalFacts = optional };
            foreach (var (audience, template) in kind.Templates)
            {
                var path = $"{kind.Id}/{audience}.scriban";
                foreach (var issue in TemplateAnalysis.Check(template.Parsed, scope))
                    yield return new TemplateProblem(path, issue.Message, issue.Line, issue.Column);
                foreach (var cycle in TemplateRecursion.Find(TemplateRecursion.Read(template.Parsed, path), partialCalls.Values))
                    yield return new TemplateProblem(path, cycle.Message, cycle.Definition.Line, cycle.Definition.Column);
            }
            var alternativeScope = TemplateScope.ForAlternatives(catalog, kind);
            foreach (var (id, text) in kind.AlternativeTexts)
            {
                foreach (var issue in TemplateAnalysis.Check(text, alternativeScope))
                    yield return new TemplateProblem($"{kind.Id}/kind.json", $"alternative '{id}': {issue.Message}");
                foreach (var cycle in TemplateRecursion.Find(TemplateRecursion.Read(text, $"{kind.Id}/kind.json"), partialCalls.Values))
                    yield return new TemplateProblem($"{kind.Id}/kind.json", $"alternative '{id}': {cycle.Message}");
            }
        }
    }

    // "Grounded" also asks whether the email asks for this kind at all: that is about the example email, not
    // the template, so only an unsourced figure or finding the template wrote holds a save back.
    private static readonly string[] GroundedTemplateNotes = ["Figures with no source", "A finding nobody supplied"];

    private static bool TemplatesFault(IReadOnlyList<string> notes) =>
        notes.Any(n => GroundedTemplateNotes.Any(o => n.StartsWith(o, StringComparison.Ordinal)));

    private static IEnumerable<(string Name, bool Passed)> CheckNames(DraftChecks c) =>
    [
        ("saysNo", c.SaysNo), ("givesReason", c.GivesReason), ("citesData", c.CitesData), ("offersAlternative", c.OffersAlternative), ("respectful", c.Respectful),
        ("grounded", c.Grounded),
    ];

    private static string CheckMessage(string check, IReadOnlyList<string> notes)
    {
        var what = check switch
        {
            "saysNo" => "The draft does not say no clearly.",
            "givesReason" => "The draft gives no reason.",
            "citesData" => "The draft cites no figure.",
            "offersAlternative" => "The draft offers no alternative.",
            "grounded" => "The draft states something with no source.",
            _ => "The draft is not respectful.",
        };
        // DraftChecker's notes open with these words, one per failed check.
        string[] openings = check switch
        {
            "saysNo" => ["No sentence says no", "The no is hedged"],
            "givesReason" => ["No reason"],
            "citesData" => ["No figure"],
            "offersAlternative" => ["No alternative"],
            "grounded" => GroundedTemplateNotes,
            _ => ["Blaming or rude"],
        };
        var note = notes.FirstOrDefault(n => openings.Any(o => n.StartsWith(o, StringComparison.Ordinal)));
        return note is null ? what : $"{what} {note}";
    }

    private static List<TemplateProblem> Cap(List<TemplateProblem> problems) => problems.Count <= MaxProblems ? problems : problems.Take(MaxProblems).ToList();
}

public sealed record PreviewDto(string Audience, string Text, string Html, ChecksDto? Checks, IReadOnlyList<string> CheckNotes, IReadOnlyList<TemplateProblem> Problems);
