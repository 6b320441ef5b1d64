namespace LipSyncGuard.Training;

/// <summary>How a face's two pieces of evidence become one probability: a logistic regression over the detector's mean
/// window probability and the landmark sync measure's probability of mismatch (both as logits), plus whether the sync
/// measure could judge the face at all. Fitted on the validation videos of the training run (never on test data), so the
/// weights say how much each cue is worth on footage the detector did not train on.</summary>
/// <param name="DetectorWeight">Weight of logit(detector probability).</param>
/// <param name="SyncWeight">Weight of logit(1 − sync score) when the sync measure judged the face.</param>
/// <param name="JudgedWeight">Added when the sync measure judged the face.</param>
/// <param name="Bias">Intercept.</param>
public sealed record VerdictFusion(double DetectorWeight, double SyncWeight, double JudgedWeight, double Bias)
{
    private const double Clamp = 1e-4;

    /// <summary>The fused probability of manipulation.</summary>
    public double Combine(double detector, double? syncManipulation)
    {
        var (d, s, j) = Features(detector, syncManipulation);
        return Sigmoid((DetectorWeight * d) + (SyncWeight * s) + (JudgedWeight * j) + Bias);
    }

    /// <summary>Fits the weights by L2-regularised logistic regression (full-batch gradient descent; classes weighted
    /// equally, so the fakes' majority in validation sets does not shift the intercept).</summary>
    public static VerdictFusion Fit(IReadOnlyList<double> detector, IReadOnlyList<double?> syncManipulation, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(syncManipulation);
        ArgumentNullException.ThrowIfNull(labels);
        var n = labels.Count;
        if (detector.Count != n || syncManipulation.Count != n) throw new ArgumentException("one detector score, sync value and label per video is needed");
        var positives = labels.Count(l => l == 1);
        if (positives == 0 || positives == n) throw new ArgumentException("fitting the fusion needs real and fake videos", nameof(labels));
        var x = Enumerable.Range(0, n).Select(i => Features(detector[i], syncManipulation[i])).ToArray();
        var weight = labels.Select(l => l == 1 ? n / (2.0 * positives) : n / (2.0 * (n - positives))).ToArray();
        double w0 = 1, w1 = 0, w2 = 0, b = 0;
        for (var step = 0; step < 4000; step++)
        {
            double g0 = 0, g1 = 0, g2 = 0, gb = 0;
            for (var i = 0; i < n; i++)
            {
                var (d, s, j) = x[i];
                var e = weight[i] * (Sigmoid((w0 * d) + (w1 * s) + (w2 * j) + b) - labels[i]);
                g0 += e * d;
                g1 += e * s;
                g2 += e * j;
                gb += e;
            }
            const double rate = 0.05, l2 = 1e-3;
            w0 -= rate * ((g0 / n) + (l2 * w0));
            w1 -= rate * ((g1 / n) + (l2 * w1));
            w2 -= rate * ((g2 / n) + (l2 * w2));
            b -= rate * gb / n;
        }
        return new VerdictFusion(w0, w1, w2, b);
    }

    private static (double Detector, double Sync, double Judged) Features(double detector, double? syncManipulation) =>
        (Logit(detector), syncManipulation is { } s ? Logit(s) : 0, syncManipulation is null ? 0 : 1);

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, Clamp, 1 - Clamp);
        return Math.Log(q / (1 - q));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
