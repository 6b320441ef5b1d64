using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LipSyncGuard.Analysis;
using LipSyncGuard.Data;
using LipSyncGuard.Faces;
using LipSyncGuard.Jobs;
using LipSyncGuard.Media;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync batch FOLDER</c>: queues every video of a folder as a job and writes each result the moment
/// it completes. With a broker the jobs go to its workers (any number, any machine); without one this process
/// analyses them itself on the in-process queue.</summary>
public static class BatchCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var shared = new JobsCommandSupport();
        var folder = new Argument<string>("folder") { Description = "A folder of videos (by extension; not recursive)." };
        var json = new Option<string?>("--json") { Description = "Write JSON lines here (one finished job per line); default: stdout." };
        var csv = new Option<string?>("--csv") { Description = "Write a CSV here (one row per finished job)." };
        var select = Choice.Create("--select", "Which faces decide the verdict.", TrackSelection.Longest);
        var maxFaces = new Option<int>("--max-faces") { Description = "Most faces per frame.", DefaultValueFactory = _ => AnalysisOptions.Default.MaxFaces };
        var operatingPoint = Choice.Optional<OperatingPointChoice>("--operating-point", "The cue verdict's operating point for these jobs (strict, balanced or sensitive); default: the workers' own.");
        var command = new Command("batch", "Queue a folder of videos as jobs and write the results as they complete.") { folder, json, csv, select, maxFaces, operatingPoint };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(folder)!;
            if (!Directory.Exists(directory)) throw new UsageException($"'{directory}' is not a folder", UsageException.NotFoundCode);
            var files = Directory.EnumerateFiles(directory).Where(VideoFiles.HasVideoExtension).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new UsageException($"no videos in '{directory}' (looked for {string.Join(' ', VideoFiles.Extensions)})");
            var analysis = new AnalysisOptions
            {
                Selection = Choice.Get<TrackSelection>(parse, select),
                MaxFaces = parse.GetValue(maxFaces),
                OperatingPoint = Choice.Find<OperatingPointChoice>(parse, operatingPoint)?.ToString().ToLowerInvariant(),
            };
            try
            {
                analysis.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException(e.Message);
            }
            var options = shared.Resolve(parse);
            using var loggers = JobsCommandSupport.Loggers();
            await using var backend = new JobBackend(options, $"lipsync-batch:{Environment.ProcessId}", loggers);
            using var stopLocal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            LipSyncAnalyzer? analyzer = null;
            var local = Task.CompletedTask;
            if (backend.Queue.IsInProcess)
            {
                // No broker: nobody else would run the jobs.
                analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.FromEnvironment().ForConcurrentAnalyses(options.Slots));
                local = new JobWorker(backend, analyzer).RunAsync(options.Slots, stopLocal.Token);
            }
            try
            {
                var pending = new Dictionary<string, string>();
                foreach (var file in files)
                    pending[await EnqueueAsync(backend, file, analysis, cancellationToken).ConfigureAwait(false)] = file;
                await Console.Error.WriteLineAsync($"queued {files.Count} job(s) on {backend.Queue.Name}").ConfigureAwait(false);
                var failed = await CollectAsync(backend, pending, parse.GetValue(json), parse.GetValue(csv), cancellationToken).ConfigureAwait(false);
                // Like analyze FOLDER: 3 when some jobs failed, so a script can tell a partial run from a clean one.
                if (failed > 0) await Console.Error.WriteLineAsync($"error: jobs_failed: {failed} of {files.Count} job(s) failed (their errors are in the results)").ConfigureAwait(false);
                return CliApp.FolderExitCode(failed, files.Count);
            }
            finally
            {
                await stopLocal.CancelAsync().ConfigureAwait(false);
                await local.ConfigureAwait(false);
                analyzer?.Dispose();
            }
        });
        return command;
    }

    private static async Task<string> EnqueueAsync(JobBackend backend, string file, AnalysisOptions analysis, CancellationToken cancellationToken)
    {
        var job = JobRecord.New(new JobRequest(Path.GetFileName(file), analysis), DateTimeOffset.UtcNow);
        await RetryAsync(async () =>
        {
            await backend.SubmitFileAsync(job, file, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return job.Id;
    }

    /// <summary>Polls the store until every job is final, writing each as it ends; returns how many did not succeed.</summary>
    private static async Task<int> CollectAsync(JobBackend backend, Dictionary<string, string> pending, string? jsonPath, string? csvPath, CancellationToken cancellationToken)
    {
        var total = pending.Count;
        await using var jsonOut = jsonPath is null ? null : new StreamWriter(jsonPath, append: false, new UTF8Encoding(false));
        await using var csvOut = csvPath is null ? null : new StreamWriter(csvPath, append: false, new UTF8Encoding(false));
        if (csvOut is not null) await csvOut.WriteLineAsync("file,job_id,state,is_fake,manipulation_probability,error_code").ConfigureAwait(false);
        var failed = 0;
        var done = 0;
        while (pending.Count > 0)
        {
            foreach (var (id, file) in pending.ToList())
            {
                var job = await RetryAsync(() => backend.Store.GetAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (job is null || !job.State.IsFinal()) continue;
                pending.Remove(id);
                done++;
                if (job.State != JobState.Succeeded) failed++;
                var view = JobView.From(job);
                var line = JsonSerializer.Serialize(view, Compact);
                if (jsonOut is null) Console.WriteLine(line);
                else await jsonOut.WriteLineAsync(line).ConfigureAwait(false);
                if (csvOut is not null) await csvOut.WriteLineAsync(CsvRow(file, view)).ConfigureAwait(false);
                if (jsonOut is not null) await jsonOut.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"[{done}/{total}] {Path.GetFileName(file)}: {Describe(view)}").ConfigureAwait(false);
            }
            if (csvOut is not null) await csvOut.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0) await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return failed;
    }

    private static readonly JsonSerializerOptions Compact = new(AnalysisJson.Options) { WriteIndented = false };

    private static string Describe(JobView view) => view switch
    {
        { State: "succeeded", Result: { } r } => $"{(r.GetProperty("is_fake").GetBoolean() ? "FAKE" : "real")} (manipulation {r.GetProperty("manipulation_probability").GetDouble().ToString("F2", CultureInfo.InvariantCulture)})",
        { Error: { } e } => $"{view.State}: {e.Code}: {e.Detail}",
        _ => view.State,
    };

    private static string CsvRow(string file, JobView view)
    {
        var fake = view.Result is { } r ? (r.GetProperty("is_fake").GetBoolean() ? "true" : "false") : "";
        var probability = view.Result is { } p ? p.GetProperty("manipulation_probability").GetDouble().ToString("R", CultureInfo.InvariantCulture) : "";
        return string.Join(',', Csv.Quote(Path.GetFileName(file)), view.Id, view.State, fake, probability, view.Error?.Code ?? "");
    }

    /// <summary>Retries while the database or broker is unreachable (a restart), for up to two minutes.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (JobsUnavailableException e) when (DateTime.UtcNow < deadline)
            {
                await Console.Error.WriteLineAsync($"waiting: {e.Message}").ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
