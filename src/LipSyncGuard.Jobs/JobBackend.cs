using LipSyncGuard.Jobs.Queue;
using LipSyncGuard.Jobs.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LipSyncGuard.Jobs;

/// <summary>The store, queue and storage folder that <see cref="JobsOptions"/> names, owned together.</summary>
public sealed class JobBackend : IAsyncDisposable
{
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromMinutes(10);

    /// <summary>Builds the backend (connections open lazily, so an unreachable database or broker only makes calls
    /// throw <see cref="JobsUnavailableException"/>).</summary>
    public JobBackend(JobsOptions options, string clientName, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        Storage = new JobStorage(options.ResolvedStoragePath);
        Store = options.Database is { } database
            ? new PostgresJobStore(database)
            : new SqliteJobStore(options.SqlitePath ?? Path.Combine(Storage.Directory, "jobs.db"));
        Queue = options.Broker is { } broker
            ? new RabbitMqJobQueue(new Uri(broker), clientName, (loggers ?? NullLoggerFactory.Instance).CreateLogger<RabbitMqJobQueue>())
            : new InProcessJobQueue();
    }

    /// <summary>The settings.</summary>
    public JobsOptions Options { get; }

    /// <summary>Job records.</summary>
    public IJobStore Store { get; }

    /// <summary>Job ids awaiting workers.</summary>
    public IJobQueue Queue { get; }

    /// <summary>Uploaded videos.</summary>
    public JobStorage Storage { get; }

    /// <summary>Submits a local video file as <paramref name="job"/>: copies it into the storage folder, stores the
    /// record, queues it. Safe to call again for the same job after <see cref="JobsUnavailableException"/>.</summary>
    public async Task SubmitFileAsync(JobRecord job, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await Storage.ImportAsync(job.Id, file, cancellationToken).ConfigureAwait(false);
        try
        {
            await Store.CreateAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Storage.Delete(job.Id);
            throw;
        }
        // Once stored, a job whose message never got queued is swept with its video after the retention.
        await Queue.PublishAsync(job.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Null when the database and the queue answer; otherwise what is down, for <c>/health/ready</c>.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        try
        {
            await Store.CountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (JobsUnavailableException e)
        {
            problems.Add(e.Message);
        }
        try
        {
            await Queue.CountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (JobsUnavailableException e)
        {
            problems.Add(e.Message);
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Deletes records and videos of jobs finished more than the retention ago, and videos with no live job
    /// (left by a crash between upload and enqueue); returns how many videos it deleted.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var id in await Store.DeleteFinishedAsync(now - TimeSpan.FromHours(Options.RetentionHours), cancellationToken).ConfigureAwait(false))
        {
            if (Storage.LastWriteUtc(id) != DateTime.MinValue) deleted++;
            Storage.Delete(id);
        }
        foreach (var id in Storage.StoredIds().ToList())
        {
            var job = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (job is { State: JobState.Queued or JobState.Running }) continue;
            // Without a record, a file written in the last minutes may be an upload still arriving or a submission
            // whose record is being stored.
            if (job is null && Storage.LastWriteUtc(id) > now.UtcDateTime - OrphanGrace) continue;
            Storage.Delete(id);
            deleted++;
        }
        return deleted;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Queue.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
