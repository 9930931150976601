using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OutlookSayNo.BrowserTests;

/// <summary>Drafts made through the real API, as the pane and the on-send handler make them: two
/// account managers, customers at two domains, a threat and an abusive email, and the fates a draft
/// can have (sent unchanged, sent with the alternatives taken out, discarded, never used).</summary>
public sealed class ComplianceDataset
{
    public const string Alex = "Alex Morgan";
    public const string Sam = "Sam Carter";
    public const string Reviewer = "Rita Review";
    public const string Northwind = "northwind-foods.com";
    public const string Fabrikam = "fabrikam-plants.com";

    public const string DiscountBody = """
        Hi Alex,

        Thanks for sending the renewal quote for the analytics platform. We have gone through it with the team and,
        to be honest, the numbers are hard to justify this year. Our budget has been cut and a competitor has quoted
        us noticeably less for a similar package.

        Could you reduce the price by 15% on the $48,000 renewal? If we can agree on that we can sign before March 3.

        Best regards,
        Priya Nair
        Head of Finance | Northwind Foods
        +44 20 7946 0000
        """;

    public const string BudgetBody = """
        Hello Alex,

        Our board has asked every supplier for a better offer for 2027. Could you give us a 10% discount on the
        $36,000 support contract? Otherwise we will have to look at cheaper options.

        Kind regards,
        Omar Haddad
        Procurement | Northwind Foods
        """;

    public const string ThreatBody = """
        Sam,

        This is the third time I am asking. We need the 200 units delivered by next Friday, not in four weeks.
        If you can't expedite this order we will take our business elsewhere and cancel the contract.

        Mark Doyle
        Plant Manager
        """;

    public const string AbusiveBody = """
        Are you people completely incompetent? Your useless team wants us to pay for the extra dashboards we asked for.
        Just add the three reports at no extra cost like any decent supplier would. What a joke.
        """;

    public const string WarrantyBody = """
        Hi Alex,

        Could you make an exception and replace the pump under warranty, even though the warranty ended 4 months ago?

        Thanks,
        Lena Fischer
        """;

    /// <summary>One seeded draft: what POST /api/drafts answered and what was done with it.</summary>
    public sealed record Seeded(string Label, string Id, string User, string Subject, string FromName, string FromEmail, string Domain, string Kind, string Audience,
        IReadOnlyList<string> Flags, JsonNode GeneratedChecks, string GeneratedText, string Status, string? SentText, JsonNode? SentChecks)
    {
        public bool Sent => Status == "sent";
        public bool? SentUnchanged => Sent ? SentText == GeneratedText : null;
        /// <summary>The checks the list and the dashboard judge by: the sent text's when sent, else the generated one's.</summary>
        public IEnumerable<string> FailedChecks => ((JsonObject)(SentChecks ?? GeneratedChecks)).Where(c => c.Value?.GetValue<bool>() == false).Select(c => c.Key);
    }

    private readonly List<Seeded> _drafts = [];

    public IReadOnlyList<Seeded> Drafts => _drafts;
    public Seeded this[string label] => _drafts.Single(d => d.Label == label);

    /// <summary>The drafts sent without an alternative: status sent, offersAlternative failed.</summary>
    public IEnumerable<Seeded> SentWithoutAlternative => _drafts.Where(d => d.Sent && d.FailedChecks.Contains("offersAlternative"));

    public static async Task<ComplianceDataset> BuildAsync(PaneServer server)
    {
        var d = new ComplianceDataset();
        using var alex = Client(server, "AccountManager", Alex);
        using var sam = Client(server, "AccountManager", Sam);

        // Sent as generated.
        var renewal = await d.Create(alex, Alex, "alex-renewal", DiscountBody, "Renewal quote", "Priya Nair", "priya.nair@" + Northwind, "commercial");
        await d.Send(alex, renewal, renewal.GeneratedText);

        // Sent with the alternatives taken out: offersAlternative fails.
        var budget = await d.Create(alex, Alex, "alex-budget", BudgetBody, "Support contract 2027", "Omar Haddad", "omar.haddad@" + Northwind, "finance");
        await d.Send(alex, budget, WithoutAlternatives(budget.GeneratedText));

        var order = await d.Create(sam, Sam, "sam-order", ThreatBody, "Order 4471", "Mark Doyle", "mark.doyle@" + Fabrikam, "technical");
        await d.Send(sam, order, WithoutAlternatives(order.GeneratedText));

        // Discarded, and never used.
        var dashboards = await d.Create(sam, Sam, "sam-dashboards", AbusiveBody, "Extra dashboards", "Chris Vale", "chris.vale@" + Fabrikam, "technical");
        await d.Event(sam, dashboards, "discarded");
        await d.Create(alex, Alex, "alex-warranty", WarrantyBody, "Warranty claim", "Lena Fischer", "lena.fischer@" + Fabrikam, "commercial");

        Assert.Equal(["alex-budget", "sam-order"], d.SentWithoutAlternative.Select(x => x.Label).Order());
        return d;
    }

    public static HttpClient Client(PaneServer server, string role, string name)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token(role, name));
        return client;
    }

    /// <summary>The reply with the alternatives taken out: the "instead" paragraph and its bullets.</summary>
    public static string WithoutAlternatives(string text)
    {
        var kept = string.Join("\n\n", text.Split("\n\n")
            .Where(p => !p.Contains("instead", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("- ", StringComparison.Ordinal)));
        Assert.NotEqual(text, kept);
        return kept;
    }

    /// <summary>The paragraph of the generated text that <see cref="WithoutAlternatives"/> removes first.</summary>
    public static string AlternativesParagraph(string text) =>
        text.Split("\n\n").First(p => p.Contains("instead", StringComparison.OrdinalIgnoreCase));

    private async Task<Seeded> Create(HttpClient client, string user, string label, string body, string subject, string name, string email, string audience)
    {
        var response = await client.PostAsJsonAsync("api/drafts", new { email = new { subject, body, from = new { name, email } }, audience });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{label}: POST /api/drafts answered {(int)response.StatusCode}: {text}");
        var draft = JsonNode.Parse(text)!;
        var seeded = new Seeded(label, (string)draft["id"]!, user, subject, name, email, email[(email.IndexOf('@') + 1)..], (string)draft["category"]!, (string)draft["audience"]!,
            draft["flags"]!.AsArray().Select(f => (string)f!).ToList(), draft["checks"]!.DeepClone(), (string)draft["text"]!, "generated", null, null);
        _drafts.Add(seeded);
        return seeded;
    }

    private async Task Send(HttpClient client, Seeded draft, string body)
    {
        var to = new[] { new { name = draft.FromName, email = draft.FromEmail } };
        var response = await client.PostAsJsonAsync($"api/drafts/{draft.Id}/events", new { type = "sent", mode = "reply", body, to, cc = Array.Empty<object>(), warned = false });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, $"{draft.Label} sent: {(int)response.StatusCode} {text}");
        var answer = JsonNode.Parse(text)!;
        Replace(draft, draft with { Status = "sent", SentText = body, SentChecks = answer["checks"]!.DeepClone() });
    }

    private async Task Event(HttpClient client, Seeded draft, string type)
    {
        var response = await client.PostAsJsonAsync($"api/drafts/{draft.Id}/events", new { type, mode = "reply" });
        Assert.True((int)response.StatusCode == 201, $"{draft.Label} {type}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Replace(draft, draft with { Status = type });
    }

    private void Replace(Seeded old, Seeded updated) => _drafts[_drafts.IndexOf(old)] = updated;
}
