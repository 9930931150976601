using Microsoft.AspNetCore.Http.HttpResults;

namespace OutlookSayNo.Mailbox;

/// <summary>A mailbox failure as the API answers it: a problem type the pane acts on, the status, and
/// the headers that tell the client what to do next (Retry-After, the claims challenge).</summary>
public static class MailboxProblems
{
    public const string Base = "https://outlooksayno.dev/problems/";
    public const string Unavailable = Base + "mailbox-unavailable";
    public const string ConsentRequired = Base + "mailbox-consent-required";
    public const string Forbidden = Base + "mailbox-forbidden";
    public const string NotFound = Base + "mailbox-message-not-found";
    public const string NoManager = Base + "no-manager";
    public const string Throttled = Base + "mailbox-throttled";
    public const string Failed = Base + "mailbox-failed";

    public static ProblemHttpResult Result(MailboxException e, HttpContext http)
    {
        var (status, type, title) = e.Failure switch
        {
            MailboxFailure.Unavailable => (StatusCodes.Status503ServiceUnavailable, Unavailable, "Mailbox access is not configured"),
            MailboxFailure.ConsentRequired => (StatusCodes.Status401Unauthorized, ConsentRequired, "Sign in again to reach your mailbox"),
            MailboxFailure.Forbidden => (StatusCodes.Status403Forbidden, Forbidden, "No access to the mailbox"),
            MailboxFailure.NotFound => (StatusCodes.Status404NotFound, NotFound, "Message not found in your mailbox"),
            MailboxFailure.NoManager => (StatusCodes.Status422UnprocessableEntity, NoManager, "No manager to copy"),
            MailboxFailure.Throttled => (StatusCodes.Status429TooManyRequests, Throttled, "Outlook's mail service is busy"),
            _ => (StatusCodes.Status502BadGateway, Failed, "Microsoft Graph failed"),
        };
        var extensions = new Dictionary<string, object?>();
        if (e.RetryAfterSeconds is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            extensions["retryAfterSeconds"] = wait;
        }
        if (e.Failure == MailboxFailure.ConsentRequired)
        {
            // The shape Entra clients know: the next token request must carry these claims.
            http.Response.Headers.WWWAuthenticate = e.Claims is null
                ? "Bearer error=\"insufficient_claims\""
                : $"Bearer error=\"insufficient_claims\", claims=\"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(e.Claims))}\"";
            if (e.Claims is not null) extensions["claims"] = e.Claims;
        }
        return TypedResults.Problem(statusCode: status, type: type, title: title, detail: e.Message, extensions: extensions);
    }

    /// <summary>The answers a route that reads or writes the mailbox may give, for OpenAPI.</summary>
    public static RouteHandlerBuilder ProducesMailboxProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
