using System.Net;

namespace OutlookSayNo.ApiTests;

public sealed class HealthTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    [Fact]
    public async Task Healthz_answers_without_a_token()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Swagger_documents_the_routes_with_the_bearer_scheme()
    {
        var json = await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("\"/api/templates/documents/{path}\"", json);
        Assert.Contains("\"/api/facts\"", json);
        Assert.Contains("\"412\"", json);
        Assert.Contains("\"/api/classify\"", json);
        Assert.Contains("\"/api/drafts\"", json);
        Assert.Contains("\"bearer\"", json);
        Assert.Contains("\"422\"", json);
    }

    [Fact]
    public async Task The_admin_page_is_served_at_admin_slash_and_admin_redirects_there_keeping_the_query()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await client.GetAsync("/admin?token=abc");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/admin/?token=abc", redirect.Headers.Location?.OriginalString);
        var page = await client.GetAsync("/admin/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("admin.js", html);
        Assert.Contains("/pages/pages.css", html);
        var css = await client.GetAsync("/pages/pages.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_gets_a_problem_details_404()
    {
        var response = await factory.ClientAs().GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
