using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The /try/ page (the pane without Outlook) is there in Development and nowhere else.</summary>
public sealed class TryPageApiTests(SayNoFactory development, EntraFactory production)
    : IClassFixture<SayNoFactory>, IClassFixture<EntraFactory>
{
    [Theory]
    [InlineData("/try/")]
    [InlineData("/try")]
    [InlineData("/try/try.html")]
    [InlineData("/try/pane.html")]
    [InlineData("/try/office-standin.js")]
    public async Task In_production_nothing_of_the_try_page_is_served(string path)
    {
        var response = await production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task In_development_the_page_is_served_and_may_frame_only_itself()
    {
        var response = await development.CreateClient().GetAsync("/try/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Contains("frame-src 'self'", csp);
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Without_the_slash_it_redirects_and_keeps_the_token()
    {
        var response = await development.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/try?token=abc");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/try/?token=abc", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_framed_pane_loads_the_stand_in_and_the_built_pane_not_office_js()
    {
        var html = await development.CreateClient().GetStringAsync("/try/pane.html");
        Assert.Contains("<script src=\"/try/office-standin.js\"></script>", html);
        Assert.Contains("<base href=\"/addin/\" />", html);
        Assert.DoesNotContain("appsforoffice.microsoft.com", html);
        var standIn = await development.CreateClient().GetAsync("/try/office-standin.js");
        Assert.Equal(HttpStatusCode.OK, standIn.StatusCode);
    }
}
