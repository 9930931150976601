using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>One browser context with the admin page (/admin/) open in it. Requests off the machine
/// are refused. Page errors, console errors and unexpected error responses are written to the test
/// output when the session ends.</summary>
public sealed partial class AdminSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _notes = [];

    private AdminSession(IBrowserContext context, IPage page, ITestOutputHelper output)
    {
        _context = context;
        Page = page;
        _output = output;
    }

    public IPage Page { get; }

    public List<string> PageErrors { get; } = [];

    public ILocator TestId(string id) => Page.GetByTestId(id);

    /// <summary>CodeMirror's editable content.</summary>
    public ILocator Editor => Page.Locator(".cm-content");

    public ILocator SaveStatus => TestId("save-status");

    public ILocator Cursor => TestId("cursor");

    public ILocator PreviewText(string audience) => TestId($"preview-text-{audience}");

    public static async Task<AdminSession> Create(IBrowser browser, ITestOutputHelper output, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new AdminSession(context, page, output);
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

    /// <summary>Navigates to /admin/ (with ?token= when given, as the README's development path does).</summary>
    public async Task Open(Uri baseAddress, string? token = null, string? hash = null)
    {
        var url = new Uri(baseAddress, "admin/" + (token is null ? "" : "?token=" + Uri.EscapeDataString(token)) + (hash is null ? "" : "#" + hash));
        await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    /// <summary>Opens the page signed in and waits for the catalog's kinds.</summary>
    public async Task OpenSignedIn(PaneServer server, string? hash = null)
    {
        await Open(server.BaseAddress, server.Token("TemplateAdmin", "Tara Admin"), hash);
        await Expect(TestId("kind-discount")).ToBeVisibleAsync();
    }

    /// <summary>Opens a document from the catalog, as a user does: expand its kind, click it, and
    /// wait until the editor holds it.</summary>
    public async Task OpenDocument(string path)
    {
        var slash = path.IndexOf('/');
        if (slash > 0 && !path.StartsWith("_partials/", StringComparison.Ordinal))
        {
            var kind = TestId($"kind-{path[..slash]}");
            if (await kind.GetAttributeAsync("open") is null) await kind.Locator("summary").ClickAsync();
        }
        await TestId($"doc-{path}").ClickAsync();
        await Expect(TestId("doc-path")).ToHaveTextAsync(path);
        await Expect(TestId("doc-version")).ToHaveTextAsync(VersionText());
    }

    [GeneratedRegex(@"^version \d+$")]
    private static partial Regex VersionText();

    /// <summary>Selects <paramref name="text"/> in the editor the way a mouse drag does (a DOM
    /// selection, which CodeMirror reads), and waits until the editor's cursor is at its end.</summary>
    public async Task SelectInEditor(string text, bool collapseToEnd = false)
    {
        var place = await Page.EvaluateAsync<int[]>(
            """
            ([text, collapse]) => {
              const content = document.querySelector('.cm-content');
              const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(text);
                if (at < 0) continue;
                content.focus();
                const range = document.createRange();
                range.setStart(node, collapse ? at + text.length : at);
                range.setEnd(node, at + text.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                const line = node.parentElement.closest('.cm-line');
                const before = document.createRange();
                before.setStart(line, 0);
                before.setEnd(node, at + text.length);
                return [[...content.querySelectorAll('.cm-line')].indexOf(line) + 1, before.toString().length + 1];
              }
              return [0, 0];
            }
            """,
            new object[] { text, collapseToEnd });
        Assert.True(place[0] > 0, $"'{text}' is not in the editor.");
        await Expect(Cursor).ToHaveTextAsync($"Ln {place[0]}, Col {place[1]}");
    }

    /// <summary>Puts the cursor right after <paramref name="text"/>.</summary>
    public Task PlaceCursorAfter(string text) => SelectInEditor(text, collapseToEnd: true);

    /// <summary>Types, key by key, where the cursor is.</summary>
    public Task Type(string text) => Page.Keyboard.TypeAsync(text);

    /// <summary>Runs <paramref name="action"/> and returns the save (or import, or restore) response it leads to.
    /// A save runs the quality gate over every kind it touches (about 1,000 drafts for a facts change, some
    /// 4 s in Debug on this 2-core machine, longer while Chromium works); the server allows
    /// <see cref="OutlookSayNo.Admin.TemplateValidator.Budget"/>, so the wait follows that budget rather than
    /// Playwright's 15 s default.</summary>
    public Task<IResponse> SaveAfter(Func<Task> action, Func<IResponse, bool> response) =>
        Page.RunAndWaitForResponseAsync(action, response,
            new PageRunAndWaitForResponseOptions { Timeout = (float)(OutlookSayNo.Admin.TemplateValidator.Budget + TimeSpan.FromSeconds(10)).TotalMilliseconds });

    /// <summary>Runs <paramref name="action"/> and returns the preview response it leads to (the first
    /// whose request contains <paramref name="containing"/>, when given: typing may preview midway).</summary>
    public Task<IResponse> PreviewAfter(Func<Task> action, string? containing = null) =>
        Page.RunAndWaitForResponseAsync(action, r =>
            r.Request.Method == "POST" && r.Url.EndsWith("/api/templates/preview", StringComparison.Ordinal) && r.Status == 200
            && (containing is null || (r.Request.PostData ?? "").Contains(containing, StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        lock (_notes)
            foreach (var note in _notes) _output.WriteLine(note);
        await _context.DisposeAsync();
    }
}
