using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OutlookSayNo.ApiTests;

/// <summary>A first start on a new machine (a new database, no data protection keys yet) logs no warning:
/// an operator should only ever see warnings that need them.</summary>
public sealed class CleanStartTests : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("saynokeys").FullName;

    [Fact]
    public async Task A_first_start_on_a_new_database_without_keys_logs_no_warning()
    {
        var logs = new Capture();
        using var factory = new SayNoFactory { TestServices = s => s.AddSingleton<ILoggerProvider>(logs) };
        factory.Settings["DataProtection:KeysFolder"] = _keys;
        factory.Settings["Logging:LogLevel:Default"] = "Information";

        var health = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal) || e.Category.Contains("Catalog"));
        var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        // The new key went where it was told, outside the repository.
        Assert.NotEmpty(Directory.GetFiles(_keys, "key-*.xml"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_keys, recursive: true); } catch (IOException) { }
    }

    private sealed class Capture : ILoggerProvider
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
