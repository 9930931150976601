using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

[Collection(PaneCollection.Name)]
public sealed class NarrowPaneTests(PaneFixture fixture, ITestOutputHelper output) : PaneTestBase(fixture, output)
{
    private async Task AssertNoHorizontalScroll(PaneSession pane)
    {
        var widths = await pane.Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        Output.WriteLine($"scrollWidth {widths[0]}, clientWidth {widths[1]}, body scrollWidth {widths[2]}");
        Assert.True(widths[0] <= 320, $"The pane scrolls sideways at 320 px: document scrollWidth is {widths[0]}.");
        Assert.True(widths[2] <= 320, $"The pane's body is {widths[2]} px wide at 320 px.");
    }

    [Fact]
    public async Task At_320px_wide_the_drafted_pane_has_no_horizontal_scroll()
    {
        await using var pane = await NewSession(ReadMode(), width: 320, height: 800);
        await pane.Open(Server.BaseAddress, Server.Token());
        await Expect(pane.Draft).ToBeVisibleAsync();
        await Expect(pane.Page.Locator(".evidence mark").First).ToBeVisibleAsync();

        await AssertNoHorizontalScroll(pane);
    }

    [Fact]
    public async Task At_320px_wide_an_error_state_has_no_horizontal_scroll()
    {
        await using var pane = await NewSession(ReadMode(), width: 320, height: 800);
        await pane.Open(Server.BaseAddress, Server.Token(role: "TemplateAdmin"));
        await Expect(pane.Alert).ToBeVisibleAsync();

        await AssertNoHorizontalScroll(pane);
    }
}
