using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace OutlookSayNo.Infrastructure;

/// <summary>Where ASP.NET Core keeps its data protection keys. The API protects nothing of its own with
/// them (callers send bearer tokens; there are no cookies or antiforgery tokens), but the framework makes
/// a key ring on every start, and on a new machine it warned that the new key is stored unencrypted.</summary>
public static class DataProtectionSetup
{
    public const string Section = "DataProtection";

    public static IHostApplicationBuilder AddSayNoDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("OutlookSayNo");
        // Read when the key manager is made, so settings added after registration (tests) apply.
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, config, env, logs) =>
        {
            var folder = KeysFolder(config);
            if (folder is null) return; // no home folder: the framework's own choice (and its warning)
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), logs);
            // In Development the keys stay unencrypted on this machine, by choice, so there is nothing to
            // warn about. Elsewhere the framework's warning stays until an operator protects them (for
            // example with ProtectKeysWithCertificate): that is what the warning is for.
            if (env.IsDevelopment()) options.XmlEncryptor ??= new NullXmlEncryptor();
        });
        return builder;
    }

    /// <summary>A folder outside the repository: DataProtection:KeysFolder, else the user's local application data.</summary>
    public static string? KeysFolder(IConfiguration config)
    {
        var folder = config[$"{Section}:KeysFolder"];
        if (!string.IsNullOrWhiteSpace(folder)) return folder;
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local) ? null : Path.Combine(local, "OutlookSayNo", "DataProtection-Keys");
    }
}
