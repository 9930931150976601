using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using OutlookSayNo.Auth;
using OutlookSayNo.Data;
using OutlookSayNo.Testing;

namespace OutlookSayNo.ApiTests;

/// <summary>The production path: Microsoft.Identity.Web validating Entra tokens, with its metadata and
/// signing keys fetched over the network from a loopback stand-in for Entra (<see cref="FakeEntra"/>).
/// The test changes nothing in the validation: it only lets the two HTTP clients that read the metadata
/// (the bearer handler's backchannel and the issuer validator's) trust the fake's certificate. Issuer,
/// audience, signature, lifetime and the roles-or-scope rule are the library's own.</summary>
public sealed class EntraFactory : WebApplicationFactory<Program>
{
    public const string TenantId = "8f2a6c61-3c1d-4f6e-9d8e-0a1b2c3d4e5f";
    public const string ClientId = "5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
    public const string AppIdUri = $"api://{ClientId}";
    private const string FakeEntraClient = "FakeEntra";
    private readonly string _dir = Directory.CreateTempSubdirectory("saynoentra").FullName;

    /// <summary>Started here, before the API is built, so it is not caught by the factory's host interception.</summary>
    public FakeEntra Entra { get; } = FakeEntra.StartAsync(TenantId).GetAwaiter().GetResult();

    /// <summary>Why the bearer handler refused a token, by the token.</summary>
    private readonly ConcurrentDictionary<string, Exception> _failures = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Entra",
            ["AzureAd:Instance"] = Entra.Instance.ToString(),
            ["AzureAd:TenantId"] = TenantId,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:Audience"] = AppIdUri,
            // Graph on-behalf-of will need it in Entra mode; nothing reads it yet.
            ["AzureAd:ClientSecret"] = "test-secret",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir, "entra.db")}",
        }));
        builder.ConfigureTestServices(services =>
        {
            // The issuer validator reads the metadata with a client from IHttpClientFactory when given its name.
            services.AddHttpClient(FakeEntraClient).ConfigurePrimaryHttpMessageHandler(Entra.CreateHandler);
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = FakeEntraClient);
            // Configure (not PostConfigure): JwtBearer's own post-configure step builds the backchannel from this handler.
            services.Configure<JwtBearerOptions>(AuthSetup.EntraScheme, o =>
            {
                o.BackchannelHttpHandler = Entra.CreateHandler();
                var previous = o.Events.OnAuthenticationFailed;
                o.Events.OnAuthenticationFailed = async ctx =>
                {
                    var header = ctx.Request.Headers.Authorization.ToString();
                    if (header.StartsWith("Bearer ", StringComparison.Ordinal)) _failures[header["Bearer ".Length..]] = ctx.Exception;
                    await previous(ctx);
                };
            });
        });
    }

    /// <summary>The exception the bearer handler gave for this token, or null when it raised none.</summary>
    public Exception? FailureFor(string token) => _failures.GetValueOrDefault(token);

    public string Token(EntraToken spec) => Entra.Token(spec);

    /// <summary>A valid token for this API with these app roles.</summary>
    public string Token(params string[] roles) => Entra.Token(new EntraToken(AppIdUri) { Roles = roles });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Entra.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

public sealed class EntraAuthTests(EntraFactory factory) : IClassFixture<EntraFactory>
{
    private const string AccountManager = "AccountManager";

    private async Task<HttpResponseMessage> Classify(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody));
    }

    private async Task AssertAccepted(string token)
    {
        var response = await Classify(token);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{(int)response.StatusCode}: {factory.FailureFor(token)} | fake Entra saw: {string.Join("; ", factory.Entra.Requests)}");
    }

    /// <summary>401, and the bearer handler refused it for the expected reason (not, say, because the metadata could not be read).</summary>
    private async Task AssertRefused<TReason>(string token) where TReason : Exception
    {
        var response = await Classify(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var failure = factory.FailureFor(token);
        Assert.True(failure is TReason, $"expected {typeof(TReason).Name}, got {failure?.GetType().Name}: {failure?.Message}");
    }

    private string Valid(Func<EntraToken, EntraToken> change) => factory.Token(change(new EntraToken(EntraFactory.AppIdUri) { Roles = [AccountManager] }));

    [Fact]
    public async Task A_token_for_the_api_app_id_uri_with_the_account_manager_role_is_accepted() =>
        await AssertAccepted(factory.Token(AccountManager));

    [Fact]
    public async Task A_token_for_the_bare_client_id_with_the_account_manager_role_is_accepted() =>
        await AssertAccepted(Valid(t => t with { Audience = EntraFactory.ClientId }));

    [Fact]
    public async Task The_api_reads_the_issuer_and_signing_keys_from_the_identity_provider_over_loopback()
    {
        await AssertAccepted(factory.Token(AccountManager));

        var requests = factory.Entra.Requests.ToList();
        Assert.Contains($"GET /{EntraFactory.TenantId}/v2.0/.well-known/openid-configuration -> 200", requests);
        Assert.Contains($"GET /{EntraFactory.TenantId}/discovery/v2.0/keys -> 200", requests);
        Assert.All(requests, r => Assert.EndsWith("-> 200", r));
    }

    [Fact]
    public async Task A_development_token_is_not_accepted_by_an_api_running_with_entra()
    {
        // Signed with a development key (as dotnet user-jwts makes them), otherwise a perfect AccountManager token.
        var response = await Classify(new OutlookSayNo.Testing.DevTokens().Create("AccountManager", "Dev User"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_api_is_rejected() =>
        await AssertRefused<SecurityTokenInvalidAudienceException>(Valid(t => t with { Audience = "api://some-other-app" }));

    [Fact]
    public async Task A_token_from_another_tenant_is_rejected() =>
        await AssertRefused<SecurityTokenInvalidIssuerException>(Valid(t => t with { TenantId = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a" }));

    [Fact]
    public async Task A_token_claiming_the_real_entra_host_as_issuer_is_rejected() =>
        await AssertRefused<SecurityTokenInvalidIssuerException>(Valid(t => t with { Issuer = $"https://login.microsoftonline.com/{EntraFactory.TenantId}/v2.0" }));

    [Fact]
    public async Task An_expired_token_is_rejected() =>
        await AssertRefused<SecurityTokenExpiredException>(Valid(t => t with { NotBefore = DateTime.UtcNow.AddHours(-3), Expires = DateTime.UtcNow.AddHours(-1) }));

    [Fact]
    public async Task A_token_that_is_not_valid_yet_is_rejected() =>
        await AssertRefused<SecurityTokenNotYetValidException>(Valid(t => t with { NotBefore = DateTime.UtcNow.AddHours(1), Expires = DateTime.UtcNow.AddHours(2) }));

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var token = Valid(t => t with { Unsigned = true });
        Assert.Contains("\"none\"", System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0])));
        await AssertRefused<SecurityTokenInvalidSignatureException>(token);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_with_the_same_key_id_is_rejected()
    {
        using var other = RSA.Create(2048);
        await AssertRefused<SecurityTokenInvalidSignatureException>(Valid(t => t with { SignWith = new RsaSecurityKey(other) { KeyId = FakeEntra.KeyId } }));
    }

    /// <summary>Microsoft.Identity.Web fails, at authentication, a token that has neither a role nor a
    /// scope (it was not issued to a client consented to use this API), so this is 401, not 403. The token
    /// itself validates (no validation exception); the same token with a scope gets 403 (next test).</summary>
    [Fact]
    public async Task A_token_with_neither_a_role_nor_a_scope_is_unauthenticated()
    {
        var token = Valid(t => t with { Roles = [], Scope = null });
        var response = await Classify(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(factory.FailureFor(token));
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_signed_in_user_with_no_role_is_forbidden()
    {
        var token = Valid(t => t with { Roles = [] });
        var response = await Classify(token);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {factory.FailureFor(token)?.Message}");
    }

    [Fact]
    public async Task A_template_admin_is_forbidden_on_an_account_manager_route()
    {
        var response = await Classify(factory.Token("TemplateAdmin"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_compliance_log_records_the_entra_object_id_and_name_of_the_user()
    {
        var oid = Guid.NewGuid().ToString();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Valid(t => t with { ObjectId = oid, Name = "Robin Entra-Okafor" }));

        var response = await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody, "Renewal 2027") });
        var json = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json.ToJsonString()}");
        var draftId = (string)json["id"]!;

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var record = await db.Log.AsNoTracking().SingleAsync(r => r.DraftId == draftId && r.Type == LogTypes.Generated);
        Assert.Equal(oid, record.UserId);
        Assert.Equal("Robin Entra-Okafor", record.UserName);
        var row = await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId);
        Assert.Equal(oid, row.UserId);
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
