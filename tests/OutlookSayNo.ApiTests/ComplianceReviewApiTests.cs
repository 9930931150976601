using System.Net;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>A realistic week and a half of drafts, made through the real API: two account managers,
/// customers at two domains, six kinds and three audiences, a threat from each domain and one abusive
/// email (which the classifier also reads as a threat), and every fate a draft can have: inserted, sent
/// unchanged, sent edited, sent without any alternative, sent with rude wording, discarded, never used.
/// The clock starts on Monday 16 November 2026 and ends on Wednesday 25 November 2026 09:00 UTC, so
/// "last week" is 16 to 23 November.</summary>
public sealed class ReviewDataset
{
    public const string Northwind = "northwind-foods.com";
    public const string Fabrikam = "fabrikam-plants.com";
    public const string Alex = "Alex Morgan";
    public const string Sam = "Sam Carter";
    public const string Reviewer = "Rita Review";

    /// <summary>Monday 16 November 2026, 09:00 UTC: the factory's clock at start.</summary>
    public static readonly DateTimeOffset Monday = SayNoFactory.Now;
    /// <summary>When the dataset is done: Wednesday of the following week.</summary>
    public static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public const string PaymentTermsBody = """
        Hello Alex,

        Could you extend our payment terms to 90 days on invoice 7781?

        Thanks,
        Omar Haddad
        """;

    public const string WarrantyBody = """
        Hi Sam,

        Could you make an exception and replace the pump under warranty, even though the warranty ended 4 months ago?

        Thanks,
        Lena Fischer
        """;

    public const string PilotBody = """
        Hi Alex,

        Can you bring the pilot rollout forward by two weeks so we can launch before the trade show?

        Mark
        """;

    /// <summary>Every draft, newest first, by label.</summary>
    public static readonly string[] NewestFirst =
        ["sam-penalties", "alex-pilot", "sam-warranty", "alex-invoice-terms", "sam-budget", "sam-dashboards", "alex-order", "alex-renewal"];

    /// <summary>The sentence the edited reply (alex-order) puts in place of one of the draft's.</summary>
    public const string EditedSentence = "We went through order 4471 again with the plant supervisors this morning.";
    /// <summary>The paragraph the rude reply (alex-pilot) adds.</summary>
    public const string RudeParagraph = "As I said before, the timing of your launch is your problem, not ours.";

    private readonly Dictionary<string, string> _ids = [];
    private readonly Dictionary<string, string> _labels = [];
    private readonly Dictionary<string, JsonNode> _drafts = [];
    private readonly Dictionary<string, JsonNode> _sent = [];
    private readonly Dictionary<string, string> _sentBodies = [];
    private readonly Dictionary<string, object> _customers = [];

    public string Id(string label) => _ids[label];
    public string Label(string id) => _labels.TryGetValue(id, out var label) ? label : id;
    /// <summary>The draft as POST /api/drafts answered it.</summary>
    public JsonNode Draft(string label) => _drafts[label];
    public string Text(string label) => (string)_drafts[label]["text"]!;
    /// <summary>The answer to the sent event.</summary>
    public JsonNode Sent(string label) => _sent[label];
    public string SentBody(string label) => _sentBodies[label];
    public string? ReplacedSentence { get; private set; }

    public IEnumerable<string> Labels(JsonNode page) => page["items"]!.AsArray().Select(i => Label((string)i!["id"]!));

    public static async Task<ReviewDataset> BuildAsync(SayNoFactory factory)
    {
        var d = new ReviewDataset();
        var alex = factory.ClientAs("AccountManager", Alex);
        var sam = factory.ClientAs("AccountManager", Sam);

        // Week of Monday 16 November.
        await d.Create(factory, Monday, alex, "alex-renewal", Emails.DiscountBody, "Renewal quote", "Priya Nair", "priya.nair@" + Northwind, "discount", "commercial");
        await d.Event(factory, Monday.AddMinutes(5), alex, "alex-renewal", "inserted");
        await d.Send(factory, Monday.AddMinutes(20), alex, "alex-renewal", d.Text("alex-renewal"));

        await d.Create(factory, Monday.AddDays(1).AddHours(1), alex, "alex-order", Emails.ThreatBody, "Order 4471", "Mark Doyle", "mark.doyle@" + Fabrikam, "deadline", "technical");
        await d.Event(factory, Monday.AddDays(1).AddHours(1).AddMinutes(2), alex, "alex-order", "inserted");
        var (edited, replaced) = ChangeSentence(d.Text("alex-order"), EditedSentence);
        d.ReplacedSentence = replaced;
        await d.Send(factory, Monday.AddDays(1).AddHours(1).AddMinutes(30), alex, "alex-order", edited);

        await d.Create(factory, Monday.AddDays(2).AddHours(2), sam, "sam-dashboards", Emails.AbusiveBody, "Extra dashboards", "Chris Vale", "chris.vale@" + Fabrikam, "scope", "technical");
        await d.Event(factory, Monday.AddDays(2).AddHours(2).AddMinutes(1), sam, "sam-dashboards", "discarded");

        await d.Create(factory, Monday.AddDays(3).AddHours(5), sam, "sam-budget", Emails.DiscountBody, "Budget 2027", "Priya Nair", "priya.nair@" + Northwind, "discount", "commercial");
        await d.Event(factory, Monday.AddDays(3).AddHours(5).AddMinutes(1), sam, "sam-budget", "inserted");
        await d.Send(factory, Monday.AddDays(3).AddHours(5).AddMinutes(15), sam, "sam-budget", WithoutAlternatives(d.Text("sam-budget")), warned: true);

        await d.Create(factory, Monday.AddDays(4).AddHours(7), alex, "alex-invoice-terms", PaymentTermsBody, "Invoice terms", "Omar Haddad", "omar.haddad@" + Northwind, "payment_terms", "finance");
        await d.Event(factory, Monday.AddDays(4).AddHours(7).AddMinutes(1), alex, "alex-invoice-terms", "inserted");
        await d.Send(factory, Monday.AddDays(4).AddHours(7).AddMinutes(30), alex, "alex-invoice-terms", WithoutAlternatives(d.Text("alex-invoice-terms")));

        // Sunday 22 November, 23:00 UTC: still the week of the 16th. Never inserted or sent.
        await d.Create(factory, Monday.AddDays(6).AddHours(14), sam, "sam-warranty", WarrantyBody, "Warranty claim", "Lena Fischer", "lena.fischer@" + Fabrikam, "exception", "commercial");

        // Week of Monday 23 November. 00:30 UTC on the Monday: the first minutes of the new week.
        var nextMonday = Monday.AddDays(7).AddHours(-9);
        await d.Create(factory, nextMonday.AddMinutes(30), alex, "alex-pilot", PilotBody, "Pilot rollout", "Mark Doyle", "mark.doyle@" + Fabrikam, "deadline", "commercial");
        await d.Event(factory, nextMonday.AddMinutes(31), alex, "alex-pilot", "inserted");
        await d.Send(factory, nextMonday.AddHours(1), alex, "alex-pilot", InsertParagraph(WithoutAlternatives(d.Text("alex-pilot")), RudeParagraph));

        await d.Create(factory, nextMonday.AddDays(1).AddHours(9), sam, "sam-penalties", Emails.ThreatBody, "Delivery penalties", "Ravi Shah", "ravi.shah@" + Northwind, "liability", "technical");
        await d.Event(factory, nextMonday.AddDays(1).AddHours(9).AddMinutes(10), sam, "sam-penalties", "inserted");

        MoveTo(factory, Wednesday);
        return d;
    }

    public static void MoveTo(SayNoFactory factory, DateTimeOffset at)
    {
        var now = factory.Clock.GetUtcNow();
        Assert.True(at >= now, $"The dataset runs forward in time: {at:O} is before {now:O}.");
        factory.Clock.Advance(at - now);
    }

    private async Task Create(SayNoFactory factory, DateTimeOffset at, HttpClient client, string label, string body, string subject,
        string name, string email, string category, string audience)
    {
        MoveTo(factory, at);
        var response = await client.PostJsonAsync("/api/drafts", new { email = Json.Email(body, subject, name, email), category, audience });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var draft = await response.ReadNodeAsync();
        var id = (string)draft["id"]!;
        _ids[label] = id;
        _labels[id] = label;
        _drafts[label] = draft;
        _customers[label] = new { name, email };
    }

    private async Task Event(SayNoFactory factory, DateTimeOffset at, HttpClient client, string label, string type)
    {
        MoveTo(factory, at);
        var response = await client.PostJsonAsync($"/api/drafts/{Id(label)}/events", new { type, mode = "reply" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{label} {type}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task Send(SayNoFactory factory, DateTimeOffset at, HttpClient client, string label, string body, bool warned = false)
    {
        MoveTo(factory, at);
        var to = new[] { _customers[label] };
        var response = await client.PostJsonAsync($"/api/drafts/{Id(label)}/events", new { type = "sent", mode = "reply", body, to, cc = Array.Empty<object>(), warned });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{label} sent: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        _sent[label] = await response.ReadNodeAsync();
        _sentBodies[label] = body;
    }

    /// <summary>The reply with the alternatives taken out: the "what we can do instead" paragraph and its bullets.</summary>
    public static string WithoutAlternatives(string text) => string.Join("\n\n", text.Split("\n\n")
        .Where(p => !p.Contains("instead", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("- ", StringComparison.Ordinal)));

    /// <summary>Replaces the first sentence of the paragraph after the greeting.</summary>
    public static (string Text, string Replaced) ChangeSentence(string text, string sentence)
    {
        var paragraphs = text.Split("\n\n");
        var p = paragraphs[1];
        var end = p.IndexOf(". ", StringComparison.Ordinal);
        var old = end < 0 ? p : p[..(end + 1)];
        paragraphs[1] = sentence + p[old.Length..];
        return (string.Join("\n\n", paragraphs), old);
    }

    /// <summary>Adds a paragraph after the greeting.</summary>
    public static string InsertParagraph(string text, string paragraph)
    {
        var paragraphs = text.Split("\n\n").ToList();
        paragraphs.Insert(1, paragraph);
        return string.Join("\n\n", paragraphs);
    }
}

/// <summary>The dataset, built once per store for the read-only tests.</summary>
public abstract class ReviewDatasetFixture : IAsyncLifetime
{
    public SayNoFactory Factory { get; private set; } = null!;
    public ReviewDataset Data { get; private set; } = null!;

    /// <summary>A new, empty API on this fixture's store, for tests that change what they read.</summary>
    public abstract SayNoFactory NewFactory();

    public async Task InitializeAsync()
    {
        Factory = NewFactory();
        Data = await ReviewDataset.BuildAsync(Factory);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SqliteReviewDatasetFixture : ReviewDatasetFixture
{
    public override SayNoFactory NewFactory() => new();
}

public sealed class PostgresReviewDatasetFixture : ReviewDatasetFixture
{
    public override SayNoFactory NewFactory() => new() { PostgresConnectionString = Testing.PostgresServer.Shared.CreateDatabase() };
}

/// <summary>Compliance review through the API: every filter of the draft search against a dataset made
/// through the real API, the detail with its difference, reviewer actions appended to the log, template
/// changes in the same log, and the reviewer's week in one scenario.</summary>
public abstract class ComplianceReviewApiTests(ReviewDatasetFixture shared)
{
    private readonly ReviewDataset _data = shared.Data;
    private readonly HttpClient _reviewer = shared.Factory.ClientAs("ComplianceReviewer", ReviewDataset.Reviewer);

    // ---- helpers

    internal static string Query(string query) => string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
    {
        var eq = part.IndexOf('=');
        return eq < 0 ? part : part[..eq] + "=" + Uri.EscapeDataString(part[(eq + 1)..]);
    }));

    internal static async Task<JsonNode> Search(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/compliance/drafts?" + Query(query));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadNodeAsync();
    }

    internal static async Task<JsonNode> Detail(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/compliance/drafts/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    internal static async Task<JsonNode> Verify(HttpClient reviewer)
    {
        var response = await reviewer.GetAsync("/api/compliance/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    internal static async Task<JsonArray> Log(HttpClient reviewer, string query = "")
    {
        var response = await reviewer.GetAsync("/api/compliance/log?take=1000" + (query.Length > 0 ? "&" + query : ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadNodeAsync()).AsArray();
    }

    internal static Task<HttpResponseMessage> Act(HttpClient reviewer, string id, object action) =>
        reviewer.PostJsonAsync($"/api/compliance/drafts/{id}/actions", action);

    private static string[] Split(string labels) => labels.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Removed(JsonNode detail) => string.Concat(detail["diff"]!.AsArray().Where(s => (string?)s!["op"] == "remove").Select(s => (string?)s!["text"]));
    private static string Added(JsonNode detail) => string.Concat(detail["diff"]!.AsArray().Where(s => (string?)s!["op"] == "add").Select(s => (string?)s!["text"]));

    /// <summary>A new API on the same store with the dataset in it, for a test that records reviewer actions.</summary>
    private async Task<(SayNoFactory Factory, ReviewDataset Data, HttpClient Reviewer)> Fresh()
    {
        var factory = shared.NewFactory();
        var data = await ReviewDataset.BuildAsync(factory);
        return (factory, data, factory.ClientAs("ComplianceReviewer", ReviewDataset.Reviewer));
    }

    // ---- the dataset is what it says

    [Fact]
    public void Every_generated_draft_passes_the_five_checks_so_failed_checks_come_from_what_was_sent()
    {
        foreach (var label in ReviewDataset.NewestFirst)
        {
            var checks = _data.Draft(label)["checks"]!;
            Assert.All(new[] { "saysNo", "givesReason", "citesData", "offersAlternative", "respectful" },
                c => Assert.True((bool)checks[c]!, $"{label} fails {c}: {_data.Draft(label)["checkNotes"]!.ToJsonString()}\n{_data.Text(label)}"));
        }
    }

    [Fact]
    public void The_threatening_and_abusive_emails_are_flagged_and_the_others_are_not()
    {
        string[] Flags(string label) => _data.Draft(label)["flags"]!.AsArray().Select(f => (string)f!).ToArray();
        Assert.Equal(["threat"], Flags("alex-order"));
        Assert.Equal(["threat"], Flags("sam-penalties"));
        // Insults without a consequence held over us: abusive, not a threat ("like any decent supplier would" is no leverage).
        Assert.Equal(["abusive"], Flags("sam-dashboards"));
        foreach (var label in new[] { "alex-renewal", "sam-budget", "alex-invoice-terms", "sam-warranty", "alex-pilot" })
            Assert.Empty(Flags(label));
    }

    // ---- sent events as the on-send handler sees them

    [Fact]
    public async Task A_reply_sent_as_generated_is_recorded_unchanged_and_needs_no_confirmation()
    {
        var sent = _data.Sent("alex-renewal");
        Assert.True((bool)sent["unchanged"]!);
        Assert.False((bool)sent["confirm"]!);
        Assert.Empty(sent["reasons"]!.AsArray());

        var detail = await Detail(_reviewer, _data.Id("alex-renewal"));
        Assert.True((bool)detail["summary"]!["sentUnchanged"]!);
        Assert.Equal(_data.Text("alex-renewal"), (string?)detail["sent"]!["text"]);
        Assert.DoesNotContain(detail["diff"]!.AsArray(), s => (string?)s!["op"] != "same");
        Assert.Equal(_data.Text("alex-renewal"), string.Concat(detail["diff"]!.AsArray().Select(s => (string?)s!["text"])));
    }

    [Fact]
    public async Task An_edited_reply_is_recorded_as_changed_and_the_detail_shows_the_changed_sentence()
    {
        var sent = _data.Sent("alex-order");
        Assert.False((bool)sent["unchanged"]!);
        Assert.False((bool)sent["confirm"]!);

        var detail = await Detail(_reviewer, _data.Id("alex-order"));
        Assert.Equal(_data.Text("alex-order"), (string?)detail["generated"]!["text"]);
        Assert.Equal(_data.SentBody("alex-order"), (string?)detail["sent"]!["text"]);
        var diff = detail["diff"]!.AsArray();
        // The spans join back to both texts: same + remove is what was drafted, same + add is what was sent.
        Assert.Equal(_data.Text("alex-order"), string.Concat(diff.Where(s => (string?)s!["op"] != "add").Select(s => (string?)s!["text"])));
        Assert.Equal(_data.SentBody("alex-order"), string.Concat(diff.Where(s => (string?)s!["op"] != "remove").Select(s => (string?)s!["text"])));
        Assert.Contains("4471", Added(detail));
        // Word by word: the spaces between the new words may be shared with the old sentence, so check the words.
        Assert.All(new[] { "went", "through", "plant", "supervisors", "morning" }, w => Assert.Contains(w, Added(detail)));
        Assert.NotEmpty(Removed(detail).Trim());
        // Every removed span comes from the sentence that was replaced.
        Assert.All(diff.Where(s => (string?)s!["op"] == "remove"), s => Assert.Contains(((string)s!["text"]!).Trim(), _data.ReplacedSentence));
        // The greeting and the rest of the reply are untouched: the change is one stretch in the middle.
        Assert.Equal("same", (string?)diff[0]!["op"]);
        Assert.Equal("same", (string?)diff[^1]!["op"]);
        Assert.StartsWith(_data.Text("alex-order").Split("\n\n")[0], (string)diff[0]!["text"]!);
    }

    [Fact]
    public async Task A_reply_sent_without_any_alternative_asks_the_sender_to_confirm_and_the_search_finds_it()
    {
        var sent = _data.Sent("sam-budget");
        Assert.True((bool)sent["confirm"]!);
        Assert.False((bool)sent["checks"]!["offersAlternative"]!);
        Assert.True((bool)sent["checks"]!["saysNo"]!);
        Assert.True((bool)sent["checks"]!["respectful"]!);
        Assert.Equal(["The reply no longer offers an alternative."], sent["reasons"]!.AsArray().Select(r => (string)r!));
        Assert.False((bool)sent["unchanged"]!);

        var page = await Search(_reviewer, "failedCheck=offersAlternative&status=sent");
        Assert.Equal(["alex-pilot", "alex-invoice-terms", "sam-budget"], _data.Labels(page));
        var budget = page["items"]!.AsArray().Single(i => (string?)i!["id"] == _data.Id("sam-budget"))!;
        Assert.Equal(["offersAlternative"], budget["failedChecks"]!.AsArray().Select(c => (string)c!));
        Assert.True((bool)budget["sentWarned"]!);
    }

    [Fact]
    public async Task A_reply_sent_as_outlook_html_with_a_signature_and_the_customers_email_quoted_below_counts_as_unchanged()
    {
        using var factory = shared.NewFactory();
        var alex = factory.ClientAs("AccountManager", ReviewDataset.Alex);
        var draft = await (await alex.PostJsonAsync("/api/drafts",
            new { email = Json.Email(Emails.DiscountBody, "Renewal quote"), category = "discount", audience = "commercial" })).ReadNodeAsync();
        var id = (string)draft["id"]!;
        // What Outlook on the web hands the on-send handler: the inserted HTML, the sender's signature, then the quoted thread.
        var body = "<html><body><div>" + (string)draft["html"]! + "</div>" +
                   "<p>Alex Morgan | Account Manager<br>+44 20 7946 0100</p>" +
                   "<hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Priya Nair &lt;priya.nair@northwind-foods.com&gt;<br>" +
                   "<b>Sent:</b> Monday, November 16, 2026 8:12 AM<br><b>To:</b> Alex Morgan<br><b>Subject:</b> Renewal quote</div>" +
                   "<div><p>Hi Sam,</p><p>Could you reduce the price by 15% on the $48,000 renewal? If we can agree on that we can sign before March 3.</p>" +
                   "<p>Best regards,<br>Priya Nair</p></div></body></html>";
        var response = await alex.PostJsonAsync($"/api/drafts/{id}/events",
            new { type = "sent", mode = "reply", body, to = new[] { new { name = "Priya Nair", email = "priya.nair@northwind-foods.com" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = await response.ReadNodeAsync();
        Assert.True((bool)sent["unchanged"]!, sent.ToJsonString());
        Assert.False((bool)sent["confirm"]!);

        var detail = await Detail(factory.ClientAs("ComplianceReviewer", ReviewDataset.Reviewer), id);
        var text = (string)detail["sent"]!["text"]!;
        Assert.DoesNotContain("Could you reduce the price", text);
        Assert.Contains("Alex Morgan | Account Manager", text);
        Assert.True((bool)detail["summary"]!["sentUnchanged"]!);
    }

    [Fact]
    public void A_reply_sent_with_rude_wording_and_no_alternative_gives_both_reasons()
    {
        var sent = _data.Sent("alex-pilot");
        Assert.True((bool)sent["confirm"]!);
        Assert.False((bool)sent["checks"]!["respectful"]!);
        Assert.False((bool)sent["checks"]!["offersAlternative"]!);
        Assert.Equal(["The reply no longer offers an alternative.", "The reply has wording the customer may read as rude."],
            sent["reasons"]!.AsArray().Select(r => (string)r!));
    }

    // ---- the search

    [Fact]
    public async Task Without_filters_every_draft_is_listed_newest_first()
    {
        var page = await Search(_reviewer, "count=true");
        Assert.Equal(ReviewDataset.NewestFirst, _data.Labels(page));
        Assert.Equal(8, (long)page["total"]!);
        Assert.False((bool)page["hasMore"]!);
        var dates = page["items"]!.AsArray().Select(i => (DateTime)i!["createdAtUtc"]!).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Theory]
    [InlineData("user=alex.morgan", "alex-pilot alex-invoice-terms alex-order alex-renewal")]
    [InlineData("user=sam.carter", "sam-penalties sam-warranty sam-budget sam-dashboards")]
    [InlineData("user=Nobody Here", "")]
    [InlineData("domain=northwind-foods.com", "sam-penalties alex-invoice-terms sam-budget alex-renewal")]
    [InlineData("domain=Fabrikam-Plants.COM", "alex-pilot sam-warranty sam-dashboards alex-order")]
    [InlineData("kind=discount", "sam-budget alex-renewal")]
    [InlineData("kind=deadline", "alex-pilot alex-order")]
    [InlineData("kind=payment_terms", "alex-invoice-terms")]
    [InlineData("kind=liability", "sam-penalties")]
    [InlineData("audience=commercial", "alex-pilot sam-warranty sam-budget alex-renewal")]
    [InlineData("audience=technical", "sam-penalties sam-dashboards alex-order")]
    [InlineData("audience=finance", "alex-invoice-terms")]
    [InlineData("flag=threat", "sam-penalties alex-order")]
    [InlineData("flag=abusive", "sam-dashboards")]
    [InlineData("flag=any", "sam-penalties sam-dashboards alex-order")]
    [InlineData("failedCheck=offersAlternative", "alex-pilot alex-invoice-terms sam-budget")]
    [InlineData("failedCheck=respectful", "alex-pilot")]
    [InlineData("failedCheck=saysNo", "")]
    [InlineData("failedCheck=citesData", "")]
    [InlineData("status=generated", "sam-warranty")]
    [InlineData("status=inserted", "sam-penalties")]
    [InlineData("status=sent", "alex-pilot alex-invoice-terms sam-budget alex-order alex-renewal")]
    [InlineData("status=discarded", "sam-dashboards")]
    [InlineData("status=notSent", "sam-penalties sam-warranty sam-dashboards")]
    [InlineData("edited=true", "alex-pilot alex-invoice-terms sam-budget alex-order")]
    [InlineData("edited=false", "alex-renewal")]
    [InlineData("review=none", "sam-penalties alex-pilot sam-warranty alex-invoice-terms sam-budget sam-dashboards alex-order alex-renewal")]
    [InlineData("review=reviewed", "")]
    [InlineData("review=escalated", "")]
    [InlineData("from=2026-11-23", "sam-penalties alex-pilot")]
    [InlineData("to=2026-11-23", "sam-warranty alex-invoice-terms sam-budget sam-dashboards alex-order alex-renewal")]
    [InlineData("from=2026-11-18&to=2026-11-20", "sam-budget sam-dashboards")]
    [InlineData("from=2026-11-22T23:00:00Z&to=2026-11-23T00:30:00Z", "sam-warranty")] // from is inclusive, to exclusive
    [InlineData("from=2026-11-17T10:00:00Z&to=2026-11-17T10:00:00.001Z", "alex-order")]
    [InlineData("q=4471", "alex-order")] // the email's subject
    [InlineData("q=order 4471", "alex-order")] // any case
    [InlineData("q=omar", "alex-invoice-terms")] // the sender's name
    [InlineData("q=chris.vale@", "sam-dashboards")] // the sender's address
    [InlineData("q=payment terms to 90 days", "alex-invoice-terms")] // the customer's sentence that asks
    [InlineData("q=Re: Budget", "sam-budget")] // the reply's subject
    [InlineData("q=15%", "sam-budget alex-renewal")] // % is a character, not a wildcard
    [InlineData("q=%", "sam-budget alex-renewal")]
    [InlineData("q=_", "")] // _ is a character, not a wildcard
    [InlineData("user=alex.morgan&domain=northwind-foods.com&status=sent", "alex-invoice-terms alex-renewal")]
    [InlineData("domain=fabrikam-plants.com&flag=any&from=2026-11-18", "sam-dashboards")]
    [InlineData("kind=deadline&edited=true&failedCheck=respectful", "alex-pilot")]
    public async Task Each_filter_narrows_the_search_to_exactly_the_matching_drafts_newest_first(string query, string expected)
    {
        var page = await Search(_reviewer, query + "&count=true");
        Assert.Equal(Split(expected), _data.Labels(page));
        Assert.Equal(Split(expected).Length, (long)page["total"]!);
    }

    [Fact]
    public async Task A_summary_carries_what_a_reviewer_filters_on()
    {
        var page = await Search(_reviewer, "q=4471");
        var s = page["items"]!.AsArray().Single()!;
        Assert.Equal(_data.Id("alex-order"), (string?)s["id"]);
        Assert.Equal(new DateTime(2026, 11, 17, 10, 0, 0, DateTimeKind.Utc), (DateTime)s["createdAtUtc"]!);
        Assert.Equal("alex.morgan", (string?)s["userId"]);
        Assert.Equal(ReviewDataset.Alex, (string?)s["userName"]);
        Assert.Equal(ReviewDataset.Fabrikam, (string?)s["customerDomain"]);
        Assert.Equal("Mark Doyle", (string?)s["fromName"]);
        Assert.Equal("mark.doyle@" + ReviewDataset.Fabrikam, (string?)s["fromEmail"]);
        Assert.Equal("Order 4471", (string?)s["subject"]);
        Assert.Equal("deadline", (string?)s["kind"]);
        Assert.Equal("technical", (string?)s["audience"]);
        Assert.Equal(["threat"], s["flags"]!.AsArray().Select(f => (string)f!));
        Assert.Equal("sent", (string?)s["status"]);
        Assert.Equal(new DateTime(2026, 11, 17, 10, 30, 0, DateTimeKind.Utc), (DateTime)s["sentAtUtc"]!);
        Assert.False((bool)s["sentUnchanged"]!);
        Assert.Empty(s["failedChecks"]!.AsArray());
        Assert.False((bool)s["sentWarned"]!);
        Assert.Equal("none", (string?)s["review"]);
        Assert.Equal(0, (int)s["comments"]!);
        Assert.Equal(1, (int)s["templateVersion"]!);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats_and_say_when_there_is_more()
    {
        var first = await Search(_reviewer, "take=3&count=true");
        Assert.Equal(ReviewDataset.NewestFirst[..3], _data.Labels(first));
        Assert.True((bool)first["hasMore"]!);
        Assert.Equal(0, (int)first["skip"]!);
        Assert.Equal(3, (int)first["take"]!);
        Assert.Equal(8, (long)first["total"]!);

        var second = await Search(_reviewer, "skip=3&take=3");
        Assert.Equal(ReviewDataset.NewestFirst[3..6], _data.Labels(second));
        Assert.True((bool)second["hasMore"]!);
        Assert.Null(second["total"]);

        var last = await Search(_reviewer, "skip=6&take=3&count=true");
        Assert.Equal(ReviewDataset.NewestFirst[6..], _data.Labels(last));
        Assert.False((bool)last["hasMore"]!);
        Assert.Equal(8, (long)last["total"]!);

        var exact = await Search(_reviewer, "skip=4&take=4");
        Assert.False((bool)exact["hasMore"]!);
        Assert.Empty(_data.Labels(await Search(_reviewer, "skip=8")));

        var filtered = await Search(_reviewer, "status=sent&take=2&skip=2&count=true");
        Assert.Equal(["sam-budget", "alex-order"], _data.Labels(filtered));
        Assert.True((bool)filtered["hasMore"]!);
        Assert.Equal(5, (long)filtered["total"]!);
    }

    [Theory]
    [InlineData("flag=threats", "flag")]
    [InlineData("failedCheck=polite", "failedCheck")]
    [InlineData("status=archived", "status")]
    [InlineData("status=Sent", "status")]
    [InlineData("review=approved", "review")]
    [InlineData("audience=legal", "audience")]
    [InlineData("edited=yes", "edited")]
    [InlineData("from=last week", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("from=2026-11-23&to=2026-11-16", "to")]
    [InlineData("from=2026-11-23&to=2026-11-23", "to")]
    [InlineData("skip=-1", "skip")]
    [InlineData("take=0", "take")]
    [InlineData("take=201", "take")]
    public async Task A_bad_filter_value_is_a_400_naming_it(string query, string field)
    {
        var response = await _reviewer.GetAsync("/api/compliance/drafts?" + Query(query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadNodeAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [Theory]
    [InlineData("q")]
    [InlineData("user")]
    [InlineData("domain")]
    public async Task An_over_long_text_filter_is_a_400_naming_it(string field)
    {
        var response = await _reviewer.GetAsync($"/api/compliance/drafts?{field}={new string('x', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
    }

    // ---- the detail

    [Fact]
    public async Task The_detail_shows_what_was_generated_what_was_sent_and_every_record_in_order()
    {
        var detail = await Detail(_reviewer, _data.Id("alex-invoice-terms"));
        Assert.Equal("payment_terms", (string?)detail["generated"]!["category"]);
        Assert.Equal(_data.Text("alex-invoice-terms"), (string?)detail["generated"]!["text"]);
        Assert.Equal(ReviewDataset.WithoutAlternatives(_data.Text("alex-invoice-terms")), (string?)detail["sent"]!["text"]);
        Assert.False((bool)detail["sent"]!["checks"]!["offersAlternative"]!);
        Assert.Equal("omar.haddad@" + ReviewDataset.Northwind, (string?)detail["sent"]!["to"]![0]!["email"]);
        Assert.Contains("instead", Removed(detail), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", Added(detail));

        var records = detail["records"]!.AsArray();
        Assert.Equal(["generated", "inserted", "sent"], records.Select(r => (string)r!["type"]!));
        Assert.All(records, r => Assert.Equal(_data.Id("alex-invoice-terms"), (string?)r!["draftId"]));
        Assert.All(records, r => Assert.Equal(ReviewDataset.Alex, (string?)r!["user"]!["name"]));
        Assert.Equal(
            [new DateTime(2026, 11, 20, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 16, 1, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 16, 30, 0, DateTimeKind.Utc)],
            records.Select(r => (DateTime)r!["atUtc"]!));
        var seqs = records.Select(r => (long)r!["seq"]!).ToList();
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task A_draft_that_was_never_sent_has_no_sent_text_and_no_difference()
    {
        var detail = await Detail(_reviewer, _data.Id("sam-warranty"));
        Assert.Null(detail["sent"]);
        Assert.Null(detail["diff"]);
        Assert.Equal(["generated"], detail["records"]!.AsArray().Select(r => (string)r!["type"]!));
        Assert.Equal("generated", (string?)detail["summary"]!["status"]);
        Assert.Null(detail["summary"]!["sentUnchanged"]);
    }

    [Fact]
    public async Task An_unknown_draft_is_a_404_problem()
    {
        var response = await _reviewer.GetAsync("/api/compliance/drafts/0199aaaa-0000-7000-8000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // ---- reviewer actions

    [Fact]
    public async Task Reviewer_actions_are_appended_to_the_log_found_by_the_review_filter_and_leave_the_chain_intact()
    {
        var (factory, data, reviewer) = await Fresh();
        using var _ = factory;
        var before = await Verify(reviewer);

        var reviewed = await Act(reviewer, data.Id("alex-renewal"), new { type = "reviewed" });
        Assert.Equal(HttpStatusCode.Created, reviewed.StatusCode);
        var record = await reviewed.ReadNodeAsync();
        Assert.Equal("reviewed", (string?)record["type"]);
        Assert.Equal(data.Id("alex-renewal"), (string?)record["draftId"]);
        Assert.Equal(ReviewDataset.Reviewer, (string?)record["user"]!["name"]);
        Assert.Equal("rita.review", (string?)record["user"]!["id"]);
        Assert.Equal(ReviewDataset.Wednesday.UtcDateTime, (DateTime)record["atUtc"]!);
        Assert.Equal((long)before["headSeq"]! + 1, (long)record["seq"]!);
        Assert.Equal((string?)before["headHash"], (string?)record["prevHash"]);

        var escalated = await Act(reviewer, data.Id("alex-order"), new { type = "escalated", comment = "Threat to cancel: the sales director should see this." });
        Assert.Equal(HttpStatusCode.Created, escalated.StatusCode);
        var comment = await Act(reviewer, data.Id("sam-budget"), new { type = "comment", comment = "  Asked Sam why the alternatives were removed.  " });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        Assert.Equal("Asked Sam why the alternatives were removed.", (string?)(await comment.ReadNodeAsync())["payload"]!["comment"]);

        // In the detail's records and in the log.
        var detail = await Detail(reviewer, data.Id("alex-order"));
        var last = detail["records"]!.AsArray()[^1]!;
        Assert.Equal("escalated", (string?)last["type"]);
        Assert.Equal("Threat to cancel: the sales director should see this.", (string?)last["payload"]!["comment"]);
        Assert.Equal("escalated", (string?)detail["summary"]!["review"]);
        Assert.Equal(1, (int)detail["summary"]!["comments"]!);
        Assert.Equal((string?)record["hash"], (string?)(await Log(reviewer, "type=reviewed")).Single()!["hash"]);
        Assert.Equal(data.Id("alex-order"), (string?)(await Log(reviewer, "type=escalated")).Single()!["draftId"]);
        Assert.Equal(data.Id("sam-budget"), (string?)(await Log(reviewer, "type=comment")).Single()!["draftId"]);
        var budget = await Detail(reviewer, data.Id("sam-budget"));
        Assert.Equal("none", (string?)budget["summary"]!["review"]); // a comment is not a decision
        Assert.Equal(1, (int)budget["summary"]!["comments"]!);

        // The review filter.
        Assert.Equal(["alex-renewal"], data.Labels(await Search(reviewer, "review=reviewed")));
        Assert.Equal(["alex-order"], data.Labels(await Search(reviewer, "review=escalated")));
        Assert.Equal(["sam-penalties", "alex-pilot", "sam-warranty", "alex-invoice-terms", "sam-budget", "sam-dashboards"],
            data.Labels(await Search(reviewer, "review=none")));

        // The latest decision counts.
        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Created, (await Act(reviewer, data.Id("alex-renewal"), new { type = "escalated" })).StatusCode);
        Assert.Empty(data.Labels(await Search(reviewer, "review=reviewed")));
        Assert.Equal(["alex-order", "alex-renewal"], data.Labels(await Search(reviewer, "review=escalated")));

        var after = await Verify(reviewer);
        Assert.True((bool)after["intact"]!, after.ToJsonString());
        Assert.Equal((long)before["records"]! + 4, (long)after["records"]!);
    }

    [Theory]
    [InlineData("{\"type\":\"comment\"}", "comment")]
    [InlineData("{\"type\":\"comment\",\"comment\":\"   \"}", "comment")]
    [InlineData("{\"type\":\"approved\"}", "type")]
    [InlineData("{}", "type")]
    public async Task A_bad_reviewer_action_is_a_400_naming_the_field_and_logs_nothing(string json, string field)
    {
        var before = (long)(await Verify(_reviewer))["headSeq"]!;
        var response = await _reviewer.PostAsync($"/api/compliance/drafts/{_data.Id("alex-renewal")}/actions",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
        Assert.Equal(before, (long)(await Verify(_reviewer))["headSeq"]!);
    }

    [Fact]
    public async Task A_comment_longer_than_2000_characters_is_a_400()
    {
        var response = await Act(_reviewer, _data.Id("alex-renewal"), new { type = "comment", comment = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["comment"]);
    }

    [Fact]
    public async Task An_action_on_an_unknown_draft_is_a_404_and_logs_nothing()
    {
        var before = (long)(await Verify(_reviewer))["headSeq"]!;
        var response = await Act(_reviewer, "0199aaaa-0000-7000-8000-000000000000", new { type = "reviewed" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (long)(await Verify(_reviewer))["headSeq"]!);
    }

    // ---- template changes are in the same log

    [Fact]
    public async Task A_saved_template_appends_a_template_changed_record_a_reviewer_can_read()
    {
        using var factory = shared.NewFactory();
        var admin = factory.ClientAs("TemplateAdmin", "Dana Admin");
        var reviewer = factory.ClientAs("ComplianceReviewer", ReviewDataset.Reviewer);
        var (content, etag) = await TemplatesApiTests.Load(admin, "discount/commercial.scriban");
        var edited = content.Replace("We can't lower the price", "We cannot lower the price this year");
        Assert.NotEqual(content, edited);
        factory.Clock.Advance(TimeSpan.FromDays(3));

        var saved = await TemplatesApiTests.Save(admin, "discount/commercial.scriban", edited, etag, "Firmer wording");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var changes = await Log(reviewer, "type=template_changed");
        Assert.All(changes, r => Assert.Equal("template_changed", (string?)r!["type"]));
        var record = changes[^1]!;
        Assert.Null(record["draftId"]);
        Assert.Equal("dana.admin", (string?)record["user"]!["id"]);
        Assert.Equal("Dana Admin", (string?)record["user"]!["name"]);
        Assert.Equal(SayNoFactory.Now.AddDays(3).UtcDateTime, (DateTime)record["atUtc"]!);
        var payload = record["payload"]!;
        Assert.Equal("discount/commercial.scriban", (string?)payload["path"]);
        Assert.Equal(2, (int)payload["version"]!);
        Assert.Equal(edited, (string?)payload["content"]);
        Assert.Equal("Firmer wording", (string?)payload["comment"]);
        // The seeded version 1 of the same document is in the log too, with the content before the change.
        var seeded = changes.Single(r => (string?)r!["payload"]!["path"] == "discount/commercial.scriban" && (int)r!["payload"]!["version"]! == 1)!;
        Assert.Equal(content, (string?)seeded["payload"]!["content"]);
        Assert.Equal((string?)seeded["payload"]!["sha256"], (string?)payload["previousSha256"]);
        Assert.True((long)record["seq"]! > (long)seeded["seq"]!);

        var report = await Verify(reviewer);
        Assert.True((bool)report["intact"]!, report.ToJsonString());
        Assert.Equal((long)record["seq"]!, (long)report["headSeq"]!);
    }

    // ---- done when

    [Fact]
    public async Task A_reviewer_finds_last_weeks_replies_sent_without_an_alternative_sees_the_change_marks_them_reviewed_exports_them_and_proves_the_log_unaltered()
    {
        var (factory, data, reviewer) = await Fresh();
        using var _ = factory;

        // Last week, from the reviewer's today (Wednesday 25 November): Monday 16 to Monday 23 November.
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var filter = $"from={thisMonday.AddDays(-7):yyyy-MM-dd}&to={thisMonday:yyyy-MM-dd}&status=sent&failedCheck=offersAlternative";
        Assert.Equal("from=2026-11-16&to=2026-11-23&status=sent&failedCheck=offersAlternative", filter);

        // 1. Find them. This week's (alex-pilot) is left out; so is last week's edited reply that kept its alternatives (alex-order).
        var found = await Search(reviewer, filter + "&count=true");
        Assert.Equal(["alex-invoice-terms", "sam-budget"], data.Labels(found));
        Assert.Equal(2, (long)found["total"]!);
        var ids = found["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();

        // 2. See what changed from the draft: the alternatives were taken out, nothing was added.
        var hashesBefore = new Dictionary<string, string[]>();
        foreach (var id in ids)
        {
            var detail = await Detail(reviewer, id);
            Assert.Contains("instead", Removed(detail), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("", Added(detail));
            Assert.Contains("instead", (string)detail["generated"]!["text"]!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("instead", (string)detail["sent"]!["text"]!, StringComparison.OrdinalIgnoreCase);
            Assert.False((bool)detail["sent"]!["checks"]!["offersAlternative"]!);
            hashesBefore[id] = detail["records"]!.AsArray().Select(r => (string)r!["hash"]!).ToArray();
        }

        // 3. Mark them reviewed.
        foreach (var id in ids)
        {
            var act = await Act(reviewer, id, new { type = "reviewed", comment = "Sent without an alternative; talked it through with the account manager." });
            Assert.Equal(HttpStatusCode.Created, act.StatusCode);
        }
        Assert.Empty(data.Labels(await Search(reviewer, filter + "&review=none")));
        Assert.Equal(["alex-invoice-terms", "sam-budget"], data.Labels(await Search(reviewer, filter + "&review=reviewed")));

        // 4. Export them.
        var export = await reviewer.GetAsync("/api/compliance/export.csv?" + Query(filter));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var rows = ComplianceExportTests.ParseCsv(await export.Content.ReadAsStringAsync());
        Assert.Equal(3, rows.Count);
        var header = rows[0];
        string Cell(IReadOnlyList<string> row, string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(ids, rows.Skip(1).Select(r => Cell(r, "id")));
        Assert.All(rows.Skip(1), r =>
        {
            Assert.Equal("sent", Cell(r, "status"));
            Assert.Equal("offersAlternative", Cell(r, "failedChecks"));
            Assert.Equal("reviewed", Cell(r, "review"));
            Assert.Equal("False", Cell(r, "sentUnchanged"));
            Assert.Equal("1", Cell(r, "comments"));
        });
        Assert.Equal([ReviewDataset.Alex, ReviewDataset.Sam], rows.Skip(1).Select(r => Cell(r, "userName")));

        // 5. Prove the log was not altered: the chain verifies, every record the drafts had is there with
        //    the same hash, and the reviews were appended after them.
        var report = await Verify(reviewer);
        Assert.True((bool)report["intact"]!, report.ToJsonString());
        Assert.Empty(report["problems"]!.AsArray());
        foreach (var id in ids)
        {
            var records = (await Detail(reviewer, id))["records"]!.AsArray();
            Assert.Equal(hashesBefore[id], records.Take(hashesBefore[id].Length).Select(r => (string)r!["hash"]!));
            Assert.Equal(["generated", "inserted", "sent", "reviewed"], records.Select(r => (string)r!["type"]!));
        }
        var log = await Log(reviewer);
        Assert.Equal((long)report["records"]!, log.Count);
        for (var i = 1; i < log.Count; i++) Assert.Equal((string?)log[i - 1]!["hash"], (string?)log[i]!["prevHash"]);
        Assert.Equal((string?)report["headHash"], (string?)log[^1]!["hash"]);
    }
}

public sealed class ComplianceReviewOnSqliteTests(SqliteReviewDatasetFixture fixture)
    : ComplianceReviewApiTests(fixture), IClassFixture<SqliteReviewDatasetFixture>;

public sealed class ComplianceReviewOnPostgresTests(PostgresReviewDatasetFixture fixture)
    : ComplianceReviewApiTests(fixture), IClassFixture<PostgresReviewDatasetFixture>;
