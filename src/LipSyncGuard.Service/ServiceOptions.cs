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

    /// <summary>Slowest accepted upload in bytes per second, averaged after a 10 s grace (default 16 KB/s); a slower
    /// client is disconnected by Kestrel so it cannot hold a connection and a temp file open for hours.</summary>
    public double MinUploadBytesPerSecond { get; set; } = 16 * 1024;

    /// <summary>Seconds a client may take to send its request headers (default 15).</summary>
    public int HeadersTimeoutSeconds { get; set; } = 15;

    /// <summary>Seconds an upload may take to arrive in full (default 600); past it the request gets 408
    /// <c>upload_timeout</c>.</summary>
    public int UploadTimeoutSeconds { get; set; } = 600;

    /// <summary>Origins allowed to call the API from a browser, comma-separated (e.g.
    /// <c>LipSync__CorsOrigins=https://app.example.com</c>); empty: same origin only.</summary>
    public string? CorsOrigins { get; set; }

    /// <summary>API keys, comma-separated (<c>LipSync__ApiKeys=key1,key2</c>); when set, every <c>/api/</c> request needs
    /// one in the <c>X-Api-Key</c> header. Empty: the API is open (the default, for loopback use).</summary>
    public string? ApiKeys { get; set; }

    /// <summary>Requests per minute each API key may make to <c>/api/</c> when keys are set (default 60); 0: unlimited.
    /// Past it: 429 <c>rate_limited</c> with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>The model (<c>LipSync:Weights</c>): trained detector weights, or a cue verdict (<c>.json</c>, from
    /// <c>lipsync fit-cues</c>); null: <c>LIPSYNC_WEIGHTS</c> or the shipped verdict, <c>none</c>: sync-only mode.</summary>
    public string? Weights { get; set; }

    /// <summary>Throws when a limit makes no sense.</summary>
    public void Validate()
    {
        if (MaxUploadBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxUploadBytes), MaxUploadBytes, "must be at least 1 KB");
        if (MaxDurationSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(MaxDurationSeconds), MaxDurationSeconds, "must be positive");
        if (MaxConcurrentAnalyses < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentAnalyses), MaxConcurrentAnalyses, "must be positive");
        if (QueueLimit < 0) throw new ArgumentOutOfRangeException(nameof(QueueLimit), QueueLimit, "must not be negative");
        if (MinUploadBytesPerSecond < 0) throw new ArgumentOutOfRangeException(nameof(MinUploadBytesPerSecond), MinUploadBytesPerSecond, "must not be negative");
        if (HeadersTimeoutSeconds < 1) throw new ArgumentOutOfRangeException(nameof(HeadersTimeoutSeconds), HeadersTimeoutSeconds, "must be positive");
        if (UploadTimeoutSeconds < 1) throw new ArgumentOutOfRangeException(nameof(UploadTimeoutSeconds), UploadTimeoutSeconds, "must be positive");
        if (RequestsPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(RequestsPerMinute), RequestsPerMinute, "must not be negative");
    }

    /// <summary>The configured API keys (none: the API is open).</summary>
    public IReadOnlyList<string> ApiKeyList() => Split(ApiKeys);

    /// <summary>The configured CORS origins (none: CORS is off).</summary>
    public IReadOnlyList<string> CorsOriginList() => Split(CorsOrigins);

    private static string[] Split(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
