using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Data;

namespace OutlookSayNo.Drafts;

/// <summary>Logs a generated text as a revision of the user's draft for that email (<see cref="EmailKey"/>),
/// or as the first revision of a new draft. The generated record is appended to the chain as before,
/// its header naming the draft; the draft row takes the latest revision's kind, audience, flags and
/// checks, so the review list counts emails while every text stays in the log.</summary>
public static class DraftRevisions
{
    /// <summary>Appends the generated record (<paramref name="payload"/>) for revision <paramref name="revisionId"/>;
    /// <paramref name="newRow"/> is the draft row this text would make as a first revision, from its log
    /// record. Returns the draft's id and this revision's number.</summary>
    public static async Task<(string DraftId, int Revision)> AppendAsync(SayNoDb db, LogWriter log, string revisionId, string userId, string userName,
        string emailKey, string payload, Func<LogRecord, DraftRecord> newRow, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.Drafts.AsNoTracking().Where(d => d.UserId == userId && d.EmailKey == emailKey).Select(d => d.Id).SingleOrDefaultAsync(ct);
            var draftId = existing ?? revisionId;
            var number = 1;
            try
            {
                await log.AppendAsync([new LogEntry(LogTypes.Generated, draftId, userId, userName, payload)], async (d, records, token) =>
                {
                    var record = records[0];
                    var next = newRow(record);
                    if (existing is null) d.Drafts.Add(next);
                    else
                    {
                        // Numbered inside the log's transaction, which every append holds alone: no two revisions share one.
                        var row = await d.Drafts.SingleAsync(x => x.Id == draftId, token);
                        number = row.Revisions + 1;
                        DraftLifecycle.Revise(row, next, record);
                    }
                    d.DraftRevisions.Add(new DraftRevisionRecord
                    {
                        Id = revisionId, DraftId = draftId, Number = number, Seq = record.Seq, CreatedAtUtc = record.AtUtc,
                        Category = next.Category, Audience = next.Audience, GeneratedFailed = next.GeneratedFailed,
                    });
                });
                return (draftId, number);
            }
            catch (DbUpdateException) when (existing is null && attempt == 0)
            {
                // Another request made this user's first draft of the email meanwhile (the unique key refused
                // ours, and nothing was logged): log this text as a revision of that draft instead.
            }
        }
    }
}
