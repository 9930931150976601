using System.Net;

namespace OutlookSayNo.ApiTests;

public sealed class LowRateLimitFactory : SayNoFactory
{
    public LowRateLimitFactory()
    {
        Settings["Security:RateLimit:PermitsPerMinute"] = "3";
        Settings["Security:RateLimit:Burst"] = "3";
    }
}

public sealed class RateLimitTests(LowRateLimitFactory factory) : IClassFixture<LowRateLimitFactory>
{
    [Fact]
    public async Task The_fourth_request_by_one_user_in_a_minute_gets_429_with_Retry_After_while_another_user_still_gets_200()
    {
        var busy = factory.ClientAs(name: "Rita Busy");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await busy.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).StatusCode);

        var fourth = await busy.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) });
        var other = await factory.ClientAs(name: "Otto Calm").PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        var retryAfter = fourth.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var problem = await fourth.ReadNodeAsync();
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Contains("Try again in", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_token_are_not_counted_and_get_401()
    {
        var anonymous = factory.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).StatusCode);
    }

    [Fact]
    public async Task Routes_outside_the_draft_routes_are_not_limited()
    {
        var reader = factory.ClientAs(name: "Gina Reader");
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/templates")).StatusCode);
    }
}
