using System.CommandLine;
using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Data;
using LipSyncGuard.Sync;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Training;
using Spectre.Console;
using TorchSharp;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync evaluate</c>: metrics of trained weights on a dataset, charts, and threshold calibration into the card.</summary>
public static class EvaluateCommand
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Dataset to evaluate on (AVLips layout or manifest.csv).", Required = true };
        var weights = new Option<string>("--weights") { Description = "best_model.safetensors (its folder's model_card.json receives the calibration).", Required = true };
        var report = new Option<string?>("--report") { Description = "Folder for roc.png, scores.png and metrics.json." };
        var threshold = new Option<double?>("--threshold") { Description = "Threshold for ACC/FPR/FNR (default: the card's calibrated one)." };
        var calibrate = new Option<string?>("--calibrate") { Description = "Calibrate the threshold: eer or fpr=X; saved into the model card." };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N, mps or auto.", DefaultValueFactory = _ => "cpu" };
        var perVideo = new Option<int>("--windows-per-video") { Description = "Most windows per video.", DefaultValueFactory = _ => 8 };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Feature cache (filled by preprocessing on first use).", DefaultValueFactory = _ => Path.Combine(".cache", "features") };
        var subset = new Option<string>("--subset")
        {
            Description = "all: every video of --data-dir; validation: only the videos of the weights' own validation split (split.json), e.g. to calibrate without touching test data.",
            DefaultValueFactory = _ => "all",
        };
        var record = new Option<string?>("--record") { Description = "Save the video-level metrics and per-video scores into the model card under this name." };
        var fitFusion = new Option<bool>("--fit-fusion")
        {
            Description = "Fit how the detector, the landmark sync measure and the texture cue (when the card has one) combine into the verdict (logistic regression on these videos: use validation videos, never test ones); saved into the card.",
        };
        var syncModel = new Option<string?>("--sync-model") { Description = "The sync measure evaluated beside the detector (default: the shipped one)." };
        var command = new Command("evaluate", "Evaluate weights per video (mean of its windows, as analyze does): ACC, AUC, AP, EER, FPR, FNR, per kind and generator, ROC and score histogram.")
        {
            dataDir, weights, report, threshold, calibrate, device, perVideo, cacheDir, subset, record, fitFusion, syncModel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var torchDevice = TrainingCommandSupport.Device(parse.GetValue(device)!);
            var path = parse.GetValue(weights)!;
            if (!File.Exists(path)) throw new UsageException($"--weights '{path}' does not exist", UsageException.NotFoundCode);
            var items = TrainingCommandSupport.Items(parse.GetValue(dataDir)!);
            var weightsDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            items = parse.GetValue(subset) switch
            {
                "all" => items,
                "validation" => [.. ValidationItems(items, weightsDirectory, parse.GetValue(dataDir)!)],
                var other => throw new UsageException($"--subset '{other}' is unknown: expected all or validation"),
            };
            using var net = TrainingCommandSupport.Network(path, "default");
            try
            {
                ModelCheckpoint.Load(net, path, requireAll: true);
            }
            catch (CheckpointMismatchException e)
            {
                throw new UsageException($"--weights: {e.Message}");
            }
            net.to(torchDevice);
            var cardPath = LipSyncDetector.CardPath(path);
            var card = File.Exists(cardPath) ? DetectorCard.Load(cardPath) : null;
            var windowOptions = TrainingCommandSupport.Check(() => (WindowSourceOptions.Default with { MaxWindowsPerVideo = parse.GetValue(perVideo) }).Validate());
            var windows = await TrainingCommandSupport.LoadAsync(items, parse.GetValue(cacheDir)!, windowOptions, new ConsoleLogger(), cancellationToken).ConfigureAwait(false);
            if (windows.Select(w => w.Label).Distinct().Count() < 2) throw new UsageException("evaluation needs windows of both real and fake videos");
            var scores = WindowScorer.Score(net, windows, torchDevice);
            var generators = items.ToDictionary(i => i.Path, i => i.Generator, StringComparer.Ordinal);
            var syncPath = parse.GetValue(syncModel) ?? LipSyncAnalyzerOptions.Default.ResolveSyncModelPath();
            if (!File.Exists(syncPath)) throw new UsageException($"sync model '{syncPath}' does not exist (run ./setup.sh, or pass --sync-model)");
            var texture = card?.Texture;
            var sync = SyncModel.Load(syncPath);
            // Which sync measure scored these videos: fused figures mean little without it (a measure fitted on the
            // test reals scores them in-sample).
            var syncUsed = $"{Path.GetFileName(syncPath)}: {sync.Provenance}";
            var cues = await CuesByPathAsync(items, new FeatureCache(parse.GetValue(cacheDir)!), new SyncScorer(sync), texture, cancellationToken).ConfigureAwait(false);
            var fusion = card?.Fusion;
            if (parse.GetValue(fitFusion))
            {
                if (card is null) throw new UsageException($"--fit-fusion: no model card at '{cardPath}'");
                var alone = VideoScore.Aggregate(windows, scores, generators, cues);
                fusion = TrainingCommandSupport.Check(() => VerdictFusion.Fit(
                    [.. alone.Select(v => v.Detector)], [.. alone.Select(v => v.Sync)], [.. alone.Select(v => v.Label)], texture is null ? null : [.. alone.Select(v => v.Texture)])) with { SyncModel = syncUsed };
                card = card with { Fusion = fusion };
                card.Save(cardPath);
                AnsiConsole.MarkupLine($"fusion: {Markup.Escape(fusion.Describe(texture is not null))} → [green]{Markup.Escape(cardPath)}[/]");
            }
            var videos = VideoScore.Aggregate(windows, scores, generators, cues, fusion);
            var videoScores = videos.Select(v => v.Score).ToList();
            var labels = videos.Select(v => v.Label).ToList();
            var kinds = videos.Select(v => v.Kind).ToList();
            var method = parse.GetValue(calibrate);
            double? chosen = parse.GetValue(threshold);
            if (method is not null) chosen = TrainingCommandSupport.Check(() => Evaluator.Calibrate(videoScores, labels, method));
            chosen ??= card?.Threshold ?? 0.5;
            var result = Evaluator.Evaluate(videoScores, labels, kinds, chosen);
            var byGenerator = Evaluator.Evaluate(videoScores, labels, videos.Select(v => v.Label == 0 ? "real" : v.Generator).ToList(), chosen).PerKind;
            var windowLevel = BinaryMetrics.Compute(scores, windows.Select(w => w.Label).ToList(), chosen);
            var cueAuc = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                ["detector"] = CueAuc([.. videos.Select(v => v.Detector)], labels, kinds),
                ["sync"] = CueAuc([.. videos.Select(v => v.Sync ?? 0.5)], labels, kinds),
            };
            if (texture is not null) cueAuc["texture"] = CueAuc([.. videos.Select(v => v.Texture ?? 0.5)], labels, kinds);
            Print(result, byGenerator, videos.Count, windowLevel, cueAuc, fusion is not null);
            if (method is not null && card is not null)
            {
                card = card with { Threshold = result.Overall.Threshold, ThresholdMethod = $"{method} on {parse.GetValue(subset)} of {CardPaths.Relative(parse.GetValue(dataDir)!, Path.GetDirectoryName(Path.GetFullPath(cardPath))!)}", Calibration = result.Overall };
                card.Save(cardPath);
                AnsiConsole.MarkupLine($"threshold {result.Overall.Threshold:0.0000} ({Markup.Escape(method)}) saved to [green]{Markup.Escape(cardPath)}[/]");
            }
            if (parse.GetValue(record) is { } name)
            {
                if (card is null) throw new UsageException($"--record: no {DetectorCard.FileName} beside the weights");
                var evaluations = new Dictionary<string, CardEvaluation>(card.Evaluations)
                {
                    // Named as training names its data: relative to the card, never the machine's absolute path.
                    [name] = new(CardPaths.Relative(parse.GetValue(dataDir)!, Path.GetDirectoryName(Path.GetFullPath(cardPath))!), DateTime.UtcNow, result.Overall, result.PerKind, byGenerator, videos) { CueAuc = cueAuc, SyncModel = syncUsed },
                };
                (card with { Evaluations = evaluations }).Save(cardPath);
                AnsiConsole.MarkupLine($"recorded as '{Markup.Escape(name)}' in [green]{Markup.Escape(cardPath)}[/]");
            }
            if (parse.GetValue(report) is { } dir)
            {
                Directory.CreateDirectory(dir);
                Evaluator.WriteCharts(result, dir);
                AtomicFile.WriteAllText(Path.Combine(dir, "metrics.json"),
                    System.Text.Json.JsonSerializer.Serialize(new { result.Overall, result.PerKind, PerGenerator = byGenerator, CueAuc = cueAuc, WindowLevel = windowLevel, Videos = videos }, Json));
                AnsiConsole.MarkupLine($"report → [green]{Markup.Escape(dir)}[/] (roc.png, scores.png, metrics.json)");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(EvaluationReport report, IReadOnlyDictionary<string, BinaryMetrics> byGenerator, int videos, BinaryMetrics windowLevel,
        Dictionary<string, IReadOnlyDictionary<string, double>> cueAuc, bool fused)
    {
        var table = new Table().AddColumns(["videos", "n", "ACC", "AUC", "AP", "EER", "FPR", "FNR", .. cueAuc.Keys.Select(cue => $"AUC {cue}")]);
        void Row(string name, string key, BinaryMetrics m) => table.AddRow([Markup.Escape(name), m.Count.ToString(CultureInfo.InvariantCulture),
            F(m.Accuracy), F(m.Auc), F(m.AveragePrecision), F(m.Eer), F(m.Fpr), F(m.Fnr),
            .. cueAuc.Values.Select(auc => auc.TryGetValue(key, out var a) ? F(a) : "")]);
        Row("all", "all", report.Overall);
        foreach (var (kind, m) in report.PerKind) Row($"real + {kind}", kind, m);
        foreach (var (generator, m) in byGenerator) Row($"real + {generator}", "", m);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{videos} videos, {(fused ? "detector + cues fused" : "detector alone")}, threshold {report.Overall.Threshold:0.0000}; per window: n {windowLevel.Count}, AUC {F(windowLevel.Auc)}, ACC {F(windowLevel.Accuracy)}");
    }

    /// <summary>AUC of one cue overall and per fake kind.</summary>
    private static Dictionary<string, double> CueAuc(IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<string> kinds)
    {
        var report = Evaluator.Evaluate(scores, labels, kinds);
        var result = new Dictionary<string, double> { ["all"] = report.Overall.Auc };
        foreach (var (kind, m) in report.PerKind) result[kind] = m.Auc;
        return result;
    }

    /// <summary>The sync measure's mismatch probability and the texture cue's probability per video, from its cached
    /// entry (each null when not judged).</summary>
    private static async Task<Dictionary<string, VideoCues>> CuesByPathAsync(
        IReadOnlyList<DatasetItem> items, FeatureCache cache, SyncScorer scorer, TextureCue? texture, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, VideoCues>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (await cache.TryLoadAsync(item, cancellationToken).ConfigureAwait(false) is { } video)
                result[item.Path] = new VideoCues(CachedSync.Manipulation(video, scorer), texture?.Manipulation(video));
        }
        return result;
    }

    /// <summary>The items of the weights' validation split (its videos named relative to <paramref name="dataDirectory"/>).</summary>
    private static List<DatasetItem> ValidationItems(IReadOnlyList<DatasetItem> items, string weightsDirectory, string dataDirectory)
    {
        var splitPath = Path.Combine(weightsDirectory, DataSplit.FileName);
        if (!File.Exists(splitPath)) throw new UsageException($"--subset validation: no {DataSplit.FileName} beside the weights");
        var validation = DataSplit.Load(splitPath, dataDirectory).Validation.ToHashSet(StringComparer.Ordinal);
        var picked = items.Where(i => validation.Contains(i.Path)).ToList();
        if (picked.Count == 0) throw new UsageException($"--subset validation: none of the {DataSplit.FileName} validation videos is in --data-dir");
        return picked;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
