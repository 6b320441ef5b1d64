using System.CommandLine;
using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs;
using Microsoft.Extensions.Logging;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync worker</c>: analyses queued jobs from the broker until stopped (Ctrl+C or SIGTERM releases the
/// running jobs to other workers).</summary>
public static class WorkerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var shared = new JobsCommandSupport();
        var weights = new Option<string?>("--weights") { Description = "Detector weights (.safetensors with its card beside it); none: sync-only mode. Default: the shipped model." };
        var command = new Command("worker", "Analyse queued jobs (needs a broker: --broker or LipSync__Jobs__Broker).") { weights };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = shared.Resolve(parse);
            if (options.Broker is null)
                throw new UsageException("lipsync worker needs a broker (--broker or LipSync__Jobs__Broker); without one, 'lipsync serve' runs the jobs itself");
            var path = parse.GetValue(weights);
            if (path is not null && path != LipSyncAnalyzerOptions.NoDetector && !File.Exists(path)) throw new UsageException($"--weights '{path}' does not exist");
            using var loggers = JobsCommandSupport.Loggers();
            var analyzerOptions = LipSyncAnalyzerOptions.FromEnvironment().ForConcurrentAnalyses(options.Slots);
            using var analyzer = new LipSyncAnalyzer(path is null ? analyzerOptions : analyzerOptions with { DetectorPath = path });
            await using var backend = new JobBackend(options, $"lipsync-worker:{Environment.MachineName}:{Environment.ProcessId}", loggers);
            using var metrics = new JobMetrics();
            using var callbacks = new HttpClient();
            var worker = new JobWorker(backend, analyzer, JobWorkerOptions.Default, metrics, callbacks, loggers.CreateLogger<JobWorker>());
            await Console.Error.WriteLineAsync($"worker {JobWorkerOptions.Default.Name}: {backend.Queue.Name}, {backend.Store.Name}, storage {backend.Storage.Directory}, {options.Slots} slot(s)").ConfigureAwait(false);
            await worker.RunAsync(options.Slots, cancellationToken).ConfigureAwait(false);
            return CliApp.Ok;
        });
        return command;
    }
}
