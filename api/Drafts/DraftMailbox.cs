using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;
using OutlookSayNo.Mailbox;

namespace OutlookSayNo.Drafts;

/// <summary>Save the reply into the user's Drafts folder (reply or reply-all), with the manager in Cc
/// when asked. <c>html</c>: the reply as shown or edited in the pane; the generated one when absent.</summary>
public sealed record ReplyDraftRequest(string? MessageId, bool? ReplyAll, bool? CcManager, string? Html);

public sealed record ReplyDraftResponse(string DraftId, string MailboxMessageId, string? WebLink, IReadOnlyList<Recipient> To,
    IReadOnlyList<Recipient> Cc, bool ManagerCopied, Recipient? Manager);

public sealed record ConfirmSentResponse(string DraftId, bool AlreadyRecorded, DateTime? SentAt, DraftEventResponse? Event);

/// <summary>The inserted record of a reply saved through the mailbox.</summary>
public sealed record MailboxInsertPayload(string Mode, string Source, string MailboxMessageId, string? ConversationId,
    IReadOnlyList<Recipient> To, IReadOnlyList<Recipient> Cc, Recipient? Manager, string BodySha256, int? Revision = null);

/// <summary>The draft routes that work in the user's mailbox through Microsoft Graph.</summary>
public static class DraftMailbox
{
    public const string NotSentYet = MailboxProblems.Base + "not-sent-yet";
    public const int MaxHtmlChars = 200_000;

    internal static async Task<Results<Created<ReplyDraftResponse>, ValidationProblem, ProblemHttpResult>> SaveReply(
        string id, ReplyDraftRequest request, SayNoDb db, LogWriter log, IMailbox mailbox, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.MessageId)) errors["messageId"] = ["The REST id of the customer's message is required (Office.context.mailbox.convertToRestId)."];
        else if (request.MessageId.Length > EmailInput.MaxItemIdChars) errors["messageId"] = [$"The message id is longer than {EmailInput.MaxItemIdChars:N0} characters."];
        if (request.Html is not null && string.IsNullOrWhiteSpace(request.Html)) errors["html"] = ["The reply is empty: leave html out to save the generated reply."];
        else if (request.Html is { Length: > MaxHtmlChars }) errors["html"] = [$"At most {MaxHtmlChars:N0} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (draft, refused) = await OwnDraftAsync(db, id, user, ct);
        if (refused is not null) return refused;
        if (DraftLifecycle.Check(draft!.Status, draft.SentWarned, LogTypes.Inserted) is { } refusal) return refusal.Result();

        var html = request.Html ?? ReplyText.ToHtml(await GeneratedTextAsync(db, draft.GeneratedSeq, ct));
        var replyAll = request.ReplyAll ?? false;
        try
        {
            MailPerson? manager = request.CcManager == true ? await mailbox.GetManagerAsync(ct) : null;
            var saved = await mailbox.CreateReplyDraftAsync(request.MessageId!, replyAll, html, manager is null ? [] : [manager], id, ct);
            var to = saved.To.Select(ToRecipient).ToList();
            var cc = saved.Cc.Select(ToRecipient).ToList();
            var witness = manager is null ? null : ToRecipient(manager);
            var payload = new MailboxInsertPayload(replyAll ? "replyAll" : "reply", "mailbox", saved.MessageId, saved.ConversationId, to, cc, witness,
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(html))), draft.Revision);
            // Html given is the account manager's own text: it changes what a reviewer may have judged.
            var record = await DraftEvents.AppendInsertedAsync(log, draft.DraftId, user, LogChain.Payload(payload), edited: request.Html is not null);
            return TypedResults.Created($"/api/drafts/{id}/events/{record.Seq}",
                new ReplyDraftResponse(id, saved.MessageId, saved.WebLink, to, cc, witness is not null, witness));
        }
        catch (DraftLifecycle.Conflict conflict)
        {
            return conflict.Refusal.Result();
        }
        catch (MailboxException e)
        {
            return MailboxProblems.Result(e, http);
        }
    }

    internal static async Task<Results<Ok<ConfirmSentResponse>, ProblemHttpResult>> ConfirmSent(
        string id, SayNoDb db, LogWriter log, CatalogStore catalogs, IMailbox mailbox, ClaimsPrincipal user, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (draft, refused) = await OwnDraftAsync(db, id, user, ct);
        if (refused is not null) return refused;
        if (draft!.Status == LogTypes.Sent)
            return TypedResults.Ok(new ConfirmSentResponse(id, true, Utc(draft.SentAtUtc), null));

        // The thread to look in: the customer's email's conversation, else the one of a reply saved here.
        var payloads = await db.Log.AsNoTracking()
            .Where(r => r.DraftId == draft.DraftId && (r.Type == LogTypes.Generated || r.Type == LogTypes.Inserted))
            .OrderBy(r => r.Seq).Select(r => r.Payload).ToListAsync(ct);
        string? conversationId = null, mode = null;
        foreach (var payload in payloads)
        {
            var root = JsonDocument.Parse(payload).RootElement;
            if (root.TryGetProperty("email", out var email) && email.TryGetProperty("conversationId", out var c) && c.GetString() is { Length: > 0 } fromEmail)
                conversationId ??= fromEmail;
            if (root.TryGetProperty("conversationId", out var saved) && saved.GetString() is { Length: > 0 } fromSaved) conversationId ??= fromSaved;
            if (root.TryGetProperty("mode", out var m) && m.GetString() is { } insertMode) mode = insertMode;
        }
        try
        {
            var found = await mailbox.FindSentReplyAsync(id, conversationId, draft.CreatedAtUtc, ct);
            if (found is null)
                return TypedResults.Problem(statusCode: 404, type: NotSentYet, title: "Not in Sent Items yet",
                    detail: conversationId is null
                        ? "No sent reply carries this draft's mark, and the email's conversation is not known, so no other reply can be matched. Send it, then check again."
                        : "No reply to this email has been sent since the draft was made. Send it, then check again.");
            var report = new DraftEvents.SentReport(mode, found.Body, found.To.Select(ToRecipient).ToList(), found.Cc.Select(ToRecipient).ToList(),
                false, "mailbox:" + found.MatchedBy, DateTime.SpecifyKind(found.SentAtUtc, DateTimeKind.Utc));
            try
            {
                var sent = await DraftEvents.AppendSentAsync(report, id, draft, db, log, catalogs, user, clock, ct);
                return TypedResults.Ok(new ConfirmSentResponse(id, false, report.MailboxSentAtUtc, sent));
            }
            catch (DraftLifecycle.Conflict)
            {
                // The on-send handler reported it while we looked in Sent Items: the first report stands.
                var row = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draft.DraftId, ct);
                return TypedResults.Ok(new ConfirmSentResponse(id, true, Utc(row.SentAtUtc), null));
            }
        }
        catch (MailboxException e)
        {
            return MailboxProblems.Result(e, http);
        }
    }

    private static async Task<(EventTarget? Draft, ProblemHttpResult? Refused)> OwnDraftAsync(SayNoDb db, string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var draft = await EventTarget.FindAsync(db, id, ct);
        if (draft is null)
            return (null, TypedResults.Problem(statusCode: 404, title: "Draft not found", detail: $"There is no draft '{AsksApi.Shorten(id)}'."));
        if (draft.UserId != user.UserId())
            return (null, TypedResults.Problem(statusCode: 403, title: "Not your draft", detail: "Only the account manager the draft was made for can use it in their mailbox."));
        return (draft, null);
    }

    private static async Task<string> GeneratedTextAsync(SayNoDb db, long seq, CancellationToken ct)
    {
        var payload = await db.Log.AsNoTracking().Where(r => r.Seq == seq).Select(r => r.Payload).SingleAsync(ct);
        return JsonDocument.Parse(payload).RootElement.GetProperty("text").GetString() ?? "";
    }

    private static Recipient ToRecipient(MailPerson p) => new(p.Name, p.Email);

    private static DateTime? Utc(DateTime? at) => at is null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc);
}
