using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace OutlookSayNo.ApiTests;

/// <summary>The public clients of the API sign in with Entra when the API runs with Entra sign-in: Swagger
/// UI (authorization code + PKCE) and the pane (nested app authentication, configured from
/// /addin/config.json). With development tokens, neither is offered.</summary>
public sealed class PublicClientSignInTests : IDisposable
{
    private const string Tenant = "8f2a6c61-3c1d-4f6e-9d8e-0a1b2c3d4e5f";
    private const string ClientId = "5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
    private readonly string _dir = Directory.CreateTempSubdirectory("saynoswagger").FullName;

    private sealed class Factory(string environment, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        }
    }

    private Dictionary<string, string?> Entra(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Entra",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = Tenant,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:Audience"] = $"api://{ClientId}",
            ["AzureAd:ClientSecret"] = "test-secret",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir, Guid.NewGuid() + ".db")}",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public async Task With_entra_the_document_offers_authorization_code_sign_in_against_the_tenant_for_the_api_scope()
    {
        using var factory = new Factory("Production", Entra());
        var doc = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

        var flow = doc["components"]!["securitySchemes"]!["entra"]!;
        Assert.Equal("oauth2", (string?)flow["type"]);
        var code = flow["flows"]!["authorizationCode"]!;
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/authorize", (string?)code["authorizationUrl"]);
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/token", (string?)code["tokenUrl"]);
        Assert.NotNull(code["scopes"]![$"api://{ClientId}/access_as_user"]);
        Assert.Contains(doc["security"]!.AsArray(), r => r!["entra"] is JsonArray scopes && (string?)scopes[0] == $"api://{ClientId}/access_as_user");
    }

    [Fact]
    public async Task With_entra_swagger_ui_uses_pkce_with_the_configured_public_client_and_no_secret()
    {
        using var factory = new Factory("Production", Entra(("Swagger:ClientId", "0a0a0a0a-1111-2222-3333-444444444444")));
        var client = factory.CreateClient();

        var page = await client.GetStringAsync("/swagger/index.html");
        var script = await client.GetAsync("/swagger/index.js");
        var config = page + (script.StatusCode == HttpStatusCode.OK ? await script.Content.ReadAsStringAsync() : "");

        Assert.Contains("\"usePkceWithAuthorizationCodeGrant\":true", config.Replace(" ", ""));
        Assert.Contains("0a0a0a0a-1111-2222-3333-444444444444", config);
        Assert.DoesNotContain("test-secret", config);
    }

    [Fact]
    public async Task With_development_tokens_there_is_no_entra_sign_in_in_the_document()
    {
        var tokens = new OutlookSayNo.Testing.DevTokens();
        using var factory = new Factory("Development", tokens.Settings(Path.Combine(_dir, "dev.db")));
        var doc = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal(["bearer"], schemes.Select(s => s.Key));
    }

    [Fact]
    public async Task With_entra_the_pane_gets_the_client_id_authority_and_api_scope_for_msal()
    {
        using var factory = new Factory("Production", Entra(("Addin:ClientId", "0b0b0b0b-1111-2222-3333-444444444444")));
        var response = await factory.CreateClient().GetAsync("/addin/config.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("0b0b0b0b-1111-2222-3333-444444444444", (string?)config["clientId"]);
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}", (string?)config["authority"]);
        Assert.Equal($"api://{ClientId}/access_as_user", (string?)config["scope"]);
        Assert.DoesNotContain("test-secret", config.ToJsonString());
    }

    [Fact]
    public async Task With_entra_and_no_addin_client_id_the_pane_signs_in_as_the_api_app_with_a_configured_scope()
    {
        using var factory = new Factory("Production", Entra(("Addin:Scope", $"api://sayno.contoso.com/{ClientId}/access_as_user")));
        var config = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/addin/config.json"))!;

        Assert.Equal(ClientId, (string?)config["clientId"]);
        Assert.Equal($"api://sayno.contoso.com/{ClientId}/access_as_user", (string?)config["scope"]);
    }

    [Fact]
    public async Task With_development_tokens_the_pane_is_told_there_is_no_entra_sign_in()
    {
        var tokens = new OutlookSayNo.Testing.DevTokens();
        using var factory = new Factory("Development", tokens.Settings(Path.Combine(_dir, "dev2.db")));
        var response = await factory.CreateClient().GetAsync("/addin/config.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("development tokens", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
