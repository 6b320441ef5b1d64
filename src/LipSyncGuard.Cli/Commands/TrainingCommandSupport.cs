using System.Globalization;
using LipSyncGuard.Data;
using LipSyncGuard.Model;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using TorchSharp;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary>What the training commands share: device and option checks, loading windows through the one seam, the
/// progress display.</summary>
internal static class TrainingCommandSupport
{
    /// <summary>The device for <c>--device</c>, or a usage error naming what is missing.</summary>
    public static torch.Device Device(string name)
    {
        try
        {
            return TorchRuntime.ResolveDevice(name);
        }
        catch (DeviceUnavailableException e)
        {
            throw new UsageException($"--device: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--device: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>Validates options, turning range errors into usage errors.</summary>
    public static T Check<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0].Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal));
        }
    }

    /// <summary>The dataset items of <paramref name="directory"/>, or a usage error.</summary>
    public static IReadOnlyList<DatasetItem> Items(string directory)
    {
        if (!Directory.Exists(directory)) throw new UsageException($"--data-dir '{directory}' does not exist", UsageException.NotFoundCode);
        try
        {
            return Dataset.Load(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--data-dir: {e.Message}");
        }
    }

    /// <summary>Fewest videos per class a detection run should have before its figures mean anything.</summary>
    public const int MinVideosPerClass = 20;

    /// <summary>One warning per class with fewer than <see cref="MinVideosPerClass"/> videos.</summary>
    public static IEnumerable<string> SmallClassWarnings(IReadOnlyList<DatasetItem> items)
    {
        foreach (var (label, name) in new[] { (0, "real"), (1, "fake") })
        {
            var count = items.Count(i => i.Label == label);
            if (count < MinVideosPerClass)
                yield return $"only {count} {name} videos (fewer than {MinVideosPerClass} per class): the validation figures are noise and the model will not generalise; use it for smoke tests only";
        }
    }

    /// <summary>Preprocesses what the cache lacks of <paramref name="items"/> (with a progress bar), then reads their
    /// windows from the cache (through <see cref="WindowSource"/>).</summary>
    public static async Task<List<SampleWindow>> LoadAsync(
        IReadOnlyList<DatasetItem> items, string cacheDirectory, WindowSourceOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var cache = await PrepareAsync(items, cacheDirectory, options, logger, cancellationToken).ConfigureAwait(false);
        var windows = new List<SampleWindow>();
        await foreach (var w in WindowSource.ReadAsync(items, cache, options, logger, cancellationToken).ConfigureAwait(false)) windows.Add(w);
        return windows;
    }

    /// <summary>Preprocesses what the cache lacks of <paramref name="items"/> (with a progress bar) and returns the cache
    /// (entries made with <paramref name="preprocess"/>, default <see cref="PreprocessOptions.Default"/>).</summary>
    public static async Task<FeatureCache> PrepareAsync(
        IReadOnlyList<DatasetItem> items, string cacheDirectory, WindowSourceOptions options, ILogger logger, CancellationToken cancellationToken,
        PreprocessOptions? preprocess = null)
    {
        var cache = new FeatureCache(cacheDirectory, preprocess);
        await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"preprocessing {items.Count} videos", maxValue: Math.Max(1, items.Count));
                var progress = new SynchronousProgress<(int Done, int Total, string File)>(p => task.Value = p.Done);
                await WindowSource.PrepareAsync(items, cache, options, logger, progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return cache;
    }

    /// <summary>Runs <paramref name="train"/> under a Spectre progress bar fed by the trainer's progress reports.</summary>
    public static IReadOnlyList<EpochMetrics> WithProgress(Func<IProgress<TrainingProgress>, IReadOnlyList<EpochMetrics>> train)
    {
        IReadOnlyList<EpochMetrics> history = [];
        AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                var current = 0;
                var progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    if (p.Epoch != current || task is null)
                    {
                        task?.StopTask();
                        task = context.AddTask($"epoch {p.Epoch}/{p.Epochs}", maxValue: p.Batches);
                        current = p.Epoch;
                    }
                    task.Value = p.Phase == "train" ? p.Batch : task.MaxValue;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} {p.Phase} loss {p.Loss:0.0000}");
                });
                history = train(progress);
                task?.StopTask();
            });
        return history;
    }

    /// <summary>The network for a run: the options stored in <paramref name="checkpoint"/> when it is ours, else <paramref name="size"/>;
    /// <paramref name="inputs"/> (when given) picks the streams the classifier reads.</summary>
    public static LipSyncNet Network(string? checkpoint, string size, string? inputs = null)
    {
        LipSyncNetOptions options;
        try
        {
            options = (checkpoint is not null && File.Exists(checkpoint) ? ModelCheckpoint.ReadOptions(checkpoint) : null) ?? LipSyncNetOptions.ForSize(size);
            if (inputs is not null) options = (options with { Inputs = inputs.Trim().ToLowerInvariant() }).Validate();
        }
        catch (CheckpointMismatchException e)
        {
            throw new UsageException(e.Message);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == nameof(LipSyncNetOptions.Inputs))
        {
            throw new UsageException($"--inputs '{inputs}' is unknown: expected both, crops or landmarks");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--model-size: {e.Message.Split(" (Parameter")[0]}");
        }
        return new LipSyncNet(options);
    }

    /// <summary>The run's split: the one saved beside the checkpoints when resuming, else a fresh group split (saved).</summary>
    public static DataSplit Split(IReadOnlyList<DatasetItem> items, TrainingRun run, double validationFraction, int seed)
    {
        if (run.Resume && File.Exists(run.SplitPath)) return DataSplit.Load(run.SplitPath, run.DataDirectory);
        var split = Check(() => DataSplit.Make(items, validationFraction, seed));
        Directory.CreateDirectory(run.OutputDirectory);
        split.Save(run.SplitPath, run.DataDirectory);
        return split;
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the bar).</summary>
    internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
