namespace LipSyncGuard.Training;

/// <summary>How a face's pieces of evidence become one probability: a logistic regression over the detector's mean
/// window probability, the landmark sync measure's probability of mismatch and the mouth-texture cue's probability of
/// generator texture (each as a logit), plus whether the sync measure could judge the face at all. Fitted on the
/// validation videos of the training run (never on test data), so the weights say how much each cue is worth on footage
/// the detector did not train on.</summary>
/// <param name="DetectorWeight">Weight of logit(detector probability).</param>
/// <param name="SyncWeight">Weight of logit(1 − sync score) when the sync measure judged the face.</param>
/// <param name="JudgedWeight">Added when the sync measure judged the face.</param>
/// <param name="Bias">Intercept.</param>
/// <param name="TextureWeight">Weight of max(0, logit(texture probability)) when the card has a <see cref="TextureCue"/>
/// and it judged the face (0 in cards fitted without one).</param>
public sealed record VerdictFusion(double DetectorWeight, double SyncWeight, double JudgedWeight, double Bias, double TextureWeight = 0)
{
    private const double Clamp = 1e-4;

    /// <summary>The fused probability of manipulation.</summary>
    public double Combine(double detector, double? syncManipulation, double? texture = null) =>
        LogisticRegression.Sigmoid(LogisticRegression.Linear([DetectorWeight, SyncWeight, JudgedWeight, TextureWeight], Features(detector, syncManipulation, texture), Bias));

    /// <summary>Fits the weights by L2-regularised logistic regression (classes weighted equally, so the fakes'
    /// majority in validation sets does not shift the intercept), starting from the detector alone. Without
    /// <paramref name="texture"/> the texture weight stays 0.</summary>
    public static VerdictFusion Fit(
        IReadOnlyList<double> detector, IReadOnlyList<double?> syncManipulation, IReadOnlyList<int> labels, IReadOnlyList<double?>? texture = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(syncManipulation);
        ArgumentNullException.ThrowIfNull(labels);
        var n = labels.Count;
        if (detector.Count != n || syncManipulation.Count != n || (texture is not null && texture.Count != n))
            throw new ArgumentException("one detector score, sync value, texture value and label per video is needed");
        var positives = labels.Count(l => l == 1);
        if (positives == 0 || positives == n) throw new ArgumentException("fitting the fusion needs real and fake videos", nameof(labels));
        var x = Enumerable.Range(0, n).Select(i => Features(detector[i], syncManipulation[i], texture?[i])).ToList();
        var (w, b) = LogisticRegression.Fit(x, labels, [1, 0, 0, 0], balanced: true, rate: 0.05, l2: 1e-3, steps: 4000);
        return new VerdictFusion(w[0], w[1], w[2], b, w[3]);
    }

    /// <summary>logit(detector), logit(sync mismatch) or 0, whether the sync measure judged, and the texture logit's
    /// positive part: the texture cue was fitted to find generator paint, so a mouth that looks unpainted is no
    /// evidence of authenticity (a frozen or re-timed real mouth looks perfectly unpainted).</summary>
    private static double[] Features(double detector, double? syncManipulation, double? texture) =>
        [Logit(detector), syncManipulation is { } s ? Logit(s) : 0, syncManipulation is null ? 0 : 1, texture is { } t ? Math.Max(0, Logit(t)) : 0];

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, Clamp, 1 - Clamp);
        return Math.Log(q / (1 - q));
    }
}
