namespace LipSyncGuard.Jobs.Store;

/// <summary>Job records. Every state change is one conditional update, so concurrent workers and API requests never
/// overwrite each other: a job is finished by the one attempt that owns it, and a final state is never left. Methods
/// throw <see cref="JobsUnavailableException"/> when the database cannot be reached.</summary>
public interface IJobStore : IAsyncDisposable
{
    /// <summary>Which database (for logs and health).</summary>
    string Name { get; }

    /// <summary>Connects and creates the table if needed (every other call does so too on first use).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="job"/>; when a job with the same id or idempotency key exists, returns that one
    /// and false instead.</summary>
    Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken = default);

    /// <summary>The job, or null.</summary>
    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Jobs newest first, optionally in one state.</summary>
    Task<IReadOnlyList<JobRecord>> ListAsync(JobState? state = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Moves a queued or running job to running under <paramref name="attempt"/> and counts the attempt;
    /// null when the job is gone or already final (its message only needs acknowledging).</summary>
    Task<JobRecord?> StartAsync(string id, string attempt, CancellationToken cancellationToken = default);

    /// <summary>Records progress; false when <paramref name="attempt"/> no longer owns the job (cancelled, or taken
    /// over after a redelivery), which tells the worker to stop.</summary>
    Task<bool> ReportProgressAsync(string id, string attempt, double progress, CancellationToken cancellationToken = default);

    /// <summary>Stores the result; false when <paramref name="attempt"/> no longer owns the job.</summary>
    Task<bool> SucceedAsync(string id, string attempt, string resultJson, CancellationToken cancellationToken = default);

    /// <summary>Stores the error; with an attempt only while that attempt owns the job, without one only while the job
    /// is live.</summary>
    Task<bool> FailAsync(string id, string? attempt, JobError error, CancellationToken cancellationToken = default);

    /// <summary>Puts a running job back to queued (a worker shutting down releases it); false when not owned.</summary>
    Task<bool> ReleaseAsync(string id, string attempt, CancellationToken cancellationToken = default);

    /// <summary>Cancels a live job; false when it is already final.</summary>
    Task<bool> CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes one record (a submission whose message could not be queued).</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes records that reached a final state before <paramref name="finishedBefore"/>; returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default);

    /// <summary>Number of jobs per state.</summary>
    Task<IReadOnlyDictionary<JobState, long>> CountAsync(CancellationToken cancellationToken = default);
}
