namespace LipSyncGuard.Service;

/// <summary>Limits of the HTTP service, bound from the <c>LipSync</c> configuration section (appsettings or
/// environment, e.g. <c>LipSync__MaxUploadBytes</c>).</summary>
public sealed class ServiceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "LipSync";

    /// <summary>Largest accepted upload (default 500 MB); larger gets 413.</summary>
    public long MaxUploadBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Longest accepted video in seconds (default 30 min); longer gets 422.</summary>
    public double MaxDurationSeconds { get; set; } = 30 * 60;

    /// <summary>Analyses running at once (default: one per core; analysis is CPU-bound).</summary>
    public int MaxConcurrentAnalyses { get; set; } = Environment.ProcessorCount;

    /// <summary>Requests allowed to wait for a slot; beyond that 429 with Retry-After.</summary>
    public int QueueLimit { get; set; } = 8;

    /// <summary>Seconds suggested in Retry-After.</summary>
    public int RetryAfterSeconds { get; set; } = 10;

    /// <summary>Where uploads are written while analysed (default: a folder under the system temp folder).</summary>
    public string? UploadDirectory { get; set; }

    /// <summary>Detector weights (<c>LipSync:Weights</c>); null: <c>LIPSYNC_WEIGHTS</c> or the shipped model, <c>none</c>:
    /// sync-only mode.</summary>
    public string? Weights { get; set; }

    /// <summary>Throws when a limit makes no sense.</summary>
    public void Validate()
    {
        if (MaxUploadBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxUploadBytes), MaxUploadBytes, "must be at least 1 KB");
        if (MaxDurationSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(MaxDurationSeconds), MaxDurationSeconds, "must be positive");
        if (MaxConcurrentAnalyses < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentAnalyses), MaxConcurrentAnalyses, "must be positive");
        if (QueueLimit < 0) throw new ArgumentOutOfRangeException(nameof(QueueLimit), QueueLimit, "must not be negative");
    }
}
