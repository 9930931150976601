using System.Runtime.CompilerServices;

namespace OutlookSayNo.Tests;

/// <summary>Test hosts must not watch files: the machine allows 128 inotify instances per user, and every
/// host would watch its content root and, once the API has run here, the user-secrets folder. Set before
/// any host is built (and inherited by the API processes a test starts).</summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Init() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
