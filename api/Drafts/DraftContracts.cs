using OutlookSayNo.Asks;

namespace OutlookSayNo.Drafts;

/// <summary>The customer's email. <c>SentAt</c> is when it was written (the pane sends the item's date): "by Friday" in a
/// message written last Tuesday means that week's Friday, not the next one.</summary>
public sealed record DraftEmail(string? Subject, string? Body, EmailAddress? From, string? ItemId, string? ConversationId, DateTimeOffset? SentAt = null);

public sealed record DraftRequest(
    DraftEmail? Email,
    string? Audience,
    string? Category,
    Dictionary<string, string?>? Fields,
    List<string>? Alternatives,
    string? TheyAreRightAbout,
    // The customer's reason as the account manager puts it: null to use what was read, "" when they gave none.
    string? Reason = null,
    // The position the reply takes (refuse, own_part, imposed, or small: consider a yes, which drafts nothing):
    // null to take the one the email suggests.
    string? Stance = null,
    // Other asks of the same email the account manager wants answered too (kind ids): each gets its own sentence.
    List<string>? Also = null,
    // The sentence that asks, as the account manager points to it: an index into reading.sentences. Null: the reader's.
    int? AskSentence = null);

public sealed record TemplateRef(string Id, int Version);

public sealed record DataPointDto(string Name, string Label, string Value, string Source);

public sealed record MissingFieldDto(string Name, string Label, string Unit);

public sealed record AlternativeDto(string Id, string Title, string Text, bool Offered);

/// <summary>The checks of a draft. <c>Grounded</c>: every figure traces to the email, a fact, a field or a
/// computation, the refused ask is in the email, and no finding is stated that nobody supplied. <c>Grants</c>:
/// the reply owns our part and grants the remedy asked for without refusing anything, so <c>SaysNo</c> means
/// it grants it plainly (the pane says so). Written only when true, so a reader that takes every member of <c>checks</c> for a check sees no failure in it.</summary>
public sealed record ChecksDto(bool SaysNo, bool GivesReason, bool CitesData, bool OffersAlternative, bool Respectful, bool Grounded = true,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool Grants = false)
{
    public static ChecksDto From(Checks.DraftChecks c) => new(c.SaysNo, c.GivesReason, c.CitesData, c.OffersAlternative, c.Respectful, c.Grounded, c.Grants);
}

public sealed record DraftResponse(
    string Id,
    string Category,
    string Audience,
    IReadOnlyList<string> Flags,
    bool ManagerCopyAdvised,
    TemplateRef Template,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<DataPointDto> DataPoints,
    IReadOnlyList<MissingFieldDto> MissingFields,
    IReadOnlyList<AlternativeDto> Alternatives,
    ChecksDto Checks,
    IReadOnlyList<string> CheckNotes,
    AskFinding Ask,
    AudienceSuggestion SuggestedAudience,
    ClassifyResponse Classification,
    ReadingDto? Reading = null,
    // Typed fields that belong to another kind (left from a kind switch): set aside, not an error.
    IReadOnlyList<string>? SetAsideFields = null,
    StanceDto? Stance = null,
    // The business pack the draft argued with (its facts and alternatives); null without packs.
    PackDto? Pack = null,
    // Re-drafting the same email is a revision of one draft: Id names this revision (events use it),
    // DraftId the draft (the first revision's id), Revision counts from 1.
    string? DraftId = null,
    int? Revision = null,
    // The other asks this draft answers, in the order the email raises them.
    IReadOnlyList<AlsoAskDto>? Also = null);

/// <summary>A second ask the draft answers in a sentence of its own: its kind, the words people see, and the
/// customer's sentence that asks it (null when the account manager named an ask the reader did not find).</summary>
public sealed record AlsoAskDto(string Category, string Label, Evidence? Evidence);

/// <summary>A business pack by id and the words people see.</summary>
public sealed record PackDto(string Id, string Title);

/// <summary>The stance the draft takes and the one the email suggests, with the sentences that suggest it;
/// labels are the words people see.</summary>
public sealed record StanceDto(string Taken, string TakenLabel, string Suggested, string SuggestedLabel, string Reason, IReadOnlyList<Evidence> Evidence)
{
    public static StanceDto From(string taken, StanceReading read) =>
        new(taken, Stances.Label(taken), read.Suggested, Stances.Label(read.Suggested), read.Reason, read.Evidence);
}

/// <summary>A figure of the email with what it is. <c>Start</c>/<c>Length</c> index the body as sent;
/// <c>Field</c> is the data point it fills in this draft, if any.</summary>
public sealed record ReadFigureDto(string Text, string Role, string RoleLabel, int Start, int Length, string? Field);

/// <summary>The ask read in full, for the pane's chips: the kind, the sentence that asks, the figure
/// asked for, every figure with its role, the reason they give and what they offer in return.</summary>
/// <summary>One sentence of the newest message, for the account manager to point to the one that asks.</summary>
public sealed record MessageSentenceDto(int Index, string Text);

public sealed record ReadingDto(string Kind, string KindLabel, string? Request, ReadFigureDto? Requested, IReadOnlyList<ReadFigureDto> Figures,
    Asks.ReadSpan? Reason, Asks.ReadSpan? Offer)
{
    /// <summary>The index of the sentence read as the ask (in <see cref="Sentences"/>); null when none was found.</summary>
    public int? RequestSentence { get; init; }

    /// <summary>True when the account manager pointed to the sentence that asks.</summary>
    public bool RequestPointed { get; init; }

    /// <summary>The newest message's sentences (at most <see cref="MaxSentences"/>, each cut at 240 characters), to point to the one that asks.</summary>
    public IReadOnlyList<MessageSentenceDto> Sentences { get; init; } = [];

    public const int MaxSentences = 60;

    public static ReadingDto From(Asks.AskReading r, Kinds.Kind kind, IReadOnlyDictionary<string, DataPointValue?> data,
        IReadOnlyList<Reading.Sentence>? sentences = null)
    {
        ReadFigureDto Dto(Asks.RoledFigure f, Reading.EmailText text)
        {
            var (start, length) = text.ToSource(f.Figure.Start, f.Figure.Length);
            var field = kind.Definition.DataPoints.FirstOrDefault(d => d.From is not null && data.TryGetValue(d.Name, out var v) && v is not null
                && v.Source == "email" && (d.Roles.Count > 0 ? d.Roles : [Asks.FigureRole.Requested]).Contains(f.Role) && SameKind(d.From, f.Figure.Kind))?.Name;
            return new ReadFigureDto(text.Text.Substring(f.Figure.Start, f.Figure.Length), f.Role, Asks.FigureRole.Label(f.Role), start, length, field);
        }
        var emailText = r.EmailText;
        var requestedField = kind.Definition.DataPoints.FirstOrDefault(d => d.From is not null && (d.Roles.Count == 0 || d.Roles.Contains(Asks.FigureRole.Requested))
            && r.Requested is { } q && SameKind(d.From, q.Figure.Kind))?.Name;
        return new ReadingDto(kind.Id, kind.Definition.Title, r.Request?.Text,
            r.Requested is { } req && emailText is not null ? Dto(req, emailText) with { Field = requestedField } : null,
            emailText is null ? [] : r.Figures.Select(f => Dto(f, emailText)).ToList(),
            r.Reason, r.Offer)
        {
            RequestSentence = r.RequestIndex,
            RequestPointed = r.Pointed,
            Sentences = sentences is null || emailText is null ? [] : sentences
                .Select(s => new MessageSentenceDto(s.Index, Clip(emailText.Text.Substring(s.Start, s.Length))))
                .Where(s => !IsSalutation(s.Text)).Take(MaxSentences).ToList(),
        };
    }

    // "Hi Sam," or "Best regards," asks nothing: a short line ending in a comma is not offered as the sentence that asks.
    private static bool IsSalutation(string text) => text.EndsWith(',') && text.Split(' ').Length <= 4;

    private static string Clip(string sentence)
    {
        var text = string.Join(' ', sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 240 ? text : text[..239].TrimEnd() + "…";
    }

    private static bool SameKind(string from, Reading.FigureKind kind) => from switch
    {
        "email:percent" => kind == Reading.FigureKind.Percent,
        "email:money" => kind == Reading.FigureKind.Money,
        "email:date" => kind == Reading.FigureKind.Date,
        "email:duration" => kind == Reading.FigureKind.Duration,
        _ => kind == Reading.FigureKind.Quantity,
    };
}
