namespace OutlookSayNo.Data;

/// <summary>One draft as the review screens search it: the facts to filter on, kept current as its
/// log records arrive (generated, inserted, sent, discarded, reviewed). The log holds the content and
/// is what verify checks; this row is an index over it and is updated in the same transaction as
/// each append.</summary>
public sealed class DraftRecord
{
    public required string Id { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }

    public required string Category { get; init; }
    public required string Audience { get; init; }
    public required bool Threat { get; init; }
    public required bool Abusive { get; init; }
    public required bool ManagerCopyAdvised { get; init; }
    public required string TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    public long CatalogVersion { get; init; }
    /// <summary>Checks the generated text failed, as <see cref="CheckBits"/>.</summary>
    public required int GeneratedFailed { get; init; }

    public required string CustomerDomain { get; init; }
    public required string FromName { get; init; }
    public required string FromEmail { get; init; }
    public required string EmailSubject { get; init; }
    public required string Subject { get; init; }
    /// <summary>The customer's sentence that states the ask (for text search).</summary>
    public string? AskQuote { get; init; }

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

    public required long GeneratedSeq { get; init; }
    public long? SentSeq { get; set; }
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
