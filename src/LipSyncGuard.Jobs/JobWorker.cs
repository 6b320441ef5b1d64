using System.Diagnostics;
using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs.Queue;
using LipSyncGuard.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LipSyncGuard.Jobs;

/// <summary>Runs queued jobs through <see cref="LipSyncAnalyzer"/>: takes ownership of the job in the store (one
/// attempt id per delivery), heartbeats its progress, stores the result or the error, deletes the video, and only
/// then lets the queue acknowledge the delivery. Input errors fail the job at once and dead-letter it; a job whose
/// attempts pass <see cref="JobsOptions.MaxAttempts"/> (worker crashes, unexpected errors) is failed and dead-lettered
/// too. On shutdown the running jobs are released to other workers.</summary>
public sealed class JobWorker
{
    private readonly JobBackend _backend;
    private readonly LipSyncAnalyzer _analyzer;
    private readonly JobWorkerOptions _options;
    private readonly JobMetrics? _metrics;
    private readonly CallbackSender? _callbacks;
    private readonly ILogger _logger;

    /// <summary>Creates the worker; <paramref name="callbacks"/> posts finished jobs to their callback URL (retried as
    /// <paramref name="options"/> say).</summary>
    public JobWorker(JobBackend backend, LipSyncAnalyzer analyzer, JobWorkerOptions? options = null, JobMetrics? metrics = null,
        HttpClient? callbacks = null, ILogger<JobWorker>? logger = null)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        _options = (options ?? JobWorkerOptions.Default).Validate();
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _callbacks = callbacks is null ? null : new CallbackSender(callbacks, _options, _logger);
    }

    /// <summary>Consumes jobs with <paramref name="slots"/> at once until <paramref name="cancellationToken"/> is
    /// cancelled, then releases the running ones and returns.</summary>
    public Task RunAsync(int slots, CancellationToken cancellationToken) => _backend.Queue.ConsumeAsync(slots, HandleAsync, cancellationToken);

    /// <summary>Handles one delivery (the queue applies the outcome).</summary>
    public async Task<JobOutcome> HandleAsync(JobDelivery delivery, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["JobId"] = delivery.JobId });
        if (!JobStorage.IsId(delivery.JobId))
        {
            _logger.LogWarning("Dead-lettering a message that is not a job id");
            return JobOutcome.DeadLetter;
        }
        var attempt = $"{_options.Name}/{Guid.NewGuid():N}";
        JobRecord? job;
        try
        {
            job = await _backend.Store.StartAsync(delivery.JobId, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JobsUnavailableException or OperationCanceledException)
        {
            return await ReleaseLaterAsync(e, cancellationToken).ConfigureAwait(false);
        }
        if (job is null)
        {
            // Already final (finished before a crash lost its acknowledgement, or cancelled) or expired.
            _logger.LogInformation("Job {JobId} is already final or gone; acknowledging", delivery.JobId);
            _backend.Storage.Delete(delivery.JobId);
            return JobOutcome.Done;
        }
        if (job.Attempts > _backend.Options.MaxAttempts)
        {
            return await FailAsync(job, attempt, new JobError("too_many_attempts", 500,
                $"the job was started {job.Attempts - 1} times without finishing (its workers crashed or it kept failing)"), cancellationToken).ConfigureAwait(false);
        }
        var path = _backend.Storage.PathFor(job.Id);
        if (!File.Exists(path))
            return await FailAsync(job, attempt, new JobError("upload_missing", 500, "the uploaded video is no longer in the storage folder"), cancellationToken).ConfigureAwait(false);

        _logger.LogInformation("Job {JobId} attempt {Attempt} started ({File})", job.Id, job.Attempts, job.Request.FileName);
        _metrics?.Started();
        var watch = Stopwatch.StartNew();
        var outcome = await AnalyzeAsync(job, attempt, path, cancellationToken).ConfigureAwait(false);
        _metrics?.Ended(outcome.Metric, watch.Elapsed);
        _logger.LogInformation("Job {JobId} attempt {Attempt} ended: {Outcome} after {Seconds:F1} s", job.Id, job.Attempts, outcome.Metric, watch.Elapsed.TotalSeconds);
        return outcome.Queue;
    }

    private async Task<(JobOutcome Queue, string Metric)> AnalyzeAsync(JobRecord job, string attempt, string path, CancellationToken shutdown)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var progress = new LatestProgress();
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job.Id, attempt, progress, run, heartbeatStop.Token);
        try
        {
            AnalysisResult result;
            try
            {
                result = await _analyzer.AnalyzeAsync(path, job.Request.Options, _options.Limits, progress, run.Token).ConfigureAwait(false);
            }
            finally
            {
                await heartbeatStop.CancelAsync().ConfigureAwait(false);
                await heartbeat.ConfigureAwait(false);
            }
            if (await _backend.Store.SucceedAsync(job.Id, attempt, AnalysisJson.Serialize(result), CancellationToken.None).ConfigureAwait(false))
            {
                await EndedAsync(job.Id, shutdown).ConfigureAwait(false);
                return (JobOutcome.Done, "succeeded");
            }
            return (await LostOwnershipAsync(job.Id).ConfigureAwait(false), "superseded");
        }
        catch (OperationCanceledException) when (progress.LostOwnership)
        {
            return (await LostOwnershipAsync(job.Id).ConfigureAwait(false), "cancelled");
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _logger.LogInformation("Shutting down: releasing job {JobId} to another worker", job.Id);
            await TryAsync(() => _backend.Store.ReleaseAsync(job.Id, attempt, CancellationToken.None)).ConfigureAwait(false);
            return (JobOutcome.Release, "released");
        }
        catch (MediaException e) when (e.Code.IsInputError())
        {
            // The same file fails the same way on every worker: retrying would only delay the answer.
            var detail = e.Message.Replace($"'{Path.GetFileName(path)}'", "the uploaded file", StringComparison.Ordinal);
            return ((await FailAsync(job, attempt, new JobError(e.CodeName, MediaStatus.For(e.Code), detail), shutdown).ConfigureAwait(false)), "failed");
        }
        catch (UnknownOperatingPointException e)
        {
            // This engine's cue card lacks the point asked for: every attempt on it would fail alike.
            return (await FailAsync(job, attempt, new JobError(UnknownOperatingPointException.Code, 400, e.Message), shutdown).ConfigureAwait(false), "failed");
        }
        catch (JobsUnavailableException e)
        {
            // The result could not be stored; a later attempt redoes the job.
            return (await ReleaseLaterAsync(e, CancellationToken.None).ConfigureAwait(false), "released");
        }
        catch (Exception e)
        {
            if (job.Attempts >= _backend.Options.MaxAttempts)
            {
                _logger.LogError(e, "Job {JobId} failed on its last attempt", job.Id);
                return (await FailAsync(job, attempt, new JobError("internal_error", 500, $"analysis failed {job.Attempts} times; last: {e.GetType().Name}: {e.Message}"), shutdown).ConfigureAwait(false), "failed");
            }
            _logger.LogWarning(e, "Job {JobId} attempt {Attempt} failed; releasing it for another try", job.Id, job.Attempts);
            await TryAsync(() => _backend.Store.ReleaseAsync(job.Id, attempt, CancellationToken.None)).ConfigureAwait(false);
            return (JobOutcome.Release, "released");
        }
    }

    private async Task HeartbeatAsync(string id, string attempt, LatestProgress progress, CancellationTokenSource run, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    if (await _backend.Store.ReportProgressAsync(id, attempt, progress.Value, stop).ConfigureAwait(false)) continue;
                    // Cancelled by a client, or another attempt took the job over after a redelivery.
                    progress.LostOwnership = true;
                    await run.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (JobsUnavailableException e)
                {
                    _logger.LogWarning("Could not record progress of job {JobId}: {Error}", id, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The analysis ended.
        }
    }

    private async Task<JobOutcome> FailAsync(JobRecord job, string attempt, JobError error, CancellationToken shutdown)
    {
        _logger.LogWarning("Job {JobId} failed: {Code}: {Detail}", job.Id, error.Code, error.Detail);
        try
        {
            if (!await _backend.Store.FailAsync(job.Id, attempt, error, CancellationToken.None).ConfigureAwait(false))
                return await LostOwnershipAsync(job.Id).ConfigureAwait(false);
        }
        catch (JobsUnavailableException e)
        {
            return await ReleaseLaterAsync(e, CancellationToken.None).ConfigureAwait(false);
        }
        await EndedAsync(job.Id, shutdown).ConfigureAwait(false);
        return JobOutcome.DeadLetter;
    }

    private async Task<JobOutcome> LostOwnershipAsync(string id)
    {
        // Whoever owns the job now finishes it; if it is final (cancelled), its video is no longer needed.
        var now = await TryAsync(() => _backend.Store.GetAsync(id, CancellationToken.None)).ConfigureAwait(false);
        if (now is { State: var state } && state.IsFinal()) _backend.Storage.Delete(id);
        _logger.LogInformation("Job {JobId} is no longer this attempt's ({State})", id, now?.State.ToName() ?? "gone");
        return JobOutcome.Done;
    }

    private async Task EndedAsync(string id, CancellationToken shutdown)
    {
        _backend.Storage.Delete(id);
        if (_callbacks is null) return;
        var job = await TryAsync(() => _backend.Store.GetAsync(id, CancellationToken.None)).ConfigureAwait(false);
        if (job?.Request.CallbackUrl is { } url) await _callbacks.SendAsync(JobView.From(job), url, shutdown).ConfigureAwait(false);
    }

    private async Task<JobOutcome> ReleaseLaterAsync(Exception e, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Releasing the job: {Error}", e.Message);
        try
        {
            // Without the pause an unreachable database would spin the delivery between broker and worker.
            await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: release at once.
        }
        return JobOutcome.Release;
    }

    private async Task<T?> TryAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (JobsUnavailableException e)
        {
            _logger.LogWarning("{Error}", e.Message);
            return default;
        }
    }

    /// <summary>Keeps the latest progress for the heartbeat: frames fill 0–0.95, scoring the rest.</summary>
    private sealed class LatestProgress : IProgress<AnalysisProgress>
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public bool LostOwnership { get; set; }

        public void Report(AnalysisProgress value) =>
            Volatile.Write(ref _value, value.Stage == "scoring" ? 0.95 + 0.05 * value.Fraction : 0.95 * value.Fraction);
    }
}
