using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>The served OpenAPI document, kept as tests/golden/openapi/swagger.json. The add-in's vitest
/// suite (addin/test/openapi-types.test.ts) checks the TypeScript types' property names against that
/// copy, so a renamed or dropped API field fails there, not in a browser. After a deliberate API change,
/// run this test with UPDATE_GOLDEN=1, read the diff, and commit the new copy.</summary>
public sealed class OpenApiGoldenTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    public static string GoldenFile
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return Path.Combine(dir.FullName, "tests", "golden", "openapi", "swagger.json");
            throw new InvalidOperationException("OutlookSayNo.sln not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public async Task The_served_openapi_document_matches_the_golden_copy_the_typescript_types_are_checked_against()
    {
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(GoldenFile)!);
            await File.WriteAllTextAsync(GoldenFile, text);
        }
        Assert.True(File.Exists(GoldenFile), $"No golden copy at {GoldenFile}; run this test with UPDATE_GOLDEN=1 and review it.");
        var golden = JsonNode.Parse(await File.ReadAllTextAsync(GoldenFile))!;
        Assert.True(JsonNode.DeepEquals(golden, served),
            "The served OpenAPI document differs from tests/golden/openapi/swagger.json. If the API change is deliberate, run " +
            "UPDATE_GOLDEN=1 dotnet test --filter OpenApiGoldenTests, review the diff, and run the add-in's vitest suite (it checks the TypeScript types against it).");
    }
}
