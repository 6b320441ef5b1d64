using System.CommandLine;
using System.Globalization;
using LipSyncGuard.Data;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync fit-sync --data-dir REAL_VIDEOS</c>: fits the training-free sync measure on a user's own real videos.</summary>
public static class FitSyncCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Real (in-sync) videos: a folder of videos, or a dataset (AVLips layout or manifest.csv) whose real items are used.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the fitted measure.", DefaultValueFactory = _ => Path.Combine("weights", "sync-landmarks.json") };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Cache of extracted signals (re-runs skip decoding).", DefaultValueFactory = _ => Path.Combine(".cache", "signals") };
        var lambda = new Option<double>("--lambda") { Description = "Ridge penalty.", DefaultValueFactory = _ => SyncOptions.Default.Lambda };
        var hiddenUnits = new Option<int>("--hidden-units") { Description = "Random rectified units on the audio context beside it (0: a linear map).", DefaultValueFactory = _ => SyncOptions.Default.HiddenUnits };
        var command = new Command("fit-sync", "Fit the audio → lip-motion sync measure on real videos (no fakes needed).") { dataDir, output, cacheDir, lambda, hiddenUnits };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SyncOptions syncOptions;
            try
            {
                syncOptions = (SyncOptions.Default with { Lambda = parse.GetValue(lambda), HiddenUnits = parse.GetValue(hiddenUnits) }).Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                var option = e.ParamName == nameof(SyncOptions.HiddenUnits) ? "--hidden-units" : "--lambda";
                throw new UsageException($"{option}: {e.Message.Split(" (Parameter")[0]}");
            }

            var directory = parse.GetValue(dataDir)!;
            if (!Directory.Exists(directory)) throw new UsageException($"--data-dir '{directory}' does not exist", UsageException.NotFoundCode);
            var items = Dataset.LoadRealVideos(directory);
            if (items.Count < 2) throw new UsageException($"--data-dir '{directory}' holds {items.Count} real video(s); fitting needs at least 2");
            using var extractor = new SignalExtractor();
            var cache = new SyncTrackCache(parse.GetValue(cacheDir)!);
            IReadOnlyList<ExtractedTrack> extracted = [];
            await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("extracting", maxValue: items.Count);
                    var progress = new Progress<(int Done, int Total, string File)>(p => { task.Value = p.Done; task.Description = Markup.Escape(p.File.Length > 0 ? p.File : "done"); });
                    extracted = await SyncTrackCollector.CollectAsync(items, extractor, cache, progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);

            var usable = extracted.Where(e => e.Track is not null).ToList();
            foreach (var skipped in extracted.Where(e => e.Track is null))
                AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(Path.GetFileName(skipped.Item.Path))}: {Markup.Escape(skipped.Error ?? "")}");
            if (usable.Count < 2) throw new UsageException($"only {usable.Count} video(s) had a usable face track; fitting needs at least 2");

            var provenance = string.Create(CultureInfo.InvariantCulture,
                $"fitted {DateTime.UtcNow:yyyy-MM-dd} by 'lipsync fit-sync' on {usable.Count} real videos ({usable.Sum(u => u.Track!.FrameCount)} frames) from '{Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/'))}'");
            var model = new SyncFitter(syncOptions).Fit(usable.Select(u => u.Track!).ToList(), provenance: provenance);
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            model.Save(path);
            AnsiConsole.MarkupLine($"fitted on {usable.Count} videos ({extracted.Count - usable.Count} skipped) → [green]{Markup.Escape(path)}[/]");
            return CliApp.Ok;
        });
        return command;
    }
}
