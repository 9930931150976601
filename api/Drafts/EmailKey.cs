using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OutlookSayNo.Drafts;

/// <summary>Which customer email a draft answers, so drafting the same email again (another audience,
/// kind, a typed field, the pane reopened) is a revision of one draft and not another draft.
/// The Outlook item id when the request has one: it names the message itself, whatever text the host
/// returns for its body (HTML or plain, a reply form's quoting), and it is all a request for a large
/// email carries. Without one (compose mode, scripts, the demo page) the subject, the sender and the
/// body, whitespace aside, stand for the email: the same text from the same sender is the same email.
/// The conversation id is not used: a thread holds several emails, each its own ask. Both are hashed,
/// so the key has a fixed length and repeats nothing of the email. The user is not in the key: the
/// draft index pairs it with the user id (one draft per user and email).</summary>
public static partial class EmailKey
{
    public static string For(DraftEmail email)
    {
        if (!string.IsNullOrWhiteSpace(email.ItemId)) return "item:" + Hash(email.ItemId.Trim());
        var body = WhitespaceRegex().Replace(email.Body ?? "", " ").Trim();
        var subject = WhitespaceRegex().Replace(email.Subject ?? "", " ").Trim();
        var from = (email.From?.Email ?? "").Trim().ToLowerInvariant();
        return "text:" + Hash(subject + "\n" + from + "\n" + body);
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
