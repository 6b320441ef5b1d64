using LipSyncGuard.Media;

namespace LipSyncGuard.Jobs;

/// <summary>How a <see cref="JobWorker"/> runs.</summary>
public sealed record JobWorkerOptions
{
    /// <summary>Named after this machine and process, a 1 s heartbeat, the default media limits, three callback
    /// tries of at most 10 s each, 1 s and 2 s apart.</summary>
    public static JobWorkerOptions Default { get; } = new();

    /// <summary>Prefix of the attempt ids this worker writes into the store (who ran a job).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>How often progress is written, and a lost job (cancelled, taken over) noticed.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before releasing a job when the database is unreachable.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Limits on the videos (duration).</summary>
    public MediaLimits Limits { get; init; } = MediaLimits.Default;

    /// <summary>Tries to deliver a finished job to its <c>callback_url</c>, the first included.</summary>
    public int CallbackAttempts { get; init; } = 3;

    /// <summary>Time limit of one callback try.</summary>
    public TimeSpan CallbackTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before the second callback try, doubled before each later one.</summary>
    public TimeSpan CallbackBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting is out of range.</summary>
    public JobWorkerOptions Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "must be positive");
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "must not be negative");
        // Bounded so a receiver that stays down holds a worker slot for a minute or so, not for ever.
        if (CallbackAttempts is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(CallbackAttempts), CallbackAttempts, "must be in 1…10");
        if (CallbackTimeout <= TimeSpan.Zero || CallbackTimeout > TimeSpan.FromMinutes(1)) throw new ArgumentOutOfRangeException(nameof(CallbackTimeout), CallbackTimeout, "must be in (0, 1 min]");
        if (CallbackBackoff < TimeSpan.Zero || CallbackBackoff > TimeSpan.FromSeconds(30)) throw new ArgumentOutOfRangeException(nameof(CallbackBackoff), CallbackBackoff, "must be in [0, 30 s]");
        return this;
    }
}
