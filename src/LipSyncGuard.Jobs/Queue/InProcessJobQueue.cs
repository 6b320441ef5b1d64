using System.Collections.Concurrent;
using System.Threading.Channels;

namespace LipSyncGuard.Jobs.Queue;

/// <summary>The embedded default: a channel in this process, for one machine with no broker. Nothing survives the
/// process, so the host republishes the store's live jobs at start.</summary>
public sealed class InProcessJobQueue : IJobQueue
{
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, int> _deliveries = new();
    private readonly ConcurrentQueue<string> _dead = new();

    /// <inheritdoc />
    public string Name => "in-process";

    /// <inheritdoc />
    public bool IsInProcess => true;

    /// <summary>Ids dead-lettered so far.</summary>
    public IReadOnlyCollection<string> DeadLettered => _dead;

    /// <inheritdoc />
    public Task PublishAsync(string jobId, CancellationToken cancellationToken = default) =>
        _ready.Writer.WriteAsync(jobId, cancellationToken).AsTask();

    /// <inheritdoc />
    public Task ConsumeAsync(int slots, JobHandler handler, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        return Task.WhenAll(Enumerable.Range(0, slots).Select(_ => Task.Run(() => ConsumeOneAtATimeAsync(handler, cancellationToken), CancellationToken.None)));
    }

    /// <inheritdoc />
    public Task<QueueCounts> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(new QueueCounts(_ready.Reader.Count, _dead.Count));

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _ready.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private async Task ConsumeOneAtATimeAsync(JobHandler handler, CancellationToken cancellationToken)
    {
        while (true)
        {
            string id;
            try
            {
                id = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                return;
            }
            var count = _deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
            JobOutcome outcome;
            try
            {
                outcome = await handler(new JobDelivery(id, count > 1), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A handler that throws (JobWorker never does) releases its job rather than losing it.
                outcome = JobOutcome.Release;
            }
            switch (outcome)
            {
                case JobOutcome.Release:
                    _ready.Writer.TryWrite(id);
                    break;
                case JobOutcome.DeadLetter:
                    _dead.Enqueue(id);
                    _deliveries.TryRemove(id, out _);
                    break;
                default:
                    _deliveries.TryRemove(id, out _);
                    break;
            }
        }
    }
}
