namespace OutlookSayNo.Mailbox;

/// <summary>The few things the product does in the signed-in user's mailbox, on their behalf.
/// Everything else (drafting, checking, logging) stays in the steps above this one.</summary>
public interface IMailbox
{
    /// <summary>A message in the user's mailbox by its REST (Graph) id.</summary>
    Task<MailMessage> GetMessageAsync(string messageId, CancellationToken ct);

    /// <summary>The user's manager from the directory (the witness for threats and abuse).</summary>
    Task<MailPerson> GetManagerAsync(CancellationToken ct);

    /// <summary>Creates a reply (or reply-all) draft to a message in the user's Drafts folder with
    /// <paramref name="html"/> above the quoted thread, the extra Cc, and a mark naming the draft id
    /// so that the sent copy can be found later.</summary>
    Task<SavedReply> CreateReplyDraftAsync(string messageId, bool replyAll, string html, IReadOnlyList<MailPerson> extraCc, string draftId, CancellationToken ct);

    /// <summary>The sent copy of a reply: marked with the draft id (saved through
    /// <see cref="CreateReplyDraftAsync"/>), else the first message the user sent in the conversation
    /// after <paramref name="since"/>. Null when nothing was sent yet.</summary>
    Task<SentReply?> FindSentReplyAsync(string draftId, string? conversationId, DateTime since, CancellationToken ct);
}

public sealed record MailPerson(string? Name, string Email);

public sealed record MailMessage(string Id, string Subject, string Body, MailPerson? From, string? ConversationId, string? InternetMessageId,
    IReadOnlyList<KeyValuePair<string, string>> Headers);

public sealed record SavedReply(string MessageId, string? WebLink, IReadOnlyList<MailPerson> To, IReadOnlyList<MailPerson> Cc, string? ConversationId);

/// <summary>How a sent reply was recognised: by the draft mark, or as the user's next message in the conversation.</summary>
public static class SentMatch
{
    public const string Mark = "mark";
    public const string Conversation = "conversation";
}

public sealed record SentReply(string MessageId, DateTime SentAtUtc, string Body, IReadOnlyList<MailPerson> To, IReadOnlyList<MailPerson> Cc, string MatchedBy);

/// <summary>What went wrong in the mailbox, in terms the API answers with (see <see cref="MailboxProblems"/>).</summary>
public enum MailboxFailure
{
    /// <summary>Mailbox access is not configured on this server (development sign-in, no Graph credentials).</summary>
    Unavailable,
    /// <summary>No Graph token on the user's behalf: consent or a fresh sign-in is needed.</summary>
    ConsentRequired,
    Forbidden,
    NotFound,
    NoManager,
    Throttled,
    Failed,
}

public sealed class MailboxException(MailboxFailure failure, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public MailboxFailure Failure { get; } = failure;
    /// <summary>Seconds to wait, when Graph said so (429/503).</summary>
    public int? RetryAfterSeconds { get; init; }
    /// <summary>A claims challenge the client must pass to its next token request (conditional access, consent).</summary>
    public string? Claims { get; init; }
}

/// <summary>The mailbox when this server has no Graph access: every call says so clearly.</summary>
public sealed class UnavailableMailbox : IMailbox
{
    public const string Reason = "Mailbox access is not configured on this server: it needs Entra sign-in (Auth:Mode=Entra) " +
                                 "with a client credential (AzureAd:ClientSecret or AzureAd:ClientCertificates) to call Microsoft Graph. " +
                                 "Insert the reply from the pane instead.";

    public Task<MailMessage> GetMessageAsync(string messageId, CancellationToken ct) => throw Unavailable();
    public Task<MailPerson> GetManagerAsync(CancellationToken ct) => throw Unavailable();
    public Task<SavedReply> CreateReplyDraftAsync(string messageId, bool replyAll, string html, IReadOnlyList<MailPerson> extraCc, string draftId, CancellationToken ct) => throw Unavailable();
    public Task<SentReply?> FindSentReplyAsync(string draftId, string? conversationId, DateTime since, CancellationToken ct) => throw Unavailable();

    private static MailboxException Unavailable() => new(MailboxFailure.Unavailable, Reason);
}
