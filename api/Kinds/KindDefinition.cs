using System.Text.Json.Serialization;

namespace OutlookSayNo.Kinds;

/// <summary>One ask kind as an admin writes it in <c>templates/&lt;kind&gt;/kind.json</c>.</summary>
public sealed class KindDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Description { get; set; } = "";
    /// <summary>False for <c>other</c>: emails that ask for nothing to decline.</summary>
    public bool Refusable { get; set; } = true;
    public string DefaultAudience { get; set; } = Audiences.Commercial;
    public List<CueDefinition> Cues { get; set; } = [];
    public List<string> Examples { get; set; } = [];
    public List<DataPointDefinition> DataPoints { get; set; } = [];
    public List<AlternativeDefinition> Alternatives { get; set; } = [];
    /// <summary>When the ask is small enough to consider a yes rather than draft a no; absent, never.</summary>
    public SmallAskRule? SmallWhen { get; set; }
    /// <summary>Phrases of asks of this kind an account manager usually grants (a licence moved to a new computer,
    /// paying by bank transfer): an email that asks one suggests considering a yes.</summary>
    public List<CueDefinition> SmallCues { get; set; } = [];
    /// <summary>Facts this kind's replies cite only to a message about them, with the phrases that say so (cue
    /// patterns, as an alternative's <c>when</c>): a claim is argued with the warranty when the customer reports a
    /// fault, not when a hotel guest asks for a refund. A fact not listed applies to every message.</summary>
    public Dictionary<string, List<string>> FactsWhen { get; set; } = [];
    /// <summary>Owning our part, this kind's replies grant the remedy asked for (<c>ask.remedy</c>) when nothing beyond it is
    /// asked (model <c>grants</c>); a refund or a corrected charge then comes with no alternatives until the account manager
    /// ticks one, because the remedy is the answer (another way to put it right reads as a refusal of the one they asked for).</summary>
    public bool GrantsRemedy { get; set; }

    /// <summary>The alternatives offered until the account manager picks: every default, or for a brief reply to a
    /// short message only the first (the pane lists the rest to tick). A reply that takes a stance some alternatives
    /// are written for (a counter-proposal to terms imposed on us) offers those instead.</summary>
    public List<string> DefaultOffered(bool brief, string? stance = null)
    {
        var forStance = stance is null ? [] : Alternatives.Where(a => a.Stances.Contains(stance, StringComparer.Ordinal)).Select(a => a.Id).ToList();
        var defaults = forStance.Count > 0 ? forStance : Alternatives.Where(a => a.Default).Select(a => a.Id);
        return (brief ? defaults.Take(1) : defaults).ToList();
    }

    /// <summary>The same kind with another list of alternatives (a pack's choice).</summary>
    public KindDefinition WithAlternatives(List<AlternativeDefinition> alternatives)
    {
        var copy = (KindDefinition)MemberwiseClone();
        copy.Alternatives = alternatives;
        return copy;
    }
}

/// <summary>A phrase that recognises a kind. Syntax: words separated by spaces; <c>word*</c> matches
/// any ending; <c>a|b</c> matches either word; <c>...</c> allows up to three words between;
/// <c>#</c> matches a number.</summary>
public sealed class CueDefinition
{
    public required string Pattern { get; init; }
    public double Weight { get; set; } = 1;
    /// <summary>Counts only in a sentence that speaks to the reader ("you", "your"): swearing about a thing or a
    /// situation ("this stupid bullshit", "$25 for a fucking case") is not abuse of the person who reads it.</summary>
    public bool Aimed { get; set; }
}

/// <summary>An ask is small when a data point of the kind (what they ask for, or a value computed from it) is above
/// zero and at most a fact the business sets: the most an account manager may agree without approval. A business
/// without that fact never gets the suggestion.</summary>
public sealed class SmallAskRule
{
    public required string DataPoint { get; init; }
    public required string AtMostFact { get; init; }
}

public sealed class DataPointDefinition
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    /// <summary>percent, money, days, hours, months, number, date or text.</summary>
    public string Unit { get; set; } = "number";
    /// <summary><c>email:percent</c>, <c>email:money</c>, <c>email:date</c>, <c>email:duration</c>, <c>email:quantity</c>.</summary>
    public string? From { get; set; }
    /// <summary>The account manager may type it (it is then listed in missingFields when absent).</summary>
    public bool Input { get; set; }
    /// <summary>Arithmetic over other data points and <c>facts.name</c>.</summary>
    public string? Compute { get; set; }
    /// <summary>For dates taken from the email: <c>future</c> or <c>past</c> only.</summary>
    public string? Dates { get; set; }
    /// <summary>The roles an email's figure must have to fill this point (<c>requested</c>, <c>current</c>,
    /// <c>competitor</c>, <c>contract</c>, <c>overdue</c>, <c>tenure</c>, <c>quantity</c>, <c>date</c>);
    /// when empty, only the value asked for. A figure whose role is unclear fills nothing.</summary>
    public List<string> Roles { get; set; } = [];
}

public sealed class AlternativeDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public bool Default { get; set; }
    /// <summary>Stances (<c>imposed</c>, <c>own_part</c>) this alternative answers: offered by default when the reply
    /// takes one of them, in place of the usual defaults, and only ticked by hand otherwise.</summary>
    public List<string> Stances { get; set; } = [];
    /// <summary>Phrases, in the syntax of cues, of the situations this alternative answers ("charged twice" for a review
    /// of the charges): an email that uses one is offered it first, in place of the last default.</summary>
    public List<string> When { get; set; } = [];
    /// <summary>Not offered by default to a customer who tells of hardship (a lost job, an illness, a budget cut,
    /// <c>ask.hardship</c>): a discount for paying early or a year up front reads as a taunt to someone who cannot pay now.</summary>
    public bool NotInHardship { get; set; }
    /// <summary>Answers only the situations its <see cref="When"/> phrases name (a repair at cost, when something broke):
    /// offered by default only to an email that uses one of them, and never put before another default.</summary>
    public bool OnlyWhen { get; set; }

    /// <summary>The stances an alternative can be written for (the ids of <c>Asks.Stances</c>, which sits above this folder).</summary>
    public static readonly IReadOnlyList<string> KnownStances = ["imposed", "own_part"];

    public AlternativeDefinition WithDefault(bool isDefault)
    {
        var copy = (AlternativeDefinition)MemberwiseClone();
        copy.Default = isDefault;
        return copy;
    }
}

public sealed class FactDefinition
{
    public required string Name { get; init; }
    /// <summary>Null when this business does not have the figure: no sentence then cites it.</summary>
    public required decimal? Value { get; init; }
    public required string Unit { get; init; }
    public required string Label { get; init; }
    /// <summary>For money: the currency the figure is in (ISO code); absent, the file's currency.</summary>
    public string? Currency { get; init; }
}

public sealed class FactsFile
{
    public string Currency { get; set; } = "USD";
    public List<FactDefinition> Facts { get; set; } = [];
}

/// <summary><c>templates/flags.json</c>: the cues of the <c>threat</c> and <c>abusive</c> flags.</summary>
public sealed class FlagsFile
{
    public FlagDefinition Threat { get; set; } = new();
    public FlagDefinition Abusive { get; set; } = new();
    /// <summary>Firm or unhappy sentences with neither threat nor insult: what the flags are not.</summary>
    public List<string> CalmExamples { get; set; } = [];
}

public sealed class FlagDefinition
{
    public List<CueDefinition> Cues { get; set; } = [];
    /// <summary>Total cue weight in the message needed to raise the flag.</summary>
    public double Threshold { get; set; } = 1;
    /// <summary>Sentences that carry the flag; a word model trained on them catches wordings no cue lists.</summary>
    public List<string> Examples { get; set; } = [];
}

/// <summary><c>templates/audiences.json</c>: role words in a signature that suggest the reader.</summary>
public sealed class AudiencesFile
{
    public List<AudienceDefinition> Audiences { get; set; } = [];
}

public sealed class AudienceDefinition
{
    public required string Id { get; init; }
    public string Label { get; set; } = "";
    public List<CueDefinition> RoleCues { get; set; } = [];
}

public static class Audiences
{
    public const string Commercial = "commercial";
    public const string Technical = "technical";
    public const string Finance = "finance";
    public static readonly string[] All = [Commercial, Technical, Finance];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(KindDefinition))]
[JsonSerializable(typeof(FactsFile))]
[JsonSerializable(typeof(FlagsFile))]
[JsonSerializable(typeof(AudiencesFile))]
[JsonSerializable(typeof(PackFile))]
[JsonSerializable(typeof(SetupFile))]
internal sealed partial class CatalogJson : JsonSerializerContext;
