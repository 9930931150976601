using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>Development sign-in on a fresh machine: the API makes the signing key on its first start,
/// in the store dotnet user-jwts uses, so "sign in as" works without a restart and without a
/// separate command, and user-jwts tokens keep working. The dev token route exists only in Development.</summary>
public sealed class DevSignInTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saynodevsignin").FullName;

    private string KeyFile => Path.Combine(_dir, "usersecrets", "secrets.json");

    /// <summary>The API as <c>dotnet run</c> starts it in Development: appsettings.Development.json, no signing key
    /// (this machine's own user secrets are left out), and the key store in a temporary folder.</summary>
    private sealed class FreshMachine(string keyFile, string database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration((_, config) =>
            {
                foreach (var secrets in config.Sources.OfType<JsonConfigurationSource>().Where(s => s.Path == "secrets.json").ToList())
                    config.Sources.Remove(secrets);
                config.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Auth:DevKeyFile"] = keyFile,
                    ["Database:ConnectionString"] = $"Data Source={database}",
                    ["Logging:LogLevel:Default"] = "Warning",
                });
            });
        }
    }

    private FreshMachine Start() => new(KeyFile, Path.Combine(_dir, Guid.NewGuid() + ".db"));

    private static async Task<string> SignInAs(HttpClient client, string role)
    {
        var response = await client.PostAsJsonAsync("/dev/token", new { role });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!;
    }

    private static async Task<HttpStatusCode> Call(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    private byte[] StoredKey()
    {
        var keys = JsonNode.Parse(File.ReadAllText(KeyFile))!["Authentication:Schemes:Bearer:SigningKeys"]!.AsArray();
        var key = Assert.Single(keys)!;
        Assert.Equal("dotnet-user-jwts", (string?)key["Issuer"]);
        return Convert.FromBase64String((string)key["Value"]!);
    }

    [Fact]
    public async Task On_a_fresh_machine_the_first_start_makes_the_key_and_sign_in_as_works_at_once()
    {
        using var api = Start();
        var client = api.CreateClient();

        // Made when the API started, before any request, where dotnet user-jwts keeps its key.
        Assert.True(File.Exists(KeyFile));
        Assert.Equal(32, StoredKey().Length);

        var admin = await SignInAs(client, "TemplateAdmin");
        Assert.Equal(HttpStatusCode.OK, await Call(client, "/api/templates/export", admin));
        var reviewer = await SignInAs(client, "ComplianceReviewer");
        Assert.Equal(HttpStatusCode.OK, await Call(client, "/api/compliance/log?take=1", reviewer));
        // Each token carries its one role: an account manager may not administer templates.
        Assert.Equal(HttpStatusCode.Forbidden, await Call(client, "/api/templates/export", await SignInAs(client, "AccountManager")));

        var claims = new JwtSecurityTokenHandler().ReadJwtToken(admin);
        Assert.Equal("Dana Admin", claims.Claims.Single(c => c.Type == "name").Value);
        Assert.Equal("dotnet-user-jwts", claims.Issuer);
    }

    [Fact]
    public async Task A_token_dotnet_user_jwts_signs_with_the_stored_key_is_accepted_and_the_key_survives_a_restart()
    {
        string first;
        using (var api = Start())
        {
            first = await SignInAs(api.CreateClient(), "TemplateAdmin");
        }
        var key = StoredKey();

        using var again = Start();
        var client = again.CreateClient();
        // The second start reads the same key: a token from the first run still works, and so does one
        // made as dotnet user-jwts makes it (issuer dotnet-user-jwts, audience http://localhost:5180).
        Assert.Equal(HttpStatusCode.OK, await Call(client, "/api/templates/export", first));
        Assert.Equal(HttpStatusCode.OK, await Call(client, "/api/templates/export", new DevTokens().Create("TemplateAdmin", "Script User", key: key)));
        Assert.Equal(key, StoredKey());
    }

    [Fact]
    public async Task A_key_dotnet_user_jwts_made_first_is_used_and_other_secrets_are_kept()
    {
        var key = new byte[32];
        Random.Shared.NextBytes(key);
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        var before = $$"""{"Other:Secret":"kept","Authentication:Schemes:Bearer:SigningKeys":[{"Id":"ab12cd34","Issuer":"dotnet-user-jwts","Value":"{{Convert.ToBase64String(key)}}","Length":32}]}""";
        await File.WriteAllTextAsync(KeyFile, before);

        using var api = Start();
        var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await Call(client, "/api/templates/export", new DevTokens().Create("TemplateAdmin", key: key)));
        Assert.Equal(HttpStatusCode.OK, await Call(client, "/api/templates/export", await SignInAs(client, "TemplateAdmin")));
        Assert.Equal(before, await File.ReadAllTextAsync(KeyFile));
    }

    [Fact]
    public async Task An_unknown_role_is_a_validation_problem()
    {
        using var api = Start();
        var response = await api.CreateClient().PostAsJsonAsync("/dev/token", new { role = "Owner" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AccountManager, TemplateAdmin, ComplianceReviewer", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_start_page_is_served_at_the_root()
    {
        using var api = Start();
        var response = await api.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/start/start.js", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outside_development_there_is_no_dev_token_route()
    {
        using var api = new EntraFactory();
        var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/dev/token", new { role = "TemplateAdmin" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The start page is there, with the same links behind Entra sign-in.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public void The_development_settings_are_already_as_dotnet_user_jwts_writes_them()
    {
        // user-jwts rewrites api/appsettings.Development.json with the issuer, one audience per URL in
        // launchSettings.json, and no final newline; the file already says that, so it stays unchanged.
        var root = RepoRoot();
        var text = File.ReadAllText(Path.Combine(root, "api", "appsettings.Development.json"));
        Assert.False(text.EndsWith('\n'), "appsettings.Development.json must not end with a newline (dotnet user-jwts strips it)");
        var bearer = JsonNode.Parse(text)!["Authentication"]!["Schemes"]!["Bearer"]!;
        Assert.Equal("dotnet-user-jwts", (string?)bearer["ValidIssuer"]);
        var launch = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "api", "Properties", "launchSettings.json")))!;
        var urls = launch["profiles"]!.AsObject().SelectMany(p => ((string)p.Value!["applicationUrl"]!).Split(';')).Distinct().Order();
        Assert.Equal(urls, bearer["ValidAudiences"]!.AsArray().Select(a => (string)a!).Order());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new InvalidOperationException("OutlookSayNo.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
