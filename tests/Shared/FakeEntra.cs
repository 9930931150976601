using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OutlookSayNo.Testing;

/// <summary>A stand-in for Microsoft Entra ID on 127.0.0.1: a small Kestrel server that serves, for one
/// tenant, the v2.0 OpenID configuration and its signing keys (JWKS) in the shapes Entra serves them,
/// and signs access tokens with RS256 as Entra would. Point <c>AzureAd:Instance</c> at
/// <see cref="Instance"/> and Microsoft.Identity.Web builds the authority
/// <c>{Instance}{tenant}/v2.0</c> and fetches everything it needs from here.
///
/// It serves HTTPS, with a certificate for 127.0.0.1 made for this run, because plain http is not
/// enough: besides the bearer handler's metadata retriever (which <c>RequireHttpsMetadata=false</c>
/// would relax), Microsoft.Identity.Web's issuer validator reads the metadata again through its own
/// retriever, which always requires https (IDX20108). Only the clients made with
/// <see cref="CreateHandler"/> trust that certificate.
///
/// Relative to an instance, a real Entra v2.0 access token carries <c>iss</c> =
/// <c>{instance}{tenant id}/v2.0</c> (e.g. https://login.microsoftonline.com/{tid}/v2.0) and a
/// <c>tid</c> claim; the fake does the same with its own host. Microsoft.Identity.Web's issuer
/// validator (AadIssuerValidator) needs exactly that: a <c>tid</c> claim, and an <c>iss</c> equal to the
/// <c>issuer</c> of the metadata (with <c>{tenantid}</c> replaced by <c>tid</c> where the metadata is a
/// multi-tenant template). Its signing-key check (EnableAadSigningKeyIssuerValidation) compares the
/// key's own <c>issuer</c> in the JWKS, which Entra sets and the fake sets too, with the token's.
/// (A key issuer for another tenant fails every token with IDX40005.)
///
/// What Microsoft.Identity.Web 4.18 (IdentityModel 8.23) fetched, logged here: the v2.0
/// openid-configuration and then its jwks_uri, twice: once by the bearer handler's configuration
/// manager, once by AadIssuerValidator's own v2.0 configuration manager. No instance discovery, no v1.0
/// metadata (by the validator's source, a v1.0 token, <c>iss</c> https://sts.windows.net/{tid}/, would make it read
/// <c>/{tenant}/.well-known/openid-configuration</c>; the fake issues v2.0 tokens only). Every request
/// the fake receives is recorded in <see cref="Requests"/>; anything it does not serve answers 404 and
/// is recorded there too.
///
/// For browser sign-in (MSAL.js in the pages) it also serves the authorization code flow with PKCE:
/// the authorize endpoint signs in <see cref="SignedInUser"/> without a password and redirects back
/// with a code; the token endpoint redeems it once for an access token (for the API scope asked for)
/// and an ID token, and answers cross-origin requests as Entra does.</summary>
public sealed class FakeEntra : IAsyncDisposable, IDisposable
{
    public const string KeyId = "fake-entra-key-1";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly X509Certificate2 _certificate = SelfSignedForLoopback();

    public string TenantId { get; }

    /// <summary><c>https://127.0.0.1:{port}/</c>, with the trailing slash, as <c>AzureAd:Instance</c> is written.</summary>
    public Uri Instance { get; private set; } = null!;

    /// <summary>The issuer of this tenant's v2.0 tokens: <c>{Instance}{TenantId}/v2.0</c>.</summary>
    public string Issuer => IssuerFor(TenantId);

    public string IssuerFor(string tenantId) => $"{Instance}{tenantId}/v2.0";

    /// <summary>The signing key, as the tokens reference it (same <see cref="KeyId"/> as in the JWKS).</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>Each request as "METHOD /path?query -> status", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private FakeEntra(string tenantId)
    {
        TenantId = tenantId;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _app = builder.Build();
        _app.Use(async (http, next) =>
        {
            await next(http);
            Requests.Enqueue($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString} -> {http.Response.StatusCode}");
        });
        // A browser page (MSAL.js) reads the metadata and redeems the code from another origin, as with Entra.
        _app.Use(async (http, next) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            if (HttpMethods.IsOptions(http.Request.Method))
            {
                http.Response.Headers.AccessControlAllowMethods = "GET, POST";
                http.Response.Headers.AccessControlAllowHeaders = http.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked ? asked : "content-type";
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            await next(http);
        });
        _app.MapGet("/{tenant}/oauth2/v2.0/authorize", (string tenant, HttpContext http) => tenant == TenantId ? Authorize(http) : Results.NotFound());
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpContext http) => tenant == TenantId ? await Redeem(http) : Results.NotFound());
        _app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
            tenant == TenantId ? Results.Json(OpenIdConfiguration()) : Results.NotFound());
        _app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
            tenant == TenantId ? Results.Json(Keys()) : Results.NotFound());
    }

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeEntra> StartAsync(string tenantId)
    {
        var fake = new FakeEntra(tenantId);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Instance = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>A handler for an HttpClient that trusts this fake's certificate (and no other).</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == _certificate.GetCertHashString(HashAlgorithmName.SHA256) },
    };

    private static X509Certificate2 SelfSignedForLoopback()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The tenant's v2.0 metadata, as https://login.microsoftonline.com/{tid}/v2.0/.well-known/openid-configuration
    /// has it (the members a resource server reads, and the endpoints a client would use).</summary>
    private Dictionary<string, object> OpenIdConfiguration()
    {
        var tenantRoot = $"{Instance}{TenantId}";
        return new()
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{tenantRoot}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{tenantRoot}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{tenantRoot}/oauth2/v2.0/token",
            ["device_authorization_endpoint"] = $"{tenantRoot}/oauth2/v2.0/devicecode",
            ["end_session_endpoint"] = $"{tenantRoot}/oauth2/v2.0/logout",
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "tid", "ver", "preferred_username", "roles" },
            ["tenant_region_scope"] = "EU",
            ["cloud_instance_name"] = "microsoftonline.com",
        };
    }

    /// <summary>The JWKS: the RSA public key with its kid and, as Entra's keys have, the issuer it signs for.</summary>
    private Dictionary<string, object> Keys()
    {
        var p = _rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["keys"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["issuer"] = Issuer,
                },
            },
        };
    }

    /// <summary>An access token as Entra v2.0 issues it for a user signed in to a client app (the
    /// add-in) calling this API: <c>ver</c> 2.0, <c>tid</c>, <c>oid</c>, <c>name</c>, app roles in
    /// <c>roles</c>, the delegated scope in <c>scp</c>. Every part can be changed to make a broken token.</summary>
    public string Token(EntraToken spec)
    {
        var now = DateTime.UtcNow;
        var tenant = spec.TenantId ?? TenantId;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenant,
            ["oid"] = spec.ObjectId,
            ["sub"] = spec.ObjectId.Replace("-", "", StringComparison.Ordinal),
            ["name"] = spec.Name,
            ["preferred_username"] = spec.Name.Replace(' ', '.').ToLowerInvariant() + "@contoso.example",
            ["ver"] = "2.0",
            ["azp"] = "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5",
        };
        if (spec.Scope is not null) claims["scp"] = spec.Scope;
        if (spec.Roles.Length > 0) claims["roles"] = spec.Roles;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? IssuerFor(tenant),
            Audience = spec.Audience,
            Claims = claims,
            IssuedAt = spec.NotBefore ?? now.AddMinutes(-5),
            NotBefore = spec.NotBefore ?? now.AddMinutes(-5),
            Expires = spec.Expires ?? now.AddHours(1),
            SigningCredentials = spec.Unsigned ? null : new SigningCredentials(spec.SignWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The person who signs in at the authorize endpoint next (the fake asks no password: it
    /// signs in whoever the test names here). Null: the authorize endpoint refuses with 400.</summary>
    public EntraUser? SignedInUser { get; set; }

    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();

    private sealed record PendingCode(string ClientId, string RedirectUri, string Challenge, string? Nonce, string Scope, EntraUser User);

    /// <summary>The authorization endpoint of the code flow with PKCE, as a single-page app uses it: signs
    /// in <see cref="SignedInUser"/> at once and sends the browser back to redirect_uri with a code,
    /// in the fragment unless response_mode=query.</summary>
    private IResult Authorize(HttpContext http)
    {
        var q = http.Request.Query;
        string? Get(string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
        var redirect = Get("redirect_uri");
        var challenge = Get("code_challenge");
        if (SignedInUser is not { } user || Get("client_id") is not { Length: > 0 } clientId || redirect is null
            || challenge is null || Get("code_challenge_method") != "S256" || Get("response_type") != "code")
            return Results.BadRequest("The fake Entra needs client_id, redirect_uri, response_type=code, an S256 code_challenge, and a SignedInUser.");
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new PendingCode(clientId, redirect, challenge, Get("nonce"), Get("scope") ?? "", user);
        var answer = $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(Get("state") ?? "")}" +
                     $"&client_info={ClientInfo(user)}&session_state={Guid.NewGuid()}";
        return Results.Redirect(redirect + (Get("response_mode") == "query" ? "?" : "#") + answer);
    }

    /// <summary>The token endpoint: redeems a code once, for the client and redirect URI it was issued to,
    /// when the code verifier matches the challenge; answers with an access token for the API scope asked
    /// for (audience: the scope's resource) and an ID token for the client.</summary>
    private async Task<IResult> Redeem(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        string Get(string name) => form.TryGetValue(name, out var v) ? v.ToString() : "";
        if (Get("grant_type") != "authorization_code" || !_codes.TryRemove(Get("code"), out var pending)
            || pending.ClientId != Get("client_id") || pending.RedirectUri != Get("redirect_uri")
            || Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Get("code_verifier")))) != pending.Challenge)
            return Results.Json(new { error = "invalid_grant", error_description = "The fake Entra refused the code." }, statusCode: 400);

        var apiScope = pending.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(s => s is not ("openid" or "profile" or "offline_access" or "email")) ?? "";
        var slash = apiScope.LastIndexOf('/');
        var user = pending.User;
        var access = Token(new EntraToken(slash > 0 ? apiScope[..slash] : apiScope)
        {
            Roles = user.Roles, Name = user.Name, ObjectId = user.ObjectId, Scope = slash > 0 ? apiScope[(slash + 1)..] : "access_as_user",
        });
        var now = DateTime.UtcNow;
        var idClaims = new Dictionary<string, object>
        {
            ["tid"] = TenantId, ["oid"] = user.ObjectId, ["sub"] = user.ObjectId.Replace("-", "", StringComparison.Ordinal),
            ["name"] = user.Name, ["preferred_username"] = user.UserName, ["ver"] = "2.0",
        };
        if (pending.Nonce is not null) idClaims["nonce"] = pending.Nonce;
        var id = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = pending.ClientId, Claims = idClaims,
            IssuedAt = now, NotBefore = now.AddMinutes(-1), Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = apiScope,
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = access,
            ["id_token"] = id,
            ["client_info"] = ClientInfo(user),
        });
    }

    private string ClientInfo(EntraUser user) =>
        Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(new { uid = user.ObjectId, utid = TenantId }));

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
        _certificate.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>A person the fake signs in at its authorize endpoint, with the app roles their account has.</summary>
public sealed record EntraUser(string Name, params string[] Roles)
{
    public string ObjectId { get; init; } = Guid.NewGuid().ToString();
    public string UserName => Name.Replace(' ', '.').ToLowerInvariant() + "@contoso.example";
}

/// <summary>What goes into a <see cref="FakeEntra"/> token. The defaults make a valid token for
/// <see cref="Audience"/>; each other member breaks one thing.</summary>
public sealed record EntraToken(string Audience)
{
    public string[] Roles { get; init; } = [];
    /// <summary>The delegated scope (<c>scp</c>) the client asked for; null leaves it out.</summary>
    public string? Scope { get; init; } = "access_as_user";
    public string ObjectId { get; init; } = Guid.NewGuid().ToString();
    public string Name { get; init; } = "Entra User";
    /// <summary>The <c>tid</c> claim and, unless <see cref="Issuer"/> is set, the tenant in <c>iss</c>.</summary>
    public string? TenantId { get; init; }
    public string? Issuer { get; init; }
    public DateTime? NotBefore { get; init; }
    public DateTime? Expires { get; init; }
    /// <summary>Sign with this key instead of the fake's (give it the fake's kid to impersonate it).</summary>
    public SecurityKey? SignWith { get; init; }
    /// <summary>No signature at all: <c>alg</c> is <c>none</c>.</summary>
    public bool Unsigned { get; init; }
}
