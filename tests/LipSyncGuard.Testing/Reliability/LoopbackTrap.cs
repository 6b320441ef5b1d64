using System.Net;
using System.Net.Sockets;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>A TCP listener on 127.0.0.1 that counts every connection it receives. Hostile files point at it; if the
/// count ever moves, something followed a URL out of an upload.</summary>
public sealed class LoopbackTrap : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _connections;

    /// <summary>Starts listening on a free port.</summary>
    public LoopbackTrap()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>An http URL on the trap.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>Connections received so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _connections);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
