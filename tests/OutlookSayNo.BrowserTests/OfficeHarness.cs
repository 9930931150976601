using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookSayNo.BrowserTests;

public sealed record Address(string DisplayName, string EmailAddress);

/// <summary>The Outlook item the fake office.js hands the pane.</summary>
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

/// <summary>Builds the office.js the pane gets: the fake in Harness/office-fake.js with this test's
/// requirement sets and item in front of it.</summary>
public sealed record OfficeHarness
{
    public const string OfficeJsUrl = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lazy<string> Fake = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("office-fake.js")
            ?? throw new InvalidOperationException("office-fake.js is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The highest Mailbox requirement set the host supports ("1.8", or "1.3" for an older Outlook).</summary>
    public string Mailbox { get; init; } = "1.8";

    /// <summary>NestedAppAuth support; null means unsupported (the development token is used anyway).</summary>
    public string? NestedAppAuth { get; init; }

    public OutlookItem? Item { get; init; }

    public string Script()
    {
        var requirements = new Dictionary<string, string?> { ["Mailbox"] = Mailbox, ["NestedAppAuth"] = NestedAppAuth };
        var config = JsonSerializer.Serialize(new { requirements, item = Item }, Json);
        return $"window.__officeConfig = {config};\n{Fake.Value}";
    }

    public static string ItemJson(OutlookItem item) => JsonSerializer.Serialize(item, Json);
}
