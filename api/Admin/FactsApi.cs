using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Admin;

/// <summary>A fact as the table shows it. No value: this business does not have the figure, and no reply
/// cites it. Currency: for money, when it differs from the table's.</summary>
public sealed record FactDto(string? Name, decimal? Value, string? Unit, string? Label, string? Currency = null);
public sealed record FactsResponse(int Version, string Currency, IReadOnlyList<FactDto> Facts);
public sealed record FactsRequest(string? Currency, List<FactDto>? Facts, string? Comment);

/// <summary>The facts (policy figures the replies cite) as a table: the facts.json document, read and
/// saved through the same versioned, validated path as every template.</summary>
public static class FactsApi
{
    public const int MaxFacts = 500;

    public static RouteGroupBuilder MapFacts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/facts")
            .WithTags("Templates")
            .RequireAuthorization(TemplatesApi.ReadPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", Get).WithName("GetFacts").WithSummary("The facts table and currency (ETag: the facts.json version)");
        group.MapPut("", Put).WithName("SaveFacts").RequireAuthorization(Roles.TemplateAdmin)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024)).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Save the facts table (If-Match: the version you edited); every kind is re-rendered and checked first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return group;
    }

    private static async Task<Ok<FactsResponse>> Get(CatalogStore catalogs, SayNoDb db, HttpContext http, CancellationToken ct)
    {
        var catalog = await catalogs.GetAsync(db, ct);
        var doc = catalog.Documents[CatalogDocuments.Facts];
        var file = JsonSerializer.Deserialize(doc.Content!, CatalogJson.Default.FactsFile)!;
        http.Response.Headers.ETag = TemplatesApi.ETag(doc.Version);
        return TypedResults.Ok(new FactsResponse(doc.Version, file.Currency, file.Facts.Select(f => new FactDto(f.Name, f.Value, f.Unit, f.Label, f.Currency)).ToList()));
    }

    private static async Task<Results<Ok<FactsResponse>, ValidationProblem, ProblemHttpResult>> Put(FactsRequest? request, TemplateSaves saves,
        CatalogStore catalogs, SayNoDb db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Facts is null) errors["facts"] = ["The facts are required: [{ name, value, unit, label }]."];
        else if (request.Facts.Count > MaxFacts) errors["facts"] = [$"At most {MaxFacts} facts."];
        else
            for (var i = 0; i < request.Facts.Count; i++)
            {
                var f = request.Facts[i];
                if (f is null) { errors[$"facts[{i}]"] = ["A fact is required here."]; continue; }
                if (string.IsNullOrWhiteSpace(f.Name)) errors[$"facts[{i}].name"] = ["A name is required."];
                if (string.IsNullOrWhiteSpace(f.Unit)) errors[$"facts[{i}].unit"] = [$"Use one of {string.Join(", ", KindCatalog.DataUnits)}."];
                if (string.IsNullOrWhiteSpace(f.Label)) errors[$"facts[{i}].label"] = ["A label is required: it says what the figure is."];
                else if (f.Label.Length > 200) errors[$"facts[{i}].label"] = ["At most 200 characters."];
            }
        if (request?.Comment is { Length: > TemplatesApi.MaxCommentChars }) errors["comment"] = [$"At most {TemplatesApi.MaxCommentChars} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (expected, precondition) = TemplatesApi.Precondition(http, allowCreate: false);
        if (precondition is not null) return precondition;
        var current = await catalogs.GetAsync(db, ct);
        if (expected == TemplatesApi.AnyVersion) expected = current.Documents[CatalogDocuments.Facts].Version;
        var content = Serialize(request!.Currency ?? current.Currency, request.Facts!);
        var outcome = await saves.SaveAsync([new DocumentChange(CatalogDocuments.Facts, content, expected)], "edit", request.Comment, user, ct);
        if (outcome is not SaveOutcome.Saved saved) return TemplatesApi.Answer(outcome, http).Result switch
        {
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => throw new InvalidOperationException(),
        };
        http.Response.Headers.ETag = TemplatesApi.ETag(saved.Versions[0].Version);
        return TypedResults.Ok(new FactsResponse(saved.Versions[0].Version, request.Currency ?? current.Currency, request.Facts!));
    }

    /// <summary>facts.json as the seed file lays it out: one fact per line, so a diff shows one line per changed fact.</summary>
    public static string Serialize(string currency, IReadOnlyList<FactDto> facts)
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"currency\": ").Append(JsonSerializer.Serialize(currency)).Append(",\n  \"facts\": [\n");
        for (var i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            sb.Append("    { \"name\": ").Append(Json(f.Name!.Trim()))
              .Append(", \"value\": ").Append(f.Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null")
              .Append(", \"unit\": ").Append(Json(f.Unit!.Trim()))
              .Append(", \"label\": ").Append(Json(f.Label!.Trim()));
            if (!string.IsNullOrWhiteSpace(f.Currency)) sb.Append(", \"currency\": ").Append(Json(f.Currency.Trim().ToUpperInvariant()));
            sb.Append(" }").Append(i + 1 < facts.Count ? ",\n" : "\n");
        }
        sb.Append("  ]\n}\n");
        return sb.ToString();
    }

    private static string Json(string s) => JsonSerializer.Serialize(s, CatalogArchive.Indented);
}
