using Xunit;

namespace LipSyncGuard.Testing.Services;

/// <summary>A throw-away PostgreSQL cluster on a free loopback port in a temp folder (trust authentication, socket in
/// the folder), started with the Debian package's binaries; tests skip when they are absent
/// (scripts/setup.d/50-jobs-broker-db.sh installs them).</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly TempDir _dir = new("lsg-pg-");

    private PostgresServer(string bin)
    {
        _bin = bin;
        Port = ServerProcess.FreePort();
    }

    /// <summary>The folder with initdb and pg_ctl, or null.</summary>
    public static string? Binaries { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.EnumerateDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
        : null;

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for the <c>postgres</c> database as user <c>lipsync</c>.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=lipsync;Database=postgres;Timeout=3;Pooling=true";

    /// <summary>A new, empty database for one test, as a connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await ServerProcess.RunAsync(Path.Combine(_bin, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "lipsync", "-d", "postgres", "-c", $"CREATE DATABASE {name}"]);
        return ConnectionString.Replace("Database=postgres", $"Database={name}", StringComparison.Ordinal);
    }

    private string DataDirectory => Path.Combine(_dir.Path, "data");

    /// <summary>Creates the cluster and starts it; skips the test when PostgreSQL is not installed.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        Skip.If(Binaries is null, "PostgreSQL is not installed (run ./setup.sh: scripts/setup.d/50-jobs-broker-db.sh)");
        var server = new PostgresServer(Binaries!);
        if (ServerProcess.IsRoot) await ServerProcess.RunAsync("chown", ["postgres:postgres", server._dir.Path]);
        await server.AsServerUserAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "lipsync", "--no-sync", "-E", "UTF8"]);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the (stopped) server again and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_dir.Path, "server.log"), "-w", "-t", "120",
        "-o", $"-p {Port} -k {_dir.Path} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);

    /// <summary>Stops the server (fast shutdown: open connections are cut).</summary>
    public Task StopAsync() => AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        _dir.Dispose();
    }

    private Task<string> AsServerUserAsync(string tool, IEnumerable<string> arguments)
    {
        var exe = Path.Combine(_bin, tool);
        return ServerProcess.IsRoot ? ServerProcess.RunAsync("runuser", ["-u", "postgres", "--", exe, .. arguments]) : ServerProcess.RunAsync(exe, arguments);
    }
}
