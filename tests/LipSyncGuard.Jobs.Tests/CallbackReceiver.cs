using System.Collections.Concurrent;
using System.Net;
using LipSyncGuard.Testing.Services;

namespace LipSyncGuard.Jobs.Tests;

/// <summary>A callback endpoint on loopback: answers the first requests with the given statuses, every later one with
/// 200, and keeps each request's body.</summary>
public sealed class CallbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<HttpStatusCode> _answers;
    private readonly Task _serving;

    public CallbackReceiver(params HttpStatusCode[] firstAnswers)
    {
        _answers = new Queue<HttpStatusCode>(firstAnswers);
        Url = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}/done/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>Where to send callbacks.</summary>
    public Uri Url { get; }

    /// <summary>The bodies received, in order.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream)) Bodies.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = (int)(_answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        // Close alone: on Unix (the managed listener) Stop then Close frees the port and then binds it again to remove the
        // prefixes a second time, which fails with "address already in use" when a parallel test has just taken it.
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
