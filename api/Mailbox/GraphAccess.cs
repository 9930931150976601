using System.Net;
using System.Security.Claims;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;

namespace OutlookSayNo.Mailbox;

/// <summary>Graph tokens for the signed-in user, exchanged on their behalf (OBO) from the token they
/// called this API with. A token that needs the user (consent, MFA, conditional access) becomes a
/// <see cref="MailboxFailure.ConsentRequired"/> with the claims challenge for the pane.</summary>
public sealed class OnBehalfOfTokenProvider(ITokenAcquisition tokens, ClaimsPrincipal user, string scheme, IReadOnlyList<string> scopes, Uri graphBase)
    : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphBase.Host]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        // Never hand the user's Graph token to any other host.
        if (!AllowedHostsValidator.IsUrlHostValid(uri)) return "";
        try
        {
            return await tokens.GetAccessTokenForUserAsync(scopes, authenticationScheme: scheme, user: user);
        }
        catch (MicrosoftIdentityWebChallengeUserException e)
        {
            throw Consent(e.MsalUiRequiredException);
        }
        catch (MsalUiRequiredException e)
        {
            throw Consent(e);
        }
        catch (MsalServiceException e)
        {
            throw new MailboxException(MailboxFailure.Failed, $"Could not get access to your mailbox: Entra ID refused ({e.ErrorCode}).", e);
        }
        catch (MsalClientException e)
        {
            throw new MailboxException(MailboxFailure.Failed, $"Could not get access to your mailbox ({e.ErrorCode}).", e);
        }
    }

    private static MailboxException Consent(MsalUiRequiredException e) => new(MailboxFailure.ConsentRequired,
        "Access to your mailbox needs your consent or a fresh sign-in. Sign in again and retry.", e)
    { Claims = string.IsNullOrWhiteSpace(e.Claims) ? null : e.Claims };
}

/// <summary>Retries Graph's throttling and brief outages (429, 503, 504) as Retry-After says, or with
/// doubling back-off, within a bound: a person is waiting in the pane, so a long wait is answered as
/// "busy, try again in N s" instead.</summary>
public sealed class GraphRetryHandler(TimeProvider clock, GraphOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // The body is read once so that each attempt sends the same bytes.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(ct);
        var waited = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            using var copy = Copy(request, body);
            var response = await base.SendAsync(copy, ct);
            if (!Retryable(response.StatusCode) || attempt >= options.MaxRetries) return response;
            var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(options.BackoffSeconds * Math.Pow(2, attempt));
            if (waited + wait > TimeSpan.FromSeconds(options.MaxRetryWaitSeconds)) return response;
            response.Dispose();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            waited += wait;
        }
    }

    private static bool Retryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) { var d = date - clock.GetUtcNow(); return d < TimeSpan.Zero ? TimeSpan.Zero : d; }
        return null;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var option in request.Options) ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers) copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return copy;
    }
}
