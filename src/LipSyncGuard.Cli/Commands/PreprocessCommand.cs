using System.CommandLine;
using LipSyncGuard.Data;
using LipSyncGuard.Faces;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync preprocess --data-dir D</c>: decodes, detects, tracks and crops every video once into the feature cache.</summary>
public static class PreprocessCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Dataset: AVLips layout (0_real/, 1_fake/, optional wav/) or a folder with manifest.csv.", Required = true };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Where the per-video feature files go.", DefaultValueFactory = _ => Path.Combine(".cache", "features") };
        var workers = new Option<int>("--workers") { Description = "Videos processed in parallel.", DefaultValueFactory = _ => 1 };
        var cropSize = new Option<int>("--crop-size") { Description = "Side of the mouth crops in pixels.", DefaultValueFactory = _ => PreprocessOptions.Default.CropSize };
        var faces = Choice.Create("--faces", "Face tracks kept per video (all: multi-subject).", PreprocessOptions.Default.Selection);
        var keyFrameEvery = new Option<int>("--key-frame-every") { Description = "Search the whole frame for faces every K detector runs and follow them between by their 68 landmarks (1: search every frame; match the analysis the model will ship with).", DefaultValueFactory = _ => PreprocessOptions.Default.KeyFrameEvery };
        var command = new Command("preprocess", "Extract mouth crops, log-mel and lip signals of a dataset into a cache (resumable).") { dataDir, cacheDir, workers, cropSize, faces, keyFrameEvery };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(dataDir)!;
            if (!Directory.Exists(directory)) throw new UsageException($"--data-dir '{directory}' does not exist", UsageException.NotFoundCode);
            var workerCount = parse.GetValue(workers);
            if (workerCount is < 1 or > 64) throw new UsageException($"--workers must be in 1…64, got {workerCount}");
            PreprocessOptions options;
            try
            {
                options = (PreprocessOptions.Default with { CropSize = parse.GetValue(cropSize), Selection = Choice.Get<TrackSelection>(parse, faces), KeyFrameEvery = parse.GetValue(keyFrameEvery) }).Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw UsageException.OutOfRange(e);
            }
            IReadOnlyList<DatasetItem> items;
            try
            {
                items = Dataset.Load(directory);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
            var cache = new FeatureCache(parse.GetValue(cacheDir)!, options);
            PreprocessReport? report = null;
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("preprocessing", maxValue: Math.Max(1, items.Count));
                    var progress = new Progress<(int Done, int Total, string File)>(p => { task.Value = p.Done; task.Description = Markup.Escape(p.File); });
                    report = await Preprocessor.RunAsync(items, cache, workerCount, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    task.Description = "done";
                }).ConfigureAwait(false);

            foreach (var skipped in report!.Skipped)
                AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(skipped.Item.Path)}: {Markup.Escape(skipped.Reason)}");
            AnsiConsole.MarkupLine(
                $"{report.Total} videos: {report.Extracted} extracted, {report.Cached} cached, [{(report.Skipped.Count > 0 ? "yellow" : "green")}]{report.Skipped.Count} skipped[/]; " +
                $"{report.Tracks} tracks ({report.FallbackTracks} without a face); {report.Elapsed.TotalSeconds:0.0} s, {report.VideosPerMinute:0.0} videos/min, " +
                $"{report.TimesRealtime:0.00}× realtime → {Markup.Escape(cache.Directory)}");
            return CliApp.Ok;
        });
        return command;
    }
}
