namespace LipSyncGuard.Jobs;

/// <summary>Where a job is in its life. Queued and running are live; the other three are final.</summary>
public enum JobState
{
    /// <summary>Stored and waiting for a worker.</summary>
    Queued,

    /// <summary>A worker is analysing it (with progress 0–1).</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Succeeded,

    /// <summary>Finished with an error (a <see cref="JobError"/>).</summary>
    Failed,

    /// <summary>Cancelled by a client before it finished.</summary>
    Cancelled,
}

/// <summary>The lower-case names used in the database, the API and the CLI.</summary>
public static class JobStates
{
    /// <summary>The name of <paramref name="state"/> (<c>queued</c>, <c>running</c>, …).</summary>
    public static string ToName(this JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown job state"),
    };

    /// <summary>Parses a name written by <see cref="ToName"/>; false for anything else.</summary>
    public static bool TryParse(string? name, out JobState state)
    {
        foreach (var candidate in Enum.GetValues<JobState>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    /// <summary>True for succeeded, failed and cancelled.</summary>
    public static bool IsFinal(this JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
