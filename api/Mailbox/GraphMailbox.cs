using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Me.MailFolders.Item.Messages;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace OutlookSayNo.Mailbox;

/// <summary>The mailbox through Microsoft Graph, as the signed-in user (on-behalf-of token). The Graph
/// client is made on first use: every draft request gets a mailbox, few of them call Graph.</summary>
public sealed class GraphMailbox(Func<GraphServiceClient> client) : IMailbox
{
    private readonly Lazy<GraphServiceClient> _graph = new(client);
    private GraphServiceClient Graph => _graph.Value;

    /// <summary>A named MAPI property on the drafts saved here. It is kept on the sent copy and can be
    /// filtered on, so the sent reply of a draft is found without guessing.</summary>
    public const string DraftMarkId = "String {6c1d8a52-3b0e-4f7a-9d21-5f3e0c7b9a44} Name OutlookSayNoDraftId";

    private static readonly string[] MessageFields = ["id", "subject", "body", "from", "conversationId", "internetMessageId", "internetMessageHeaders"];
    private static readonly string[] SentFields = ["id", "sentDateTime", "body", "toRecipients", "ccRecipients", "conversationId"];

    public Task<MailMessage> GetMessageAsync(string messageId, CancellationToken ct) => Call("read the message", async () =>
    {
        var m = await Graph.Me.Messages[messageId].GetAsync(r => r.QueryParameters.Select = MessageFields, ct)
                ?? throw new MailboxException(MailboxFailure.NotFound, "The message is not in your mailbox.");
        return new MailMessage(m.Id ?? messageId, m.Subject ?? "", m.Body?.Content ?? "", Person(m.From?.EmailAddress), m.ConversationId, m.InternetMessageId,
            (m.InternetMessageHeaders ?? []).Where(h => h.Name is not null).Select(h => new KeyValuePair<string, string>(h.Name!, h.Value ?? "")).ToList());
    });

    public Task<MailPerson> GetManagerAsync(CancellationToken ct) => Call("look up your manager", async () =>
    {
        DirectoryObject? manager;
        try
        {
            manager = await Graph.Me.Manager.GetAsync(cancellationToken: ct);
        }
        catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            manager = null;
        }
        // Without permission to read other users, Graph returns the manager with its id only.
        var user = manager as User;
        var email = user?.Mail ?? user?.UserPrincipalName;
        if (manager is null)
            throw new MailboxException(MailboxFailure.NoManager, "Your directory profile names no manager, so there is nobody to copy. Save the draft without Cc, or add a witness yourself.");
        if (string.IsNullOrWhiteSpace(email))
            throw new MailboxException(MailboxFailure.NoManager, "Your manager's email address could not be read (the API needs the User.ReadBasic.All permission). Save the draft without Cc, or add your manager yourself.");
        return new MailPerson(user!.DisplayName, email);
    });

    public Task<SavedReply> CreateReplyDraftAsync(string messageId, bool replyAll, string html, IReadOnlyList<MailPerson> extraCc, string draftId, CancellationToken ct) =>
        Call("save the reply to your Drafts", async () =>
        {
            // Outlook builds the reply (recipients, subject, quoted thread); the reply text goes above the quote.
            var created = replyAll
                ? await Graph.Me.Messages[messageId].CreateReplyAll.PostAsync(new Microsoft.Graph.Me.Messages.Item.CreateReplyAll.CreateReplyAllPostRequestBody(), cancellationToken: ct)
                : await Graph.Me.Messages[messageId].CreateReply.PostAsync(new Microsoft.Graph.Me.Messages.Item.CreateReply.CreateReplyPostRequestBody(), cancellationToken: ct);
            if (created?.Id is null) throw new MailboxException(MailboxFailure.Failed, "Microsoft Graph did not return the new draft.");

            var cc = (created.CcRecipients ?? []).Select(r => Person(r.EmailAddress)).OfType<MailPerson>().ToList();
            var to = (created.ToRecipients ?? []).Select(r => Person(r.EmailAddress)).OfType<MailPerson>().ToList();
            foreach (var person in extraCc)
                if (!cc.Concat(to).Any(p => p.Email.Equals(person.Email, StringComparison.OrdinalIgnoreCase))) cc.Add(person);

            var update = new Message
            {
                Body = new ItemBody { ContentType = BodyType.Html, Content = AboveQuote(html, created.Body?.Content) },
                CcRecipients = cc.Select(p => new Recipient { EmailAddress = new Microsoft.Graph.Models.EmailAddress { Name = p.Name, Address = p.Email } }).ToList(),
                SingleValueExtendedProperties = [new SingleValueLegacyExtendedProperty { Id = DraftMarkId, Value = draftId }],
            };
            var saved = await Graph.Me.Messages[created.Id].PatchAsync(update, cancellationToken: ct);
            return new SavedReply(created.Id, saved?.WebLink ?? created.WebLink, to, cc, saved?.ConversationId ?? created.ConversationId);
        });

    public Task<SentReply?> FindSentReplyAsync(string draftId, string? conversationId, DateTime since, CancellationToken ct) =>
        Call("look in your Sent Items", async () =>
        {
            var sent = Graph.Me.MailFolders["sentitems"].Messages;
            var marked = await sent.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"singleValueExtendedProperties/any(ep: ep/id eq '{Literal(DraftMarkId)}' and ep/value eq '{Literal(draftId)}')";
                r.QueryParameters.Select = SentFields;
                r.QueryParameters.Top = 1;
            }, ct);
            if (marked?.Value is [var m, ..]) return Sent(m, SentMatch.Mark);
            if (string.IsNullOrEmpty(conversationId)) return null;

            // Inserted through Outlook's own reply form: the user's first message in the thread after the draft.
            var thread = await sent.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"conversationId eq '{Literal(conversationId)}'";
                r.QueryParameters.Select = SentFields;
                r.QueryParameters.Top = 50;
            }, ct);
            var first = (thread?.Value ?? [])
                .Where(x => x.SentDateTime is { } at && at.UtcDateTime >= since)
                .OrderBy(x => x.SentDateTime)
                .FirstOrDefault();
            return first is null ? null : Sent(first, SentMatch.Conversation);
        });

    /// <summary>The reply above Outlook's quoted thread: right after the opening body tag when there is one.</summary>
    public static string AboveQuote(string reply, string? quoted)
    {
        var block = "<div id=\"outlooksayno-reply\">" + reply + "</div><br>";
        if (string.IsNullOrEmpty(quoted)) return block;
        var body = quoted.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var open = body < 0 ? -1 : quoted.IndexOf('>', body);
        return open < 0 ? block + quoted : quoted[..(open + 1)] + block + quoted[(open + 1)..];
    }

    private static SentReply Sent(Message m, string matchedBy) => new(
        m.Id ?? "", m.SentDateTime?.UtcDateTime ?? DateTime.MinValue, m.Body?.Content ?? "",
        (m.ToRecipients ?? []).Select(r => Person(r.EmailAddress)).OfType<MailPerson>().ToList(),
        (m.CcRecipients ?? []).Select(r => Person(r.EmailAddress)).OfType<MailPerson>().ToList(),
        matchedBy);

    private static MailPerson? Person(Microsoft.Graph.Models.EmailAddress? a) =>
        a?.Address is { Length: > 0 } address ? new MailPerson(a.Name, address) : null;

    /// <summary>An OData string literal: single quotes doubled.</summary>
    private static string Literal(string s) => s.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>Every Graph failure becomes a <see cref="MailboxException"/> that says what the user can do.</summary>
    private static async Task<T> Call<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (MailboxException)
        {
            throw;
        }
        catch (ApiException e)
        {
            throw Map(what, e);
        }
        catch (HttpRequestException e)
        {
            throw new MailboxException(MailboxFailure.Failed, $"Could not {what}: Microsoft Graph cannot be reached ({e.Message}).", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new MailboxException(MailboxFailure.Failed, $"Could not {what}: Microsoft Graph did not answer in time.", e);
        }
    }

    private static MailboxException Map(string what, ApiException e)
    {
        var code = (e as ODataError)?.Error?.Code;
        var message = (e as ODataError)?.Error?.Message;
        var said = string.IsNullOrWhiteSpace(message) ? "" : $" Graph said: {message}";
        return e.ResponseStatusCode switch
        {
            401 => new MailboxException(MailboxFailure.ConsentRequired, $"Could not {what}: Microsoft Graph did not accept the sign-in. Sign in again.{said}", e),
            403 => new MailboxException(MailboxFailure.Forbidden, $"Could not {what}: you or this app lack access ({code ?? "Forbidden"}).{said}", e),
            404 => new MailboxException(MailboxFailure.NotFound, $"Could not {what}: the message is not in your mailbox (moved or deleted?).", e),
            429 or 503 when RetryAfter(e) is { } wait => new MailboxException(MailboxFailure.Throttled,
                $"Could not {what}: Outlook's mail service is busy. Try again in {wait} seconds.", e) { RetryAfterSeconds = wait },
            429 => new MailboxException(MailboxFailure.Throttled, $"Could not {what}: Outlook's mail service is busy. Try again shortly.", e),
            >= 500 => new MailboxException(MailboxFailure.Failed, $"Could not {what}: Microsoft Graph failed ({e.ResponseStatusCode}). Try again.{said}", e),
            _ => new MailboxException(MailboxFailure.Failed, $"Could not {what}: Microsoft Graph refused the request ({e.ResponseStatusCode} {code}).{said}", e),
        };
    }

    private static int? RetryAfter(ApiException e)
    {
        if (!e.ResponseHeaders.TryGetValue("Retry-After", out var values)) return null;
        var value = values.FirstOrDefault();
        if (int.TryParse(value, out var seconds)) return Math.Max(0, seconds);
        if (DateTimeOffset.TryParse(value, out var at)) return Math.Max(0, (int)Math.Ceiling((at - DateTimeOffset.UtcNow).TotalSeconds));
        return null;
    }
}
