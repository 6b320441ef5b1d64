using System.Diagnostics.Metrics;

namespace LipSyncGuard.Jobs;

/// <summary>Job metrics on the <c>LipSyncGuard.Jobs</c> meter (the service exports them at <c>/metrics</c>; read a
/// worker's with <c>dotnet-counters monitor -p PID --counters LipSyncGuard.Jobs</c>).</summary>
public sealed class JobMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "LipSyncGuard.Jobs";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _running;
    private long _queueDepth;
    private long _deadLettered;

    /// <summary>Creates the instruments.</summary>
    public JobMetrics()
    {
        _finished = _meter.CreateCounter<long>("lipsync.jobs.finished", "{job}", "Jobs that reached a final state in this process, by outcome.");
        _duration = _meter.CreateHistogram<double>("lipsync.jobs.duration", "s", "Analysis time of one job attempt, by outcome.");
        _running = _meter.CreateUpDownCounter<long>("lipsync.jobs.running", "{job}", "Jobs this process is analysing now.");
        _meter.CreateObservableGauge("lipsync.jobs.queue_depth", () => Interlocked.Read(ref _queueDepth), "{job}", "Jobs waiting in the queue (last poll).");
        _meter.CreateObservableGauge("lipsync.jobs.dead_lettered", () => Interlocked.Read(ref _deadLettered), "{job}", "Jobs in the dead-letter queue (last poll).");
    }

    /// <summary>An attempt started.</summary>
    public void Started() => _running.Add(1);

    /// <summary>An attempt ended with <paramref name="outcome"/> (succeeded, failed, cancelled, released) after
    /// <paramref name="elapsed"/>.</summary>
    public void Ended(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _running.Add(-1);
        _duration.Record(elapsed.TotalSeconds, tag);
        if (outcome != "released") _finished.Add(1, tag);
    }

    /// <summary>Records the last polled queue sizes.</summary>
    public void Observe(Queue.QueueCounts counts)
    {
        Interlocked.Exchange(ref _queueDepth, counts.Ready);
        Interlocked.Exchange(ref _deadLettered, counts.DeadLettered);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
