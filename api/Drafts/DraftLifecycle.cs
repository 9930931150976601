using OutlookSayNo.Data;

namespace OutlookSayNo.Drafts;

/// <summary>The order a draft's events may come in, so the log means one thing:
/// generated → inserted (any number of times, the account manager may edit and insert again) → sent
/// (once). <c>discarded</c> may come only before <c>sent</c>. Two documented exceptions:
/// <list type="bullet">
/// <item>After <c>discarded</c> a <c>sent</c> is still taken: Outlook can send a reply whose draft the
/// pane let go, and the log must not lose what the customer received.</item>
/// <item>A <c>sent</c> that the server asked the sender to confirm (the on-send prompt) was held, not
/// sent: the sender may choose "don't send", change the reply and send again, and that send is checked
/// and logged too. The held attempt stays in the log, its failed checks stay on the draft, and the
/// review reopens.</item>
/// </list>
/// The state is the draft's, that is the email's: re-drafting the same email adds a revision to the
/// same draft (<see cref="Revise"/>), so "sent once" and the 409s hold per email, whichever revision an
/// event names.
/// Anything else is refused with 409, checked again inside the log's transaction so two racing reports
/// cannot both land.</summary>
public static class DraftLifecycle
{
    public const string Problems = "https://outlooksayno.dev/problems/";

    /// <summary>Why <paramref name="eventType"/> may not follow a draft in <paramref name="status"/>, or null.
    /// <paramref name="held"/>: the draft's sent record asked the sender to confirm.</summary>
    public static Refusal? Check(string status, bool held, string eventType) => (status, eventType) switch
    {
        (LogTypes.Sent, LogTypes.Sent) when held => null,
        (LogTypes.Sent, LogTypes.Sent) => new("already-sent", "Already sent",
            "This reply was already reported sent; a draft is sent once. The first report stays in the log as it was."),
        (LogTypes.Sent, _) => new("already-sent", "Already sent",
            $"This reply was already sent, so it can no longer be {Past(eventType)}."),
        (LogTypes.Discarded, LogTypes.Inserted) => new("discarded", "Draft discarded",
            "This draft was discarded; draft the reply again to insert it."),
        (LogTypes.Discarded, LogTypes.Discarded) => new("discarded", "Draft discarded", "This draft was already discarded."),
        _ => null,
    };

    /// <summary>Whether the event changes what a reviewer may already have judged: the text the customer
    /// gets (a send, or an insert of edited text). Such an event reopens the draft's review.</summary>
    public static bool ChangesReviewedText(string eventType, bool edited) =>
        eventType == LogTypes.Sent || (eventType == LogTypes.Inserted && edited);

    /// <summary>Applies a text-changing event to the draft's review: a "reviewed" given before it no longer
    /// covers what will be (or was) sent, so the draft is back in the reviewers' queue. An escalation
    /// stays: it already asks for attention, and the log shows what came after it.</summary>
    public static void ReopenReview(DraftRecord row)
    {
        if (row.Review != LogTypes.Reviewed) return;
        row.Review = "none";
        row.ReviewedAtUtc = null;
    }

    /// <summary>A new revision of the draft (the same email drafted again): the draft takes its kind, audience,
    /// flags and checks. A discarded draft is live again (the discard stays in the log). A sent draft stays
    /// sent: the revision is logged, but what the customer received does not change and the draft cannot be
    /// sent again, so its review stands. Otherwise the new text is one a reviewer has not judged: a
    /// "reviewed" no longer covers it and the draft is back in the queue.</summary>
    public static void Revise(DraftRecord row, DraftRecord latest, LogRecord generated)
    {
        row.Revisions++;
        row.LatestAtUtc = generated.AtUtc;
        row.LatestSeq = generated.Seq;
        row.Category = latest.Category;
        row.Audience = latest.Audience;
        row.Threat = latest.Threat;
        row.Abusive = latest.Abusive;
        row.ManagerCopyAdvised = latest.ManagerCopyAdvised;
        row.TemplateId = latest.TemplateId;
        row.TemplateVersion = latest.TemplateVersion;
        row.CatalogVersion = latest.CatalogVersion;
        row.GeneratedFailed = latest.GeneratedFailed;
        row.AskQuote = latest.AskQuote;
        if (row.Status == LogTypes.Sent && !row.SentWarned) return;
        if (row.Status == LogTypes.Discarded) row.Status = LogTypes.Generated;
        ReopenReview(row);
    }

    /// <summary>Thrown inside the log's transaction when the draft moved on since the request was checked;
    /// the append is rolled back.</summary>
    public sealed class Conflict(Refusal refusal) : Exception(refusal.Detail)
    {
        public Refusal Refusal { get; } = refusal;
    }

    public sealed record Refusal(string Type, string Title, string Detail)
    {
        public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Result() =>
            TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: Detail, type: Problems + Type);
    }

    /// <summary>Checks again inside the transaction; throws <see cref="Conflict"/> when refused.</summary>
    public static void Enforce(DraftRecord row, string eventType)
    {
        if (Check(row.Status, row.SentWarned, eventType) is { } refusal) throw new Conflict(refusal);
    }

    private static string Past(string eventType) => eventType switch
    {
        LogTypes.Inserted => "inserted",
        LogTypes.Discarded => "discarded",
        _ => eventType,
    };
}
