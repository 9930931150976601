using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>One browser context with the pane open in it, driven through the office.js stand-in (addin/src/office-standin).</summary>
public sealed class PaneSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _problems = [];

    private PaneSession(IBrowserContext context, IPage page, ITestOutputHelper output)
    {
        _context = context;
        Page = page;
        _output = output;
    }

    public IPage Page { get; }

    /// <summary>The draft: the reply text, editable, first in the pane.</summary>
    public ILocator Draft => Page.Locator("#draft-text");

    /// <summary>The text of the draft as it is in the box (a textarea: its value, not its markup).</summary>
    public Task<string> DraftText() => Draft.InputValueAsync();

    /// <summary>Waits until the draft's text contains <paramref name="text"/>.</summary>
    public Task ExpectDraftContains(string text) =>
        Assertions.Expect(Draft).ToHaveValueAsync(new Regex(Regex.Escape(text)));

    /// <summary>Waits until the draft's text does not contain <paramref name="text"/>.</summary>
    public Task ExpectDraftLacks(string text) =>
        Assertions.Expect(Draft).Not.ToHaveValueAsync(new Regex(Regex.Escape(text)));

    /// <summary>The error or no-ask card.</summary>
    public ILocator Alert => Page.Locator("section.problem[role=alert]");

    /// <summary>Opens a context whose office.js is <paramref name="harness"/>; every other request
    /// off the machine is refused, so nothing reaches the internet.</summary>
    public static async Task<PaneSession> Create(IBrowser browser, OfficeHarness harness, ITestOutputHelper output,
        int width = 400, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new PaneSession(context, page, output);

        await page.RouteAsync(url => !IsLocal(url), route => route.AbortAsync("blockedbyclient"));
        await page.RouteAsync(OfficeHarness.OfficeJsUrl, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/javascript; charset=utf-8",
            Body = harness.Script(),
        }));
        page.PageError += (_, error) => session.Note($"page error: {error}");
        page.Console += (_, message) =>
        {
            if ((message.Type is "error" or "warning") && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                session.Note($"console {message.Type}: {message.Text}");
        };
        page.Response += (_, response) =>
        {
            // No /addin/config.json is the development sign-in path: its 404 is expected.
            if (response.Status >= 400 && !response.Url.EndsWith("/addin/config.json", StringComparison.Ordinal)) session.Note($"response {response.Status}: {response.Request.Method} {response.Url}");
        };
        page.RequestFailed += (_, request) => session.Note($"request failed: {request.Method} {request.Url} ({request.Failure})");
        return session;
    }

    private void Note(string text)
    {
        lock (_problems) _problems.Add(text);
    }

    private static bool IsLocal(string url) =>
        url == OfficeHarness.OfficeJsUrl
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Host == "127.0.0.1" || uri.Scheme is "data" or "blob" or "about"));

    /// <summary>Navigates to /addin/taskpane.html?token=..., as the README's plain-browser development path does.</summary>
    public async Task Open(Uri baseAddress, string token)
    {
        var url = new Uri(baseAddress, "addin/taskpane.html?token=" + Uri.EscapeDataString(token));
        await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    /// <summary>Opens the pane and returns the first draft the API sent it (as JSON).</summary>
    public async Task<JsonElement> OpenAndWaitForDraft(Uri baseAddress, string token)
    {
        var response = Page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal));
        await Open(baseAddress, token);
        var draft = await (await response).JsonAsync();
        return draft ?? throw new InvalidOperationException("The draft response had no JSON body.");
    }

    /// <summary>Runs <paramref name="action"/> and waits for the draft request it causes; returns the new draft.</summary>
    public async Task<JsonElement> RedraftAfter(Func<Task> action)
    {
        var response = await Page.RunAndWaitForResponseAsync(action,
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/drafts", StringComparison.Ordinal) && r.Status == 200);
        return await response.JsonAsync() ?? throw new InvalidOperationException("The draft response had no JSON body.");
    }

    /// <summary>What the pane called on the stand-in Outlook, in order.</summary>
    public async Task<List<OfficeCall>> Calls()
    {
        var json = await Page.EvaluateAsync<JsonElement>("() => window.__calls");
        return json.EnumerateArray()
            .Select(c => new OfficeCall(c.GetProperty("method").GetString()!, c.GetProperty("args").EnumerateArray().Select(a => a.Clone()).ToList()))
            .ToList();
    }

    /// <summary>Waits (Playwright polling, no sleep) until the pane has called <paramref name="method"/>, and returns that call.</summary>
    public async Task<OfficeCall> WaitForCall(string method)
    {
        await Page.WaitForFunctionAsync("m => window.__calls.some(c => c.method === m)", method);
        return (await Calls()).Last(c => c.Method == method);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_problems)
            foreach (var p in _problems) _output.WriteLine(p);
        await _context.DisposeAsync();
    }
}

public sealed record OfficeCall(string Method, List<JsonElement> Args);
