using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace OutlookSayNo.Infrastructure;

/// <summary>Refuses a body over the limit with a 413 problem before anything reads it, whatever
/// server hosts the app, and tells the server to stop reading a chunked body at the limit.</summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<LimitsOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 413,
                    Title = "Request too large",
                    Detail = $"The request body has {http.Request.ContentLength:N0} bytes; the most accepted is {limit:N0}.",
                },
            });
            return;
        }
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        await next(http);
    }
}
