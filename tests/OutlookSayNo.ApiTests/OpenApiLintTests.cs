using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>The OpenAPI document the API serves passes Redocly's recommended rules without errors, and
/// every tag is described, so client generators and readers of Swagger UI get a sound document. Redocly
/// CLI comes from addin/node_modules (a dev dependency of the add-in; ./test.sh installs it).</summary>
public sealed class OpenApiLintTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    [Fact]
    public async Task The_served_document_passes_Redocly_recommended_rules_and_describes_every_tag()
    {
        var document = await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        var dir = Directory.CreateTempSubdirectory("saynolint").FullName;
        try
        {
            var file = Path.Combine(dir, "openapi.json");
            await File.WriteAllTextAsync(file, document);

            var report = await Lint(file, dir);

            var problems = report["problems"]!.AsArray()
                .Select(p => $"{(string?)p!["severity"]} {(string?)p["ruleId"]}: {(string?)p["message"]}").ToList();
            Assert.True((int)report["totals"]!["errors"]! == 0, string.Join("\n", problems));
            Assert.DoesNotContain(problems, p => p.Contains(" tag-description:", StringComparison.Ordinal));
            // The rule that failed before: the document names a server.
            Assert.NotEmpty(JsonNode.Parse(document)!["servers"]!.AsArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs <c>redocly lint</c> (recommended rules, no config: it runs in a folder of its own) and returns its JSON report.</summary>
    private static async Task<JsonNode> Lint(string file, string workingDirectory)
    {
        var cli = Path.Combine(RepoRoot(), "addin", "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run npm install in addin/ (./test.sh does).");
        var start = new ProcessStartInfo("node", [cli, "lint", file, "--format=json"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Nothing leaves the machine: no usage report, no update check.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        try { return JsonNode.Parse(output)!; }
        catch (System.Text.Json.JsonException) { throw new Xunit.Sdk.XunitException($"redocly lint exited {process.ExitCode}: {output}\n{await stderr}"); }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new InvalidOperationException("OutlookSayNo.sln not found above " + AppContext.BaseDirectory);
    }
}
