using System.Diagnostics;
using Xunit;

namespace LipSyncGuard.Testing.Services;

/// <summary>A throw-away RabbitMQ node on free loopback ports, its database, logs and Erlang cookie in a temp folder,
/// started with the Debian package's scripts; tests skip when they are absent (scripts/setup.d/50-jobs-broker-db.sh
/// installs them). It can be stopped and started again on the same data to test recovery.</summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private readonly TempDir _dir = new("lsg-rmq-");
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    private RabbitMqServer()
    {
        Port = ServerProcess.FreePort();
        Node = $"lsg{Guid.NewGuid().ToString("N")[..10]}@localhost";
        File.WriteAllText(_dir.File("enabled_plugins"), "[].");
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = _dir.Path,
            ["RABBITMQ_NODENAME"] = Node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = _dir.File("mnesia"),
            ["RABBITMQ_LOG_BASE"] = _dir.File("log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = _dir.File("enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = _dir.File("rabbitmq"),
            ["RABBITMQ_PID_FILE"] = _dir.File("pid"),
        };
    }

    /// <summary>True when the server scripts are installed.</summary>
    public static bool Available => File.Exists(Path.Combine(Bin, "rabbitmq-server"));

    /// <summary>The AMQP port.</summary>
    public int Port { get; }

    /// <summary>The Erlang node name.</summary>
    public string Node { get; }

    /// <summary>The broker URI (default guest account, allowed on loopback).</summary>
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>A new, empty virtual host for one test (its own queues), as a broker URI.</summary>
    public async Task<Uri> NewVirtualHostAsync()
    {
        var vhost = "t" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync("add_vhost", vhost);
        await CtlAsync("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return new Uri(Uri, vhost);
    }

    /// <summary>Starts a node; skips the test when RabbitMQ is not installed.</summary>
    public static async Task<RabbitMqServer> StartAsync()
    {
        Skip.IfNot(Available, "RabbitMQ is not installed (run ./setup.sh: scripts/setup.d/50-jobs-broker-db.sh)");
        var server = new RabbitMqServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the (stopped) node again on the same data and waits until it is up.</summary>
    public async Task StartAgainAsync()
    {
        File.Delete(_dir.File("pid"));
        var info = new ProcessStartInfo(Path.Combine(Bin, "rabbitmq-server")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in _environment) info.Environment[key] = value;
        _process = Process.Start(info)!;
        // Drain the output so the node never blocks on a full pipe.
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        // 'wait' (unlike await_startup) also waits for the Erlang node itself to come up: it polls the pid file.
        await CtlAsync("wait", _dir.File("pid"), "--timeout", "180");
    }

    /// <summary>Stops the node (as a broker restart or crash would, for the clients).</summary>
    public async Task StopAsync()
    {
        await CtlAsync("stop");
        if (_process is not null) await _process.WaitForExitAsync();
    }

    /// <summary>Messages in <paramref name="queue"/> of <paramref name="virtualHost"/>, read with rabbitmqctl (independent of the client).</summary>
    public async Task<int> CountMessagesAsync(Uri virtualHost, string queue)
    {
        var output = await CtlAsync("list_queues", "-p", virtualHost.AbsolutePath.TrimStart('/'), "name", "messages", "--quiet", "--no-table-headers");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', ' ');
            if (parts[0] == queue) return int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await CtlAsync("stop");
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                _process.Kill(true);
            }
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _dir.Dispose();
    }

    private Task<string> CtlAsync(params string[] arguments) =>
        ServerProcess.RunAsync(Path.Combine(Bin, "rabbitmqctl"), ["-n", Node, .. arguments], _environment, TimeSpan.FromMinutes(4));
}
