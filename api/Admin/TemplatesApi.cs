using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Drafts;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Admin;

public sealed record UserDto(string Id, string Name);

public sealed record DocumentDto(long Id, string Path, int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content,
    string Sha256, bool Retired, string Origin, string? Comment, UserDto User, DateTime AtUtc,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PreviousId = null)
{
    public static DocumentDto From(TemplateVersionRecord r, bool withContent = true, long? previousId = null) =>
        new(r.Id, r.Path, r.Version, withContent ? r.Content : null, r.Sha256, r.Content is null, r.Origin, r.Comment,
            new UserDto(r.UserId, r.UserName), DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc), previousId);
}

public sealed record SaveDocumentRequest(string? Content, string? Comment);
public sealed record CommentRequest(string? Comment);
public sealed record ValidateRequest(List<ChangeDto>? Changes);
public sealed record ValidateResponse(bool Valid, IReadOnlyList<TemplateProblem> Problems, int Rendered);
public sealed record PreviewRequest(string? Kind, List<ChangeDto>? Changes, DraftEmail? Email, int? Example, List<string>? Audiences,
    Dictionary<string, string?>? Fields, List<string>? Alternatives, string? TheyAreRightAbout,
    // The business pack to preview as; absent, the customer's domain decides as for a draft.
    string? Pack = null);
public sealed record PreviewEmailDto(string Subject, string Body);
public sealed record PreviewResponse(string Kind, PreviewEmailDto Email, IReadOnlyList<TemplateProblem> Problems, IReadOnlyList<PreviewDto> Previews,
    string? Pack = null);
public sealed record DocumentRef(string Path, int Version);
public sealed record TemplateSummary(string Audience, string Path, int Version, UserDto User, DateTime AtUtc);
public sealed record AlternativeSummary(string Id, string Title, bool Default);
public sealed record KindSummary(string Id, string Title, string Description, bool Refusable, string DefaultAudience, int Examples,
    DocumentRef Definition, IReadOnlyList<TemplateSummary> Templates, IReadOnlyList<AlternativeSummary> Alternatives);
public sealed record PartialSummary(string Name, string Path, int Version);
public sealed record CatalogResponse(long CatalogVersion, string Currency, IReadOnlyList<KindSummary> Kinds, IReadOnlyList<DocumentRef> RetiredKinds,
    IReadOnlyList<PartialSummary> Partials, IReadOnlyList<DocumentRef> Documents, int Conflicts,
    IReadOnlyList<PackSummary>? Packs = null, SetupSummary? Setup = null);
/// <summary>A business pack as admins choose it: what it is for and the facts (by label) it argues with.</summary>
public sealed record PackSummary(string Id, string Title, string Description, DocumentRef Document, IReadOnlyList<string> Facts);
/// <summary>setup.json: the business's pack and the packs for particular customer domains.</summary>
public sealed record SetupSummary(string Pack, IReadOnlyDictionary<string, string> Domains, DocumentRef Document);
public sealed record ChangesResponse(int Total, IReadOnlyList<DocumentDto> Items);
public sealed record DiffSide(long Id, string Path, int Version);
public sealed record DiffResponse(DiffSide From, DiffSide To, int Added, int Removed, IReadOnlyList<DiffLine> Lines);
public sealed record CreateKindRequest(string? Id, string? Title, string? Description, string? DefaultAudience, string? CopyFrom);
public sealed record ConflictDto(string Path, int? DatabaseVersion, string? DatabaseContent, string FolderContent, string FolderSha256, string? Reason, DateTime? DetectedAtUtc);
public sealed record ResolveConflictRequest(string? Path, string? Keep);
public sealed record ImportResponse(IReadOnlyList<DocumentRef> Imported, int Unchanged, IReadOnlyList<string> Ignored);

/// <summary>Template administration: the catalog's documents, their versions, validation, preview,
/// export/import and the folder conflicts. Reading is for every role; changing is for TemplateAdmin.</summary>
public static class TemplatesApi
{
    public const string ReadPolicy = "TemplateReader";
    private const string Problems = "https://outlooksayno.dev/problems/";
    public const int MaxContentChars = 200_000;
    public const int MaxCommentChars = 500;

    public static IServiceCollection AddSayNoAdmin(this IServiceCollection services)
    {
        services.AddSingleton<TemplateValidator>();
        services.AddScoped<TemplateSaves>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
        return services;
    }

    public static RouteGroupBuilder MapTemplates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/templates")
            .WithTags("Templates")
            .RequireAuthorization(ReadPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", GetCatalog).WithName("GetCatalog").WithSummary("The kinds, templates, partials and documents in force, with their versions");
        group.MapGet("/documents/{**path}", GetDocument).WithName("GetDocument").WithSummary("The current version of a document (ETag: its version)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/documents/{**path}", PutDocument).WithName("SaveDocument").RequireAuthorization(Roles.TemplateAdmin)
            .WithMetadata(new RequestSizeLimitAttribute(256 * 1024)).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Save a new version of a document (If-Match: the version you edited; If-None-Match: * to create)")
            .WithDescription("Validates first (parse, variables, unsafe constructs, render of every affected kind's examples, the draft checks) and saves nothing when that fails.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/history", GetHistory).WithName("GetHistory").WithSummary("Every version of a document, newest first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/changes", GetChanges).WithName("GetChanges").WithSummary("Every change to any document, newest first: who, when, what (the audit)")
            .ProducesValidationProblem();
        group.MapGet("/versions/{id:long}", GetVersion).WithName("GetVersion").WithSummary("One version of a document").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/diff", GetDiff).WithName("GetDiff").WithSummary("The line diff between two versions").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/versions/{id:long}/restore", Restore).WithName("RestoreVersion").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Save an old version's content as a new version (If-Match: the current version)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/validate", Validate).WithName("ValidateChanges").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Check changes as a save would, without saving").ProducesValidationProblem();
        group.MapPost("/preview", Preview).WithName("PreviewTemplates").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Render a kind for each audience against a sample email or example, with unsaved changes, without saving")
            .ProducesValidationProblem();
        group.MapPost("/kinds", CreateKind).WithName("CreateKind").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Create an ask kind (definition and three templates, copied from another kind or a starter)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/kinds/{id}/retire", RetireKind).WithName("RetireKind").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Retire a kind (If-Match: its kind.json version); restoring the definition brings it back")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/export", CatalogArchive.Export).WithName("ExportTemplates").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("The current documents as a zip in the templates folder layout").Produces(200, contentType: "application/zip");
        group.MapPost("/import", CatalogArchive.Import).WithName("ImportTemplates").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Import a zip in the templates folder layout (an export): changed documents become new versions")
            .WithDescription("The body is the zip itself (Content-Type application/zip, application/x-zip-compressed or application/octet-stream).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/conflicts", GetConflicts).WithName("GetConflicts").WithSummary("Folder changes set aside because an admin had changed the same document");
        group.MapPost("/conflicts/resolve", ResolveConflict).WithName("ResolveConflict").RequireAuthorization(Roles.TemplateAdmin)
            .WithSummary("Keep the database's version or take the folder's")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    // ---- reading

    private static async Task<Ok<CatalogResponse>> GetCatalog(CatalogStore catalogs, SayNoDb db, CancellationToken ct)
    {
        var catalog = await catalogs.GetAsync(db, ct);
        var records = (await TemplateStore.CurrentAsync(db, ct)).ToDictionary(r => r.Path, StringComparer.Ordinal);
        var conflicts = await db.TemplateFolder.CountAsync(f => f.ConflictContent != null, ct);
        var kinds = catalog.Kinds.Values.OrderBy(k => k.Id == "other").ThenBy(k => k.Id, StringComparer.Ordinal).Select(k =>
        {
            var templates = k.Templates.Keys.OrderBy(a => Array.IndexOf(Audiences.All, a)).Select(a =>
            {
                var r = records[$"{k.Id}/{a}.scriban"];
                return new TemplateSummary(a, r.Path, r.Version, new UserDto(r.UserId, r.UserName), DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc));
            }).ToList();
            var def = k.Definition;
            return new KindSummary(k.Id, def.Title, def.Description, def.Refusable, def.DefaultAudience, def.Examples.Count,
                new DocumentRef($"{k.Id}/kind.json", records[$"{k.Id}/kind.json"].Version), templates,
                def.Alternatives.Select(a => new AlternativeSummary(a.Id, a.Title, a.Default)).ToList());
        }).ToList();
        var retired = records.Values.Where(r => r.Content is null && CatalogDocuments.KindOfDefinition(r.Path) is not null)
            .OrderBy(r => r.Path, StringComparer.Ordinal).Select(r => new DocumentRef(r.Path, r.Version)).ToList();
        var partials = records.Values.Where(r => r.Content is not null && CatalogDocuments.IsPartial(r.Path)).OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(r => new PartialSummary(CatalogDocuments.PartialName(r.Path), r.Path, r.Version)).ToList();
        var documents = new[] { CatalogDocuments.Facts, CatalogDocuments.Flags, CatalogDocuments.AudiencesPath, CatalogDocuments.Setup }
            .Where(records.ContainsKey).Select(p => new DocumentRef(p, records[p].Version)).ToList();
        var packs = catalog.Packs.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new PackSummary(p.Id, p.Title, p.Description,
                new DocumentRef($"{CatalogDocuments.PacksFolder}/{p.Id}.json", records.TryGetValue($"{CatalogDocuments.PacksFolder}/{p.Id}.json", out var r) ? r.Version : 0),
                p.Facts.Select(f => catalog.Facts.TryGetValue(f, out var fact) ? fact.Label : f).ToList()))
            .ToList();
        var setup = catalog.Setup is { } s
            ? new SetupSummary(s.Pack, s.Domains, new DocumentRef(CatalogDocuments.Setup, records.TryGetValue(CatalogDocuments.Setup, out var sr) ? sr.Version : 0))
            : null;
        return TypedResults.Ok(new CatalogResponse(catalog.Version, catalog.Currency, kinds, retired, partials, documents, conflicts, packs, setup));
    }

    private static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetDocument(string path, SayNoDb db, HttpContext http, CancellationToken ct)
    {
        var record = await Latest(db, path, ct);
        if (record is null) return NotFound(path);
        http.Response.Headers.ETag = ETag(record.Version);
        return TypedResults.Ok(DocumentDto.From(record));
    }

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> PutDocument(
        string path, SaveDocumentRequest? request, TemplateSaves saves, SayNoDb db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CatalogDocuments.IsValidPath(path)) errors["path"] = [PathHelp(path)];
        if (request?.Content is null) errors["content"] = ["The content is required (to retire a kind, use POST /api/templates/kinds/{id}/retire)."];
        else if (request.Content.Length > MaxContentChars) errors["content"] = [$"At most {MaxContentChars:N0} characters."];
        if (request?.Comment is { Length: > MaxCommentChars }) errors["comment"] = [$"At most {MaxCommentChars} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (expected, precondition) = Precondition(http);
        if (precondition is not null) return precondition;
        if (expected is null)
        {
            // If-None-Match: * creates; the document must not exist (a retired one counts as existing).
            if (await Latest(db, path, ct) is { } existing) return Stale(path, null, existing.Version);
        }
        else if (expected == AnyVersion)
        {
            var existing = await Latest(db, path, ct);
            if (existing is null) return NotFound(path);
            expected = existing.Version;
        }
        else if (await Latest(db, path, ct) is null) return NotFound(path);

        var outcome = await saves.SaveAsync([new DocumentChange(path, request!.Content, expected)], "edit", request.Comment, user, ct);
        return Answer(outcome, http);
    }

    private static async Task<Results<Ok<List<DocumentDto>>, ValidationProblem, ProblemHttpResult>> GetHistory(string? path, SayNoDb db, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(path) || !CatalogDocuments.IsValidPath(path))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [PathHelp(path)] });
        var records = await db.TemplateVersions.AsNoTracking().Where(v => v.Path == path).OrderByDescending(v => v.Version).ToListAsync(ct);
        if (records.Count == 0) return NotFound(path);
        return TypedResults.Ok(records.Select((r, i) => DocumentDto.From(r, withContent: false, i + 1 < records.Count ? records[i + 1].Id : null)).ToList());
    }

    private static async Task<Results<Ok<ChangesResponse>, ValidationProblem>> GetChanges(SayNoDb db, CancellationToken ct,
        int skip = 0, int take = 50, string? path = null, string? user = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0) errors["skip"] = ["Zero or more."];
        if (take is < 1 or > 500) errors["take"] = ["Between 1 and 500."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = db.TemplateVersions.AsNoTracking();
        if (!string.IsNullOrEmpty(path)) query = query.Where(v => v.Path == path);
        if (!string.IsNullOrEmpty(user)) query = query.Where(v => v.UserId == user || v.UserName == user);
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(v => v.Id).Skip(skip).Take(take)
            .Select(v => new
            {
                Record = v,
                Previous = db.TemplateVersions.Where(w => w.Path == v.Path && w.Version == v.Version - 1).Select(w => (long?)w.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new ChangesResponse(total, page.Select(p => DocumentDto.From(p.Record, withContent: false, p.Previous)).ToList()));
    }

    private static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetVersion(long id, SayNoDb db, CancellationToken ct)
    {
        var record = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        return record is null ? VersionNotFound(id) : TypedResults.Ok(DocumentDto.From(record));
    }

    private static async Task<Results<Ok<DiffResponse>, ValidationProblem, ProblemHttpResult>> GetDiff(long? from, long? to, SayNoDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null) errors["from"] = ["The id of the older version is required."];
        if (to is null) errors["to"] = ["The id of the newer version is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var a = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == from, ct);
        if (a is null) return VersionNotFound(from!.Value);
        var b = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == to, ct);
        if (b is null) return VersionNotFound(to!.Value);
        var lines = LineDiff.Compute(a.Content, b.Content);
        return TypedResults.Ok(new DiffResponse(new DiffSide(a.Id, a.Path, a.Version), new DiffSide(b.Id, b.Path, b.Version),
            lines.Count(l => l.Op == "add"), lines.Count(l => l.Op == "remove"), lines));
    }

    // ---- changing

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> Restore(
        long id, CommentRequest? request, TemplateSaves saves, SayNoDb db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request?.Comment is { Length: > MaxCommentChars })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = [$"At most {MaxCommentChars} characters."] });
        var old = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (old is null) return VersionNotFound(id);
        var (expected, precondition) = Precondition(http, allowCreate: false);
        if (precondition is not null) return precondition;
        if (expected == AnyVersion) expected = (await Latest(db, old.Path, ct))!.Version;
        var comment = string.IsNullOrWhiteSpace(request?.Comment) ? $"Restored version {old.Version}." : request!.Comment;
        var outcome = await saves.SaveAsync([new DocumentChange(old.Path, old.Content, expected)], "restore", comment, user, ct);
        return Answer(outcome, http);
    }

    private static async Task<Results<Ok<ValidateResponse>, ValidationProblem>> Validate(
        ValidateRequest? request, CatalogStore catalogs, TemplateValidator validator, SayNoDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = CheckChanges(request?.Changes, required: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var current = await catalogs.GetAsync(db, ct);
        var report = validator.Validate(current, request!.Changes!, user, ct);
        return TypedResults.Ok(new ValidateResponse(report.Valid, report.Problems, report.Rendered));
    }

    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem>> Preview(PreviewRequest? request, CatalogStore catalogs,
        TemplateValidator validator, Classifier classifier, SayNoDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var current = await catalogs.GetAsync(db, ct);
        var errors = CheckChanges(request?.Changes, required: false);
        if (request is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["The kind to preview is required."] });
        var audiences = request.Audiences ?? [.. Audiences.All];
        foreach (var a in audiences.Where(a => !Audiences.All.Contains(a)))
            errors["audiences"] = [$"'{AsksApi.Shorten(a)}' is not an audience: use {string.Join(", ", Audiences.All)}."];
        if (request.TheyAreRightAbout is { Length: > DraftService.MaxRightAboutChars })
            errors["theyAreRightAbout"] = [$"At most {DraftService.MaxRightAboutChars} characters."];
        if (request.Email is not null)
            foreach (var (k, v) in AsksApi.Validate(request.Email.Subject, request.Email.Body, request.Email.From, "email.")) errors[k] = v;
        else if (request.Example is null) errors["email"] = ["Give an email (subject, body) or the index of one of the kind's examples."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (candidate, problems) = validator.Candidate(current, request.Changes ?? []);
        var catalog = candidate ?? current; // broken unsaved content: the problems say why; preview what is saved
        if (request.Pack is not null)
        {
            if (!catalog.Packs.ContainsKey(request.Pack))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["pack"] = [catalog.Packs.Count == 0 ? "This catalog has no business packs." : $"'{AsksApi.Shorten(request.Pack)}' is not a pack: use {string.Join(", ", catalog.Packs.Keys.Order(StringComparer.Ordinal))}."],
                });
            catalog = catalog.ForPack(request.Pack);
        }
        var kind = string.IsNullOrEmpty(request.Kind) ? null : catalog.Find(request.Kind);
        if (kind is null || !kind.Definition.Refusable)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kind"] = [$"'{AsksApi.Shorten(request.Kind ?? "")}' is not a refusable kind: use {string.Join(", ", catalog.Kinds.Values.Where(k => k.Definition.Refusable).Select(k => k.Id))}."],
            });
        DraftEmail email;
        if (request.Email is not null) email = request.Email with { From = request.Email.From ?? TemplateValidator.SampleCustomer.From };
        else
        {
            var examples = kind.Definition.Examples;
            if (request.Example < 0 || request.Example >= Math.Max(examples.Count, 1))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["example"] = [$"The {kind.Id} kind has {examples.Count} examples: use 0 to {examples.Count - 1}."] });
            var body = examples.Count == 0 ? $"Could you make an exception for us on {kind.Definition.Title.ToLowerInvariant()}?" : examples[request.Example!.Value];
            email = TemplateValidator.SampleCustomer with { Subject = kind.Definition.Title, Body = body };
        }
        var unknownAlternatives = (request.Alternatives ?? []).Where(a => !kind.AlternativeTexts.ContainsKey(a)).ToList();
        if (unknownAlternatives.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["alternatives"] = [$"Not alternatives of the {kind.Id} kind: {string.Join(", ", unknownAlternatives.Select(AsksApi.Shorten))}."] });

        var classification = classifier.Classify(catalog, email.Subject, email.Body!);
        var previews = audiences.Distinct().Select(a => validator.Preview(catalog, kind, a, email, classification,
            request.Fields ?? [], request.Alternatives, request.TheyAreRightAbout, user, ct)).ToList();
        return TypedResults.Ok(new PreviewResponse(kind.Id, new PreviewEmailDto(email.Subject ?? "", email.Body!), problems, previews,
            catalog.ForEmail(email.From?.Email).Pack?.Id));
    }

    private static async Task<Results<Created<KindSummary>, ValidationProblem, ProblemHttpResult>> CreateKind(CreateKindRequest? request,
        CatalogStore catalogs, TemplateSaves saves, SayNoDb db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var current = await catalogs.GetAsync(db, ct);
        var errors = new Dictionary<string, string[]>();
        var id = request?.Id?.Trim() ?? "";
        if (!KindCatalog.KindIdRegex().IsMatch(id)) errors["id"] = ["Lower case letters, digits and '_', starting with a letter, at most 40 characters (for example 'sponsorship')."];
        if (string.IsNullOrWhiteSpace(request?.Title)) errors["title"] = ["A title is required (for example 'Sponsorship')."];
        else if (request.Title.Length > 80) errors["title"] = ["At most 80 characters."];
        if (request?.Description is { Length: > 500 }) errors["description"] = ["At most 500 characters."];
        var audience = request?.DefaultAudience ?? Audiences.Commercial;
        if (!Audiences.All.Contains(audience)) errors["defaultAudience"] = [$"Use {string.Join(", ", Audiences.All)}."];
        Kind? source = null;
        if (request?.CopyFrom is { } from && ((source = current.Find(from)) is null || !source.Definition.Refusable))
            errors["copyFrom"] = [$"'{AsksApi.Shorten(from)}' is not a refusable kind: use {string.Join(", ", current.Kinds.Values.Where(k => k.Definition.Refusable).Select(k => k.Id))}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (current.Find(id) is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The kind exists", detail: $"There is already a kind '{id}'.", type: Problems + "kind-exists");

        var definition = new KindDefinition
        {
            Id = id,
            Title = request!.Title!.Trim(),
            Description = request.Description?.Trim() ?? "",
            DefaultAudience = audience,
            // A new kind starts with no cues or examples: it is drafted when an account manager picks it,
            // and classified once an admin adds example sentences.
            DataPoints = source?.Definition.DataPoints ?? [],
            Alternatives = source?.Definition.Alternatives ?? StarterAlternatives,
        };
        var changes = new List<DocumentChange>
        {
            new($"{id}/kind.json", JsonSerializer.Serialize(definition, CatalogArchive.Indented) + "\n", Version(current, $"{id}/kind.json")),
        };
        foreach (var a in Audiences.All)
            changes.Add(new($"{id}/{a}.scriban", source?.Templates[a].Source ?? StarterTemplate, Version(current, $"{id}/{a}.scriban")));
        var outcome = await saves.SaveAsync(changes, "create", source is null ? "New kind from the starter." : $"New kind, copied from {source.Id}.", user, ct);
        if (outcome is not SaveOutcome.Saved) return Answer(outcome, http).Result switch
        {
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => throw new InvalidOperationException(),
        };
        var response = await GetCatalog(catalogs, db, ct);
        var created = response.Value!.Kinds.First(k => k.Id == id);
        return TypedResults.Created($"/api/templates/documents/{id}/kind.json", created);
    }

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> RetireKind(string id, CommentRequest? request,
        CatalogStore catalogs, TemplateSaves saves, SayNoDb db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var current = await catalogs.GetAsync(db, ct);
        var kind = current.Find(id);
        if (kind is null)
            return TypedResults.Problem(statusCode: 404, title: "No such kind", detail: $"There is no kind '{AsksApi.Shorten(id)}' in force.", type: Problems + "not-found");
        if (!kind.Definition.Refusable)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["The 'other' kind cannot be retired: emails that ask for nothing need it."] });
        var (expected, precondition) = Precondition(http, allowCreate: false);
        if (precondition is not null) return precondition;
        var path = $"{id}/kind.json";
        if (expected == AnyVersion) expected = current.Documents[path].Version;
        var outcome = await saves.SaveAsync([new DocumentChange(path, null, expected)], "retire", request?.Comment ?? $"Retired the {id} kind.", user, ct);
        return Answer(outcome, http);
    }

    private static async Task<Ok<List<ConflictDto>>> GetConflicts(SayNoDb db, CancellationToken ct)
    {
        var conflicts = await db.TemplateFolder.AsNoTracking().Where(f => f.ConflictContent != null).OrderBy(f => f.Path).ToListAsync(ct);
        var paths = conflicts.Select(c => c.Path).ToList();
        var current = (await TemplateStore.CurrentAsync(db, ct)).Where(r => paths.Contains(r.Path)).ToDictionary(r => r.Path);
        return TypedResults.Ok(conflicts.Select(c => new ConflictDto(c.Path, current.GetValueOrDefault(c.Path)?.Version, current.GetValueOrDefault(c.Path)?.Content,
            c.ConflictContent!, c.FolderSha256, c.ConflictReason, c.ConflictAtUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null)).ToList());
    }

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> ResolveConflict(ResolveConflictRequest? request,
        TemplateSaves saves, SayNoDb db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request?.Keep is not ("folder" or "database") || string.IsNullOrEmpty(request.Path))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrEmpty(request?.Path) ? "path" : "keep"] = [string.IsNullOrEmpty(request?.Path) ? "The path of the conflict is required." : "Use 'folder' or 'database'."],
            });
        var conflict = await db.TemplateFolder.FirstOrDefaultAsync(f => f.Path == request.Path && f.ConflictContent != null, ct);
        if (conflict is null)
            return TypedResults.Problem(statusCode: 404, title: "No such conflict", detail: $"'{AsksApi.Shorten(request.Path)}' has no folder change waiting.", type: Problems + "not-found");
        var current = await Latest(db, request.Path, ct);
        if (request.Keep == "folder")
        {
            var outcome = await saves.SaveAsync([new DocumentChange(request.Path, conflict.ConflictContent, current?.Version)], "conflict",
                "Took the templates folder's version.", user, ct);
            if (outcome is not SaveOutcome.Saved) return Answer(outcome, http);
            current = await Latest(db, request.Path, ct);
        }
        db.ChangeTracker.Clear();
        await db.TemplateFolder.Where(f => f.Path == request.Path)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ConflictContent, (string?)null).SetProperty(f => f.ConflictVersion, (int?)null)
                .SetProperty(f => f.ConflictAtUtc, (DateTime?)null).SetProperty(f => f.ConflictReason, (string?)null), ct);
        if (current is null) return NotFound(request.Path);
        http.Response.Headers.ETag = ETag(current.Version);
        return TypedResults.Ok(DocumentDto.From(current));
    }

    // ---- helpers

    public const int AnyVersion = -1;

    /// <summary>The version the client edited, from If-Match ("3", W/"3", or * for whatever is current);
    /// null with If-None-Match: * (create). No header: 428.</summary>
    internal static (int? Expected, ProblemHttpResult? Problem) Precondition(HttpContext http, bool allowCreate = true)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
        {
            if (allowCreate && http.Request.Headers.IfNoneMatch.ToString().Trim() == "*") return (null, null);
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required",
                detail: "Send If-Match with the ETag of the version you edited (from GET), so that a save never overwrites someone else's." +
                        (allowCreate ? " To create a new document, send If-None-Match: *." : ""),
                type: Problems + "precondition-required"));
        }
        if (ifMatch == "*") return (AnyVersion, null);
        var tag = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        if (tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' && int.TryParse(tag[1..^1], out var version) && version > 0) return (version, null);
        return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "If-Match is not a version",
            detail: $"If-Match must be the ETag from GET, such as \"3\"; got {AsksApi.Shorten(ifMatch)}.", type: Problems + "bad-precondition"));
    }

    internal static Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult> Answer(SaveOutcome outcome, HttpContext http)
    {
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                var record = saved.Versions[0];
                http.Response.Headers.ETag = ETag(record.Version);
                return TypedResults.Ok(DocumentDto.From(record));
            case SaveOutcome.Invalid invalid:
                return Invalid(invalid.Report.Problems);
            case SaveOutcome.Stale stale:
                return Stale(stale.Path, stale.Expected, stale.Current);
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The catalog is changing",
                    detail: "Other changes kept landing while this one was validated; try again.", type: Problems + "busy");
        }
    }

    internal static ValidationProblem Invalid(IReadOnlyList<TemplateProblem> problems)
    {
        var errors = problems.GroupBy(p => p.Path).ToDictionary(g => g.Key,
            g => g.Select(p => (p.Line is null ? "" : $"({p.Line},{p.Column}) ") + (p.Kind is null ? "" : $"[{p.Kind}/{p.Audience}] ") + p.Message).Distinct().Take(20).ToArray());
        return TypedResults.ValidationProblem(errors, title: "The change was not saved",
            detail: $"{problems.Count} problem(s): fix them and save again. Nothing was saved.",
            type: Problems + "template-invalid", extensions: new Dictionary<string, object?> { ["problems"] = problems });
    }

    internal static ProblemHttpResult Stale(string path, int? expected, int? current) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Someone saved a newer version",
        detail: expected is null
            ? $"{path} already exists (version {current}): load it and edit that."
            : $"You edited version {expected} of {path}, but version {current?.ToString() ?? "(none)"} is current. Load it, merge your change, and save again.",
        type: Problems + "stale-version",
        extensions: new Dictionary<string, object?> { ["path"] = path, ["yourVersion"] = expected, ["currentVersion"] = current });

    private static ProblemHttpResult NotFound(string path) => TypedResults.Problem(statusCode: 404, title: "No such document",
        detail: CatalogDocuments.IsValidPath(path) ? $"There is no document '{path}'." : PathHelp(path), type: Problems + "not-found");

    private static ProblemHttpResult VersionNotFound(long id) => TypedResults.Problem(statusCode: 404, title: "No such version",
        detail: $"There is no version with id {id}.", type: Problems + "not-found");

    private static string PathHelp(string? path) =>
        $"'{AsksApi.Shorten(path ?? "")}' is not a document path: use facts.json, flags.json, audiences.json, _partials/<name>.scriban, <kind>/kind.json or <kind>/<commercial|technical|finance>.scriban.";

    internal static string ETag(int version) => $"\"{version}\"";

    internal static Task<TemplateVersionRecord?> Latest(SayNoDb db, string path, CancellationToken ct) =>
        db.TemplateVersions.AsNoTracking().Where(v => v.Path == path).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

    private static int? Version(KindCatalog catalog, string path) => catalog.Documents.TryGetValue(path, out var d) ? d.Version : null;

    internal static Dictionary<string, string[]> CheckChanges(List<ChangeDto>? changes, bool required)
    {
        var errors = new Dictionary<string, string[]>();
        if (changes is null || changes.Count == 0)
        {
            if (required) errors["changes"] = ["Give at least one change: { path, content }."];
            return errors;
        }
        if (changes.Count > 50) errors["changes"] = ["At most 50 changes at once."];
        for (var i = 0; i < changes.Count && i < 50; i++)
        {
            var c = changes[i];
            if (c is null || string.IsNullOrEmpty(c.Path) || !CatalogDocuments.IsValidPath(c.Path)) errors[$"changes[{i}].path"] = [PathHelp(c?.Path)];
            if (c?.Content is null) errors[$"changes[{i}].content"] = ["The content is required."];
            else if (c.Content.Length > MaxContentChars) errors[$"changes[{i}].content"] = [$"At most {MaxContentChars:N0} characters."];
        }
        if (changes.Where(c => c?.Path is not null).GroupBy(c => c.Path).Any(g => g.Count() > 1)) errors["changes"] = ["Each path at most once."];
        return errors;
    }

    private static readonly List<AlternativeDefinition> StarterAlternatives =
    [
        new() { Id = "call", Title = "A call to find another way", Text = "I can set up a half-hour call this week to look at what we can do within our terms.", Default = true },
    ];

    private const string StarterTemplate = """
        {{~ include 'greeting' ~}}
        Thank you for your message about {{ ask.title | string.downcase }}. I looked into it properly before answering.

        We can't agree to this, because our terms only work if they are the same for everyone: {{ facts.activeCustomers.value }} customers work with us on the same basis, and an exception for one would be unfair to the rest.

        {{~ include 'right_about' ~}}
        {{~ include 'pressure' ~}}
        {{~ include 'alternatives' ~}}
        {{~ include 'closing' ~}}

        """;
}
