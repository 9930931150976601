using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>What the compliance page's tests share: the browser, the seeded shared server, servers of
/// their own for tests that change things, direct API calls and direct SQL on the log.</summary>
public abstract class ComplianceTestBase(ComplianceFixture fixture, ITestOutputHelper output)
{
    static ComplianceTestBase() => Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);

    protected ComplianceFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected PaneServer SharedServer => Fixture.Server;
    protected ComplianceDataset Data => Fixture.Data;

    protected Task<ComplianceSession> NewSession(int width = 1280, int height = 900) =>
        ComplianceSession.Create(Fixture.Browser, Output, width, height);

    /// <summary>An API of its own (own SQLite file), seeded with the dataset.</summary>
    protected static async Task<(PaneServer Server, ComplianceDataset Data)> OwnServer()
    {
        var server = new PaneServer().Start();
        return (server, await ComplianceDataset.BuildAsync(server));
    }

    protected static HttpClient Reviewer(PaneServer server) => ComplianceDataset.Client(server, "ComplianceReviewer", ComplianceDataset.Reviewer);

    /// <summary>GET a compliance endpoint as a reviewer.</summary>
    protected static async Task<JsonNode> Get(PaneServer server, string path)
    {
        using var client = Reviewer(server);
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Runs SQL on the server's SQLite file behind the API's back, as someone with access to the database could.</summary>
    protected static async Task<int> Sql(PaneServer server, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>"33.3%" as the page writes a share (rounded by the API to 4 decimals, then to 0.1%).</summary>
    protected static string Percent(long part, long whole)
    {
        var share = whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        var value = Math.Round(share * 1000, MidpointRounding.AwayFromZero) / 10;
        return (value == Math.Floor(value) ? value.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)) + "%";
    }
}
