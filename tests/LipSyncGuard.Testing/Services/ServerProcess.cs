using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LipSyncGuard.Testing.Services;

/// <summary>Small helpers for the throw-away servers the job tests start: free loopback ports and commands that must
/// succeed.</summary>
public static class ServerProcess
{
    /// <summary>A TCP port free on loopback right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when this process runs as root (PostgreSQL refuses root, so it runs as the postgres user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs <paramref name="exe"/> to completion; throws with its output when it fails or passes the timeout.</summary>
    public static async Task<string> RunAsync(string exe, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            throw new TimeoutException($"{exe} {string.Join(' ', info.ArgumentList)} timed out");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {await stdout}{await stderr}");
        return await stdout;
    }
}
