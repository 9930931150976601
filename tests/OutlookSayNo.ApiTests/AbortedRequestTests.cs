using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Asks;

namespace OutlookSayNo.ApiTests;

/// <summary>The API with one test hook: a request carrying <c>X-Test-Client-Gone</c> arrives with its
/// <see cref="HttpContext.RequestAborted"/> already cancelled, as if the client had disconnected.</summary>
public sealed class ClientGoneFactory : SayNoFactory
{
    public const string Header = "X-Test-Client-Gone";

    public ClientGoneFactory() => TestServices = services => services.AddSingleton<IStartupFilter, ClientGoneFilter>();

    private sealed class ClientGoneFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey(Header)) context.RequestAborted = new CancellationToken(canceled: true);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>A request whose client has gone does no reading: the endpoints hand their request token to
/// the classifier (and on through compose), which stops before reading the email.</summary>
public sealed class AbortedRequestTests(ClientGoneFactory factory) : IClassFixture<ClientGoneFactory>
{
    private readonly HttpClient _client = factory.ClientAs();
    private Readings Readings => factory.Services.GetRequiredService<Readings>();

    private async Task<HttpStatusCode> PostGone(string url, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(request) };
        message.Headers.Add(ClientGoneFactory.Header, "1");
        return (await _client.SendAsync(message)).StatusCode;
    }

    [Theory]
    [InlineData("/api/classify")]
    [InlineData("/api/drafts")]
    public async Task A_request_whose_client_has_gone_is_not_read(string url)
    {
        // One ordinary request first, so the catalog is in hand and the gone request's token meets the reader first.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).StatusCode);
        var body = Emails.DiscountBody + "\n\n(client gone " + Guid.NewGuid() + ")";
        object request = url == "/api/classify" ? Json.Email(body) : new { email = Json.Email(body) };
        var classified = Readings.Classified;

        var status = await PostGone(url, request);

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(classified, Readings.Classified);
    }
}
