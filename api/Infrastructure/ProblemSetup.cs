using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using Microsoft.EntityFrameworkCore;
using OutlookSayNo.Kinds;

namespace OutlookSayNo.Infrastructure;

public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted on any route; larger gets 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}

public static class ProblemSetup
{
    public static IHostApplicationBuilder AddSayNoProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes is > 1024 and <= 100 * 1024 * 1024, "Limits:MaxRequestBodyBytes must be between 1 KB and 100 MB.")
            .ValidateOnStart();
        // The middleware enforces the limit per request; Kestrel's own cap sits above it as a backstop.
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 100 * 1024 * 1024);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier));
        // Bad JSON, wrong content types and oversized bodies reach the exception handler, which
        // turns them into problem details that say what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseExceptionHandler>();
        builder.Services.AddExceptionHandler<TemplateExceptionHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        return builder;
    }

    public static WebApplication UseSayNoProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimitsMiddleware>();
        return app;
    }
}

internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var status = bad.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this route accepts.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request as JSON with Content-Type: application/json.",
            _ => Describe(bad),
        };
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = Title(status), Detail = detail },
            Exception = exception,
        });
    }

    private static string Title(int status) => status switch
    {
        413 => "Request too large",
        415 => "Unsupported content type",
        _ => "Bad request",
    };

    private static string Describe(BadHttpRequestException bad)
    {
        for (Exception? e = bad; e is not null; e = e.InnerException)
            if (e is JsonException json)
                return $"The body is not valid JSON for this route: {json.Message}";
        return bad.Message;
    }
}

internal sealed class DatabaseExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (DbUpdateException or System.Data.Common.DbException)) return false;
        log.LogError(exception, "The database could not be written");
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 503,
                Title = "The compliance log is unavailable",
                Detail = "The draft could not be recorded, so it was not returned. Nothing was saved; try again shortly.",
            },
            Exception = exception,
        });
    }
}

internal sealed class TemplateExceptionHandler(IProblemDetailsService problems, ILogger<TemplateExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is TemplateBudgetException over) return await OverBudget(http, over);
        if (exception is not TemplateRenderException t) return false;
        log.LogError(exception, "Template {Template} failed to render", t.Template);
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 500,
                Title = "The reply template failed",
                Detail = $"Template {t.Template} stopped{(t.Line is null ? "" : $" at line {t.Line}, column {t.Column}")}: {t.Reason}. A template admin needs to fix it.",
            },
            Exception = exception,
        });
    }

    // 422, not 503: the template does too much work for this email, and would on every retry, which is what a
    // 503 invites (each retry spending the budget again). Not 500: the server is fine and says what failed.
    private async ValueTask<bool> OverBudget(HttpContext http, TemplateBudgetException over)
    {
        log.LogError("Template {Template} (kind {Kind}, audience {Audience}) went over its render budget, so the draft failed: {Reason}",
            over.Template, over.Kind, over.Audience, over.Reason);
        http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 422,
                Type = "https://outlooksayno.dev/problems/template-over-budget",
                Title = "The reply template does too much work for this email",
                Detail = $"Template {over.Template} went over its render budget: {over.Reason} Write this reply by hand; a template admin needs to fix the template.",
                Extensions = { ["template"] = over.Template, ["kind"] = over.Kind, ["audience"] = over.Audience },
            },
            Exception = over,
        });
    }
}
