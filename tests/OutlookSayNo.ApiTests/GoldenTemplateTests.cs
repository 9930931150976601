using System.Net;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

/// <summary>Every shipped template, for every audience, rendered from fixed inputs and compared with
/// the reviewed text in tests/golden/expected. Run with UPDATE_GOLDEN=1 to rewrite the expected
/// files after a deliberate template change, then read the diff before committing it.</summary>
public sealed class GoldenTemplateTests(GoldenTemplateTests.GoldenFactory factory) : IClassFixture<GoldenTemplateTests.GoldenFactory>
{
    /// <summary>Customer domains whose drafts argue with another business pack than the shipped one (goods):
    /// a golden case picks its pack by its sender's address; every other case is a goods customer.</summary>
    public static readonly IReadOnlyDictionary<string, string> PackDomains = new Dictionary<string, string>
    {
        // Customers who buy software: a seat renewal, records their own admin deleted, a driver app, a pen test, a UAT sign-off.
        ["brightloop-analytics.com"] = "software",
        ["rheinland-logistik.de"] = "software",
        ["parcelhive.com"] = "software",
        ["marino-auto.com"] = "software",
        // Clients of an agency or consultancy: brand and packaging design, a campaign, an analysts' deck.
        ["nordlys-foods.com"] = "services",
        ["orchid-capital.com"] = "services",
    };

    /// <summary>The API on a copy of the shipped templates whose setup.json maps <see cref="PackDomains"/> to
    /// their packs; everything else is the shipped catalog, and the shipped setup.json stays as it is.</summary>
    public sealed class GoldenFactory : SayNoFactory
    {
        private readonly string _templates;

        public GoldenFactory() : this(Directory.CreateTempSubdirectory("saynogolden").FullName) { }

        private GoldenFactory(string templates)
        {
            _templates = templates;
            TemplatesCopy.CopyShipped(templates);
            var setup = JsonNode.Parse(File.ReadAllText(Path.Combine(templates, "setup.json")))!.AsObject();
            var domains = new JsonObject();
            foreach (var (domain, pack) in PackDomains) domains[domain] = pack;
            setup["domains"] = domains;
            File.WriteAllText(Path.Combine(templates, "setup.json"), setup.ToJsonString());
            TemplatesPath = templates;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) try { Directory.Delete(_templates, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static readonly string GoldenDir = Path.Combine(Path.GetDirectoryName(TemplatesCopy.ShippedFolder())!, "tests", "golden");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(GoldenDir, "cases"), "*.json").Order(StringComparer.Ordinal))
            foreach (var audience in new[] { "commercial", "technical", "finance" })
                data.Add(Path.GetFileNameWithoutExtension(file), audience);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_rendered_draft_matches_its_golden_file(string caseName, string audience)
    {
        var request = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(GoldenDir, "cases", caseName + ".json")))!.AsObject();
        request["audience"] = audience;
        var response = await factory.ClientAs(name: "Sam Porter").PostAsync("/api/drafts",
            new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var json = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());

        var text = (string)json["text"]!;
        var expectedFile = Path.Combine(GoldenDir, "expected", $"{caseName}.{audience}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            await File.WriteAllTextAsync(expectedFile, text + "\n");
        Assert.True(File.Exists(expectedFile), $"No golden file {expectedFile}; run the tests with UPDATE_GOLDEN=1 and review it.");
        var expected = (await File.ReadAllTextAsync(expectedFile)).TrimEnd('\n');
        Assert.Equal(expected, text);

        // What every golden draft must also be, whatever its words.
        foreach (var check in new[] { "saysNo", "givesReason", "citesData", "offersAlternative", "respectful" })
            Assert.True((bool)json["checks"]![check]!, $"{check} fails for {caseName}/{audience}: {json["checkNotes"]}");
        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain("}}", text);
        Assert.DoesNotContain("\n\n\n", text);
        var words = text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
        // Length follows the customer's: a message of a line or two gets a short reply, anything longer a full one.
        var theirs = ((string?)request["email"]!["body"] ?? "").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
        // A reply that grants the remedy asked for has nothing to argue and no options to set out: it may be short too.
        var grants = (bool?)json["checks"]!["grants"] == true;
        Assert.InRange(words, theirs <= 60 || grants ? 40 : 90, 260);
    }
}
