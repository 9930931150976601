using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

/// <summary>Words in the email that caused a decision. <c>Start</c>/<c>Length</c> index the body as
/// sent (or the subject when <c>In</c> is "subject"); <c>Text</c> is the words as read.</summary>
public sealed record Evidence(string Text, int Start, int Length, string In = "body");

public sealed record AskFinding(string Category, double Confidence, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>Sentences (start, length in the message text) that carry this ask, the strongest
    /// first; used to pick its figures.</summary>
    internal IReadOnlyList<(int Start, int Length)> Sentences { get; init; } = [];
}

public sealed record AudienceSuggestion(string Suggested, string Reason);

/// <summary>The reading is not sure enough to draft on its own: the two likeliest kinds (one of them
/// may be "other", nothing to refuse), each with its evidence, for the account manager to pick from.</summary>
public sealed record AskUncertainty(string Reason, IReadOnlyList<AskFinding> Candidates);

/// <summary>The whole reading of an email: what the classify route returns and what the draft
/// step builds its model from.</summary>
public sealed class Classification
{
    public required AskFinding Primary { get; init; }
    public required IReadOnlyList<AskFinding> Secondary { get; init; }
    public required IReadOnlyList<string> Flags { get; init; }
    public required IReadOnlyList<Figure> Figures { get; init; }
    public required AudienceSuggestion Audience { get; init; }
    public required EmailText Email { get; init; }
    public IReadOnlyList<Evidence> FlagEvidence { get; init; } = [];

    /// <summary>Set when the top two kinds are close or the best is weak: the pane asks before it drafts.</summary>
    public AskUncertainty? Unsure { get; init; }

    /// <summary>The reader model's probability per kind ("other" included); for evaluation and logs, not the API.</summary>
    internal IReadOnlyDictionary<string, double> Probabilities { get; init; } = new Dictionary<string, double>();

    /// <summary>What the reader model weighed; the evaluation command learns the model's weights from it.</summary>
    internal MessageEvidence? Evidence { get; init; }

    public bool Threat => Flags.Contains(AskFlags.Threat);
    public bool Abusive => Flags.Contains(AskFlags.Abusive);
}

public static class AskFlags
{
    public const string Threat = "threat";
    public const string Abusive = "abusive";
}
