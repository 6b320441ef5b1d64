using ScottPlot;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training;

/// <summary>PNG charts of training curves and evaluation results (ScottPlot).</summary>
public static class TrainingPlots
{
    /// <summary>Loss and accuracy per epoch (train and validation) into <paramref name="path"/>.</summary>
    public static void Curves(IReadOnlyList<EpochMetrics> history, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0) return;
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var multi = new Multiplot();
        multi.AddPlots(2);
        var loss = multi.GetPlot(0);
        loss.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray()).LegendText = "train loss";
        loss.Add.Scatter(epochs, history.Select(h => Finite(h.ValidationLoss)).ToArray()).LegendText = "validation loss";
        loss.Title("Loss");
        loss.XLabel("epoch");
        loss.ShowLegend();
        var accuracy = multi.GetPlot(1);
        accuracy.Add.Scatter(epochs, history.Select(h => h.TrainAccuracy).ToArray()).LegendText = "train accuracy";
        accuracy.Add.Scatter(epochs, history.Select(h => Finite(h.ValidationAccuracy)).ToArray()).LegendText = "validation accuracy";
        accuracy.Add.Scatter(epochs, history.Select(h => Finite(h.ValidationAuc)).ToArray()).LegendText = "validation AUC";
        accuracy.Title("Accuracy / AUC");
        accuracy.XLabel("epoch");
        accuracy.Axes.SetLimitsY(0, 1.05);
        accuracy.ShowLegend();
        Save(path, p => multi.SavePng(p, 1000, 800));
    }

    /// <summary>ROC curve of <paramref name="scores"/> against <paramref name="labels"/> (1 = fake).</summary>
    public static void Roc(IReadOnlyList<double> scores, IReadOnlyList<int> labels, double auc, string path)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var positives = labels.Count(l => l == 1);
        var negatives = labels.Count - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        foreach (var t in scores.Distinct().OrderDescending())
        {
            int tp = 0, fp = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                if (scores[i] < t) continue;
                if (labels[i] == 1) tp++;
                else fp++;
            }
            fpr.Add(negatives == 0 ? 0 : (double)fp / negatives);
            tpr.Add(positives == 0 ? 0 : (double)tp / positives);
        }
        var plot = new Plot();
        plot.Add.Scatter(fpr.ToArray(), tpr.ToArray()).LegendText = $"AUC {auc:0.000}";
        plot.Add.Line(0, 0, 1, 1).LinePattern = LinePattern.Dashed;
        plot.Title("ROC");
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend();
        Save(path, p => plot.SavePng(p, 700, 600));
    }

    /// <summary>Score histograms of reals and fakes with the threshold marked.</summary>
    public static void Histogram(IReadOnlyList<double> scores, IReadOnlyList<int> labels, double threshold, string path)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        const int bins = 20;
        var plot = new Plot();
        foreach (var (label, name) in new[] { (0, "real"), (1, "fake") })
        {
            var counts = new double[bins];
            for (var i = 0; i < scores.Count; i++)
                if (labels[i] == label) counts[Math.Clamp((int)(scores[i] * bins), 0, bins - 1)]++;
            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => (b + 0.5) / bins).ToArray(), counts);
            bars.LegendText = name;
            foreach (var bar in bars.Bars)
            {
                bar.Size = 0.9 / bins;
                bar.FillColor = label == 0 ? Colors.SteelBlue.WithAlpha(0.6) : Colors.OrangeRed.WithAlpha(0.6);
            }
        }
        plot.Add.VerticalLine(threshold).LegendText = $"threshold {threshold:0.000}";
        plot.Title("Scores (probability of fake)");
        plot.XLabel("score");
        plot.YLabel("windows");
        plot.ShowLegend();
        Save(path, p => plot.SavePng(p, 800, 500));
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;

    private static void Save(string path, Action<string> save)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // ScottPlot picks the encoder from the extension, so the temp file keeps .png.
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Guid.NewGuid():N}.png");
        try
        {
            save(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
