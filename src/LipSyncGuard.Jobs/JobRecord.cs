using LipSyncGuard.Analysis;

namespace LipSyncGuard.Jobs;

/// <summary>A job as stored: what was asked, where it is, and how it ended.</summary>
/// <param name="Id">32 hex digits.</param>
/// <param name="State">Where it is.</param>
/// <param name="Progress">0–1 while running; 1 once succeeded.</param>
/// <param name="Request">What the client asked for.</param>
/// <param name="Attempts">Times a worker has started it (more than one after a crash or a release).</param>
/// <param name="CreatedUtc">When it was submitted.</param>
public sealed record JobRecord(string Id, JobState State, double Progress, JobRequest Request, int Attempts, DateTimeOffset CreatedUtc)
{
    /// <summary>When the last attempt started.</summary>
    public DateTimeOffset? StartedUtc { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? FinishedUtc { get; init; }

    /// <summary>The result JSON (exactly <see cref="AnalysisJson.Serialize"/> of the result) once succeeded.</summary>
    public string? ResultJson { get; init; }

    /// <summary>Why it failed.</summary>
    public JobError? Error { get; init; }

    /// <summary>The attempt that owns the running job: only it may report progress or finish the job, so a job
    /// redelivered after a crash or a broker restart is finished by one attempt only.</summary>
    public string? Attempt { get; init; }

    /// <summary>A new queued job.</summary>
    public static JobRecord New(JobRequest request, DateTimeOffset now) => new(Guid.NewGuid().ToString("N"), JobState.Queued, 0, request, 0, now);
}
