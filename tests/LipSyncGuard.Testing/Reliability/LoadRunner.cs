using System.Diagnostics;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>Fires <c>clients</c> uploads of one clip at a running service at the same moment and waits for every answer
/// (bounded by a per-request timeout, so the run always ends by itself).</summary>
public static class LoadRunner
{
    /// <summary>Runs the burst and reports.</summary>
    public static async Task<LoadReport> RunAsync(ServeProcess serve, byte[] clip, int clients, TimeSpan perRequest, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = serve.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var before = serve.Memory().Current;
        var watch = Stopwatch.StartNew();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, clients).Select(async _ =>
        {
            await start.Task.ConfigureAwait(false);
            using var form = Uploader.Form(clip);
            return await Uploader.PostAsync(client, form, perRequest, cancellationToken).ConfigureAwait(false);
        }).ToList();
        start.SetResult();
        var runs = await Task.WhenAll(requests).ConfigureAwait(false);
        var wall = watch.Elapsed;
        var peak = serve.Memory().Peak;

        var answered = runs.Where(r => r.Status != 0).Select(r => r.Elapsed.TotalMilliseconds).Order().ToArray();
        var ok = runs.Where(r => r.Status == 200).Select(r => r.Elapsed.TotalMilliseconds).Order().ToArray();
        return new LoadReport(
            clients,
            ok.Length,
            runs.Count(r => r.Status == 429),
            runs.Count(r => r.Status == 429 && r.RetryAfterSeconds is not > 0),
            runs.Where(r => r.Status is not (0 or 200 or 429)).Select(r => $"{r.Status}: {r.Body[..Math.Min(200, r.Body.Length)]}").ToList(),
            runs.Count(r => r.Status == 0),
            Percentile(answered, 0.50), Percentile(answered, 0.95), Percentile(answered, 0.99), Percentile(ok, 0.50),
            before, peak, wall);
    }

    /// <summary>Nearest-rank percentile of sorted values (NaN when empty).</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
