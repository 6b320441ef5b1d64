using System.Globalization;
using LipSyncGuard.Data;
using LipSyncGuard.Model;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using TorchSharp;

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
        if (!Directory.Exists(directory)) throw new UsageException($"--data-dir '{directory}' does not exist");
        try
        {
            return Dataset.Load(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--data-dir: {e.Message}");
        }
    }

    /// <summary>Decodes <paramref name="items"/> into windows (through <see cref="WindowSource"/>) with a progress bar.</summary>
    public static async Task<List<SampleWindow>> LoadAsync(IReadOnlyList<DatasetItem> items, WindowSourceOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var windows = new List<SampleWindow>();
        await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"decoding {items.Count} videos", maxValue: items.Count);
                foreach (var item in items)
                {
                    await foreach (var w in WindowSource.LoadWindows([item], options, logger, cancellationToken).ConfigureAwait(false)) windows.Add(w);
                    task.Increment(1);
                }
            }).ConfigureAwait(false);
        return windows;
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

    /// <summary>The network for a run: the options stored in <paramref name="checkpoint"/> when it is ours, else <paramref name="size"/>.</summary>
    public static LipSyncNet Network(string? checkpoint, string size)
    {
        LipSyncNetOptions options;
        try
        {
            options = (checkpoint is not null && File.Exists(checkpoint) ? ModelCheckpoint.ReadOptions(checkpoint) : null) ?? LipSyncNetOptions.ForSize(size);
        }
        catch (CheckpointMismatchException e)
        {
            throw new UsageException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--model-size: {e.Message.Split(" (Parameter")[0]}");
        }
        return new LipSyncNet(options);
    }

    /// <summary>Splits windows by the group split of their items.</summary>
    public static (List<SampleWindow> Train, List<SampleWindow> Validation) Split(
        IReadOnlyList<DatasetItem> items, IReadOnlyList<SampleWindow> windows, double validationFraction, int seed)
    {
        if (items.Select(i => i.Group).Distinct().Count() < 2)
            throw new UsageException("the dataset has a single group: a leak-free validation split needs at least 2 groups (people / source videos)");
        var (_, validation) = GroupSplit.TrainValidation(items, validationFraction, seed);
        var validationPaths = validation.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        return (windows.Where(w => !validationPaths.Contains(w.VideoPath)).ToList(), windows.Where(w => validationPaths.Contains(w.VideoPath)).ToList());
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the bar).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
