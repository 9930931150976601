using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;

namespace OutlookSayNo.Drafts;

public sealed record DraftEventRequest(string? Type, string? Mode);

public sealed record DraftEventResponse(long Id, string DraftId, string Type, string? Mode, DateTime At);

/// <summary>What happened to a draft after it was generated. The pane records <c>inserted</c>;
/// <c>sent</c> and <c>discarded</c> come from the send handler and the pane.</summary>
public static class DraftEvents
{
    public static readonly string[] Types = ["inserted", "sent", "discarded"];
    public static readonly string[] Modes = ["reply", "replyAll", "compose"];

    internal static async Task<Results<Created<DraftEventResponse>, ValidationProblem, ProblemHttpResult>> Record(
        string id, DraftEventRequest request, SayNoDb db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Type is null || !Types.Contains(request.Type))
            errors["type"] = [$"'{Shorten(request.Type)}' is not an event type: use {string.Join(", ", Types)}."];
        if (request.Mode is not null && !Modes.Contains(request.Mode))
            errors["mode"] = [$"'{Shorten(request.Mode)}' is not a mode: use {string.Join(", ", Modes)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var draft = await db.Drafts.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.UserId }).SingleOrDefaultAsync(ct);
        if (draft is null)
            return TypedResults.Problem(statusCode: 404, title: "Draft not found", detail: $"There is no draft '{Shorten(id)}'.");
        if (draft.UserId != user.UserId())
            return TypedResults.Problem(statusCode: 403, title: "Not your draft",
                detail: "Events can only be recorded by the account manager the draft was made for.");

        var record = new DraftEventRecord
        {
            DraftId = id,
            Type = request.Type!,
            Mode = request.Mode,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = user.UserId(),
            UserName = user.DisplayName(),
        };
        db.DraftEvents.Add(record);
        await db.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Created($"/api/drafts/{id}/events/{record.Id}",
            new DraftEventResponse(record.Id, id, record.Type, record.Mode, record.AtUtc));
    }

    private static string Shorten(string? s) => s is null ? "" : Asks.AsksApi.Shorten(s);
}
