using System.IO.Compression;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>Measures and reports; asserts nothing about speed or size (targets belong in benchmarks).</summary>
[Collection(PaneCollection.Name)]
public sealed class LoadTimingTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    [Fact]
    public async Task Reports_the_time_from_navigation_to_a_visible_draft_and_the_pane_script_size()
    {
        var times = new List<double>();
        for (var run = 0; run < 4; run++)
        {
            await using var pane = await NewSession(ReadMode());
            await pane.Open(Server.BaseAddress, Server.Token());
            await Expect(pane.Draft).ToBeVisibleAsync();
            // performance.now() counts from the navigation start of this page.
            var ms = await pane.Page.EvaluateAsync<double>("() => performance.now()");
            times.Add(ms);
            Output.WriteLine($"load {run + 1}{(run == 0 ? " (first in this browser)" : "")}: navigation start to draft visible {ms:F0} ms");
            // Where the time went: each request the page made, from navigation start.
            var entries = await pane.Page.EvaluateAsync<string[]>(
                "() => performance.getEntriesByType('resource').map(e => `${e.name.split('?')[0].split('/').slice(-2).join('/')} ${e.startTime.toFixed(0)}+${e.duration.toFixed(0)} ms`)");
            Output.WriteLine("    " + string.Join("; ", entries));
        }
        var warm = times.Skip(1).Order().ToList();
        Output.WriteLine($"median of the later loads: {warm[warm.Count / 2]:F0} ms");

        var addin = Path.Combine(Server.WebRoot, "addin");
        var js = new FileInfo(Path.Combine(addin, "taskpane.js"));
        Assert.True(js.Exists, $"{js.FullName} is missing: build the API (it runs npm run build).");
        Output.WriteLine($"taskpane.js: {js.Length:N0} bytes ({js.Length / 1024.0:F1} KB) minified, {Gzipped(js.FullName) / 1024.0:F1} KB gzipped, without office.js");
        var chunks = new DirectoryInfo(Path.Combine(addin, "chunks"));
        if (chunks.Exists)
        {
            var lazy = chunks.EnumerateFiles("*.js", SearchOption.AllDirectories).Sum(f => f.Length);
            Output.WriteLine($"lazy chunks (MSAL, loaded only for Entra sign-in): {lazy / 1024.0:F1} KB");
        }
    }

    private static long Gzipped(string path)
    {
        using var target = new MemoryStream();
        using (var gzip = new GZipStream(target, CompressionLevel.Optimal, leaveOpen: true))
        using (var source = File.OpenRead(path))
            source.CopyTo(gzip);
        return target.Length;
    }
}
