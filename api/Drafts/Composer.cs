using System.Security.Claims;
using OutlookSayNo.Asks;
using OutlookSayNo.Checks;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Drafts;

/// <summary>What a draft is composed from, once the email is read and classified.</summary>
public sealed record ComposeInput(
    Kind Kind,
    string Audience,
    DraftEmail Email,
    Classification Classification,
    IReadOnlyDictionary<string, string?> Fields,
    IReadOnlyCollection<string> Offered,
    string? TheyAreRightAbout,
    ClaimsPrincipal User,
    // The account manager's wording of the customer's reason: "" when they gave none, null to use the reading.
    string? Reason = null,
    // The stance the account manager chose; null takes the one the email suggests.
    string? Stance = null,
    // What each render may do (configured); null: the defaults.
    RenderBudget? Budget = null,
    // Other asks of the email to answer too (kind ids), each in a sentence of its own.
    IReadOnlyList<string>? Also = null,
    // The newest message's sentence (index) the account manager says asks it; null: the one the reader found.
    int? AskSentence = null,
    // Offered holds the defaults for this email, not the account manager's ticks: a reply that grants the remedy drops them.
    bool OfferedAreDefaults = false);

public sealed record Composed(
    AskReading Reading,
    Dictionary<string, DataPointValue?> Data,
    IReadOnlyList<string> SetAside,
    List<AlternativeDto> Alternatives,
    string Text,
    string Html,
    CheckResult Check,
    StanceReading StanceRead,
    string Stance,
    // The business pack the draft argued with; null in a catalog without packs.
    Pack? Pack = null,
    // The other asks answered, in the order the email raises them.
    IReadOnlyList<AlsoAsk>? Also = null);

/// <summary>A second ask answered in the draft: its kind, and the reading of it (the sentence that asks, its figure).</summary>
public sealed record AlsoAsk(Kind Kind, AskReading Reading);

/// <summary>The one compose step after reading and classifying: read the ask in full, model, render,
/// check. Drafts, the admin preview and the save-time quality gate all call it, so what an admin sees
/// is what an account manager gets.</summary>
public static class Composer
{
    /// <summary>Null when the typed fields are wrong (<paramref name="errors"/> says why). <paramref name="ct"/> is the
    /// request's: checked before each step (the renderer and the checker also check it inside theirs).</summary>
    public static Composed? Compose(KindCatalog catalog, ComposeInput input, DateOnly today, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // Every draft argues with the customer's business pack: its facts and alternatives only.
        // and of those, only the facts this message is about (a warranty to a customer reporting a fault).
        catalog = catalog.ForEmail(input.Email.From?.Email).ForMessage(input.Classification.Evidence?.Message, input.Kind.Id);
        var kind = catalog.Find(input.Kind.Id) ?? input.Kind;
        var reading = AskReader.Read(input.Classification, kind.Id, input.AskSentence);
        if (input.Reason is { } said)
            reading = said.Trim().Length == 0
                ? reading with { Reason = null, ReasonTheirs = null }
                : reading with { Reason = new ReadSpan(said.Trim(), 0, 0), ReasonTheirs = said.Trim().TrimEnd('.') };
        var also = AlsoAsks(catalog, kind, input);
        // "Cancelling every undelivered PO; in addition, goods with forwarders at 30% off": the 30% is the other ask's
        // figure. A figure read from outside this ask's own sentence goes to the other ask that makes it in its own.
        if (reading.Requested is { InMainAsk: false } theirs && also.Any(a => a.Reading.Requested is { InMainAsk: true } r && r.Figure.Start == theirs.Figure.Start))
            reading = reading with { Requested = null };
        var setAside = new HashSet<string>(StringComparer.Ordinal);
        var data = DataPoints.Resolve(kind, catalog, input.Classification, reading, input.Fields, today, errors, setAside);
        if (errors.Count > 0) return null;

        ct.ThrowIfCancellationRequested();
        var stanceRead = StanceReader.Read(input.Classification, kind.Id);
        // An imposition comes first (a yes to it accepts the terms); a plain ask, or a small one after a failure of ours
        // (a $3 refund for an upgrade that never arrived), can be small enough to consider a yes.
        if (stanceRead.Suggested is Stances.Refuse or Stances.OwnPart && SmallAsk.Read(kind, catalog, data, reading, input.Classification, today) is { } small)
            stanceRead = small;
        // A yes is the account manager's to write: asked to draft anyway, the product drafts the plain no.
        var stance = input.Stance ?? stanceRead.Suggested;
        if (stance == Stances.Small) stance = Stances.Refuse;
        var template = kind.Templates[input.Audience];
        var offered = input.Offered.Where(kind.AlternativeTexts.ContainsKey).ToList();
        var grants = Grants(kind, stance, reading, data);
        // A refund or a corrected charge is the whole answer: another way to put it right would read as refusing it.
        // So is a choice of remedies offered to someone who named none.
        if (input.OfferedAreDefaults && grants && reading.Remedy is "refund" or "correct" or null) offered.Clear();
        var (model, alternatives) = DraftService.BuildModel(kind, catalog, input.Classification, reading, input.Email, input.Audience, data,
            input.TheyAreRightAbout, input.User, offered, ct, stance, input.Budget, also, grants);
        var text = ReplyText.Tidy(TemplateRenderer.Render(template.Parsed, model, catalog, ct, input.Budget));
        ct.ThrowIfCancellationRequested();
        // Owning our part may grant the remedy and refuse nothing: then the first check asks for a plain grant.
        var check = DraftChecker.Check(text, catalog, today, Grounding.For(input.Classification, reading, data, catalog, input.Fields, kind, today, ownPart: stance == Stances.OwnPart, grants: grants), ct,
            mayGrant: stance == Stances.OwnPart);
        return new Composed(reading, data, setAside.Order(StringComparer.Ordinal).ToList(), alternatives, text, ReplyText.ToHtml(text), check, stanceRead, stance, catalog.Pack, also);
    }

    /// <summary>Whether the reply grants the remedy and refuses nothing (<see cref="KindDefinition.GrantsRemedy"/>): we own
    /// our part, they ask for a remedy and nothing beyond it, no finding of ours was typed and the cover had not ended
    /// before the problem (the liability kind's data points <c>whatWeFound</c>, <c>daysAfterCoverage</c> and
    /// <c>amountClaimed</c>). A customer who reports the failure and names no remedy and no sum ("please find enclosed a
    /// list of the damaged DVDs") is offered the usual ones, their choice: there is nothing to refuse.</summary>
    private static bool Grants(Kind kind, string stance, AskReading reading, IReadOnlyDictionary<string, DataPointValue?> data) =>
        stance == Stances.OwnPart && kind.Definition.GrantsRemedy && !reading.Beyond
        && (reading.Remedy is not null || reading.Requested is null && !(data.TryGetValue("amountClaimed", out var claimed) && claimed is not null))
        && !(data.TryGetValue("whatWeFound", out var found) && found is not null)
        && !(data.TryGetValue("daysAfterCoverage", out var after) && after?.Number > 0);

    /// <summary>The other asks to answer: refusable kinds of this catalog other than the one drafted, each read for
    /// its own sentence, in the order the email raises them (one the reader did not find goes last).</summary>
    private static List<AlsoAsk> AlsoAsks(KindCatalog catalog, Kind kind, ComposeInput input)
    {
        if (input.Also is not { Count: > 0 } ids) return [];
        return ids.Distinct(StringComparer.Ordinal)
            .Select(catalog.Find)
            .Where(k => k is { Definition.Refusable: true } && k.Definition.Id != kind.Definition.Id)
            .Select(k => new AlsoAsk(k!, AskReader.Read(input.Classification, k!.Definition.Id)))
            .OrderBy(a => a.Reading.Request?.Start ?? int.MaxValue)
            .ToList();
    }
}
