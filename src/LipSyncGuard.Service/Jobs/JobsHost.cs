using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs;
using LipSyncGuard.Media;
using Microsoft.Extensions.Options;

// Log arguments are property reads, logged at start or once per 30 s: not worth guarding.
#pragma warning disable CA1873

namespace LipSyncGuard.Service.Jobs;

/// <summary>Runs the jobs side of the service: with the in-process queue it republishes the live jobs a previous run
/// left in the store and analyses them in this process; it sweeps expired jobs and polls the queue depth for the
/// metrics. Stopping the service releases the running jobs.</summary>
internal sealed class JobsHost(JobBackend backend, IServiceProvider services, IOptions<ServiceOptions> options, JobMetrics metrics, ILogger<JobsHost> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = backend.Options.ServiceSlots ?? (backend.Queue.IsInProcess ? options.Value.MaxConcurrentAnalyses : 0);
        logger.LogInformation("Jobs: {Store}, {Queue}, storage {Storage}, {Slots} worker slot(s) in this process",
            backend.Store.Name, backend.Queue.Name, backend.Storage.Directory, slots);
        if (backend.Queue.IsInProcess) await RepublishAsync(stoppingToken).ConfigureAwait(false);
        using var callbacks = new HttpClient();
        var worker = slots == 0
            ? Task.CompletedTask
            : new JobWorker(backend, services.GetRequiredService<LipSyncAnalyzer>(),
                JobWorkerOptions.Default with { Limits = MediaLimits.Default with { MaxDuration = TimeSpan.FromSeconds(options.Value.MaxDurationSeconds) } },
                metrics, callbacks, services.GetRequiredService<ILogger<JobWorker>>()).RunAsync(slots, stoppingToken);
        using var timer = new PeriodicTimer(MaintenanceInterval);
        do
        {
            try
            {
                metrics.Observe(await backend.Queue.CountAsync(stoppingToken).ConfigureAwait(false));
                var swept = await backend.SweepAsync(DateTimeOffset.UtcNow, stoppingToken).ConfigureAwait(false);
                if (swept > 0) logger.LogInformation("Deleted {Count} video(s) of ended or expired jobs", swept);
            }
            catch (JobsUnavailableException e)
            {
                logger.LogWarning("Jobs maintenance skipped: {Error}", e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
        await worker.ConfigureAwait(false);
    }

    private async Task RepublishAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var live = (await backend.Store.ListAsync(JobState.Running, 100_000, cancellationToken).ConfigureAwait(false))
                    .Concat(await backend.Store.ListAsync(JobState.Queued, 100_000, cancellationToken).ConfigureAwait(false))
                    .OrderBy(j => j.CreatedUtc);
                var count = 0;
                foreach (var job in live)
                {
                    await backend.Queue.PublishAsync(job.Id, cancellationToken).ConfigureAwait(false);
                    count++;
                }
                if (count > 0) logger.LogInformation("Requeued {Count} job(s) left by the previous run", count);
                return;
            }
            catch (JobsUnavailableException e)
            {
                logger.LogWarning("Cannot read the job store yet ({Error}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
