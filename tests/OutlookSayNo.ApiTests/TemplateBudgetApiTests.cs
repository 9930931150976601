using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OutlookSayNo.ApiTests;

/// <summary>A template cannot stall the server: the save gate refuses functions that recurse, and a
/// template that only does too much work on some emails (here, a word in the subject) gets that
/// draft a problem within the render budget, names the template in the log, and the next draft works.</summary>
public sealed class TemplateBudgetApiTests : IDisposable
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;
    private const string Discount = "discount/commercial.scriban";
    private const string Trigger = "zebra";

    private readonly LogCapture _logs = new();
    private readonly SayNoFactory _factory;
    private readonly HttpClient _admin;
    private readonly HttpClient _manager;

    public TemplateBudgetApiTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
        _factory = new SayNoFactory { TestServices = s => s.AddSingleton<ILoggerProvider>(_logs) };
        _admin = _factory.ClientAs("TemplateAdmin", "Dana Admin");
        _manager = _factory.ClientAs("AccountManager", "Alex Morgan");
        // Without the budget the slow template below runs for minutes; this turns a hang into a failure.
        _manager.Timeout = TimeSpan.FromSeconds(20);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Functions spin0..spin<paramref name="depth"/>, each calling the one below four times: no
    /// function calls itself and there is no loop, so neither the recursion check nor the loop limit
    /// applies, yet spin<paramref name="depth"/>(0) makes 4^depth calls.</summary>
    private static string FanOut(int depth)
    {
        var functions = "{{~ func spin0(x)\n  ret x + 1\nend ~}}\n";
        for (var i = 1; i <= depth; i++)
            functions += $"{{{{~ func spin{i}(x)\n  ret spin{i - 1}(x) + spin{i - 1}(x) + spin{i - 1}(x) + spin{i - 1}(x)\nend ~}}}}\n";
        return functions;
    }

    private static string SlowOnTheTrigger(string template) =>
        FanOut(12) + $"{{{{~ if ask.subject | string.contains \"{Trigger}\" ~}}}}{{{{ spin12(0) }}}}{{{{~ end ~}}}}\n" + template;

    private Task<HttpResponseMessage> Draft(string subject) =>
        _manager.PostJsonAsync("/api/drafts", new { email = Json.Email(TemplatesApiTests.DiscountEmail, subject), category = "discount", audience = "commercial" });

    private async Task<JsonArray> History(string path) =>
        (await (await _admin.GetAsync($"/api/templates/history?path={path}")).ReadNodeAsync()).AsArray();

    [Theory]
    [InlineData("{{~ func spin(n)\n  if n <= 0\n    ret 1\n  end\n  ret spin(n - 1) + spin(n - 1) + spin(n - 1) + spin(n - 1)\nend ~}}\n", "spin")]
    [InlineData("{{~ func tick(n)\n  ret n <= 0 ? 0 : tock(n - 1)\nend ~}}\n{{~ func tock(n)\n  ret tick(n) + tick(n)\nend ~}}\n", "tick")]
    [InlineData("{{~ func spin(n)\n  again = @spin\n  ret n <= 0 ? 0 : again(n - 1)\nend ~}}\n", "spin")]
    public async Task A_template_whose_functions_recurse_is_not_saved_and_the_problem_names_the_function(string functions, string name)
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        // Called only on the trigger word, so rendering the examples never runs it: only reading the
        // source can find it.
        var edited = functions + $"{{{{~ if ask.subject | string.contains \"{Trigger}\" ~}}}}{{{{ {name}(11) }}}}{{{{~ end ~}}}}\n" + content;

        var response = await TemplatesApiTests.Save(_admin, Discount, edited, etag);

        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, node.ToJsonString());
        var problem = node["problems"]!.AsArray().FirstOrDefault(p => p!["message"]!.GetValue<string>().Contains($"'{name}'", StringComparison.Ordinal));
        Assert.True(problem is not null, node.ToJsonString());
        Assert.Equal(Discount, problem["path"]!.GetValue<string>());
        Assert.Contains("recurs", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await History(Discount));
    }

    [Fact]
    public async Task A_template_slow_only_on_a_word_in_the_subject_fails_that_draft_quickly_with_a_problem_and_the_next_draft_works()
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        var saved = await TemplatesApiTests.Save(_admin, Discount, SlowOnTheTrigger(content), etag);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var watch = Stopwatch.StartNew();
        var slow = await Draft($"Renewal {Trigger}");
        watch.Stop();
        _output.WriteLine($"The draft over budget was answered in {watch.ElapsedMilliseconds} ms.");

        var problem = await slow.ReadNodeAsync();
        Assert.True(slow.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)slow.StatusCode} after {watch.ElapsedMilliseconds} ms: {problem.ToJsonString()}");
        Assert.Equal("application/problem+json", slow.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://outlooksayno.dev/problems/template-over-budget", problem["type"]!.GetValue<string>());
        Assert.Equal(Discount, problem["template"]!.GetValue<string>());
        Assert.Equal("discount", problem["kind"]!.GetValue<string>());
        Assert.Equal("commercial", problem["audience"]!.GetValue<string>());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.ElapsedMilliseconds} ms");
        Assert.Contains(_logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains(Discount, StringComparison.Ordinal)
                                            && e.Message.Contains("budget", StringComparison.Ordinal));

        var next = await Draft("Renewal");
        var draft = await next.ReadNodeAsync();
        Assert.True(next.StatusCode == HttpStatusCode.OK, draft.ToJsonString());
        Assert.Equal(2, draft["template"]!["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_admin_preview_of_a_template_over_budget_shows_a_problem_not_a_server_error()
    {
        var (content, _) = await TemplatesApiTests.Load(_admin, Discount);

        var response = await _admin.PostJsonAsync("/api/templates/preview", new
        {
            kind = "discount",
            email = Json.Email(TemplatesApiTests.DiscountEmail, $"Renewal {Trigger}"),
            audiences = new[] { "commercial" },
            changes = new[] { new { path = Discount, content = SlowOnTheTrigger(content) } },
        });

        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, node.ToJsonString());
        var problems = node["previews"]![0]!["problems"]!.AsArray();
        Assert.Contains(problems, p => p!["path"]!.GetValue<string>() == Discount && p["message"]!.GetValue<string>().Contains("budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_template_over_budget_on_every_email_is_not_saved_and_the_gate_answers_quickly()
    {
        var (content, etag) = await TemplatesApiTests.Load(_admin, Discount);
        var watch = Stopwatch.StartNew();

        var response = await TemplatesApiTests.Save(_admin, Discount, FanOut(12) + "{{ spin12(0) }}\n" + content, etag);

        watch.Stop();
        _output.WriteLine($"The save gate refused the change in {watch.ElapsedMilliseconds} ms.");
        var node = await response.ReadNodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, node.ToJsonString());
        Assert.Contains(node["problems"]!.AsArray(), p => p!["path"]!.GetValue<string>() == Discount && p["message"]!.GetValue<string>().Contains("budget", StringComparison.Ordinal));
        // One render over budget refuses the change; rendering the other ~200 samples would take the gate to its 20 s limit.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"{watch.ElapsedMilliseconds} ms");
        Assert.Single(await History(Discount));
    }

    /// <summary>Keeps every log line the API writes, to check what an operator would see.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        public sealed record Entry(string Category, LogLevel Level, string Message);

        private readonly ConcurrentQueue<Entry> _entries = new();
        public IReadOnlyCollection<Entry> Entries => _entries.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
        }
    }
}
