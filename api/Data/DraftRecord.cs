namespace OutlookSayNo.Data;

/// <summary>One draft as the review screens search it: one reply to one customer email by one account
/// manager, however many times it was generated (each generation is a revision, see
/// <see cref="DraftRevisionRecord"/>). The facts to filter on are those of the latest revision, kept
/// current as its log records arrive (generated, inserted, sent, discarded, reviewed). The log holds the
/// content and is what verify checks; this row is an index over it and is updated in the same
/// transaction as each append.</summary>
public sealed class DraftRecord
{
    public required string Id { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }

    public required string Category { get; set; }
    public required string Audience { get; set; }
    public required bool Threat { get; set; }
    public required bool Abusive { get; set; }
    public required bool ManagerCopyAdvised { get; set; }
    public required string TemplateId { get; set; }
    public required int TemplateVersion { get; set; }
    public long CatalogVersion { get; set; }
    /// <summary>Checks the latest generated text failed, as <see cref="CheckBits"/>.</summary>
    public required int GeneratedFailed { get; set; }

    public required string CustomerDomain { get; init; }
    public required string FromName { get; init; }
    public required string FromEmail { get; init; }
    public required string EmailSubject { get; init; }
    public required string Subject { get; init; }
    /// <summary>The customer's sentence that states the ask (for text search).</summary>
    public string? AskQuote { get; set; }

    /// <summary>generated, inserted, sent or discarded: the latest of them.</summary>
    public required string Status { get; set; }
    public DateTime? InsertedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>The sent text equals the generated text (whitespace aside).</summary>
    public bool? SentUnchanged { get; set; }
    /// <summary>Checks the sent text failed, and those a held attempt before it failed, as <see cref="CheckBits"/>.</summary>
    public int? SentFailed { get; set; }
    /// <summary>The sender was asked to confirm before sending (weak reply): the newest sent record was
    /// held, and one more sent may follow it (<see cref="Drafts.DraftLifecycle"/>).</summary>
    public bool SentWarned { get; set; }
    /// <summary>none, reviewed or escalated: the latest reviewer decision.</summary>
    public required string Review { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public int Comments { get; set; }

    /// <summary>The first revision's generated record.</summary>
    public required long GeneratedSeq { get; init; }
    public long? SentSeq { get; set; }

    /// <summary>Which email this draft answers, for this user: see <see cref="Drafts.EmailKey"/>. Unique per user,
    /// so re-drafting the same email is a revision of this draft. Drafts logged before revisions have
    /// <c>draft:{Id}</c> (each stays its own email).</summary>
    public required string EmailKey { get; init; }
    /// <summary>How many times the reply was generated (revisions), and when and where the latest was.</summary>
    public int Revisions { get; set; } = 1;
    public required DateTime LatestAtUtc { get; set; }
    public required long LatestSeq { get; set; }
}

/// <summary>One generated text of a draft: its number (1, 2, …, in log order), the id the pane was given
/// for it (the first revision's id is the draft's), and its generated record. Events name a revision by
/// that id, so an insert or a send is compared with the text it concerns.</summary>
public sealed class DraftRevisionRecord
{
    public required string Id { get; init; }
    public required string DraftId { get; init; }
    public required int Number { get; init; }
    public required long Seq { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public required string Category { get; init; }
    public required string Audience { get; init; }
    public required int GeneratedFailed { get; init; }
}

/// <summary>The five checks as bits, so "sent without an alternative" is one column test.</summary>
public static class CheckBits
{
    public const int SaysNo = 1, GivesReason = 2, CitesData = 4, OffersAlternative = 8, Respectful = 16, Grounded = 32;
    public static readonly (string Name, int Bit)[] All =
        [("saysNo", SaysNo), ("givesReason", GivesReason), ("citesData", CitesData), ("offersAlternative", OffersAlternative), ("respectful", Respectful), ("grounded", Grounded)];

    public static int Failed(bool saysNo, bool givesReason, bool citesData, bool offersAlternative, bool respectful, bool grounded = true) =>
        (saysNo ? 0 : SaysNo) | (givesReason ? 0 : GivesReason) | (citesData ? 0 : CitesData) | (offersAlternative ? 0 : OffersAlternative) | (respectful ? 0 : Respectful)
        | (grounded ? 0 : Grounded);

    public static int? Bit(string name) => All.FirstOrDefault(c => c.Name == name).Bit is var b && b != 0 ? b : null;
}
