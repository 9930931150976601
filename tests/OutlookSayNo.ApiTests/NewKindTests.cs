using System.Net;

namespace OutlookSayNo.ApiTests;

/// <summary>An admin adds a kind by adding a folder: no code change, and it is classified and drafted.</summary>
public static class NewKindFactory
{
    public static string MakeTemplates()
    {
        var dir = Directory.CreateTempSubdirectory("saynokinds").FullName;
        TemplatesCopy.CopyShipped(dir);
        var kind = Path.Combine(dir, "sponsorship");
        Directory.CreateDirectory(kind);
        File.WriteAllText(Path.Combine(kind, "kind.json"), """
            {
              "id": "sponsorship",
              "title": "Sponsorship request",
              "description": "The customer asks us to sponsor their event, team or charity.",
              "defaultAudience": "commercial",
              "cues": [
                { "pattern": "sponsor*", "weight": 3 },
                { "pattern": "(gold|silver|bronze|title) (package|partner|sponsor)", "weight": 3 }
              ],
              "examples": [
                "Would you sponsor our annual conference with a gold package?",
                "We are looking for sponsors for the charity run in May."
              ],
              "dataPoints": [
                { "name": "askedAmount", "label": "Amount asked for", "unit": "money", "from": "email:money", "input": true },
                { "name": "sponsorshipBudgetLeft", "label": "Sponsorship budget left this year", "unit": "money", "input": true }
              ],
              "alternatives": [
                { "id": "speaker-slot", "title": "A speaker instead", "text": "One of our engineers can give a talk at the event at no cost.", "default": true }
              ]
            }
            """);
        const string body = """
            {{ include 'greeting' }}

            Thank you for thinking of us for {{ ask.subject }}.

            We can't sponsor the event this year, because our sponsorship budget is fully committed{{ if data.askedAmount }} and {{ data.askedAmount.value }} is more than we set aside for any single event{{ end }}.

            {{ include 'alternatives' }}

            {{ include 'closing' }}
            """;
        foreach (var audience in new[] { "commercial", "technical", "finance" })
            File.WriteAllText(Path.Combine(kind, audience + ".scriban"), body);
        return dir;
    }
}

public sealed class NewKindTests : IDisposable
{
    private readonly string _templates = NewKindFactory.MakeTemplates();
    private readonly SayNoFactory _factory;

    public NewKindTests() => _factory = new SayNoFactory { TemplatesPath = _templates };

    [Fact]
    public async Task A_kind_added_as_a_folder_is_classified_and_drafted_without_code_changes()
    {
        var client = _factory.ClientAs();
        var email = Json.Email("Hi Sam, would you sponsor our charity gala in March with a gold package of $5,000? Thanks, Lee", "Gala", "Lee Park", "lee@cityhope.org");

        var classified = await (await client.PostJsonAsync("/api/classify", email)).ReadNodeAsync();
        Assert.Equal("sponsorship", (string?)classified["primary"]!["category"]);
        Assert.Contains(classified["primary"]!["evidence"]!.AsArray(), e => ((string?)e!["text"])!.Contains("sponsor", StringComparison.OrdinalIgnoreCase));

        var response = await client.PostJsonAsync("/api/drafts", new { email });
        var draft = await response.ReadNodeAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sponsorship/commercial", (string?)draft["template"]!["id"]);
        var text = (string)draft["text"]!;
        Assert.Contains("We can't sponsor the event this year", text);
        Assert.Contains("$5,000", text);
        Assert.Contains("A speaker instead", text);
        // Declared but not used by the template: not asked for.
        Assert.DoesNotContain(draft["missingFields"]!.AsArray(), m => (string?)m!["name"] == "sponsorshipBudgetLeft");
    }

    public void Dispose()
    {
        _factory.Dispose();
        try { Directory.Delete(_templates, true); } catch (IOException) { }
    }
}
