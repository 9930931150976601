using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OutlookSayNo.ApiTests;

/// <summary>The production path: Microsoft.Identity.Web validating Entra-shaped tokens. Metadata
/// cannot be fetched here, so the signing key and issuer are given to the bearer options directly;
/// audience and role checks are Microsoft.Identity.Web's own.</summary>
public sealed class EntraFactory : WebApplicationFactory<Program>
{
    public const string TenantId = "8f2a6c61-3c1d-4f6e-9d8e-0a1b2c3d4e5f";
    public const string ClientId = "5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "entra-test" };
    private readonly string _dir = Directory.CreateTempSubdirectory("saynoentra").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Entra",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = TenantId,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:Audience"] = $"api://{ClientId}",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir, "entra.db")}",
        }));
        builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(OutlookSayNo.Auth.AuthSetup.EntraScheme, o =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                configuration.SigningKeys.Add(_key);
                o.Configuration = configuration;
                o.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                o.TokenValidationParameters.IssuerSigningKey = _key;
                o.TokenValidationParameters.IssuerValidator = null;
                o.TokenValidationParameters.ValidIssuer = Issuer;
                var previous = o.Events.OnAuthenticationFailed;
                o.Events.OnAuthenticationFailed = async ctx => { Failures.Add(ctx.Exception.Message); await previous(ctx); };
            }));
    }

    public List<string> Failures { get; } = [];

    public string Token(string audience, params string[] roles)
    {
        var claims = new List<Claim> { new("oid", Guid.NewGuid().ToString()), new("name", "Entra User"), new("tid", TenantId), new("ver", "2.0") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var token = new JwtSecurityToken(Issuer, audience, claims, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddHours(1),
            new SigningCredentials(_key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

public sealed class EntraAuthTests(EntraFactory factory) : IClassFixture<EntraFactory>
{
    private async Task<HttpStatusCode> Classify(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).StatusCode;
    }

    [Fact]
    public async Task A_token_for_this_api_with_the_account_manager_role_is_accepted()
    {
        var status = await Classify(factory.Token($"api://{EntraFactory.ClientId}", "AccountManager"));
        Assert.True(status == HttpStatusCode.OK, $"{status}: {string.Join(" | ", factory.Failures)}");
    }

    [Fact]
    public async Task A_token_for_another_api_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Classify(factory.Token("api://some-other-app", "AccountManager")));
    }

    [Fact]
    public async Task A_token_without_the_role_the_route_needs_is_rejected()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await Classify(factory.Token($"api://{EntraFactory.ClientId}", "TemplateAdmin")));
    }

    [Fact]
    public async Task A_token_with_no_role_at_all_is_rejected()
    {
        var status = await Classify(factory.Token($"api://{EntraFactory.ClientId}"));
        Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"got {status}");
    }
}

public sealed class StartupConfigurationTests
{
    private sealed class MisconfiguredFactory(string environment, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        }
    }

    [Fact]
    public void Development_tokens_in_production_stop_the_start_with_what_to_set()
    {
        using var factory = new MisconfiguredFactory("Production", new() { ["Auth:Mode"] = "DevJwt" });
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Development only", Flatten(ex));
        Assert.Contains("AzureAd:ClientId", Flatten(ex));
    }

    [Fact]
    public void Entra_without_its_settings_stops_the_start_naming_the_missing_ones()
    {
        using var factory = new MisconfiguredFactory("Production", new() { ["Auth:Mode"] = "Entra", ["AzureAd:TenantId"] = "", ["AzureAd:ClientId"] = "" });
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AzureAd:TenantId", Flatten(ex));
        Assert.Contains("AzureAd:ClientId", Flatten(ex));
    }

    [Fact]
    public void A_broken_templates_folder_stops_the_start_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("saynobroken").FullName;
        try
        {
            TemplatesCopy.CopyShipped(dir);
            File.WriteAllText(Path.Combine(dir, "discount", "finance.scriban"), "Hello {{ if data.x }} unclosed");
            using var factory = new MisconfiguredFactory("Development", new() { ["Templates:Path"] = dir, ["Database:ConnectionString"] = $"Data Source={Path.Combine(dir, "x.db")}" });
            var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains("discount/finance", Flatten(ex));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static string Flatten(Exception ex)
    {
        var all = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException) all.Add(e.Message);
        if (ex is AggregateException agg) all.AddRange(agg.Flatten().InnerExceptions.Select(i => i.Message));
        return string.Join(" | ", all);
    }
}

public static class TemplatesCopy
{
    public static string ShippedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "templates", "facts.json"))) return Path.Combine(dir.FullName, "templates");
        throw new DirectoryNotFoundException("templates/ not found above the test output.");
    }

    public static void CopyShipped(string target)
    {
        var source = ShippedFolder();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
