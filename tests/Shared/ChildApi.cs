using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OutlookSayNo.Testing;

/// <summary>The API as a separate process (the built api/bin output, run with dotnet), bound to
/// 127.0.0.1, so a test can kill it with SIGKILL mid-write and start it again on the same database.</summary>
public sealed class ChildApi : IDisposable
{
    private readonly Process _process;
    public Uri BaseAddress { get; }

    /// <summary>The API's process id (to read its memory from /proc).</summary>
    public int ProcessId => _process.Id;

    private ChildApi(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Starts the API with these settings (configuration keys as in appsettings) and waits for /healthz.</summary>
    public static async Task<ChildApi> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken ct = default)
    {
        var root = RepoRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.Combine(root, "api", "bin", configuration, "net10.0", "OutlookSayNo.Api.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"The API is not built at {dll}.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root, "api"), UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Ready when Kestrel says it listens (after migrations and the catalog load); the pipes are
        // kept drained so the child never blocks on a full buffer.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true) listening.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && errors.Count < 50) errors.Enqueue(e.Data); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The API exited at start: {string.Join('\n', errors)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ChildApi(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
            using var http = new HttpClient { BaseAddress = api.BaseAddress };
            (await http.GetAsync("healthz", ct)).EnsureSuccessStatusCode();
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush; whatever was not committed is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OutlookSayNo.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (OutlookSayNo.sln) was not found.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
