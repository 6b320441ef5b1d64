using System.Diagnostics;
using System.Globalization;
using System.Text;
using LipSyncGuard.Data;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training;

/// <summary>The training loop shared by <c>train</c>, <c>finetune</c> and <c>pretrain-sync</c>: Adam with two parameter
/// groups (head modules at <see cref="TrainingOptions.LearningRate"/>, encoders at
/// <see cref="TrainingOptions.EffectiveEncoderLearningRate"/>), ReduceLROnPlateau on validation loss, validation every
/// epoch, best-on-validation-loss and last checkpoints written atomically, resume, CSV + TensorBoard metrics, optional
/// curves, and the model card. Every step runs in its own dispose scope.</summary>
/// <remarks>Half precision: TorchSharp 0.107 exposes no autocast (CPU bf16 or CUDA fp16), so <c>--half</c> is reported as
/// unsupported in the log and the card and the run stays in fp32; it is never dropped silently.</remarks>
public sealed class Trainer
{
    /// <summary>What <c>--half</c> does on this TorchSharp build.</summary>
    public const string HalfUnsupported =
        "--half requested but TorchSharp 0.107 has no autocast (bf16 on CPU, fp16 + loss scaling on CUDA); training runs in fp32";

    private readonly TrainingOptions _options;
    private readonly ILogger _logger;
    private readonly IProgress<TrainingProgress>? _progress;

    /// <summary>Creates a trainer.</summary>
    public Trainer(TrainingOptions options, ILogger? logger = null, IProgress<TrainingProgress>? progress = null)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _logger = logger ?? NullLogger.Instance;
        _progress = progress;
    }

    /// <summary>The settings.</summary>
    public TrainingOptions Options => _options;

    /// <summary>Builds Adam over the two parameter groups of <paramref name="net"/>: group 0 the head modules, group 1 the encoders.</summary>
    public Adam CreateOptimizer(LipSyncNet net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var head = net.HeadModules.SelectMany(m => m.parameters()).ToList();
        var encoders = net.Encoders.SelectMany(m => m.parameters()).ToList();
        return optim.Adam(
        [
            new Adam.ParamGroup(head, lr: _options.LearningRate, weight_decay: _options.WeightDecay),
            new Adam.ParamGroup(encoders, lr: _options.EffectiveEncoderLearningRate, weight_decay: _options.WeightDecay),
        ], lr: _options.LearningRate);
    }

    /// <summary>Trains <paramref name="net"/> (already on <paramref name="device"/>) and returns the history.</summary>
    public IReadOnlyList<EpochMetrics> Train(
        LipSyncNet net, IReadOnlyList<SampleWindow> train, IReadOnlyList<SampleWindow> validation, TrainingRun run, Device? device = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(run);
        if (train.Count == 0) throw new ArgumentException("no training windows", nameof(train));
        var target = device ?? CPU;
        Directory.CreateDirectory(run.OutputDirectory);
        var precision = "fp32";
        if (_options.Half)
        {
            _logger.LogWarning(HalfUnsupported);
            precision = "fp32 (" + HalfUnsupported + ")";
        }
        var schedule = new FreezeSchedule(_options.FreezeEpochs);
        foreach (var line in schedule.Describe(_options.Epochs)) _logger.LogInformation("schedule: {Line}", line);

        using var optimizer = CreateOptimizer(net);
        var scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode: "min", factor: _options.PlateauFactor, patience: _options.PlateauPatience);
        var history = new List<EpochMetrics>();
        double best = double.PositiveInfinity;
        var bestEpoch = 0;
        var startEpoch = 1;
        if (run.Resume && File.Exists(run.StatePath))
        {
            var state = TrainingState.Load(run.StatePath);
            if (state.Settings.Objective != _options.Objective)
                throw new InvalidOperationException($"cannot resume: '{run.StatePath}' was a {state.Settings.Objective} run, this is {_options.Objective}");
            var report = ModelCheckpoint.Load(net, run.LastPath, requireAll: true);
            optimizer.load_state_dict(run.OptimizerPath);
            // The plateau scheduler's state is a pure function of the validation losses: replaying them rebuilds it
            // (best, bad-epoch count, cooldown) exactly, and the learning rates come back with the optimizer state.
            var rates = optimizer.ParamGroups.Select(g => g.LearningRate).ToList();
            foreach (var h in state.History) scheduler.step(h.ValidationLoss);
            foreach (var (group, rate) in optimizer.ParamGroups.Zip(rates)) group.LearningRate = rate;
            if (state.RngState.Length > 0)
            {
                using var rng = tensor(Convert.FromBase64String(state.RngState));
                random.set_rng_state(rng);
            }
            history.AddRange(state.History);
            best = state.BestValidationLoss;
            bestEpoch = state.BestEpoch;
            startEpoch = state.Epoch + 1;
            _logger.LogInformation("resuming after epoch {Epoch} from {Path} ({Report})", state.Epoch, run.LastPath, report.Summary());
        }
        else if (run.Resume)
        {
            _logger.LogWarning("--resume: no {State} in {Dir}; starting from epoch 1", TrainingState.FileName, run.OutputDirectory);
        }

        var tensorboard = torch.utils.tensorboard.SummaryWriter(Path.Combine(run.OutputDirectory, "tensorboard"));
        for (var epoch = startEpoch; epoch <= _options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var frozen = ApplyFreezing(net, schedule, epoch);
            var (trainLoss, trainAccuracy) = TrainEpoch(net, optimizer, train, frozen, epoch, target, cancellationToken);
            var (valLoss, valAccuracy, valAuc) = validation.Count > 0 ? Validate(net, validation, epoch, target) : (trainLoss, trainAccuracy, double.NaN);
            var rates = optimizer.ParamGroups.ToList();
            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, valAuc, rates[0].LearningRate, rates[1].LearningRate,
                watch.Elapsed.TotalSeconds, schedule.FrozenNames(epoch));
            scheduler.step(valLoss);
            history.Add(metrics);
            _logger.LogInformation(
                "epoch {Epoch}/{Epochs}: train loss {TrainLoss:0.0000} acc {TrainAcc:0.000} | val loss {ValLoss:0.0000} acc {ValAcc:0.000} AUC {ValAuc:0.000} | lr {Lr:g3}/{LrEnc:g3} | {Seconds:0.0}s",
                epoch, _options.Epochs, trainLoss, trainAccuracy, valLoss, valAccuracy, valAuc, metrics.LearningRate, metrics.EncoderLearningRate, metrics.Seconds);

            if (valLoss < best)
            {
                best = valLoss;
                bestEpoch = epoch;
                ModelCheckpoint.Save(net, run.BestPath);
                _logger.LogInformation("new best validation loss {Loss:0.0000} → {Path}", valLoss, run.BestPath);
            }
            ModelCheckpoint.Save(net, run.LastPath);
            AtomicFile.Write(run.OptimizerPath, optimizer.save_state_dict);
            using (var rng = random.get_rng_state())
            {
                new TrainingState
                {
                    Epoch = epoch, BestValidationLoss = best, BestEpoch = bestEpoch, History = history.ToList(),
                    RngState = Convert.ToBase64String(rng.bytes.ToArray()), Settings = _options,
                }.Save(run.StatePath);
            }
            WriteCsv(run.CsvPath, history);
            tensorboard.add_scalar("loss/train", (float)trainLoss, epoch);
            tensorboard.add_scalar("loss/validation", (float)valLoss, epoch);
            tensorboard.add_scalar("accuracy/train", (float)trainAccuracy, epoch);
            tensorboard.add_scalar("accuracy/validation", (float)valAccuracy, epoch);
            if (double.IsFinite(valAuc)) tensorboard.add_scalar("auc/validation", (float)valAuc, epoch);
            tensorboard.add_scalar("lr/head", (float)metrics.LearningRate, epoch);
            tensorboard.add_scalar("lr/encoder", (float)metrics.EncoderLearningRate, epoch);
            WriteCard(net, train, validation, run, history, bestEpoch, precision);
            if (_options.Plot) TrainingPlots.Curves(history, Path.Combine(run.OutputDirectory, "curves.png"));
        }
        return history;
    }

    /// <summary>Sets requires-grad by the schedule; returns the frozen stages (kept in eval mode while training).</summary>
    private static IReadOnlyList<nn.Module> ApplyFreezing(LipSyncNet net, FreezeSchedule schedule, int epoch)
    {
        foreach (var p in net.parameters()) p.requires_grad = true;
        var frozen = schedule.Frozen(net, epoch);
        foreach (var module in frozen)
            foreach (var p in module.parameters()) p.requires_grad = false;
        return frozen;
    }

    private (double Loss, double Accuracy) TrainEpoch(
        LipSyncNet net, Adam optimizer, IReadOnlyList<SampleWindow> train, IReadOnlyList<nn.Module> frozen, int epoch, Device device,
        CancellationToken cancellationToken)
    {
        net.train();
        // Frozen stages keep their batch-norm statistics: eval mode stops the running means from drifting.
        foreach (var module in frozen) module.eval();
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(unchecked((_options.Seed * 7919) + epoch)).Shuffle(order);
        var batches = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        double lossSum = 0;
        int correct = 0, seen = 0;
        // Seeded per epoch (not per process), so a resumed run draws the same transforms as an uninterrupted one.
        var augmenter = _options.Augmentation is { } augmentation ? new Augmenter(augmentation, unchecked((_options.Seed * 31) + epoch)) : null;
        var (realWeight, fakeWeight) = ClassWeights(train);
        optimizer.zero_grad();
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var windows = order.Skip(b * _options.BatchSize).Take(_options.BatchSize).Select(i => augmenter is null ? train[i] : augmenter.Apply(train[i])).ToList();
            using (NewDisposeScope())
            {
                using var batch = WindowBatcher.Batch(windows, device);
                var logit = Logit(net, batch);
                using var weights = (batch.Labels * (fakeWeight - realWeight)) + realWeight;
                var loss = nn.functional.binary_cross_entropy_with_logits(logit, batch.Labels, weights);
                (loss / _options.Accumulate).backward();
                if ((b + 1) % _options.Accumulate == 0 || b == batches - 1)
                {
                    optimizer.step();
                    optimizer.zero_grad();
                }
                lossSum += loss.item<float>() * windows.Count;
                correct += (int)(logit.ge(0).to(float32) == batch.Labels).sum().item<long>();
                seen += windows.Count;
            }
            _progress?.Report(new TrainingProgress(epoch, _options.Epochs, b + 1, batches, lossSum / seen, "train"));
        }
        return (lossSum / seen, (double)correct / seen);
    }

    /// <summary>Validation loss, accuracy at 0.5 and AUC.</summary>
    private (double Loss, double Accuracy, double Auc) Validate(LipSyncNet net, IReadOnlyList<SampleWindow> validation, int epoch, Device device)
    {
        var scores = WindowScorer.Score(net, validation, device, _options.Objective, _options.BatchSize);
        var (realWeight, fakeWeight) = ClassWeights(validation);
        double loss = 0;
        var correct = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var p = Math.Clamp(scores[i], 1e-7, 1 - 1e-7);
            loss -= validation[i].Label == 1 ? fakeWeight * Math.Log(p) : realWeight * Math.Log(1 - p);
            if ((scores[i] >= 0.5 ? 1 : 0) == validation[i].Label) correct++;
        }
        var labels = validation.Select(w => w.Label).ToList();
        var auc = labels.Distinct().Count() == 2 ? BinaryMetrics.Compute(scores, labels).Auc : double.NaN;
        _progress?.Report(new TrainingProgress(epoch, _options.Epochs, 1, 1, loss / scores.Count, "validate"));
        return (loss / scores.Count, (double)correct / scores.Count, auc);
    }

    /// <summary>Loss weights of real and fake windows: 1 and 1, or with <see cref="TrainingOptions.BalanceClasses"/> such
    /// that both classes weigh half of the set (n / 2·n_class), so a fake-heavy mix cannot be fitted by always saying fake.</summary>
    private (float Real, float Fake) ClassWeights(IReadOnlyList<SampleWindow> windows)
    {
        var fakes = windows.Count(w => w.Label == 1);
        if (!_options.BalanceClasses || fakes == 0 || fakes == windows.Count) return (1f, 1f);
        return ((float)(windows.Count / (2.0 * (windows.Count - fakes))), (float)(windows.Count / (2.0 * fakes)));
    }

    private Tensor Logit(LipSyncNet net, WindowBatch batch)
    {
        var output = net.forward(batch.Crops, batch.Mel, batch.Lips);
        // Sync objective: label 1 means "out of sync", so the fake logit is the negated sync logit.
        return _options.Objective == TrainingObjective.Detect ? output.Logit : -output.SyncLogit;
    }

    private void WriteCard(LipSyncNet net, IReadOnlyList<SampleWindow> train, IReadOnlyList<SampleWindow> validation, TrainingRun run,
        List<EpochMetrics> history, int bestEpoch, string precision)
    {
        var previous = File.Exists(run.CardPath) ? DetectorCard.Load(run.CardPath) : null;
        new DetectorCard
        {
            Network = net.Options, ParameterCount = net.ParameterCount, Command = run.Command, Settings = _options,
            DataDirectory = CardPaths.Relative(run.DataDirectory, run.OutputDirectory),
            TrainGroups = train.Select(w => w.Group).Distinct().Order(StringComparer.Ordinal).ToList(),
            ValidationGroups = validation.Select(w => w.Group).Distinct().Order(StringComparer.Ordinal).ToList(),
            Counts = new Dictionary<string, int>
            {
                ["train_real"] = train.Count(w => w.Label == 0), ["train_fake"] = train.Count(w => w.Label == 1),
                ["validation_real"] = validation.Count(w => w.Label == 0), ["validation_fake"] = validation.Count(w => w.Label == 1),
            },
            Windows = KindCounts(train, validation, w => w.Kind),
            Videos = KindCounts(train.DistinctBy(w => (w.VideoPath, w.Kind)).ToList(), validation.DistinctBy(w => (w.VideoPath, w.Kind)).ToList(), w => w.Kind),
            Epochs = history.ToList(), BestEpoch = bestEpoch, Pretrained = run.Pretrained ?? previous?.Pretrained,
            PretrainedFile = run.PretrainedFile ?? previous?.PretrainedFile, Precision = precision,
            Threshold = previous?.Threshold ?? 0.5, ThresholdMethod = previous?.ThresholdMethod ?? "default", Calibration = previous?.Calibration,
            PipelineVersion = PipelineVersion(net.Options),
        }.Save(run.CardPath);
    }

    /// <summary>Counts per split side and kind (<c>train/real</c>, <c>validation/shift</c>, …).</summary>
    private static SortedDictionary<string, int> KindCounts(IReadOnlyList<SampleWindow> train, IReadOnlyList<SampleWindow> validation, Func<SampleWindow, string> key)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (side, windows) in new[] { ("train", train), ("validation", validation) })
            foreach (var g in windows.GroupBy(key)) counts[$"{side}/{g.Key}"] = g.Count();
        return counts;
    }

    /// <summary>The preprocessing version recorded in cards: assembly version and the window geometry.</summary>
    public static string PipelineVersion(LipSyncNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var version = typeof(Trainer).Assembly.GetName().Version?.ToString() ?? "0";
        return string.Create(CultureInfo.InvariantCulture, $"lipsyncguard {version}; 25 fps; {options.Frames}-frame windows; {options.CropSize}px crops; {options.MelBins} mel bins @ 100 fps");
    }

    private static void WriteCsv(string path, IReadOnlyList<EpochMetrics> history)
    {
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,val_loss,val_accuracy,val_auc,lr,lr_encoder,seconds,frozen\n");
        foreach (var h in history)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{h.Epoch},{h.TrainLoss:0.######},{h.TrainAccuracy:0.####},{h.ValidationLoss:0.######},{h.ValidationAccuracy:0.####},{h.ValidationAuc:0.####},{h.LearningRate:g6},{h.EncoderLearningRate:g6},{h.Seconds:0.###},{string.Join(' ', h.Frozen)}\n");
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
