using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OutlookSayNo.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>A compliance reviewer on the seeded shared server: filters, the diff, export, the
/// dashboard and the template changes. Nothing here changes the server's data.</summary>
[Collection(ComplianceCollection.Name)]
public sealed class ComplianceReviewTests(ComplianceFixture fixture, ITestOutputHelper output) : ComplianceTestBase(fixture, output)
{
    [Fact]
    public async Task The_sent_without_an_alternative_preset_shows_exactly_those_drafts_and_is_kept_in_the_address()
    {
        await using var page = await NewSession();
        await page.OpenAsReviewer(SharedServer);
        await Expect(page.Rows).ToHaveCountAsync(Data.Drafts.Count);

        await page.ListAfter(() => page.TestId("preset-no-alternative").ClickAsync());
        var expected = Data.SentWithoutAlternative.Select(d => d.Id).Order().ToList();
        await Expect(page.Rows).ToHaveCountAsync(expected.Count);
        var shown = await page.Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(expected, shown.Order());
        foreach (var id in expected)
        {
            var row = page.Row(id);
            await Expect(row.Locator("[data-col=status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Sent"));
            await Expect(row.Locator("[data-col=edited]")).ToHaveTextAsync("Edited");
            await Expect(row.Locator("[data-col=checks] [data-check=offersAlternative]")).ToBeVisibleAsync();
        }
        // The facts of a row, as text.
        var budget = Data["alex-budget"];
        await Expect(page.Row(budget.Id).Locator("[data-col=user]")).ToHaveTextAsync(ComplianceDataset.Alex);
        await Expect(page.Row(budget.Id).Locator("[data-col=domain]")).ToHaveTextAsync(ComplianceDataset.Northwind);
        await Expect(page.Row(budget.Id).Locator("[data-col=subject]")).ToHaveTextAsync(budget.Subject);
        await Expect(page.Row(budget.Id).Locator("[data-col=kind]")).ToHaveTextAsync(budget.Kind);
        await Expect(page.Row(budget.Id).Locator("[data-col=audience]")).ToHaveTextAsync("finance");
        await Expect(page.Row(budget.Id).Locator("[data-col=review]")).ToHaveTextAsync("Not reviewed");

        // The filter is in the address: a bookmark (a fresh page on the same address) shows the same rows.
        var url = page.Page.Url;
        var query = new Uri(url).Query;
        Assert.Contains("status=sent", query);
        Assert.Contains("failedCheck=offersAlternative", query);
        await page.Page.ReloadAsync();
        await Expect(page.Rows).ToHaveCountAsync(expected.Count);
        await Expect(page.TestId("filter-failedCheck")).ToHaveValueAsync("offersAlternative");
        await Expect(page.TestId("filter-status")).ToHaveValueAsync("sent");

        // Back goes to the unfiltered list.
        await page.Page.GoBackAsync();
        await Expect(page.Rows).ToHaveCountAsync(Data.Drafts.Count);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task A_draft_sent_without_its_alternatives_shows_them_removed_in_the_diff()
    {
        var budget = Data["alex-budget"];
        await using var page = await NewSession();
        await page.OpenAsReviewer(SharedServer, "status=sent&failedCheck=offersAlternative");
        await page.Row(budget.Id).GetByTestId("open-draft").ClickAsync();

        var detail = page.TestId("detail");
        await Expect(detail.GetByTestId("detail-subject")).ToHaveTextAsync(budget.Subject);
        await Expect(detail.GetByTestId("generated-text")).ToHaveTextAsync(budget.GeneratedText, new() { UseInnerText = false });
        await Expect(detail.GetByTestId("sent-text")).ToHaveTextAsync(budget.SentText!);

        var removed = detail.Locator("[data-testid=diff] .diff-remove");
        var paragraph = ComplianceDataset.AlternativesParagraph(budget.GeneratedText);
        await Expect(removed.First).ToContainTextAsync(paragraph);
        Assert.Equal("deletion", await removed.First.GetAttributeAsync("role"));
        // Shown struck through on red, unlike the text kept.
        var (removedStyle, sameStyle) = (await Style(removed.First), await Style(detail.Locator("[data-testid=diff] .diff-same").First));
        Assert.Contains("line-through", removedStyle.Decoration);
        Assert.NotEqual(sameStyle.Background, removedStyle.Background);
        await Expect(detail.Locator("[data-testid=diff] .diff-add")).ToHaveCountAsync(0);
        Assert.DoesNotContain(paragraph, await detail.GetByTestId("sent-text").TextContentAsync());

        // The checks of both: the generated text offered an alternative, the sent one did not.
        await Expect(detail.Locator("td[data-side=generated][data-check=offersAlternative]")).ToHaveAttributeAsync("data-pass", "true");
        await Expect(detail.Locator("td[data-side=sent][data-check=offersAlternative]")).ToHaveAttributeAsync("data-pass", "false");
        await Expect(detail.GetByTestId("recipients-to")).ToContainTextAsync("omar.haddad@northwind-foods.com");
        await Expect(detail.GetByTestId("detail-template")).ToContainTextAsync($"{budget.Kind}/finance");
        // The log records: generated then sent, with who and a short hash.
        var records = detail.GetByTestId("timeline-record");
        await Expect(records).ToHaveCountAsync(2);
        await Expect(records.Nth(0)).ToContainTextAsync("Generated");
        await Expect(records.Nth(1)).ToContainTextAsync("Sent");
        await Expect(records.Nth(1)).ToContainTextAsync(ComplianceDataset.Alex);
        await Expect(detail.GetByTestId("actions")).ToBeVisibleAsync();

        Assert.Contains($"draft={budget.Id}", page.Page.Url);
        Assert.Empty(page.PageErrors);
    }

    private static async Task<(string Decoration, string Background)> Style(ILocator locator)
    {
        var style = await locator.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.backgroundColor]; }");
        return (style[0], style[1]);
    }

    [Fact]
    public async Task Export_downloads_the_csv_of_the_current_filters()
    {
        await using var page = await NewSession();
        await page.OpenAsReviewer(SharedServer, "status=sent&failedCheck=offersAlternative");
        await Expect(page.Rows).ToHaveCountAsync(Data.SentWithoutAlternative.Count());

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.TestId("export").ClickAsync());
        Assert.Matches(@"^outlooksayno-drafts-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,createdAtUtc,userId,userName,customerDomain", lines[0]);
        // Every field is quoted (a spreadsheet must not split or run any of them).
        var ids = lines.Skip(1).Select(l => l[..l.IndexOf(',')].Trim('"')).Order().ToList();
        Assert.Equal(Data.SentWithoutAlternative.Select(d => d.Id).Order(), ids);
        var budget = lines.Single(l => l.StartsWith($"\"{Data["alex-budget"].Id}\"", StringComparison.Ordinal));
        Assert.Contains(",\"offersAlternative\",", budget);
        Assert.Contains(ComplianceDataset.Alex, budget);
        await Expect(page.TestId("export-status")).ToContainTextAsync("Downloaded");
    }

    [Fact]
    public async Task The_dashboard_shows_the_seeded_counts()
    {
        await using var page = await NewSession();
        await page.OpenAsReviewer(SharedServer);
        var answer = await page.Page.RunAndWaitForResponseAsync(() => page.TestId("tab-dashboard").ClickAsync(),
            r => r.Url.Contains("/api/compliance/dashboard", StringComparison.Ordinal));
        Assert.True(answer.Status == 200, $"GET /api/compliance/dashboard answered {answer.Status}: {await answer.TextAsync()}");
        Assert.Contains("tab=dashboard", page.Page.Url);

        var drafts = Data.Drafts;
        var sent = drafts.Where(d => d.Sent).ToList();
        await Expect(page.TestId("stat-drafts")).ToContainTextAsync(drafts.Count.ToString());
        await Expect(page.TestId("stat-sent")).ToContainTextAsync(sent.Count.ToString());
        await Expect(page.TestId("stat-unchanged")).ToContainTextAsync(Percent(sent.Count(d => d.SentUnchanged == true), sent.Count));
        await Expect(page.TestId("stat-failed")).ToContainTextAsync(Percent(drafts.Count(d => d.FailedChecks.Any()), drafts.Count));

        // Per kind and audience (all seeded this week): each row's total.
        foreach (var group in drafts.GroupBy(d => (d.Kind, d.Audience)))
        {
            var row = page.Page.Locator($"[data-testid=dash-weeks] tr[data-kind='{group.Key.Kind}'][data-audience='{group.Key.Audience}']");
            await Expect(row.Locator("td.total")).ToHaveTextAsync(group.Count().ToString());
        }
        // Failed checks by name.
        foreach (var check in new[] { "saysNo", "givesReason", "citesData", "offersAlternative", "respectful" })
        {
            var count = drafts.Count(d => d.FailedChecks.Contains(check));
            await Expect(page.Page.Locator($"[data-testid=dash-checks] tr[data-check={check}] td.num")).ToHaveTextAsync(count.ToString());
        }
        // Threats and abuse per customer domain.
        foreach (var domain in drafts.Where(d => d.Flags.Count > 0).GroupBy(d => d.Domain))
        {
            var row = page.Page.Locator($"[data-testid=dash-domains] tr[data-domain='{domain.Key}']");
            await Expect(row.Locator("[data-col=threats]")).ToHaveTextAsync(domain.Count(d => d.Flags.Contains("threat")).ToString());
            await Expect(row.Locator("[data-col=abusive]")).ToHaveTextAsync(domain.Count(d => d.Flags.Contains("abusive")).ToString());
            await Expect(row.Locator("[data-col=drafts]")).ToHaveTextAsync(domain.Count().ToString());
        }
        Assert.Contains(drafts, d => d.Flags.Contains("threat"));
    }

    [Fact]
    public async Task The_template_changes_tab_lists_the_seeded_documents_and_the_admin_edit()
    {
        var log = (await Get(SharedServer, "api/compliance/log?type=template_changed&take=1000")).AsArray();
        Assert.True(log.Count is > 10 and <= 50, $"{log.Count} template records: expected one page.");
        await using var page = await NewSession();
        await page.OpenAsReviewer(SharedServer, "tab=templates", waitFor: "/api/compliance/log?");

        var rows = page.Page.Locator("[data-testid=template-row]");
        await Expect(rows).ToHaveCountAsync(log.Count);
        var paths = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.path)");
        Assert.Equal(log.Select(r => (string)r!["payload"]!["path"]!), paths);

        var seeded = page.Page.Locator("[data-testid=template-row][data-path='_partials/greeting.scriban']");
        await Expect(seeded.Locator("[data-col=version]")).ToHaveTextAsync("1");
        await Expect(seeded.Locator("[data-col=origin]")).ToHaveTextAsync("seed");
        await Expect(seeded).ToContainTextAsync("templates folder");

        var edit = log.Last(r => (string)r!["payload"]!["path"]! == ComplianceFixture.EditedTemplate)!;
        var editRow = page.Page.Locator($"[data-testid=template-row][data-seq='{(long)edit["seq"]!}']");
        await Expect(editRow.Locator("[data-col=path]")).ToContainTextAsync(ComplianceFixture.EditedTemplate);
        await Expect(editRow.Locator("[data-col=version]")).ToHaveTextAsync("2");
        await Expect(editRow.Locator("[data-col=origin]")).ToHaveTextAsync((string)edit["payload"]!["origin"]!);
        await Expect(editRow.Locator("[data-col=comment]")).ToHaveTextAsync(ComplianceFixture.EditComment);
        await Expect(editRow).ToContainTextAsync(ComplianceFixture.AdminName);
        // The content is there to read, as text.
        await editRow.Locator("details summary").ClickAsync();
        await Expect(editRow.Locator("pre")).ToContainTextAsync(ComplianceFixture.EditedReason);
        await Expect(page.TestId("templates-next")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Without_a_token_the_page_asks_for_one_and_a_refused_token_or_a_wrong_role_shows_why()
    {
        await using var page = await NewSession();
        await page.Open(SharedServer.BaseAddress);
        var signIn = page.TestId("signin");
        await Expect(signIn).ToContainTextAsync("dotnet user-jwts create --project api --role ComplianceReviewer");
        await signIn.GetByLabel("Development token").FillAsync(SharedServer.Token("ComplianceReviewer", ComplianceDataset.Reviewer));
        await page.ListAfter(() => signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
        await Expect(page.Rows).ToHaveCountAsync(Data.Drafts.Count);
        await Expect(page.TestId("user")).ToHaveTextAsync(ComplianceDataset.Reviewer);
        Assert.False(string.IsNullOrEmpty(await page.Page.EvaluateAsync<string?>("() => localStorage.getItem('outlooksayno.complianceToken')")));

        // Signed with another key: the API answers 401 and the page forgets the token.
        await page.Open(SharedServer.BaseAddress, new DevTokens().Create("ComplianceReviewer", ComplianceDataset.Reviewer));
        await Expect(page.TestId("signin-reason")).ToContainTextAsync("The API refused your token");
        Assert.Null(await page.Page.EvaluateAsync<string?>("() => localStorage.getItem('outlooksayno.complianceToken')"));

        // A template admin has neither role.
        await page.Open(SharedServer.BaseAddress, SharedServer.Token("TemplateAdmin", ComplianceFixture.AdminName));
        var forbidden = page.TestId("forbidden");
        await Expect(forbidden.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Your account does not have the ComplianceReviewer role");
        await Expect(forbidden).ToContainTextAsync($"You are signed in as {ComplianceFixture.AdminName}.");
        await forbidden.GetByRole(AriaRole.Button, new() { Name = "Use another token" }).ClickAsync();
        await Expect(page.TestId("signin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task At_a_narrow_width_the_list_and_the_draft_stack_without_horizontal_scrolling()
    {
        await using var page = await NewSession(width: 760, height: 900);
        var order = Data["sam-order"];
        await page.OpenAsReviewer(SharedServer, $"draft={order.Id}");
        await Expect(page.TestId("sent-text")).ToHaveTextAsync(order.SentText!);
        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at 760px.");
    }
}
