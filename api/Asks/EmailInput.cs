using OutlookSayNo.Mailbox;

namespace OutlookSayNo.Asks;

/// <summary>The email as a request gives it, or, when the pane sent only the item id (a body too large
/// to post), as the user's mailbox has it.</summary>
public sealed record ResolvedEmail(string? Subject, string Body, EmailAddress? From, string? ConversationId, bool FromMailbox);

public static class EmailInput
{
    /// <summary>A message read from the mailbox may be this large (HTML included) before it is refused.</summary>
    public const int MaxMailboxBodyChars = 2_000_000;
    public const int MaxItemIdChars = 1_000;

    /// <summary>Validates the email fields and, when the body is absent and an item id is given, reads
    /// the message by id. Returns the email, or the validation errors; mailbox failures throw
    /// <see cref="MailboxException"/>.</summary>
    public static async Task<(ResolvedEmail? Email, Dictionary<string, string[]> Errors)> ResolveAsync(
        Func<string, CancellationToken, Task<MailMessage>> readMessage, string? subject, string? body, EmailAddress? from, string? itemId, string? conversationId, string prefix, CancellationToken ct)
    {
        var byId = body is null && !string.IsNullOrWhiteSpace(itemId);
        var errors = AsksApi.Validate(subject, byId ? "(read from the mailbox)" : body, from, prefix);
        if (itemId is { Length: > MaxItemIdChars }) errors[prefix + "itemId"] = [$"The item id is longer than {MaxItemIdChars:N0} characters."];
        if (conversationId is { Length: > MaxItemIdChars }) errors[prefix + "conversationId"] = [$"The conversation id is longer than {MaxItemIdChars:N0} characters."];
        if (errors.Count > 0 || !byId) return (errors.Count > 0 ? null : new ResolvedEmail(subject, body!, from, conversationId, false), errors);

        var message = await readMessage(itemId!, ct);
        if (string.IsNullOrWhiteSpace(message.Body))
            errors[prefix + "itemId"] = ["The message in your mailbox has no body: there is nothing to read."];
        else if (message.Body.Length > MaxMailboxBodyChars)
            errors[prefix + "itemId"] = [$"The message in your mailbox has {message.Body.Length:N0} characters; the most read is {MaxMailboxBodyChars:N0}."];
        if (errors.Count > 0) return (null, errors);
        var sender = from ?? (message.From is { } f ? new EmailAddress(f.Name, f.Email) : null);
        return (new ResolvedEmail(subject ?? message.Subject, message.Body, sender, conversationId ?? message.ConversationId, true), errors);
    }
}
