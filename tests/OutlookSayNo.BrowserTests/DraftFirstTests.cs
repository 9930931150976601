using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>The pane puts the draft first: in a narrow Outlook pane the reply text is on the first
/// screen, above the analysis (the reading, flags, figures, checks and evidence).</summary>
[Collection(PaneCollection.Name)]
public sealed class DraftFirstTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    /// <summary>The parts of the pane that explain the draft rather than being it.</summary>
    private static readonly string[] Analysis =
    [
        "#reading",                        // what they ask (chips)
        "[aria-labelledby=pressure-title]", // the threat banner
        "#data-title",                     // figures used
        "#checks-title",                   // checks
        "#asks-title",                     // how Say no read the email, with the evidence
    ];

    [Theory]
    [InlineData(350, 800)]
    [InlineData(320, 800)]
    public async Task In_a_narrow_pane_the_draft_text_is_on_the_first_screen_above_the_analysis(int width, int height)
    {
        await using var pane = await NewSession(ReadMode(CustomerEmails.ThreatRead("AAMkAGI2TG95AAA=", "AAQkAGI2conv0009")), width, height);
        await pane.OpenAndWaitForDraft(Server.BaseAddress, Server.Token());
        await Expect(pane.Draft).ToBeVisibleAsync();
        await pane.ExpectDraftContains("Mark");

        Assert.Equal(0, await pane.Page.EvaluateAsync<int>("() => window.scrollY"));
        var draft = await pane.Draft.BoundingBoxAsync() ?? throw new InvalidOperationException("The draft box has no box.");
        var bar = await pane.Page.Locator("#insert-bar").BoundingBoxAsync() ?? throw new InvalidOperationException("No insert bar.");
        Output.WriteLine($"draft box at y={draft.Y}, height {draft.Height}; insert bar at y={bar.Y}");
        // Its top on the first screen, with several lines of the reply visible above the Insert bar.
        Assert.True(draft.Y < height, $"The draft starts at {draft.Y} px, below the first {height} px.");
        Assert.True(bar.Y - draft.Y >= 120, $"Only {bar.Y - draft.Y} px of the draft show above the Insert bar.");

        foreach (var selector in Analysis)
        {
            var part = await pane.Page.Locator(selector).First.BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not on the page.");
            Assert.True(draft.Y < part.Y, $"{selector} (y={part.Y}) comes before the draft (y={draft.Y}).");
        }
        if (Environment.GetEnvironmentVariable("SAYNO_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await pane.Page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"pane-{width}x{height}-first-screen.png") });
            await pane.Page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"pane-{width}x{height}.png"), FullPage = true });
        }
    }
}
