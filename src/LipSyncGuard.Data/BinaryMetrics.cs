namespace LipSyncGuard.Data;

/// <summary>Detection metrics for scores where higher means "more likely fake" and label 1 = fake.</summary>
/// <param name="Count">Scored items.</param>
/// <param name="Auc">Area under the ROC curve (ties count half).</param>
/// <param name="AveragePrecision">Area under the precision–recall curve (step-wise, as scikit-learn).</param>
/// <param name="Eer">Equal error rate.</param>
/// <param name="EerThreshold">The threshold at the equal error rate.</param>
/// <param name="Threshold">The threshold the rates below use (score ≥ threshold → fake).</param>
/// <param name="Accuracy">Accuracy at <paramref name="Threshold"/>.</param>
/// <param name="Fpr">False positive rate (reals called fake).</param>
/// <param name="Fnr">False negative rate (fakes called real).</param>
public sealed record BinaryMetrics(int Count, double Auc, double AveragePrecision, double Eer, double EerThreshold, double Threshold, double Accuracy, double Fpr, double Fnr)
{
    /// <summary>Computes the metrics; <paramref name="threshold"/> defaults to the EER threshold.</summary>
    public static BinaryMetrics Compute(IReadOnlyList<double> scores, IReadOnlyList<int> labels, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels", nameof(labels));
        var positives = labels.Count(l => l == 1);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("metrics need both real (0) and fake (1) items", nameof(labels));
        var auc = AreaUnderRoc(scores, labels, positives, negatives);
        var ap = AveragePrecisionOf(scores, labels, positives);
        var (eer, eerThreshold) = EqualErrorRate(scores, labels, positives, negatives);
        var t = threshold ?? eerThreshold;
        int tp = 0, fp = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] < t) continue;
            if (labels[i] == 1) tp++;
            else fp++;
        }
        var tn = negatives - fp;
        return new BinaryMetrics(scores.Count, auc, ap, eer, eerThreshold, t, (double)(tp + tn) / scores.Count, (double)fp / negatives, (double)(positives - tp) / positives);
    }

    /// <summary>Mann–Whitney AUC: the chance that a random fake scores above a random real, ties counted half.</summary>
    private static double AreaUnderRoc(IReadOnlyList<double> scores, IReadOnlyList<int> labels, int positives, int negatives)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var m = i; m <= j; m++) if (labels[order[m]] == 1) rankSum += rank;
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    private static double AveragePrecisionOf(IReadOnlyList<double> scores, IReadOnlyList<int> labels, int positives)
    {
        var distinct = scores.Distinct().OrderByDescending(s => s).ToArray();
        double ap = 0, previousRecall = 0;
        foreach (var t in distinct)
        {
            int tp = 0, predicted = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                if (scores[i] < t) continue;
                predicted++;
                if (labels[i] == 1) tp++;
            }
            var recall = (double)tp / positives;
            ap += (recall - previousRecall) * ((double)tp / predicted);
            previousRecall = recall;
        }
        return ap;
    }

    /// <summary>The threshold where the false positive and false negative rates cross, and the rate there (the mean of the
    /// two at the closest candidate threshold).</summary>
    private static (double Eer, double Threshold) EqualErrorRate(IReadOnlyList<double> scores, IReadOnlyList<int> labels, int positives, int negatives)
    {
        var best = (Gap: double.MaxValue, Eer: 1.0, Threshold: 0.0);
        foreach (var t in scores.Distinct().Append(double.PositiveInfinity))
        {
            int fp = 0, fn = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                if (labels[i] == 1 && scores[i] < t) fn++;
                if (labels[i] == 0 && scores[i] >= t) fp++;
            }
            double fpr = (double)fp / negatives, fnr = (double)fn / positives;
            var gap = Math.Abs(fpr - fnr);
            if (gap < best.Gap || (gap == best.Gap && t < best.Threshold)) best = (gap, (fpr + fnr) / 2, t);
        }
        return (best.Eer, best.Threshold);
    }
}
