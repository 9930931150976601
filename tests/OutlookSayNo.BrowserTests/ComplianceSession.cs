using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>One browser context with the compliance page (/compliance/) open in it. Requests off the
/// machine are refused; downloads are accepted. Page errors, console errors and error responses are
/// written to the test output when the session ends.</summary>
public sealed class ComplianceSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _notes = [];

    private ComplianceSession(IBrowserContext context, IPage page, ITestOutputHelper output)
    {
        _context = context;
        Page = page;
        _output = output;
    }

    public IPage Page { get; }

    public List<string> PageErrors { get; } = [];

    public ILocator TestId(string id) => Page.GetByTestId(id);

    /// <summary>The list's rows.</summary>
    public ILocator Rows => Page.Locator("[data-testid=draft-row]");

    /// <summary>The list's row for a draft.</summary>
    public ILocator Row(string id) => Page.Locator($"[data-testid=draft-row][data-id='{id}']");

    public static async Task<ComplianceSession> Create(IBrowser browser, ITestOutputHelper output, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new ComplianceSession(context, page, output);
        await page.RouteAsync(url => !IsLocal(url), route => route.AbortAsync("blockedbyclient"));
        page.PageError += (_, error) =>
        {
            lock (session.PageErrors) session.PageErrors.Add(error);
            session.Note($"page error: {error}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") session.Note($"console {message.Type}: {message.Text}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) session.Note($"response {response.Status}: {response.Request.Method} {response.Url}");
        };
        page.RequestFailed += (_, request) => session.Note($"request failed: {request.Method} {request.Url} ({request.Failure})");
        return session;
    }

    private static bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Host == "127.0.0.1" || uri.Scheme is "data" or "blob" or "about");

    private void Note(string text)
    {
        lock (_notes) _notes.Add(text);
    }

    /// <summary>Navigates to /compliance/ with ?token= (when given) and the rest of the query.</summary>
    public async Task Open(Uri baseAddress, string? token = null, string query = "")
    {
        var parts = new List<string>();
        if (token is not null) parts.Add("token=" + Uri.EscapeDataString(token));
        if (query.Length > 0) parts.Add(query.TrimStart('?'));
        var url = new Uri(baseAddress, "compliance/" + (parts.Count > 0 ? "?" + string.Join("&", parts) : ""));
        await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    /// <summary>Opens the page as a reviewer and waits for the first answer it needs: the list's, or
    /// another (<paramref name="waitFor"/>, a part of its URL) when the address opens another tab.</summary>
    public async Task OpenAsReviewer(PaneServer server, string query = "", string waitFor = "/api/compliance/drafts?")
    {
        var answer = await Page.RunAndWaitForResponseAsync(
            () => Open(server.BaseAddress, server.Token("ComplianceReviewer", ComplianceDataset.Reviewer), query),
            r => r.Url.Contains(waitFor, StringComparison.Ordinal));
        Assert.True(answer.Ok, $"{answer.Url} answered {answer.Status}: {await answer.TextAsync()}");
    }

    /// <summary>Runs an action and waits for the drafts search it leads to.</summary>
    public Task<IResponse> ListAfter(Func<Task> action) =>
        Page.RunAndWaitForResponseAsync(action, r => r.Url.Contains("/api/compliance/drafts?", StringComparison.Ordinal) && r.Request.Method == "GET");

    public async ValueTask DisposeAsync()
    {
        lock (_notes)
            foreach (var note in _notes) _output.WriteLine(note);
        await _context.DisposeAsync();
    }
}
