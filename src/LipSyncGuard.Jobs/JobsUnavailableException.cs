namespace LipSyncGuard.Jobs;

/// <summary>The database or the broker cannot be reached; hosts answer 503 with Retry-After and workers wait.</summary>
public sealed class JobsUnavailableException(string component, Exception inner)
    : Exception($"the job {component} is unavailable: {inner.Message}", inner)
{
    /// <summary><c>database</c> or <c>broker</c>.</summary>
    public string Component { get; } = component;
}
