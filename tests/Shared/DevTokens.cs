using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OutlookSayNo.Testing;

/// <summary>The development token path as <c>dotnet user-jwts</c> sets it up, with a signing key made
/// for one test run: the settings the API reads and tokens signed with that key. Linked into every
/// test project that starts the API.</summary>
public sealed class DevTokens
{
    public const string Issuer = "dotnet-user-jwts";
    public const string Audience = "http://localhost:5180";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Configuration for DevJwt mode on a given SQLite file.</summary>
    public Dictionary<string, string?> Settings(string databasePath) => new()
    {
        ["Auth:Mode"] = "DevJwt",
        ["Database:ConnectionString"] = $"Data Source={databasePath}",
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(_key),
        ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
        ["Authentication:Schemes:Bearer:SigningKeys:0:Id"] = "test",
    };

    /// <summary>A token as <c>dotnet user-jwts create --role ...</c> makes it. Roles are comma-separated;
    /// null gives a token with no role. The other parameters make broken tokens for the auth tests.</summary>
    public string Create(string? role = "AccountManager", string name = "Alex Morgan", string? audience = null,
        string? issuer = null, DateTime? expires = null, byte[]? key = null, DateTime? now = null)
    {
        var claims = new List<Claim> { new("sub", name.Replace(' ', '.').ToLowerInvariant()), new("unique_name", name), new("name", name) };
        if (role is not null) claims.AddRange(role.Split(',').Select(r => new Claim("role", r)));
        var issuedAt = now ?? DateTime.UtcNow;
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        var token = new JwtSecurityToken(
            issuer ?? Issuer,
            audience ?? Audience,
            claims,
            notBefore: until < issuedAt ? until.AddHours(-2) : issuedAt.AddMinutes(-5),
            expires: until,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(key ?? _key) { KeyId = "test" }, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
