using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OutlookSayNo.Infrastructure;

/// <summary>Gives each tag of the OpenAPI document (the features' WithTags) a description, so a reader of
/// Swagger UI or a generated client knows what each group is for. A tag missing here stays without one,
/// and the OpenAPI lint test names it.</summary>
public sealed class OpenApiTags : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["Classify"] = "Read a customer's email: the primary ask with its evidence, secondary asks, threat and abuse flags, figures and the suggested audience.",
        ["Drafts"] = "Draft a reply that says no, record what happened to it (inserted, sent, discarded), and save or confirm it in the user's mailbox.",
        ["Templates"] = "The template catalog and the facts the drafts cite: read by every role, changed by template admins, with versions, diffs and an audit.",
        ["Compliance"] = "The tamper-evident log of drafts and events, its review by compliance reviewers, the dashboard and the export.",
        ["Add-in"] = "What Outlook needs to load the add-in: the manifest, the sign-in settings of the pane and the on-send script allow-list.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var used = document.Paths.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags?.Select(t => t.Name) ?? [])
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = Descriptions.GetValueOrDefault(name),
        }));
    }
}
