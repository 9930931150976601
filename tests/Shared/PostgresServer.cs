using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OutlookSayNo.Testing;

/// <summary>A real PostgreSQL server for the test run: a new cluster (initdb) in a temp folder,
/// listening on 127.0.0.1 only, started once per test process and stopped when it exits. Each test
/// gets its own database. The binaries come from OUTLOOKSAYNO_PG_BIN, pg_config, or
/// /usr/lib/postgresql/*/bin (test.sh installs the Debian package where missing).</summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> SharedServer = new(() => Start(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static PostgresServer Shared => SharedServer.Value;

    private readonly string _bin;
    private readonly string _dir;
    private int _databases;

    public int Port { get; }

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    /// <summary>A connection string to a new, empty database.</summary>
    public string CreateDatabase(string prefix = "sayno")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            admin.Open();
            using var cmd = admin.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE \"{name}\"";
            cmd.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=40;Timeout=30;Command Timeout=120";

    private static PostgresServer Start()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL was not found (initdb). Install it (Debian: apt-get install -y postgresql; ./test.sh does this) or set OUTLOOKSAYNO_PG_BIN to its bin folder.");
        var dir = Directory.CreateTempSubdirectory("saynopg").FullName;
        var root = Environment.UserName == "root";
        if (root) Run("chown", ["-R", "postgres:postgres", dir]);
        var port = FreePort();
        var data = Path.Combine(dir, "data");
        // initdb and postgres refuse to run as root: as root, run them as the postgres user.
        RunAs(root, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
        RunAs(root, Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c max_connections=300 -c fsync=on -c synchronous_commit=on", "start"]);
        var server = new PostgresServer(bin, dir, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(root, data);
        return server;
    }

    private void Stop(bool root, string data)
    {
        NpgsqlConnection.ClearAllPools();
        try { RunAs(root, Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string? FindBin()
    {
        var configured = Environment.GetEnvironmentVariable("OUTLOOKSAYNO_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb"))) return configured;
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (var dir in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                if (File.Exists(Path.Combine(dir, "bin", "initdb"))) return Path.Combine(dir, "bin");
        return null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void RunAs(bool root, string file, string[] args)
    {
        if (root) Run("runuser", ["-u", "postgres", "--", file, .. args]);
        else Run(file, args);
    }

    private static void Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120))) { process.Kill(true); throw new InvalidOperationException($"{file} did not finish."); }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
