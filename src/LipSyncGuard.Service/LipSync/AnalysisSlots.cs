using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.LipSync;

/// <summary>The analysis slots and their queue. A request asks for a slot only once its upload has fully arrived, so
/// slow or stalled uploads never hold a slot or a queue place.</summary>
public sealed class AnalysisSlots : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    private readonly int _queueLimit;

    /// <summary>Creates the slots from the configured limits.</summary>
    public AnalysisSlots(IOptions<ServiceOptions> options)
    {
        var limits = options.Value;
        _queueLimit = limits.QueueLimit;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentAnalyses,
            QueueLimit = limits.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>True when every slot is taken and the queue is full: a new analysis would be refused.</summary>
    public bool IsFull => _limiter.GetStatistics() is { CurrentAvailablePermits: 0 } s && s.CurrentQueuedCount >= _queueLimit;

    /// <summary>Slots free now.</summary>
    public long Available => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Waits for a slot; the lease is not acquired when the queue is full (dispose it either way).</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
