using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>What the admin page's tests share: the browser, the shared server, a server of one's
/// own for tests that save, and direct API calls made behind the page's back.</summary>
public abstract class AdminTestBase(AdminFixture fixture, ITestOutputHelper output)
{
    static AdminTestBase() => Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);

    public const string CommercialTemplate = "discount/commercial.scriban";

    /// <summary>A reason sentence of the shipped discount/commercial.scriban, and what the tests write instead.</summary>
    public const string OriginalReason = "would be unfair to the rest";
    public const string EditedReason = "would break our promise of one fair price";

    protected AdminFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected PaneServer SharedServer => Fixture.Server;

    protected Task<AdminSession> NewSession(int width = 1280, int height = 900) =>
        AdminSession.Create(Fixture.Browser, Output, width, height);

    /// <summary>An API of its own (own SQLite file), for a test that changes templates.</summary>
    protected static PaneServer OwnServer() => new PaneServer().Start();

    protected static HttpClient Client(PaneServer server, string role)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token(role, role == "TemplateAdmin" ? "Tara Admin" : "Sam Carter"));
        return client;
    }

    /// <summary>POST /api/drafts for the discount email, as the pane sends it, for one audience.</summary>
    protected static async Task<JsonElement> Draft(PaneServer server, string audience = "commercial")
    {
        using var client = Client(server, "AccountManager");
        var response = await client.PostAsJsonAsync("api/drafts", new
        {
            email = new
            {
                subject = "Renewal 2027",
                from = new { name = "Priya Nair", email = "priya@northwind-foods.com" },
                body = "Hi Sam,\n\nCould you reduce the price by 15% on the $48,000 renewal?\n\nBest regards,\nPriya Nair\nHead of Procurement",
            },
            audience,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/drafts answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GET a document through the API (content and version).</summary>
    protected static async Task<JsonElement> Document(PaneServer server, string path)
    {
        using var client = Client(server, "TemplateAdmin");
        var response = await client.GetAsync($"api/templates/documents/{path}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Saves a document through the API, as another admin would.</summary>
    protected static async Task<JsonElement> SaveBehindThePagesBack(PaneServer server, string path, Func<string, string> change, string user = "TemplateAdmin")
    {
        var current = await Document(server, path);
        using var client = Client(server, user);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/templates/documents/{path}")
        {
            Content = JsonContent.Create(new { content = change(current.GetProperty("content").GetString()!), comment = "Changed by another admin" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
