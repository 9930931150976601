using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Checks;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Drafts;

public sealed record Recipient(string? Name, string? Email);

/// <summary>An event on a draft. <c>sent</c> carries the final body (text or HTML as Outlook gives it)
/// and the recipients; the server keeps the newest message of it and judges it with the draft checks.
/// <c>inserted</c> may carry <c>body</c>: the plain text the account manager inserted after editing it
/// in the pane; absent means the generated text was inserted as it was.</summary>
public sealed record DraftEventRequest(string? Type, string? Mode, string? Body, List<Recipient>? To, List<Recipient>? Cc, bool? Warned);

public sealed record DraftEventResponse(long Id, string DraftId, string Type, string? Mode, DateTime At,
    ChecksDto? Checks = null, IReadOnlyList<string>? CheckNotes = null, bool? Unchanged = null, bool? Confirm = null, IReadOnlyList<string>? Reasons = null);

/// <summary>The sent record's content in the log.</summary>
/// <summary>The sent record's content in the log. <c>Source</c>: null when the on-send handler reported
/// it, <c>mailbox:mark</c> or <c>mailbox:conversation</c> when it was found in Sent Items (by the draft's
/// mark, or as the user's next message in the thread), with the time Outlook sent it.</summary>
public sealed record SentPayload(string? Mode, string Text, IReadOnlyList<Recipient> To, IReadOnlyList<Recipient> Cc,
    ChecksDto Checks, IReadOnlyList<string> CheckNotes, bool Unchanged, bool Warned, string BodySha256,
    string? Source = null, DateTime? MailboxSentAtUtc = null,
    // The revision of the draft this reply was made from (1, 2, …); absent on records logged before revisions.
    int? Revision = null);

public sealed record EventPayload(string? Mode, int? Revision = null);

/// <summary>The inserted record's content in the log: whether the text inserted differs from the
/// generated one (whitespace aside), and that text when it does, so a reviewer sees what was inserted.</summary>
public sealed record InsertedPayload(string? Mode, bool Edited, string? Text, int? Revision = null);

/// <summary>The draft and revision an event names. Events are posted with the id the pane was given for
/// the text it showed, a revision's; the first revision's id is the draft's, so ids from before revisions
/// still work.</summary>
internal sealed record EventTarget(string DraftId, int Revision, long GeneratedSeq, string UserId, string Status, bool SentWarned,
    DateTime CreatedAtUtc, DateTime? SentAtUtc)
{
    public static Task<EventTarget?> FindAsync(SayNoDb db, string id, CancellationToken ct) =>
        (from r in db.DraftRevisions.AsNoTracking()
         where r.Id == id
         join d in db.Drafts.AsNoTracking() on r.DraftId equals d.Id
         select new EventTarget(d.Id, r.Number, r.Seq, d.UserId, d.Status, d.SentWarned, d.CreatedAtUtc, d.SentAtUtc)).SingleOrDefaultAsync(ct);
}

/// <summary>What happened to a draft after it was generated. The pane records <c>inserted</c> and
/// <c>discarded</c>; the on-send handler records <c>sent</c> with the final text, and learns from the
/// answer whether to ask the sender to confirm (the reply no longer says no, offers nothing, or is rude).</summary>
public static partial class DraftEvents
{
    public static readonly string[] Types = [LogTypes.Inserted, LogTypes.Sent, LogTypes.Discarded];
    public static readonly string[] Modes = ["reply", "replyAll", "compose"];
    public const int MaxBodyChars = 200_000;
    public const int MaxRecipients = 500;

    internal static async Task<Results<Created<DraftEventResponse>, ValidationProblem, ProblemHttpResult>> Record(
        string id, DraftEventRequest request, SayNoDb db, LogWriter log, CatalogStore catalogs, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Type is null || !Types.Contains(request.Type))
            errors["type"] = [$"'{Shorten(request.Type)}' is not an event type: use {string.Join(", ", Types)}."];
        if (request.Mode is not null && !Modes.Contains(request.Mode))
            errors["mode"] = [$"'{Shorten(request.Mode)}' is not a mode: use {string.Join(", ", Modes)}."];
        if (request.Type == LogTypes.Sent)
        {
            if (string.IsNullOrWhiteSpace(request.Body)) errors["body"] = ["A sent event needs the final body as sent."];
            else if (request.Body.Length > MaxBodyChars) errors["body"] = [$"At most {MaxBodyChars:N0} characters."];
            if ((request.To?.Count ?? 0) + (request.Cc?.Count ?? 0) > MaxRecipients) errors["to"] = [$"At most {MaxRecipients} recipients."];
            foreach (var (r, i) in (request.To ?? []).Concat(request.Cc ?? []).Select((r, i) => (r, i)))
                if (r is null || r.Email is null or { Length: > 320 } || r.Name is { Length: > 320 }) { errors["to"] = ["Each recipient needs an email of at most 320 characters."]; break; }
        }
        else
        {
            if (request.Type == LogTypes.Inserted && request.Body is not null)
            {
                if (string.IsNullOrWhiteSpace(request.Body)) errors["body"] = ["The inserted text is empty: leave body out when the generated text was inserted."];
                else if (request.Body.Length > MaxBodyChars) errors["body"] = [$"At most {MaxBodyChars:N0} characters."];
            }
            else if (request.Body is not null) errors["body"] = ["Only a sent or an inserted event carries a body."];
            if (request.To is not null || request.Cc is not null) errors["to"] = ["Only a sent event carries recipients."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var draft = await EventTarget.FindAsync(db, id, ct);
        if (draft is null)
            return TypedResults.Problem(statusCode: 404, title: "Draft not found",
                detail: $"There is no draft '{Shorten(id)}'. A reply that was not drafted here is not logged.");
        if (draft.UserId != user.UserId())
            return TypedResults.Problem(statusCode: 403, title: "Not your draft",
                detail: "Events can only be recorded by the account manager the draft was made for.");
        if (DraftLifecycle.Check(draft.Status, draft.SentWarned, request.Type!) is { } refusal) return refusal.Result();

        try
        {
            if (request.Type == LogTypes.Inserted)
            {
                var payload = await InsertedPayloadAsync(db, draft.GeneratedSeq, request.Mode, request.Body, ct) with { Revision = draft.Revision };
                var inserted = await AppendInsertedAsync(log, draft.DraftId, user, LogChain.Payload(payload), payload.Edited);
                return TypedResults.Created($"/api/drafts/{id}/events/{inserted.Seq}",
                    new DraftEventResponse(inserted.Seq, id, request.Type, request.Mode, DateTime.SpecifyKind(inserted.AtUtc, DateTimeKind.Utc)));
            }
            if (request.Type == LogTypes.Discarded)
            {
                var records = await log.AppendAsync([new LogEntry(request.Type, draft.DraftId, user.UserId(), user.DisplayName(),
                        LogChain.Payload(new EventPayload(request.Mode, draft.Revision)))],
                    async (d, recs, c) =>
                    {
                        var row = await d.Drafts.SingleAsync(x => x.Id == draft.DraftId, c);
                        DraftLifecycle.Enforce(row, LogTypes.Discarded);
                        row.Status = LogTypes.Discarded;
                    });
                return TypedResults.Created($"/api/drafts/{id}/events/{records[0].Seq}",
                    new DraftEventResponse(records[0].Seq, id, request.Type, request.Mode, DateTime.SpecifyKind(records[0].AtUtc, DateTimeKind.Utc)));
            }

            var sent = await AppendSentAsync(new SentReport(request.Mode, request.Body!, Clean(request.To), Clean(request.Cc), request.Warned ?? false, null, null),
                id, draft, db, log, catalogs, user, clock, ct);
            return TypedResults.Created($"/api/drafts/{id}/events/{sent.Id}", sent);
        }
        catch (DraftLifecycle.Conflict conflict)
        {
            return conflict.Refusal.Result();
        }
    }

    /// <summary>Appends an <c>inserted</c> record to draft <paramref name="draftId"/> and marks it inserted. Throws
    /// <see cref="DraftLifecycle.Conflict"/> when the draft was sent or discarded meanwhile; an edited
    /// text reopens a review given before it.</summary>
    internal static async Task<LogRecord> AppendInsertedAsync(LogWriter log, string draftId, ClaimsPrincipal user, string payload, bool edited)
    {
        var records = await log.AppendAsync([new LogEntry(LogTypes.Inserted, draftId, user.UserId(), user.DisplayName(), payload)],
            async (d, recs, c) =>
            {
                var row = await d.Drafts.SingleAsync(x => x.Id == draftId, c);
                DraftLifecycle.Enforce(row, LogTypes.Inserted);
                row.InsertedAtUtc = recs[0].AtUtc;
                row.Status = LogTypes.Inserted;
                if (DraftLifecycle.ChangesReviewedText(LogTypes.Inserted, edited)) DraftLifecycle.ReopenReview(row);
            });
        return records[0];
    }

    /// <summary>What an inserted record says about the text: no body is the generated text as it was;
    /// a body is compared with the generated text, whitespace aside, and kept when it differs.</summary>
    internal static async Task<InsertedPayload> InsertedPayloadAsync(SayNoDb db, long generatedSeq, string? mode, string? body, CancellationToken ct)
    {
        if (body is null) return new InsertedPayload(mode, false, null);
        var generated = await db.Log.AsNoTracking().Where(r => r.Seq == generatedSeq).Select(r => r.Payload).SingleAsync(ct);
        var generatedText = System.Text.Json.JsonDocument.Parse(generated).RootElement.GetProperty("text").GetString() ?? "";
        var edited = IsEdited(generatedText, body);
        return new InsertedPayload(mode, edited, edited ? body.Trim() : null);
    }

    /// <summary>Edited: the text differs from the generated one other than in whitespace (line ends,
    /// spaces, blank lines at the ends), which a textarea or Outlook may change without anyone editing.</summary>
    public static bool IsEdited(string generated, string inserted) =>
        !string.Equals(Normalise(generated), Normalise(inserted), StringComparison.Ordinal);

    /// <summary>A sent reply as reported by the on-send handler or found in the mailbox.</summary>
    internal sealed record SentReport(string? Mode, string Body, List<Recipient> To, List<Recipient> Cc, bool Warned, string? Source, DateTime? MailboxSentAtUtc);

    /// <summary>Judges the sent text as the reviewer will see it (the six checks, unchanged or edited,
    /// whether to ask the sender to confirm) and appends the <c>sent</c> record. Throws
    /// <see cref="DraftLifecycle.Conflict"/> when a sent record landed meanwhile. The sent text is compared
    /// with the revision the event names (<paramref name="id"/>, answered back as is).</summary>
    internal static async Task<DraftEventResponse> AppendSentAsync(SentReport report, string id, EventTarget target, SayNoDb db, LogWriter log,
        CatalogStore catalogs, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var generated = await db.Log.AsNoTracking().Where(r => r.Seq == target.GeneratedSeq).Select(r => r.Payload).SingleAsync(ct);
        using var generatedDoc = System.Text.Json.JsonDocument.Parse(generated);
        var generatedText = generatedDoc.RootElement.GetProperty("text").GetString() ?? "";
        // The sent reply may rest on what its draft rested on: the draft's own text (checked when it was made)
        // and its data points. A figure or a finding added by hand after that has no source we know of.
        var dataPointValues = generatedDoc.RootElement.TryGetProperty("dataPoints", out var dps) && dps.ValueKind == System.Text.Json.JsonValueKind.Array
            ? dps.EnumerateArray().Select(d => d.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "").Where(v => v.Length > 0).ToList()
            : [];
        // A draft that owned our part may have granted the remedy outright: the sent text is judged the same way.
        var ownedOurPart = generatedDoc.RootElement.TryGetProperty("stance", out var stance) && stance.ValueKind == System.Text.Json.JsonValueKind.Object
            && stance.TryGetProperty("taken", out var taken) && taken.ValueKind == System.Text.Json.JsonValueKind.String && taken.GetString() == Stances.OwnPart;
        var sentText = NewestMessage(report.Body);
        var catalog = await catalogs.GetRecentAsync(db, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var check = DraftChecker.Check(sentText, catalog, today, Grounding.ForSent(generatedText, dataPointValues, catalog, today), ct, mayGrant: ownedOurPart);
        var c = check.Checks;
        var checks = ChecksDto.From(c);
        var unchanged = Unchanged(generatedText, sentText);
        var reasons = new List<string>();
        if (!c.SaysNo) reasons.Add(ownedOurPart ? "The reply no longer gives a clear answer." : "The reply no longer says no clearly.");
        if (!c.OffersAlternative) reasons.Add("The reply no longer offers an alternative.");
        if (!c.Respectful) reasons.Add("The reply has wording the customer may read as rude.");
        if (!c.Grounded) reasons.Add("The reply states a figure or a finding that neither the email, our facts nor the draft's data support.");
        // The handler asks the sender to confirm exactly when this answer says so.
        var warned = report.Warned || reasons.Count > 0;
        var payload = new SentPayload(report.Mode, sentText, report.To, report.Cc, checks, check.Notes, unchanged, warned,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(report.Body))),
            report.Source, report.MailboxSentAtUtc, target.Revision);
        var failed = CheckBits.Failed(c.SaysNo, c.GivesReason, c.CitesData, c.OffersAlternative, c.Respectful, c.Grounded);
        var sent = await log.AppendAsync([new LogEntry(LogTypes.Sent, target.DraftId, user.UserId(), user.DisplayName(), LogChain.Payload(payload))],
            async (d, recs, token) =>
            {
                var row = await d.Drafts.SingleAsync(x => x.Id == target.DraftId, token);
                DraftLifecycle.Enforce(row, LogTypes.Sent);
                DraftLifecycle.ReopenReview(row);
                // A held attempt's failed checks stay on the draft: a reviewer filtering on them still finds it.
                var heldFailed = row.Status == LogTypes.Sent ? row.SentFailed ?? 0 : 0;
                row.Status = LogTypes.Sent;
                row.SentAtUtc = recs[0].AtUtc;
                row.SentUnchanged = unchanged;
                row.SentFailed = failed | heldFailed;
                row.SentWarned = warned;
                row.SentSeq = recs[0].Seq;
            });
        return new DraftEventResponse(sent[0].Seq, id, LogTypes.Sent, report.Mode, DateTime.SpecifyKind(sent[0].AtUtc, DateTimeKind.Utc),
            checks, check.Notes, unchanged, reasons.Count > 0, reasons);
    }

    /// <summary>The reply as the account manager wrote it: the newest message of the sent body, without
    /// the quoted customer email below it.</summary>
    public static string NewestMessage(string body)
    {
        var read = EmailReader.Read(body);
        return read.Text[..read.MessageEnd].Trim();
    }

    /// <summary>Unchanged: the sent reply is the generated text, whitespace aside, followed by at most
    /// a signature block (Outlook adds the sender's).</summary>
    public static bool Unchanged(string generated, string sent)
    {
        var g = Normalise(generated);
        var s = Normalise(sent);
        return s.StartsWith(g, StringComparison.Ordinal) && s.Length - g.Length <= 300;
    }

    private static string Normalise(string text) => WhitespaceRegex().Replace(text, " ").Trim();

    private static List<Recipient> Clean(List<Recipient>? list) =>
        (list ?? []).Select(r => new Recipient(r.Name?.Trim(), r.Email!.Trim())).ToList();

    private static string Shorten(string? s) => s is null ? "" : AsksApi.Shorten(s);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
