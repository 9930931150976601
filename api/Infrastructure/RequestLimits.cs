using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace OutlookSayNo.Infrastructure;

/// <summary>Refuses a body over the limit with a 413 problem before anything reads it, whatever
/// server hosts the app, and tells the server to stop reading a chunked body at the limit.</summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<LimitsOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // A route may accept less than the global limit ([RequestSizeLimit] metadata), never more.
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } routeLimit)
            limit = Math.Min(limit, routeLimit);
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
