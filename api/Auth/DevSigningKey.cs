using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace OutlookSayNo.Auth;

/// <summary>The development signing key, kept where <c>dotnet user-jwts</c> keeps it: the API's user-secrets
/// file, under <c>Authentication:Schemes:Bearer:SigningKeys</c>, as a list of
/// <c>{ Id, Issuer, Value (base64), Length }</c>. The API makes it on its first start when there is none,
/// so "sign in as" works at once, and <c>dotnet user-jwts create</c> later signs with the same key
/// (it reuses a key it finds for its issuer).</summary>
public static class DevSigningKey
{
    public const string Issuer = "dotnet-user-jwts";
    public const string SecretsKey = "Authentication:Schemes:Bearer:SigningKeys";

    /// <summary>The user-secrets file of this API (the one <c>dotnet user-jwts</c> writes), or null when there is no
    /// home folder to put it in.</summary>
    public static string? DefaultPath()
    {
        var id = typeof(DevSigningKey).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;
        if (id is null) return null;
        try
        {
            return PathHelper.GetSecretsPathFromSecretsId(id);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The key for <see cref="Issuer"/> in the secrets file at <paramref name="path"/>; made and written
    /// there (keeping every other secret) when the file has none. A file that cannot be read or written
    /// gives a key for this run only.</summary>
    public static byte[] Ensure(string? path)
    {
        if (path is null) return RandomNumberGenerator.GetBytes(32);
        lock (Gate)
        {
            JsonObject secrets;
            try
            {
                secrets = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                return RandomNumberGenerator.GetBytes(32);
            }
            if (Find(secrets) is { } existing) return existing;

            var key = RandomNumberGenerator.GetBytes(32);
            var keys = secrets[SecretsKey] as JsonArray ?? [];
            keys.Add(new JsonObject
            {
                ["Id"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
                ["Issuer"] = Issuer,
                ["Value"] = Convert.ToBase64String(key),
                ["Length"] = key.Length,
            });
            secrets[SecretsKey] = keys;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, secrets.ToJsonString());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                /* the key still signs and checks tokens for this run */
            }
            return key;
        }
    }

    private static readonly Lock Gate = new();

    private static byte[]? Find(JsonObject secrets)
    {
        if (secrets[SecretsKey] is not JsonArray keys) return null;
        foreach (var entry in keys.OfType<JsonObject>())
        {
            if ((string?)entry["Issuer"] != Issuer || entry["Value"] is not JsonValue value || !value.TryGetValue<string>(out var text)) continue;
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                /* not a key: look further */
            }
        }
        return null;
    }
}
