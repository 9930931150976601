using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace OutlookSayNo.ApiTests;

public sealed class AuthTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private Task<HttpResponseMessage> Classify(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody));
    }

    [Fact]
    public async Task No_token_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify(null)).StatusCode);
    }

    [Fact]
    public async Task An_account_manager_token_gets_in()
    {
        Assert.Equal(HttpStatusCode.OK, (await Classify(factory.Token("AccountManager"))).StatusCode);
    }

    [Theory]
    [InlineData("TemplateAdmin")]
    [InlineData("ComplianceReviewer")]
    public async Task Other_roles_are_forbidden_from_the_account_manager_routes(string role)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Classify(factory.Token(role))).StatusCode);
        var drafts = factory.ClientAs(role);
        var response = await drafts.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_any_role_is_forbidden()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Classify(factory.Token(role: null))).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify(factory.Token(audience: "https://elsewhere.example"))).StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify(factory.Token(issuer: "someone-else"))).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify(factory.Token(expires: DateTime.UtcNow.AddHours(-1)))).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify(factory.Token(key: RandomNumberGenerator.GetBytes(32)))).StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var signed = factory.Token();
        var parts = signed.Split('.');
        var header = Convert.ToBase64String("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify($"{header}.{parts[1]}.")).StatusCode);
    }

    [Fact]
    public async Task Garbage_in_the_authorization_header_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Classify("not-a-token")).StatusCode);
    }
}
