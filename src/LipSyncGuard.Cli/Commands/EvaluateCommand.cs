using System.CommandLine;
using System.Globalization;
using LipSyncGuard.Data;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Training;
using Spectre.Console;
using TorchSharp;

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
        var command = new Command("evaluate", "Evaluate weights: ACC, AUC, AP, EER, FPR, FNR, per-kind breakdown, ROC and score histogram.")
        {
            dataDir, weights, report, threshold, calibrate, device, perVideo, cacheDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var torchDevice = TrainingCommandSupport.Device(parse.GetValue(device)!);
            var path = parse.GetValue(weights)!;
            if (!File.Exists(path)) throw new UsageException($"--weights '{path}' does not exist");
            var items = TrainingCommandSupport.Items(parse.GetValue(dataDir)!);
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
            var cardPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, DetectorCard.FileName);
            var card = File.Exists(cardPath) ? DetectorCard.Load(cardPath) : null;
            var windowOptions = TrainingCommandSupport.Check(() => (WindowSourceOptions.Default with { MaxWindowsPerVideo = parse.GetValue(perVideo) }).Validate());
            var windows = await TrainingCommandSupport.LoadAsync(items, parse.GetValue(cacheDir)!, windowOptions, new ConsoleLogger(), cancellationToken).ConfigureAwait(false);
            if (windows.Select(w => w.Label).Distinct().Count() < 2) throw new UsageException("evaluation needs windows of both real and fake videos");
            var scores = Trainer.Score(net, windows, torchDevice);
            var labels = windows.Select(w => w.Label).ToList();
            var method = parse.GetValue(calibrate);
            double? chosen = parse.GetValue(threshold);
            if (method is not null) chosen = TrainingCommandSupport.Check(() => Evaluator.Calibrate(scores, labels, method));
            chosen ??= card?.Threshold ?? 0.5;
            var result = Evaluator.Evaluate(scores, labels, windows.Select(w => w.Kind).ToList(), chosen);
            Print(result, windows.Count);
            if (method is not null && card is not null)
            {
                (card with { Threshold = result.Overall.Threshold, ThresholdMethod = method, Calibration = result.Overall }).Save(cardPath);
                AnsiConsole.MarkupLine($"threshold {result.Overall.Threshold:0.0000} ({Markup.Escape(method)}) saved to [green]{Markup.Escape(cardPath)}[/]");
            }
            if (parse.GetValue(report) is { } dir)
            {
                Directory.CreateDirectory(dir);
                Evaluator.WriteCharts(result, dir);
                AtomicFile.WriteAllText(Path.Combine(dir, "metrics.json"), System.Text.Json.JsonSerializer.Serialize(new { result.Overall, result.PerKind }, Json));
                AnsiConsole.MarkupLine($"report → [green]{Markup.Escape(dir)}[/] (roc.png, scores.png, metrics.json)");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(EvaluationReport report, int windows)
    {
        var table = new Table().AddColumns("set", "n", "ACC", "AUC", "AP", "EER", "FPR", "FNR");
        void Row(string name, BinaryMetrics m) => table.AddRow(Markup.Escape(name), m.Count.ToString(CultureInfo.InvariantCulture),
            F(m.Accuracy), F(m.Auc), F(m.AveragePrecision), F(m.Eer), F(m.Fpr), F(m.Fnr));
        Row("all", report.Overall);
        foreach (var (kind, m) in report.PerKind) Row($"real + {kind}", m);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{windows} windows, threshold {report.Overall.Threshold:0.0000}");
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
