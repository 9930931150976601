using Microsoft.AspNetCore.Http.HttpResults;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Kinds;
using OutlookSayNo.Mailbox;
using OutlookSayNo.Reading;

namespace OutlookSayNo.Asks;

public sealed record EmailAddress(string? Name, string? Email);

/// <summary>The email to classify. <c>itemId</c> (the message's REST id) without a body: the API reads
/// the message from the user's mailbox.</summary>
public sealed record ClassifyRequest(string? Subject, string? Body, EmailAddress? From, string? ItemId = null);

public sealed record FigureDto(string Kind, string Text, object Value,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Currency)
{
    public static FigureDto From(Figure f, EmailText email)
    {
        object value = f.Kind switch
        {
            FigureKind.Date or FigureKind.Duration => f.Iso!,
            _ => f.Number,
        };
        var text = email.Text.Substring(f.Start, f.Length);
        return new FigureDto(f.Kind.ToString().ToLowerInvariant(), text, value, f.Currency);
    }
}

public sealed record ClassifyResponse(
    AskFinding Primary,
    IReadOnlyList<AskFinding> Secondary,
    IReadOnlyList<string> Flags,
    IReadOnlyList<Evidence> FlagEvidence,
    IReadOnlyList<FigureDto> Figures,
    AudienceSuggestion Audience,
    AskUncertainty? Unsure)
{
    public static ClassifyResponse From(Classification c) => new(
        c.Primary, c.Secondary, c.Flags, c.FlagEvidence,
        c.Figures.Select(f => FigureDto.From(f, c.Email)).ToList(), c.Audience, c.Unsure);
}

public static class AsksApi
{
    public static IServiceCollection AddSayNoAsks(this IServiceCollection services)
    {
        services.AddSingleton<Classifier>();
        services.AddSingleton<Readings>();
        return services;
    }

    public static RouteGroupBuilder MapAsks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/classify")
            .WithTags("Classify")
            .RequireAuthorization(Roles.AccountManager)
            .RequireRateLimiting(RateLimits.Drafts)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(256 * 1024))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("", Classify)
            .WithName("Classify")
            .WithSummary("Classify the customer's ask")
            .WithDescription("Reads the newest message of the email (HTML or text; quoted history and signature excluded), " +
                             "names the ask kind with the words that show it, secondary asks, threat/abusive flags, the figures, " +
                             "and the audience to argue for. Evidence start/length index the body as sent.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesMailboxProblems();
        return group;
    }

    public const int MaxBodyChars = 200_000;
    public const int MaxSubjectChars = 1_000;

    private static async Task<Results<Ok<ClassifyResponse>, ValidationProblem, ProblemHttpResult>> Classify(ClassifyRequest request, CatalogStore catalogs,
        Readings readings, SayNoDb db, IMailbox mailbox, HttpContext http, CancellationToken ct)
    {
        ResolvedEmail? email;
        Dictionary<string, string[]> errors;
        try
        {
            (email, errors) = await readings.ResolveAsync(mailbox, http.User.UserId(), request.Subject, request.Body, request.From, request.ItemId, null, "", ct);
        }
        catch (MailboxException e)
        {
            return MailboxProblems.Result(e, http);
        }
        if (email is null) return TypedResults.ValidationProblem(errors);
        var catalog = await catalogs.GetRecentAsync(db, ct);
        var result = readings.Classify(catalog, email.Subject, email.Body, ct);
        return TypedResults.Ok(ClassifyResponse.From(result));
    }

    /// <summary>The checks every route that takes an email applies; <paramref name="prefix"/> names the field path.</summary>
    public static Dictionary<string, string[]> Validate(string? subject, string? body, EmailAddress? from, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null) errors[prefix + "body"] = ["The email body is required (plain text or HTML)."];
        else if (string.IsNullOrWhiteSpace(body)) errors[prefix + "body"] = ["The email body is empty: there is nothing to read."];
        else if (body.Length > MaxBodyChars) errors[prefix + "body"] = [$"The email body has {body.Length:N0} characters; the most accepted is {MaxBodyChars:N0}."];
        if (subject is { Length: > MaxSubjectChars }) errors[prefix + "subject"] = [$"The subject has {subject.Length:N0} characters; the most accepted is {MaxSubjectChars:N0}."];
        if (from?.Email is { } mail && (mail.Length > 320 || !mail.Contains('@') || mail.Any(char.IsWhiteSpace)))
            errors[prefix + "from.email"] = [$"'{Shorten(mail)}' is not an email address."];
        if (from?.Name is { Length: > 320 }) errors[prefix + "from.name"] = ["The sender's name is longer than 320 characters."];
        return errors;
    }

    internal static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
