namespace LipSyncGuard.Jobs.Queue;

/// <summary>Job ids waiting for workers. A delivery stays owned by its consumer until the handler's outcome is
/// applied: <see cref="JobOutcome.Done"/> acknowledges it, <see cref="JobOutcome.Release"/> puts it back for any
/// worker, <see cref="JobOutcome.DeadLetter"/> parks it (with the error in its record) so it is never retried. A
/// consumer that dies without an outcome has its deliveries redelivered.</summary>
public interface IJobQueue : IAsyncDisposable
{
    /// <summary>Which queue (for logs and health).</summary>
    string Name { get; }

    /// <summary>True when the queue lives in this process only (jobs are republished from the store at start).</summary>
    bool IsInProcess { get; }

    /// <summary>Adds a job id; returns once the queue has it durably. Throws <see cref="JobsUnavailableException"/>
    /// when the broker cannot be reached.</summary>
    Task PublishAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="handler"/> on up to <paramref name="slots"/> deliveries at once until
    /// <paramref name="cancellationToken"/> is cancelled; the handlers then running see the same token, and their
    /// outcomes are applied before this returns.</summary>
    Task ConsumeAsync(int slots, JobHandler handler, CancellationToken cancellationToken);

    /// <summary>Ids waiting and ids dead-lettered.</summary>
    Task<QueueCounts> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>Handles one delivery; its outcome says what the queue does with it.</summary>
public delegate Task<JobOutcome> JobHandler(JobDelivery delivery, CancellationToken cancellationToken);

/// <summary>One delivered job id.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Redelivered">True when an earlier consumer got it and did not acknowledge it.</param>
public sealed record JobDelivery(string JobId, bool Redelivered);

/// <summary>What happens to a delivery after its handler.</summary>
public enum JobOutcome
{
    /// <summary>Acknowledge: the job's record holds its final state (or another attempt owns it).</summary>
    Done,

    /// <summary>Requeue for any worker (shutdown, an unavailable database, a transient failure).</summary>
    Release,

    /// <summary>Park in the dead-letter queue: the job failed for good and its record says why.</summary>
    DeadLetter,
}

/// <summary>Queue sizes.</summary>
/// <param name="Ready">Ids waiting for a worker (not counting those being handled).</param>
/// <param name="DeadLettered">Ids parked after failing for good.</param>
public sealed record QueueCounts(long Ready, long DeadLettered);
