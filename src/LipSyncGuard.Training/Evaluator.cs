using LipSyncGuard.Data;
using LipSyncGuard.Model.Networks;
using static TorchSharp.torch;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training;

/// <summary>Scores windows with a trained network and computes ACC, AUC, AP, EER, FPR, FNR (via <see cref="BinaryMetrics"/>),
/// per-kind breakdowns, the calibrated threshold, and the ROC / histogram charts.</summary>
public static class Evaluator
{
    /// <summary>Scores <paramref name="windows"/> and evaluates at <paramref name="threshold"/> (null: the EER threshold).</summary>
    public static EvaluationReport Evaluate(LipSyncNet net, IReadOnlyList<SampleWindow> windows, double? threshold = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(windows);
        var scores = WindowScorer.Score(net, windows, device);
        return Evaluate(scores, windows.Select(w => w.Label).ToList(), windows.Select(w => w.Kind).ToList(), threshold);
    }

    /// <summary>Evaluates given scores (the part that needs no network).</summary>
    public static EvaluationReport Evaluate(IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<string> kinds, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(kinds);
        var overall = BinaryMetrics.Compute(scores, labels, threshold);
        var perKind = new SortedDictionary<string, BinaryMetrics>(StringComparer.Ordinal);
        var fakeKinds = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 1).Select(i => kinds[i]).Distinct().ToList();
        if (fakeKinds.Count > 1)
        {
            foreach (var kind in fakeKinds)
            {
                var pick = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 0 || kinds[i] == kind).ToList();
                perKind[kind] = BinaryMetrics.Compute(pick.Select(i => scores[i]).ToList(), pick.Select(i => labels[i]).ToList(), overall.Threshold);
            }
        }
        return new EvaluationReport(overall, perKind, scores, labels);
    }

    /// <summary>The threshold for <paramref name="method"/>: <c>eer</c> (equal error rate) or <c>fpr=X</c> (the lowest
    /// threshold whose false positive rate on reals is at most X).</summary>
    public static double Calibrate(IReadOnlyList<double> scores, IReadOnlyList<int> labels, string method)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(method);
        if (method == "eer") return BinaryMetrics.Compute(scores, labels).EerThreshold;
        if (method.StartsWith("fpr=", StringComparison.Ordinal)
            && double.TryParse(method.AsSpan(4), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var target)
            && target is >= 0 and < 1)
        {
            var reals = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 0).Select(i => scores[i]).OrderDescending().ToList();
            if (reals.Count == 0) throw new ArgumentException("calibrating a false positive rate needs real items", nameof(labels));
            // Reals scoring ≥ t are false positives: allow at most floor(target × n) of them.
            var allowed = (int)Math.Floor(target * reals.Count);
            return allowed >= reals.Count ? reals[^1] : Math.BitIncrement(reals[allowed]);
        }
        throw new ArgumentException($"calibration '{method}' is unknown: expected eer or fpr=X with X in [0, 1)", nameof(method));
    }

    /// <summary>Writes <c>roc.png</c> and <c>scores.png</c> into <paramref name="directory"/>.</summary>
    public static void WriteCharts(EvaluationReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        TrainingPlots.Roc(report.Scores, report.Labels, report.Overall.Auc, Path.Combine(directory, "roc.png"));
        TrainingPlots.Histogram(report.Scores, report.Labels, report.Overall.Threshold, Path.Combine(directory, "scores.png"));
    }
}
