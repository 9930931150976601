using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Mailbox;

namespace OutlookSayNo.Drafts;

public static class DraftsApi
{
    public static IServiceCollection AddSayNoDrafts(this IServiceCollection services)
    {
        services.AddScoped<DraftService>();
        return services;
    }

    public static RouteGroupBuilder MapDrafts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/drafts")
            .WithTags("Drafts")
            .RequireAuthorization(Roles.AccountManager)
            .RequireRateLimiting(RateLimits.Drafts)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(256 * 1024))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("", Create)
            .WithName("CreateDraft")
            .WithSummary("Draft a reply that says no")
            .WithDescription("Classifies the email (unless a category is given), builds the data points from the email's figures, " +
                             "the facts, the typed fields and computed values, renders the template for the kind and audience, " +
                             "checks the text, and records the draft in the compliance log before answering. " +
                             "An email with no refusable ask gets 422 no-refusable-ask (choose a category to draft anyway); an email whose ask " +
                             "reads as two kinds almost equally, or only weakly, gets 422 ask-unclear with both candidates and their evidence " +
                             "(send the chosen category); an ask within what the account manager may agree without approval (the kind's smallWhen " +
                             "rule against a fact), or stance small, gets 422 consider-yes and no draft (send stance refuse to draft a no). The response carries the whole classification, so one request is enough. " +
                             "The same user drafting the same email again (the same Outlook item id, else the same subject, sender and body) " +
                             "makes a revision of one draft: id names this revision (post its events with it), draftId the draft, revision its number.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/{id}/events", DraftEvents.Record)
            .WithName("RecordDraftEvent")
            .WithSummary("Record what happened to a draft")
            .WithDescription("Appends an event (inserted, sent, discarded) to a draft of the signed-in account manager. " +
                             "Events follow the draft's life: inserted any number of times, sent once, discarded only before sent; " +
                             "after discarded only sent is taken. Anything else is 409 (already-sent, discarded). " +
                             "A send, or an insert of edited text, reopens a review given before it. The id is a revision's (a draft's first " +
                             "revision has the draft's id); the event is logged on the draft and names that revision, and the life above is the draft's.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/{id}/reply-draft", DraftMailbox.SaveReply)
            .WithName("SaveReplyDraft")
            .WithSummary("Save the reply to the user's Outlook Drafts")
            .WithDescription("Through Microsoft Graph on the user's behalf: creates a reply (or reply-all) draft to the customer's message " +
                             "with the reply above the quoted thread and, with ccManager, the user's manager in Cc (the witness for threats and abuse). " +
                             "Records the inserted event. Mailbox failures are problem types mailbox-unavailable (503), mailbox-consent-required (401, " +
                             "with the claims challenge), mailbox-forbidden (403), mailbox-message-not-found (404), no-manager (422), " +
                             "mailbox-throttled (429, Retry-After) and mailbox-failed (502).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesMailboxProblems();

        group.MapPost("/{id}/confirm-sent", DraftMailbox.ConfirmSent)
            .WithName("ConfirmDraftSent")
            .WithSummary("Confirm from Sent Items that the reply was sent")
            .WithDescription("For hosts where the on-send handler did not run: finds the sent reply in the user's Sent Items (by the mark a " +
                             "reply saved here carries, else the user's first message in the conversation after the draft) and records the sent " +
                             "event with the five checks. alreadyRecorded when a sent event exists; 404 not-sent-yet when nothing is found.")
            .ProducesMailboxProblems();
        return group;
    }

    private static async Task<Results<Ok<DraftResponse>, ValidationProblem, ProblemHttpResult>> Create(
        DraftRequest request, DraftService drafts, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var outcome = await drafts.CreateAsync(request, user, ct);
        return outcome switch
        {
            DraftOutcome.Created created => TypedResults.Ok(created.Draft),
            DraftOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            DraftOutcome.NothingToRefuse none => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "No refusable ask found",
                detail: "This email does not ask for anything to decline (it reads as a thank-you, a question or a request for information). " +
                        "Reply normally, or send a category to draft a refusal anyway.",
                type: "https://outlooksayno.dev/problems/no-refusable-ask",
                extensions: new Dictionary<string, object?>
                {
                    ["category"] = none.Category,
                    ["classification"] = ClassifyResponse.From(none.Classification),
                }),
            DraftOutcome.AskUnclear unclear => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Which ask is this?",
                detail: unclear.Classification.Unsure!.Reason + " Pick the kind to draft (send it as category).",
                type: "https://outlooksayno.dev/problems/ask-unclear",
                extensions: new Dictionary<string, object?>
                {
                    ["candidates"] = unclear.Classification.Unsure.Candidates.Select(c => c.Category).ToList(),
                    ["classification"] = ClassifyResponse.From(unclear.Classification),
                }),
            DraftOutcome.ConsiderYes yes => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Consider a yes",
                detail: (yes.Stance.Suggested == Stances.Small ? yes.Stance.Reason + " " : "") +
                        "No refusal is drafted: agree in your own words, or send stance refuse to draft a no anyway.",
                type: "https://outlooksayno.dev/problems/consider-yes",
                extensions: new Dictionary<string, object?>
                {
                    ["category"] = yes.Category,
                    ["stance"] = yes.Stance,
                    ["classification"] = ClassifyResponse.From(yes.Classification),
                }),
            DraftOutcome.MailboxFailed failed => MailboxProblems.Result(failed.Failure, http),
            _ => throw new InvalidOperationException("Unknown draft outcome."),
        };
    }
}
