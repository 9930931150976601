using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookSayNo.BrowserTests;

public sealed record Address(string DisplayName, string EmailAddress);

/// <summary>The Outlook item the office.js stand-in hands the pane.</summary>
public sealed record OutlookItem
{
    /// <summary>"read" (a received message) or "compose" (a reply being written).</summary>
    public string Mode { get; init; } = "read";
    public required string Subject { get; init; }
    public required string Body { get; init; }
    /// <summary>Compose mode: "html" or "text", what body.getTypeAsync answers.</summary>
    public string BodyType { get; init; } = "html";
    public Address? From { get; init; }
    public Address[] To { get; init; } = [];
    public string? ItemId { get; init; }
    public string? ConversationId { get; init; }
}

/// <summary>Builds the office.js the pane gets: the stand-in (addin/src/office-standin) with this test's
/// requirement sets and item in front of it.</summary>
public sealed record OfficeHarness
{
    public const string OfficeJsUrl = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // The office.js stand-in the /try/ page uses (addin/src/office-standin), as addin/build.mjs built it:
    // one stand-in for the demo page and the tests (addin/README.md says what it implements).
    private static readonly Lazy<string> StandIn = new(() =>
    {
        var path = Path.Combine(RepoRoot(), "api", "devroot", "try", "office-standin.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: build the add-in (npm run build in addin/, which dotnet build runs).");
    });

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new InvalidOperationException("OutlookSayNo.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The highest Mailbox requirement set the host supports ("1.8", or "1.3" for an older Outlook).</summary>
    public string Mailbox { get; init; } = "1.8";

    /// <summary>NestedAppAuth support; null means unsupported (the development token is used anyway).</summary>
    public string? NestedAppAuth { get; init; }

    public OutlookItem? Item { get; init; }

    public string Script()
    {
        var requirements = new Dictionary<string, string?> { ["Mailbox"] = Mailbox, ["NestedAppAuth"] = NestedAppAuth };
        var config = JsonSerializer.Serialize(new { requirements, item = Item }, Json);
        return $"window.__officeConfig = {config};\n{StandIn.Value}";
    }

    public static string ItemJson(OutlookItem item) => JsonSerializer.Serialize(item, Json);
}
