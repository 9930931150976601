using System.Net;

namespace OutlookSayNo.ApiTests;

public sealed class CorsFactory : SayNoFactory
{
    public const string Allowed = "https://pane.contoso.example";

    public CorsFactory() => Settings["Security:CorsOrigins:0"] = Allowed;
}

public sealed class CorsTests(CorsFactory factory) : IClassFixture<CorsFactory>
{
    private static HttpRequestMessage Preflight(string origin, string url = "/api/drafts") => new(HttpMethod.Options, url)
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "authorization,content-type" },
        },
    };

    [Fact]
    public async Task A_preflight_from_a_configured_origin_is_allowed()
    {
        var response = await factory.CreateClient().SendAsync(Preflight(CorsFactory.Allowed));

        Assert.True(response.IsSuccessStatusCode, $"got {response.StatusCode}");
        Assert.Equal(CorsFactory.Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Fact]
    public async Task A_preflight_from_an_unlisted_origin_gets_no_allow_origin()
    {
        var response = await factory.CreateClient().SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_call_from_the_configured_origin_gets_its_origin_back_and_an_unlisted_one_does_not()
    {
        var client = factory.ClientAs();
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/templates") { Headers = { { "Origin", CorsFactory.Allowed } } };
        var unlisted = new HttpRequestMessage(HttpMethod.Get, "/api/templates") { Headers = { { "Origin", "https://evil.example" } } };

        var ok = await client.SendAsync(allowed);
        var refused = await client.SendAsync(unlisted);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(CorsFactory.Allowed, Assert.Single(ok.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task With_no_origins_configured_no_other_origin_is_allowed()
    {
        using var sameOriginOnly = new SayNoFactory();
        var response = await sameOriginOnly.CreateClient().SendAsync(Preflight(CorsFactory.Allowed, "/api/classify"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
