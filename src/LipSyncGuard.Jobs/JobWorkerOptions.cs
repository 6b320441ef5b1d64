using LipSyncGuard.Media;

namespace LipSyncGuard.Jobs;

/// <summary>How a <see cref="JobWorker"/> runs.</summary>
public sealed record JobWorkerOptions
{
    /// <summary>Named after this machine and process, a 1 s heartbeat, the default media limits.</summary>
    public static JobWorkerOptions Default { get; } = new();

    /// <summary>Prefix of the attempt ids this worker writes into the store (who ran a job).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>How often progress is written, and a lost job (cancelled, taken over) noticed.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before releasing a job when the database is unreachable.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Limits on the videos (duration).</summary>
    public MediaLimits Limits { get; init; } = MediaLimits.Default;
}
