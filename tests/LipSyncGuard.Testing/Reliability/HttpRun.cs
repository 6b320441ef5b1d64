namespace LipSyncGuard.Testing.Reliability;

/// <summary>What one upload got back: the status (0 when no answer came), the body, and how long it took.</summary>
public sealed record HttpRun(int Status, string? MediaType, string Body, TimeSpan Elapsed, bool TimedOut, string? Failure = null)
{
    /// <summary>The Retry-After header in seconds, when present.</summary>
    public int? RetryAfterSeconds { get; init; }
}
