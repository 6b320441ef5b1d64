using System.CommandLine;
using LipSyncGuard.Data;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Training;
using Spectre.Console;
using TorchSharp;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary>The flags <c>train</c>, <c>finetune</c> and <c>pretrain-sync</c> share, and the run they drive.</summary>
internal sealed class TrainingFlags
{
    public TrainingFlags(int epochs, double lr, string output)
    {
        Epochs = new("--epochs") { Description = "Epochs in all.", DefaultValueFactory = _ => epochs };
        LearningRate = new("--lr") { Description = "Learning rate (fusion, classifier, landmark branch, sync head).", DefaultValueFactory = _ => lr };
        Output = new("--output", "-o") { Description = "Weights folder (best_model.safetensors, last.*, model_card.json, metrics.csv, tensorboard/).", DefaultValueFactory = _ => output };
    }

    public Option<string> DataDir { get; } = new("--data-dir") { Description = "Dataset: AVLips layout (0_real/, 1_fake/, wav/) or a folder with manifest.csv.", Required = true };

    public Option<string> Output { get; }

    public Option<int> Epochs { get; }

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Windows per batch.", DefaultValueFactory = _ => 8 };

    public Option<double> LearningRate { get; }

    public Option<int> Accumulate { get; } = new("--accumulate") { Description = "Batches per optimizer step (gradient accumulation).", DefaultValueFactory = _ => 1 };

    public Option<bool> Half { get; } = new("--half") { Description = "Half precision (bf16 autocast on CPU / fp16 on CUDA) — not available in TorchSharp 0.107: reported, runs fp32." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed (weights, shuffling, dropout, split).", DefaultValueFactory = _ => 42 };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from last.* in the output folder (optimizer, scheduler, epoch, RNG)." };

    public Option<bool> Plot { get; } = new("--plot") { Description = "Write curves.png (loss / accuracy per epoch)." };

    public Option<string> Device { get; } = new("--device") { Description = "cpu, cuda, cuda:N, mps or auto.", DefaultValueFactory = _ => "cpu" };

    public Option<string> ModelSize { get; } = new("--model-size") { Description = "Network size: default or tiny (tests, smoke runs).", DefaultValueFactory = _ => "default" };

    public Option<double> PlateauFactor { get; } = new("--plateau-factor") { Description = "ReduceLROnPlateau factor.", DefaultValueFactory = _ => 0.5 };

    public Option<int> PlateauPatience { get; } = new("--plateau-patience") { Description = "ReduceLROnPlateau patience in epochs.", DefaultValueFactory = _ => 3 };

    public Option<double> ValidationFraction { get; } = new("--val-fraction") { Description = "Share of groups held out for validation.", DefaultValueFactory = _ => 0.2 };

    public Option<bool> AudioNegatives { get; } = new("--audio-negatives")
    {
        Description = "Also train on audio-mismatch fakes cut from the real windows: own audio shifted 0.32–1 s, another person's audio swapped in (no files made).",
    };

    public Option<bool> BalanceClasses { get; } = new("--balance-classes")
    {
        Description = "Weigh the loss so real and fake windows count equally (fake-heavy mixes otherwise collapse to always saying fake).",
    };

    public Option<string> Inputs { get; } = new("--inputs")
    {
        Description = "Streams the classifier reads beside the audio: both (mouth crops and lip landmarks), crops or landmarks (ablations).",
        DefaultValueFactory = _ => "both",
    };

    public Option<int> WindowsPerVideo { get; } = new("--windows-per-video") { Description = "Most 1 s windows taken from one video.", DefaultValueFactory = _ => 8 };

    public Option<string> CacheDir { get; } = new("--cache-dir") { Description = "Feature cache (filled by preprocessing on first use, shared with `lipsync preprocess`).", DefaultValueFactory = _ => Path.Combine(".cache", "features") };

    public Option<int> Workers { get; } = new("--workers") { Description = "Videos preprocessed in parallel when the cache misses entries.", DefaultValueFactory = _ => 1 };

    public Option<bool> UseAugmentation { get; } = new("--use-augmentation") { Description = "Augment training windows (speed, rotation, flip, colour, noise; drawn per epoch). Validation is never augmented." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { DataDir, Output, CacheDir, Workers, UseAugmentation, Epochs, BatchSize, LearningRate, Accumulate, Half, Seed, Resume, Plot, Device, ModelSize, PlateauFactor, PlateauPatience, ValidationFraction, WindowsPerVideo, AudioNegatives, BalanceClasses, Inputs })
            command.Options.Add(option);
    }

    public TrainingOptions Options(ParseResult parse, TrainingObjective objective, int freezeEpochs = 0, double? encoderLr = null) =>
        TrainingCommandSupport.Check(() => new TrainingOptions
        {
            Epochs = parse.GetValue(Epochs), BatchSize = parse.GetValue(BatchSize), LearningRate = parse.GetValue(LearningRate), EncoderLearningRate = encoderLr,
            Accumulate = parse.GetValue(Accumulate), Half = parse.GetValue(Half), Seed = parse.GetValue(Seed), PlateauFactor = parse.GetValue(PlateauFactor),
            PlateauPatience = parse.GetValue(PlateauPatience), FreezeEpochs = freezeEpochs, Objective = objective, Plot = parse.GetValue(Plot),
            Augmentation = parse.GetValue(UseAugmentation) ? AugmentationOptions.Default : null,
            AudioNegatives = parse.GetValue(AudioNegatives) && objective == TrainingObjective.Detect,
            BalanceClasses = parse.GetValue(BalanceClasses),
        }.Validate());

    /// <summary>Loads the data, builds or restores the network, trains, and prints the outcome.</summary>
    public async Task<int> RunAsync(
        ParseResult parse, string command, TrainingOptions options, string? pretrained, Func<IReadOnlyList<SampleWindow>, IReadOnlyList<SampleWindow>>? prepare,
        Func<IReadOnlyList<DatasetItem>, IReadOnlyList<DatasetItem>>? select, CancellationToken cancellationToken)
    {
        var device = TrainingCommandSupport.Device(parse.GetValue(Device)!);
        var directory = parse.GetValue(DataDir)!;
        var output = parse.GetValue(Output)!;
        var run = new TrainingRun(output, command, Path.GetFullPath(directory), Resume: parse.GetValue(Resume));
        var items = TrainingCommandSupport.Items(directory);
        if (select is not null) items = select(items);
        var logger = new ConsoleLogger();
        var windowOptions = TrainingCommandSupport.Check(() =>
            (WindowSourceOptions.Default with
            {
                MaxWindowsPerVideo = parse.GetValue(WindowsPerVideo), Workers = parse.GetValue(Workers), ShiftNegatives = options.AudioNegatives, Seed = options.Seed,
            }).Validate());
        var validationFraction = parse.GetValue(ValidationFraction);
        if (validationFraction is <= 0 or >= 1) throw new UsageException("--val-fraction must be in (0, 1)");

        // Seed before the network is built so initial weights repeat.
        TorchSharp.torch.random.manual_seed(options.Seed);
        var resuming = run.Resume && File.Exists(run.StatePath);
        var resumeFrom = resuming ? run.LastPath : pretrained;
        var inputs = parse.GetValue(Inputs)!;
        if (options.Objective == TrainingObjective.Sync && inputs != "both") throw new UsageException("--inputs: sync pre-training always reads the crops (both)");
        // A resumed run keeps the streams its checkpoint was trained with.
        using var net = TrainingCommandSupport.Network(resumeFrom, parse.GetValue(ModelSize)!, resuming ? null : inputs);
        if (pretrained is not null && !resuming)
        {
            if (!File.Exists(pretrained)) throw new UsageException($"--pretrained '{pretrained}' does not exist", UsageException.NotFoundCode);
            CheckpointLoadReport report;
            try
            {
                report = ModelCheckpoint.Load(net, pretrained, requireAll: false);
            }
            catch (CheckpointMismatchException e)
            {
                throw new UsageException($"--pretrained: {e.Message}");
            }
            AnsiConsole.MarkupLine($"pretrained: {Markup.Escape(report.Summary())}");
            run = run with { Pretrained = report.Summary(), PretrainedFile = CardPaths.Pretrained(pretrained, run.OutputDirectory) };
        }
        net.to(device);
        if (options.Objective == TrainingObjective.Detect)
            foreach (var warning in TrainingCommandSupport.SmallClassWarnings(items)) await Console.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);

        var split = TrainingCommandSupport.Split(items, run, validationFraction, options.Seed);
        var windows = await TrainingCommandSupport.LoadAsync(items, parse.GetValue(CacheDir)!, windowOptions, logger, cancellationToken).ConfigureAwait(false);
        var (train, validation) = split.Partition(windows);
        if (prepare is not null)
        {
            train = prepare(train).ToList();
            validation = prepare(validation).ToList();
        }
        if (options.AudioNegatives)
        {
            // Per side, so a training mouth never hears validation audio.
            train.AddRange(LipSyncGuard.Training.AudioNegatives.Swapped(train, options.Seed));
            validation.AddRange(LipSyncGuard.Training.AudioNegatives.Swapped(validation, options.Seed + 1));
        }
        if (train.Count == 0) throw new UsageException($"--data-dir '{directory}': no training windows could be cut (videos shorter than 1 s or unreadable)");
        AnsiConsole.MarkupLine($"split: {split.Train.Count} training / {split.Validation.Count} validation videos → {Markup.Escape(run.SplitPath)}; augmentation {(options.Augmentation is null ? "off" : "on (training split only)")}");
        AnsiConsole.MarkupLine($"{net.ParameterCount:N0} parameters ({Markup.Escape(net.Options.Size)}); {train.Count} training windows, {validation.Count} validation windows; device {device}");

        var trainer = new Trainer(options, logger);
        var history = TrainingCommandSupport.WithProgress(progress =>
            new Trainer(options, logger, progress).Train(net, train, validation, run, device, cancellationToken));
        GC.KeepAlive(trainer);
        var best = history.Where(h => double.IsFinite(h.ValidationLoss)).DefaultIfEmpty().MinBy(h => h?.ValidationLoss ?? double.MaxValue);
        if (best is not null)
            AnsiConsole.MarkupLine($"best epoch {best.Epoch}: val loss {best.ValidationLoss:0.0000}, acc {best.ValidationAccuracy:0.000}, AUC {best.ValidationAuc:0.000} → [green]{Markup.Escape(run.BestPath)}[/]");
        if (best is not null && best.ValidationAuc < 0.5)
        {
            await Console.Error.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"warning: the best validation AUC is {best.ValidationAuc:0.000}, below chance (0.5): these weights rank fakes worse than a coin; do not ship them")).ConfigureAwait(false);
        }
        return CliApp.Ok;
    }
}
