using System.Globalization;
using System.Text;
using LipSyncGuard.Data;
using LipSyncGuard.Media;
using LipSyncGuard.Training;

namespace LipSyncGuard.Bench;

/// <summary>The shortcut probe of issue 12: a logistic regression that sees only container metadata (size, frame rate,
/// codecs, bit rate, duration, audio format) — nothing about faces or sync — fitted on a training set and scored on a
/// test set, per kind. Its AUC is how much a model could gain by learning the container instead of the mouth.</summary>
internal static class MetadataProbe
{
    private static readonly string[] Names =
        ["log width", "log height", "aspect", "fps", "log bitrate", "log duration", "log bytes", "audio kHz", "audio channels", "h264", "yuv420p", "mp4"];

    public static async Task<string> RunAsync(BenchOptions options)
    {
        if (options.Train is null || options.Test is null) throw new ArgumentException("metadata-probe needs --train DIR --test DIR (datasets with manifest.csv)");
        var prober = new MediaProber();
        async Task<(List<double[]> X, List<DatasetItem> Items)> Load(string dir)
        {
            var items = Dataset.Load(dir).Where(i => File.Exists(i.Path)).ToList();
            var x = new List<double[]>();
            foreach (var item in items) x.Add(Features(await prober.ProbeAsync(item.Path).ConfigureAwait(false)));
            return (x, items);
        }
        var (trainX, train) = await Load(options.Train).ConfigureAwait(false);
        var (testX, test) = await Load(options.Test).ConfigureAwait(false);

        // Standardise on the training set, then the same logistic regression the verdict fusion uses (unweighted classes).
        var d = Names.Length;
        var mean = Enumerable.Range(0, d).Select(j => trainX.Average(r => r[j])).ToArray();
        var std = Enumerable.Range(0, d).Select(j => Math.Sqrt(trainX.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]))) + 1e-9).ToArray();
        double[] Z(double[] r) => [.. r.Select((v, j) => (v - mean[j]) / std[j])];
        var zTrain = trainX.Select(Z).ToList();
        var (w, b) = LogisticRegression.Fit(zTrain, [.. train.Select(i => i.Label)], new double[d], balanced: false, rate: 0.1, l2: 1e-3, steps: 3000);
        var scores = testX.Select(r => LogisticRegression.Sigmoid(LogisticRegression.Linear(w, Z(r), b))).ToList();
        var report = Evaluator.Evaluate(scores, [.. test.Select(i => i.Label)], [.. test.Select(i => i.Kind)], 0.5);
        var trainReport = Evaluator.Evaluate([.. zTrain.Select(r => LogisticRegression.Sigmoid(LogisticRegression.Linear(w, r, b)))], [.. train.Select(i => i.Label)], [.. train.Select(i => i.Kind)], 0.5);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Metadata-only probe ({train.Count} training, {test.Count} test videos)").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"features: {string.Join(", ", Names)}; training AUC {trainReport.Overall.Auc:0.000}").AppendLine()
            .AppendLine("| test set | videos | AUC |").AppendLine("|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| all | {report.Overall.Count} | {report.Overall.Auc:0.000} |");
        foreach (var (kind, m) in report.PerKind) text.AppendLine(CultureInfo.InvariantCulture, $"| real vs {kind} | {m.Count} | {m.Auc:0.000} |");
        text.AppendLine().AppendLine("weights (standardised): " + string.Join(", ", Names.Zip(w, (n, v) => string.Create(CultureInfo.InvariantCulture, $"{n} {v:+0.00;-0.00}"))));
        return text.ToString();
    }

    private static double[] Features(MediaInfo info)
    {
        var v = info.Video;
        var a = info.Audio;
        return
        [
            Math.Log(Math.Max(1, v?.Width ?? 1)), Math.Log(Math.Max(1, v?.Height ?? 1)), (v?.Width ?? 1) / (double)Math.Max(1, v?.Height ?? 1),
            v?.AverageFps ?? 0, Math.Log(Math.Max(1, info.BitRate ?? 1)), Math.Log(Math.Max(0.1, info.Duration.TotalSeconds)), Math.Log(Math.Max(1, info.SizeBytes)),
            (a?.SampleRate ?? 0) / 1000.0, a?.Channels ?? 0, v?.Codec == "h264" ? 1 : 0, v?.PixelFormat == "yuv420p" ? 1 : 0,
            info.FormatName.Contains("mp4", StringComparison.Ordinal) ? 1 : 0,
        ];
    }
}
