using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Checks;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;
using OutlookSayNo.Mailbox;
using OutlookSayNo.Reading;
using Scriban.Runtime;

namespace OutlookSayNo.Drafts;

public abstract record DraftOutcome
{
    public sealed record Created(DraftResponse Draft) : DraftOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : DraftOutcome;
    public sealed record NothingToRefuse(Classification Classification, string Category) : DraftOutcome;
    /// <summary>The reading is unsure between two kinds: the account manager picks before anything is drafted.</summary>
    public sealed record AskUnclear(Classification Classification) : DraftOutcome;
    /// <summary>The ask is within what the account manager may agree: nothing drafted until they ask for a no.</summary>
    public sealed record ConsiderYes(Classification Classification, string Category, StanceDto Stance) : DraftOutcome;
    public sealed record MailboxFailed(MailboxException Failure) : DraftOutcome;
}

/// <summary>The draft path after reading and classifying: model, render, check, log. Each step
/// only uses the ones before it.</summary>
public sealed partial class DraftService(CatalogStore catalogs, Readings readings, SayNoDb db, LogWriter log, TimeProvider clock, IMailbox mailbox,
    Microsoft.Extensions.Options.IOptions<RenderBudget> budget)
{
    public const int MaxRightAboutChars = 500;

    public async Task<DraftOutcome> CreateAsync(DraftRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var catalog = await catalogs.GetRecentAsync(db, ct);
        var email = request.Email;
        Dictionary<string, string[]> errors;
        if (email is null) errors = new() { ["email"] = ["The email (subject, body, from; or the item id) is required."] };
        else
        {
            try
            {
                (var resolved, errors) = await readings.ResolveAsync(mailbox, user.UserId(), email.Subject, email.Body, email.From, email.ItemId, email.ConversationId, "email.", ct);
                if (resolved is not null)
                    email = email with { Subject = resolved.Subject, Body = resolved.Body, From = resolved.From, ConversationId = resolved.ConversationId };
            }
            catch (MailboxException e)
            {
                return new DraftOutcome.MailboxFailed(e);
            }
        }
        if (request.Audience is not null && !Audiences.All.Contains(request.Audience))
            errors["audience"] = [$"'{AsksApi.Shorten(request.Audience)}' is not an audience: use {string.Join(", ", Audiences.All)}."];
        if (request.Category is not null && catalog.Find(request.Category) is null)
            errors["category"] = [$"'{AsksApi.Shorten(request.Category)}' is not an ask kind: use {string.Join(", ", catalog.Kinds.Keys)}."];
        if (request.TheyAreRightAbout is { Length: > MaxRightAboutChars })
            errors["theyAreRightAbout"] = [$"Keep it to one sentence (at most {MaxRightAboutChars} characters)."];
        if (request.Stance is not null && !Stances.IsKnown(request.Stance))
            errors["stance"] = [$"'{AsksApi.Shorten(request.Stance)}' is not a stance: use {string.Join(", ", Stances.All)}."];
        if (request.Alternatives is { Count: > 20 }) errors["alternatives"] = ["Offer at most 20 alternatives."];
        if (request.Also is { Count: > 5 }) errors["also"] = ["Answer at most 5 other asks in one draft."];
        else if (request.Also?.Where(a => a is null || catalog.Find(a) is not { Definition.Refusable: true }).ToList() is { Count: > 0 } unknownAsks)
            errors["also"] = [$"Not asks a draft can answer: {string.Join(", ", unknownAsks.Select(a => AsksApi.Shorten(a ?? "null")))}. Use {string.Join(", ", catalog.Kinds.Values.Where(k => k.Definition.Refusable).Select(k => k.Definition.Id))}."];
        if (request.Fields is { Count: > 50 }) errors["fields"] = ["At most 50 fields."];
        if (errors.Count > 0) return new DraftOutcome.Invalid(errors);

        // Read and classify.
        // The customer's business pack decides which facts and alternatives apply.
        catalog = catalog.ForEmail(email!.From?.Email);
        // Relative dates count from the day the customer wrote, as the item's date gives it.
        var writtenOn = request.Email!.SentAt is { } sentAt ? DateOnly.FromDateTime(sentAt.UtcDateTime) : (DateOnly?)null;
        var classification = readings.Classify(catalog, email.Subject, email.Body!, ct, writtenOn);
        if (request.Category is null && classification.Unsure is not null) return new DraftOutcome.AskUnclear(classification);
        var category = request.Category ?? classification.Primary.Category;
        // Of the pack's facts, only those this kind argues with for this message; the alternatives that need the others go too.
        catalog = catalog.ForMessage(classification.Evidence?.Message, category);
        var kind = catalog.Find(category)!;
        if (!kind.Definition.Refusable) return new DraftOutcome.NothingToRefuse(classification, category);
        var audience = request.Audience ?? classification.Audience.Suggested;

        var unknownAlternatives = (request.Alternatives ?? []).Where(a => !kind.AlternativeTexts.ContainsKey(a)).ToList();
        if (unknownAlternatives.Count > 0)
            errors["alternatives"] = [$"Not alternatives of the {kind.Id} kind: {string.Join(", ", unknownAlternatives.Select(AsksApi.Shorten))}. Known: {string.Join(", ", kind.Definition.Alternatives.Select(a => a.Id))}."];
        if (request.AskSentence is { } pointed && (pointed < 0 || pointed >= (classification.Evidence?.Message.Sentences.Length ?? 0)))
            errors["askSentence"] = [$"The newest message has {classification.Evidence?.Message.Sentences.Length ?? 0} sentences: point to one of them by its index in reading.sentences."];
        if (request.Reason is { Length: > MaxRightAboutChars })
            errors["reason"] = [$"Keep their reason to one sentence (at most {MaxRightAboutChars} characters)."];
        if (errors.Count > 0) return new DraftOutcome.Invalid(errors);

        // Model, render and check: the one compose step.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var template = kind.Templates[audience];
        var stance = request.Stance ?? StanceReader.Read(classification, kind.Id).Suggested;
        var offeredIds = request.Alternatives ?? kind.Offered(Register.IsBrief(classification.Email), stance, classification.Evidence?.Message,
            AskReader.TellsOfHardship(classification));
        var composed = Composer.Compose(catalog,
            new ComposeInput(kind, audience, email, classification, request.Fields ?? [], offeredIds, request.TheyAreRightAbout, user, request.Reason, request.Stance, budget.Value,
                request.Also, request.AskSentence, OfferedAreDefaults: request.Alternatives is null),
            today, errors, ct);
        if (composed is null) return new DraftOutcome.Invalid(errors);
        // "Consider a yes": no refusal is drafted unless the account manager asks for one (stance refuse).
        if (request.Stance == Stances.Small || request.Stance is null && composed.StanceRead.Suggested == Stances.Small)
            return new DraftOutcome.ConsiderYes(classification, kind.Id, StanceDto.From(Stances.Small, composed.StanceRead));
        var (text, html, check, data, alternatives) = (composed.Text, composed.Html, composed.Check, composed.Data, composed.Alternatives);

        var dataPoints = data.Values.Where(v => v is not null)
            .Select(v => new DataPointDto(v!.Name, v.Label, v.Value, v.Source)).ToList();
        var missing = kind.Definition.DataPoints
            .Where(d => d.Input && data[d.Name] is null && template.DataReferences.Contains(d.Name))
            .Select(d => new MissingFieldDto(d.Name, d.Label, d.Unit)).ToList();
        var checks = ChecksDto.From(check.Checks);
        var response = new DraftResponse(
            Id: Guid.CreateVersion7().ToString(),
            Category: kind.Id,
            Audience: audience,
            Flags: classification.Flags,
            ManagerCopyAdvised: classification.Flags.Count > 0,
            Template: new TemplateRef(template.Id, template.Version),
            Subject: ReplySubject(email.Subject),
            Html: html,
            Text: text,
            DataPoints: dataPoints,
            MissingFields: missing,
            Alternatives: alternatives,
            Checks: checks,
            CheckNotes: check.Notes,
            Ask: classification.Primary,
            SuggestedAudience: classification.Audience,
            Classification: ClassifyResponse.From(classification),
            Reading: ReadingDto.From(composed.Reading, kind, data, classification.Evidence?.Message.Sentences),
            SetAsideFields: composed.SetAside,
            Stance: StanceDto.From(composed.Stance, composed.StanceRead),
            Pack: composed.Pack is { } pack ? new PackDto(pack.Id, pack.Title) : null,
            Also: (composed.Also ?? []).Select(a => new AlsoAskDto(a.Kind.Definition.Id, a.Kind.Definition.Title,
                a.Reading.Request is { } r ? new Evidence(r.Text, r.Start, r.Length) : null)).ToList());

        var logged = new GeneratedPayload(
            Id: response.Id,
            Category: response.Category,
            Confidence: request.Category is null ? classification.Primary.Confidence : 1,
            Overridden: request.Category is not null,
            Audience: audience,
            SuggestedAudience: classification.Audience.Suggested,
            Flags: classification.Flags,
            ManagerCopyAdvised: response.ManagerCopyAdvised,
            Template: new LoggedTemplate(template.Id, template.Version, template.Sha256, catalog.Version),
            DataPoints: dataPoints,
            MissingFields: missing.Select(m => m.Name).ToList(),
            Alternatives: alternatives.Where(a => a.Offered).Select(a => a.Id).ToList(),
            Checks: checks,
            CheckNotes: check.Notes,
            Ask: new LoggedAsk(classification.Primary.Category, classification.Primary.Confidence, AskQuote(classification, composed.Reading),
                classification.Secondary.Select(x => x.Category).ToList(), composed.Reading.Pointed ? true : null),
            Subject: response.Subject,
            Text: text,
            Email: new LoggedEmail(email.Subject ?? "", email.From?.Name ?? "", email.From?.Email ?? "", email.ItemId, email.ConversationId,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Body!)))),
            Stance: new LoggedStance(composed.Stance, composed.StanceRead.Suggested),
            Pack: composed.Pack?.Id,
            Also: composed.Also is { Count: > 0 } answered ? answered.Select(a => a.Kind.Definition.Id).ToList() : null);
        var key = EmailKey.For(email);
        DraftRecord NewRow(LogRecord record) => new()
        {
            Id = response.Id,
            CreatedAtUtc = record.AtUtc,
            UserId = record.UserId,
            UserName = record.UserName,
            Category = response.Category,
            Audience = audience,
            Threat = classification.Threat,
            Abusive = classification.Abusive,
            ManagerCopyAdvised = response.ManagerCopyAdvised,
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            CatalogVersion = catalog.Version,
            GeneratedFailed = CheckBits.Failed(checks.SaysNo, checks.GivesReason, checks.CitesData, checks.OffersAlternative, checks.Respectful, checks.Grounded),
            CustomerDomain = Domain(email.From?.Email),
            FromName = Clip(email.From?.Name ?? "", 320),
            FromEmail = Clip(email.From?.Email ?? "", 320),
            EmailSubject = Clip(email.Subject ?? "", 1000),
            Subject = Clip(response.Subject, 1010),
            AskQuote = AskQuote(classification, composed.Reading) is { } q ? Clip(q, 300) : null,
            Status = LogTypes.Generated,
            Review = "none",
            GeneratedSeq = record.Seq,
            EmailKey = key,
            LatestAtUtc = record.AtUtc,
            LatestSeq = record.Seq,
        };
        // Log durably before answering: if this throws, the caller gets a 503 and no draft.
        var (draftId, revision) = await DraftRevisions.AppendAsync(db, log, response.Id, user.UserId(), user.DisplayName(), key,
            LogChain.Payload(logged), NewRow, ct);
        return new DraftOutcome.Created(response with { DraftId = draftId, Revision = revision });
    }

    /// <summary>The template model for a kind and audience, with the offered alternatives rendered
    /// into it. Used by drafts and by anything that previews a template (benchmarks, admin).</summary>
    public static (ScriptObject Model, List<AlternativeDto> Alternatives) BuildModel(Kind kind, KindCatalog catalog, Classification c, AskReading reading,
        DraftEmail email, string audience, Dictionary<string, DataPointValue?> data, string? theyAreRightAbout, ClaimsPrincipal user,
        IReadOnlyCollection<string> offeredIds, CancellationToken ct, string stance = Stances.Refuse, RenderBudget? budget = null,
        IReadOnlyList<AlsoAsk>? also = null, bool grants = false)
    {
        var model = BaseModel(kind, catalog, c, reading, email, audience, data, theyAreRightAbout, user);
        model["stance"] = stance;
        model["grants"] = grants;
        var alsoModel = new ScriptArray();
        foreach (var a in also ?? [])
            alsoModel.Add(new ScriptObject
            {
                ["kind"] = a.Kind.Definition.Id, ["title"] = a.Kind.Definition.Title, ["quote"] = Quote(a.Reading),
                ["requested"] = a.Reading.Requested is { } r ? AsStated(c.Email.Text.Substring(r.Figure.Start, r.Figure.Length)) : null,
            });
        model["also"] = alsoModel;
        var texts = kind.Definition.Alternatives.ToDictionary(a => a.Id,
            a => ReplyText.Tidy(TemplateRenderer.Render(kind.AlternativeTexts[a.Id], model, catalog, ct, budget)), StringComparer.Ordinal);
        // An alternative whose text says nothing for this email is not offered: its template leaves it out where it would
        // contradict the refusal (5% off from the second year, to someone refused 2%; credit instead of a refund, to
        // someone told we do not yet know the cause). With none left, the reply offers to look for another way together:
        // reviewers found a stand-in written for another situation (a lighter package, for a retailer) worse.
        var offeredNow = offeredIds.Where(id => texts.TryGetValue(id, out var t) && t.Length > 0).ToList();
        var alternatives = new List<AlternativeDto>();
        var rendered = new Dictionary<string, ScriptObject>(StringComparer.Ordinal);
        foreach (var alt in kind.Definition.Alternatives)
        {
            var altText = texts[alt.Id];
            var isOffered = offeredNow.Contains(alt.Id);
            alternatives.Add(new AlternativeDto(alt.Id, alt.Title, altText, isOffered));
            if (isOffered) rendered[alt.Id] = new ScriptObject { ["id"] = alt.Id, ["title"] = alt.Title, ["text"] = altText };
        }
        // In the order offered: the alternative written for the customer's situation ("when") comes first.
        var offered = new ScriptArray();
        foreach (var id in offeredNow.Distinct(StringComparer.Ordinal))
            if (rendered.TryGetValue(id, out var alt)) offered.Add(alt);
        model["alternatives"] = offered;
        return (model, alternatives);
    }

    /// <summary>The customer's figure as a draft can state it after "for" or "to": without the sentence's
    /// own full stop or comma ("3 March." → "3 March") or a leading preposition ("on Monday" → "Monday").</summary>
    internal static string AsStated(string figure)
    {
        var text = figure.Trim().TrimEnd('.', ',', ';', ':', '!', '?').TrimEnd();
        foreach (var lead in (string[])["on ", "by ", "at ", "for ", "to ", "until ", "till "])
            if (text.Length > lead.Length && text.StartsWith(lead, StringComparison.OrdinalIgnoreCase)) return text[lead.Length..];
        return text;
    }

    private static ScriptObject BaseModel(Kind kind, KindCatalog catalog, Classification c, AskReading reading, DraftEmail email, string audience,
        Dictionary<string, DataPointValue?> data, string? theyAreRightAbout, ClaimsPrincipal user)
    {
        var person = Names.Read(email.From?.Name, email.From?.Email, c.Email);
        var me = user.DisplayName();
        var dataObject = new ScriptObject();
        foreach (var (key, v) in data)
            dataObject[key] = v is null ? null : new ScriptObject
            {
                ["value"] = v.Value, ["number"] = v.Number, ["label"] = v.Label, ["source"] = v.Source, ["unit"] = v.Unit,
            };
        var facts = new ScriptObject();
        // A fact without a value (the business does not have it) is absent, so a template's "if facts.x" drops its sentence.
        foreach (var (key, f) in catalog.Facts)
            if (f.Value is { } value)
                facts[key] = new ScriptObject
                {
                    ["value"] = DataPoints.Format(f.Unit, value, f.Currency ?? catalog.Currency, default), ["number"] = value, ["unit"] = f.Unit, ["label"] = f.Label,
                };
        var right = theyAreRightAbout is null ? null : WhitespaceRegex().Replace(theyAreRightAbout, " ").Trim();
        return new ScriptObject
        {
            ["customer"] = new ScriptObject
            {
                ["name"] = person.Full, ["firstName"] = person.Given, ["familyName"] = person.Family, ["title"] = person.Title,
                ["email"] = email.From?.Email, ["company"] = CompanyNamed(email), ["business"] = Company(email.From?.Email) is not null || AskReader.WritesForABusiness(c),
            },
            ["me"] = new ScriptObject { ["name"] = me, ["firstName"] = me.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? me },
            ["ask"] = new ScriptObject
            {
                ["kind"] = kind.Id, ["title"] = kind.Definition.Title, ["subject"] = email.Subject ?? "", ["quote"] = Quote(reading),
                // Read in full: what we would refuse in our words ("lower both prices by 30%"), their figure for it as they
                // wrote it, their reason and their offer said back to them ("your budget was cut"; "sign today").
                ["ours"] = reading.RequestOurs,
                ["requested"] = reading.Requested is { } r ? AsStated(c.Email.Text.Substring(r.Figure.Start, r.Figure.Length)) : null,
                ["requestedKind"] = reading.Requested?.Figure.Kind.ToString().ToLowerInvariant(),
                ["reason"] = reading.ReasonTheirs,
                ["reasonIsClause"] = reading.ReasonIsClause,
                ["offer"] = reading.OfferTheirs,
                ["hardship"] = reading.Hardship,
                ["remedy"] = reading.Remedy,
                ["beyond"] = reading.Beyond,
                ["fault"] = reading.Fault,
                ["free"] = reading.Free,
            },
            ["audience"] = audience,
            ["stance"] = Stances.Refuse,
            ["grants"] = false,
            ["register"] = Register.Read(c.Email),
            ["brief"] = Register.IsBrief(c.Email),
            ["pressure"] = new ScriptObject { ["threat"] = c.Threat, ["abusive"] = c.Abusive, ["any"] = c.Threat || c.Abusive, ["leaving"] = Pressure.ThreatensToLeave(c) },
            ["data"] = dataObject,
            ["facts"] = facts,
            ["alternatives"] = new ScriptArray(),
            ["also"] = new ScriptArray(),
            ["theyAreRightAbout"] = string.IsNullOrEmpty(right) ? null : right,
        };
    }

    // The sentence the account manager pointed to is the ask compliance should see; else the reader's.
    private static string? AskQuote(Classification c, AskReading reading) => reading.Pointed ? Quote(reading) : Quote(c);

    private static string? Quote(Classification c)
    {
        var s = c.Primary.Sentences.FirstOrDefault();
        if (s == default) return null;
        var text = WhitespaceRegex().Replace(c.Email.Text.Substring(s.Start, s.Length), " ").Trim();
        return text.Length is 0 or > 300 ? null : text;
    }

    /// <summary>The sentence that asks for (or imposes) the kind being drafted, as the reading found it; null when
    /// none was found or it is too long to say back.</summary>
    private static string? Quote(AskReading reading)
    {
        if (reading.Request is not { } r) return null;
        var text = WhitespaceRegex().Replace(r.Text, " ").Trim();
        return text.Length is 0 or > 300 ? null : text;
    }

    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "icloud", "me", "aol", "proton", "protonmail", "gmx", "web", "mail", "yandex", "qq", "163", "example",
        // Home internet providers' addresses are private people's too.
        "msn", "ymail", "rocketmail", "fastmail", "zoho", "mac", "btinternet", "virginmedia", "sky", "talktalk", "comcast", "verizon", "att", "sbcglobal",
        "cox", "charter", "earthlink", "optonline", "bellsouth", "shaw", "rogers", "sympatico", "bigpond", "orange", "wanadoo", "free", "laposte", "sfr",
        "t-online", "freenet", "libero", "virgilio", "tiscali", "naver", "daum", "126", "sina", "rediffmail", "seznam", "wp", "interia", "o2", "telenet",
    };

    /// <summary>The company from the sender's domain, only when the email itself names it (the signature, usually):
    /// a domain alone too often gives a name nobody uses ("Alamocps" for a clinic's initials, "Glowandgrace" for words
    /// run together).</summary>
    internal static string? CompanyNamed(DraftEmail email)
    {
        var company = Company(email.From?.Email);
        return company is not null && (email.Body ?? "").Contains(company, StringComparison.OrdinalIgnoreCase) ? company : null;
    }

    internal static string? Company(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (email is null || at < 0) return null;
        var labels = email[(at + 1)..].Split('.');
        if (labels.Length < 2) return null;
        var label = labels.Length >= 3 && labels[^2].Length <= 3 && labels[^1].Length == 2 ? labels[^3] : labels[^2]; // acme.co.uk
        if (FreeMailDomains.Contains(label) || label.Length < 4 || !label.All(ch => char.IsLetter(ch) || ch == '-')) return null;
        return string.Join(' ', label.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(Capitalise));
    }

    /// <summary>The sender's domain, lower case, for the review filters ("" when unknown).</summary>
    internal static string Domain(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return email is null || at < 0 ? "" : Clip(email[(at + 1)..].Trim().TrimEnd('>').ToLowerInvariant(), 255);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    internal static string ReplySubject(string? subject)
    {
        var s = (subject ?? "").Trim();
        return ReplyPrefixRegex().IsMatch(s) ? s : ("RE: " + s).TrimEnd();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"^(re|aw|sv|antw|réf|rif)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefixRegex();
}

/// <summary>The generated record's content in the log: everything needed to show and judge the draft
/// later, except the customer's body (only its hash).</summary>
public sealed record GeneratedPayload(string Id, string Category, double Confidence, bool Overridden, string Audience, string SuggestedAudience,
    IReadOnlyList<string> Flags, bool ManagerCopyAdvised, LoggedTemplate Template, IReadOnlyList<DataPointDto> DataPoints,
    IReadOnlyList<string> MissingFields, IReadOnlyList<string> Alternatives, ChecksDto Checks, IReadOnlyList<string> CheckNotes,
    LoggedAsk Ask, string Subject, string Text, LoggedEmail Email, LoggedStance? Stance = null,
    // The business pack the draft argued with, so compliance sees which facts and alternatives applied.
    string? Pack = null,
    // The other asks the draft answers (kind ids), in the order it answers them.
    IReadOnlyList<string>? Also = null);

/// <summary>The stance the draft took and the one the email suggested (absent on records logged before stances).</summary>
public sealed record LoggedStance(string Taken, string Suggested);

public sealed record LoggedTemplate(string Id, int Version, string Sha256, long CatalogVersion);
/// <summary><c>Pointed</c>: true when the account manager pointed to the sentence that asks (the quote is theirs), else absent.</summary>
public sealed record LoggedAsk(string Category, double Confidence, string? Quote, IReadOnlyList<string> Secondary, bool? Pointed = null);
public sealed record LoggedEmail(string Subject, string FromName, string FromEmail, string? ItemId, string? ConversationId, string BodySha256);
