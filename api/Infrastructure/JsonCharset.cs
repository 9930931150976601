using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace OutlookSayNo.Infrastructure;

/// <summary>JSON is UTF-8 (RFC 8259 section 8.1), so a JSON body declared in any other charset gets a 415
/// problem before anything reads it, on every route. Left to the JSON reader, an unknown charset
/// (x-bogus), one .NET refuses (utf-7) or a quoted "utf-8" threw, a 500; utf-16 was transcoded into garbage.
/// UTF-8 written any valid way (quoted, upper case, utf8) is passed on as plain charset=utf-8.</summary>
public sealed class JsonCharsetMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && IsJson(type) && type.Charset.HasValue)
        {
            var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value?.Trim() ?? "";
            if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 415,
                        Title = "Unsupported charset",
                        Detail = $"The body is declared as charset={(charset.Length <= 40 ? charset : charset[..40] + "…")}; send JSON as UTF-8 (charset=utf-8, or no charset).",
                    },
                });
                return;
            }
            type.Charset = "utf-8";
            http.Request.ContentType = type.ToString();
        }
        await next(http);
    }

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}

public static class JsonCharsetSetup
{
    public static WebApplication UseJsonCharset(this WebApplication app)
    {
        app.UseMiddleware<JsonCharsetMiddleware>();
        return app;
    }
}
