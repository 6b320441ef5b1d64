namespace LipSyncGuard.Jobs;

/// <summary>Where jobs live, bound by the hosts from <c>LipSync:Jobs</c> (e.g. <c>LipSync__Jobs__Broker</c>) and
/// <c>LipSync:Storage:Path</c>. With no database and no broker, jobs run on the embedded default: a SQLite file and an
/// in-process queue.</summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section of the job settings.</summary>
    public const string Section = "LipSync:Jobs";

    /// <summary>The configuration key of the shared upload folder.</summary>
    public const string StoragePathKey = "LipSync:Storage:Path";

    /// <summary>Folder for uploaded videos awaiting analysis, shared by the API and every worker (default: a folder
    /// under the system temp folder).</summary>
    public string? StoragePath { get; set; }

    /// <summary>PostgreSQL connection string (Npgsql syntax); null: SQLite.</summary>
    public string? Database { get; set; }

    /// <summary>SQLite file when <see cref="Database"/> is null (default: <c>jobs.db</c> in the storage folder).</summary>
    public string? SqlitePath { get; set; }

    /// <summary>RabbitMQ URI (<c>amqp://user:password@host:5672/</c>); null: the in-process queue.</summary>
    public string? Broker { get; set; }

    /// <summary>Jobs one worker process analyses at once (also its broker prefetch).</summary>
    public int Slots { get; set; } = 1;

    /// <summary>Worker slots inside the HTTP service: null means the service's analysis limit with the in-process
    /// queue (nothing else would run the jobs) and none with a broker (workers run as <c>lipsync worker</c>).</summary>
    public int? ServiceSlots { get; set; }

    /// <summary>Attempts before a job that keeps crashing its workers or failing unexpectedly is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Hours a finished job's record is kept before it expires.</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>Hosts that <c>callback_url</c> may name (exact host names); empty: callbacks are refused.</summary>
    public IList<string> CallbackHosts { get; } = [];

    /// <summary>The storage folder to use.</summary>
    public string ResolvedStoragePath => StoragePath ?? Path.Combine(Path.GetTempPath(), "lipsyncguard-jobs");

    /// <summary>True when <paramref name="url"/> is an absolute http(s) URL to an allowed host.</summary>
    public bool AllowsCallback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && CallbackHosts.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws when a setting makes no sense.</summary>
    public JobsOptions Validate()
    {
        if (Slots is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(Slots), Slots, "must be in 1…256");
        if (ServiceSlots is < 0 or > 256) throw new ArgumentOutOfRangeException(nameof(ServiceSlots), ServiceSlots, "must be in 0…256");
        if (MaxAttempts is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be in 1…100");
        if (RetentionHours <= 0) throw new ArgumentOutOfRangeException(nameof(RetentionHours), RetentionHours, "must be positive");
        if (Broker is not null && (!Uri.TryCreate(Broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps")))
            throw new ArgumentException($"Broker must be an amqp:// or amqps:// URI, got '{Broker}'", nameof(Broker));
        return this;
    }
}
