using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>Issue 15 item 8: the facts table at the page's real widths, a preview on landing, and the
/// words an edit changed marked in the preview.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminPolishTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    /// <summary>Measures every row of the facts table in the page: the label's lines, cut text, cells
    /// whose content overflows, and ids broken inside a camelCase word (a word's text node on two lines).</summary>
    private const string MeasureFacts =
        """
        () => {
          const table = document.querySelector('[data-testid="facts-table"]');
          const wrap = table.closest('.table-wrap');
          const rows = [...table.querySelectorAll('tbody tr')].map(tr => {
            const label = tr.querySelector('textarea');
            const style = getComputedStyle(label);
            const line = parseFloat(style.lineHeight);
            const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
            // Lines the label needs: a one-row probe would be layout-dependent; the scroll height is not.
            label.style.minHeight = '0'; label.style.height = '0';
            const lines = Math.round((label.scrollHeight - padding) / line);
            label.style.minHeight = ''; label.style.height = '';
            const cut = label.scrollHeight > label.clientHeight + 1 || label.scrollWidth > label.clientWidth + 1;
            const overflowing = [...tr.cells].filter(td => td.scrollWidth > td.clientWidth + 1).length;
            const id = tr.querySelector('.fact-id');
            const brokenWords = id ? [...id.childNodes].filter(n => n.nodeType === 3).filter(n => {
              const r = document.createRange(); r.selectNodeContents(n);
              return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
            }).map(n => n.nodeValue) : [];
            return { name: id ? id.textContent : '', label: label.value, lines, cut, overflowing, brokenWords };
          });
          return { tableOverflows: wrap.scrollWidth > wrap.clientWidth + 1, rows };
        }
        """;

    [Theory]
    [InlineData(1024)]
    [InlineData(1280)]
    public async Task The_facts_table_shows_each_label_on_one_or_two_lines_and_never_breaks_an_id_inside_a_word(int width)
    {
        await using var admin = await NewSession(width, 900);
        await admin.OpenSignedIn(SharedServer, "facts");
        await Expect(admin.TestId("fact-value-sameTierCustomers")).ToHaveValueAsync("140");

        var measured = await admin.Page.EvaluateAsync<Measured>(MeasureFacts);
        Assert.NotEmpty(measured.Rows);
        Assert.False(measured.TableOverflows, $"At {width} px the facts table is wider than its frame.");
        foreach (var row in measured.Rows)
        {
            Output.WriteLine($"{width}px {row.Name}: {row.Lines} line(s)");
            Assert.InRange(row.Lines, 1, 2);
            Assert.False(row.Cut, $"The label of {row.Name} is cut at {width} px.");
            Assert.Equal(0, row.Overflowing);
            Assert.Empty(row.BrokenWords);
        }

        // The plain label comes first; money facts have their own currency cell, other units none.
        var margin = admin.TestId("fact-grossMarginFloorPercent");
        await Expect(margin.Locator("td").First.Locator("textarea")).ToHaveValueAsync("Gross margin floor on any deal");
        await Expect(margin.Locator(".fact-currency")).ToBeHiddenAsync();
        await Expect(admin.TestId("fact-currency-hourlyRate")).ToBeVisibleAsync();
        Assert.Empty(admin.PageErrors);
    }

    [Fact]
    public async Task The_preview_shows_a_draft_for_the_three_audiences_right_after_landing()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);
        foreach (var audience in new[] { "commercial", "technical", "finance" })
            await Expect(admin.PreviewText(audience)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\w+ \w+"));
        await Expect(admin.TestId("preview-status")).ToContainTextAsync("Preview of discount");
        Assert.Empty(admin.PageErrors);
    }

    [Fact]
    public async Task After_an_edit_the_words_it_changed_are_marked_in_the_preview()
    {
        await using var admin = await NewSession();
        await admin.OpenSignedIn(SharedServer);
        await admin.OpenDocument(CommercialTemplate);
        var commercial = admin.PreviewText("commercial");
        await Expect(commercial).ToContainTextAsync(OriginalReason);
        await Expect(commercial.Locator("mark")).ToHaveCountAsync(0);

        await admin.SelectInEditor(OriginalReason);
        await admin.PreviewAfter(() => admin.Type(EditedReason), containing: EditedReason);
        await Expect(commercial).ToContainTextAsync(EditedReason);
        // The changed words are marked, the words around them are not; the other audiences did not change.
        var marked = string.Join(" ", await commercial.Locator("mark").AllTextContentsAsync());
        Assert.Contains("promise", marked, StringComparison.Ordinal);
        Assert.Contains("price", marked, StringComparison.Ordinal);
        Assert.DoesNotContain("discount", marked, StringComparison.Ordinal);
        await Expect(admin.PreviewText("finance").Locator("mark")).ToHaveCountAsync(0);
        Assert.Empty(admin.PageErrors);
    }

    // Classes with setters: Playwright fills the result of an evaluate through a parameterless constructor.
    private sealed class Measured
    {
        public bool TableOverflows { get; set; }
        public Row[] Rows { get; set; } = [];
    }

    private sealed class Row
    {
        public string Name { get; set; } = "";
        public string Label { get; set; } = "";
        public int Lines { get; set; }
        public bool Cut { get; set; }
        public int Overflowing { get; set; }
        public string[] BrokenWords { get; set; } = [];
    }
}
