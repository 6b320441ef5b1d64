using LipSyncGuard.Data;

namespace LipSyncGuard.Detection;

/// <summary>How a face's pieces of evidence become one probability: a logistic regression over the detector's mean
/// window probability, the landmark sync measure's probability of mismatch and the mouth-texture cue's probability of
/// generator texture (each as a logit), plus whether the sync measure could judge the face at all. Fitted on the
/// validation videos of the training run (never on test data), so the weights say how much each cue is worth on footage
/// the detector did not train on.</summary>
/// <param name="DetectorWeight">Weight of logit(detector probability).</param>
/// <param name="SyncWeight">Weight of logit(1 − sync score) when the sync measure judged the face (its positive part
/// with <paramref name="SyncOneSided"/>).</param>
/// <param name="JudgedWeight">Added when the sync measure judged the face.</param>
/// <param name="Bias">Intercept.</param>
/// <param name="TextureWeight">Weight of max(0, logit(texture probability)) when the card has a <see cref="TextureCue"/>
/// and it judged the face (0 in cards fitted without one).</param>
/// <param name="SyncOneSided">Only evidence of mismatch counts: generator fakes are often more in sync than real speech
/// (Wav2Lip-style generators train against a sync expert), so a face that looks in sync is no evidence of authenticity.
/// <see cref="Fit"/> takes it when it ranks held-out folds of the fitting videos better; false in cards fitted before
/// it existed (two-sided), which keep combining as they were fitted.</param>
/// <param name="FoldAucTwoSided">Cross-validated AUC of the two-sided form on the fitting videos (why this form; null in
/// cards fitted before the choice existed).</param>
/// <param name="FoldAucOneSided">The same for the one-sided form.</param>
public sealed record VerdictFusion(
    double DetectorWeight, double SyncWeight, double JudgedWeight, double Bias, double TextureWeight = 0, bool SyncOneSided = false,
    double? FoldAucTwoSided = null, double? FoldAucOneSided = null)
{
    private const double Clamp = 1e-4;

    /// <summary>The sync measure whose scores the weights were fitted on (file name and provenance; empty in older
    /// cards): the sync weight means nothing with another measure.</summary>
    public string SyncModel { get; init; } = "";

    /// <summary>The fused probability of manipulation.</summary>
    public double Combine(double detector, double? syncManipulation, double? texture = null) =>
        LogisticRegression.Sigmoid(LogisticRegression.Linear([DetectorWeight, SyncWeight, JudgedWeight, TextureWeight], Features(detector, syncManipulation, texture, SyncOneSided), Bias));

    /// <summary>Fits the weights by L2-regularised logistic regression (classes weighted equally, so the fakes'
    /// majority in validation sets does not shift the intercept), starting from the detector alone, with the sync term
    /// in the form (<see cref="SyncOneSided"/> or not) that ranks held-out folds of these videos better
    /// (<see cref="CompareSyncForms"/>; ties keep two-sided). Without <paramref name="texture"/> the texture weight stays 0.</summary>
    public static VerdictFusion Fit(
        IReadOnlyList<double> detector, IReadOnlyList<double?> syncManipulation, IReadOnlyList<int> labels, IReadOnlyList<double?>? texture = null)
    {
        var (twoSided, oneSided) = CompareSyncForms(detector, syncManipulation, labels, texture);
        return FitForm(detector, syncManipulation, labels, texture, syncOneSided: oneSided > twoSided) with { FoldAucTwoSided = twoSided, FoldAucOneSided = oneSided };
    }

    /// <summary>Cross-validated AUC of the fusion with a two-sided and with a one-sided sync term: 5 interleaved folds,
    /// each scored by a fusion fitted on the other four. The choice rests on the fitting videos alone.</summary>
    internal static (double TwoSided, double OneSided) CompareSyncForms(
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
        const int folds = 5;
        double FoldAuc(bool oneSided)
        {
            var scores = new double[n];
            for (var f = 0; f < folds; f++)
            {
                var train = Enumerable.Range(0, n).Where(i => i % folds != f).ToList();
                // A fold whose training part holds one class only cannot be fitted: those videos keep the prior 0.5.
                if (train.Select(i => labels[i]).Distinct().Count() < 2) continue;
                var fusion = FitForm([.. train.Select(i => detector[i])], [.. train.Select(i => syncManipulation[i])], [.. train.Select(i => labels[i])],
                    texture is null ? null : [.. train.Select(i => texture[i])], oneSided);
                for (var i = f; i < n; i += folds) scores[i] = fusion.Combine(detector[i], syncManipulation[i], texture?[i]);
            }
            return BinaryMetrics.Compute(scores, labels).Auc;
        }
        return (FoldAuc(oneSided: false), FoldAuc(oneSided: true));
    }

    private static VerdictFusion FitForm(
        IReadOnlyList<double> detector, IReadOnlyList<double?> syncManipulation, IReadOnlyList<int> labels, IReadOnlyList<double?>? texture, bool syncOneSided)
    {
        var x = Enumerable.Range(0, labels.Count).Select(i => Features(detector[i], syncManipulation[i], texture?[i], syncOneSided)).ToList();
        var (w, b) = LogisticRegression.Fit(x, labels, [1, 0, 0, 0], balanced: true, rate: 0.05, l2: 1e-3, steps: 4000);
        return new VerdictFusion(w[0], w[1], w[2], b, w[3], syncOneSided);
    }

    /// <summary>The formula, for the evaluation log and the model card.</summary>
    public string Describe(bool withTexture)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var sync = SyncOneSided ? "max(0, logit(1 − sync score))" : "logit(1 − sync score)";
        var texture = withTexture ? string.Create(inv, $" + {TextureWeight:0.###}·max(0, logit(texture))") : "";
        var why = FoldAucTwoSided is { } a && FoldAucOneSided is { } b
            ? string.Create(inv, $" (sync term {(SyncOneSided ? "one" : "two")}-sided: 5-fold AUC on the fitting videos {b:0.000} one-sided vs {a:0.000} two-sided)")
            : "";
        return string.Create(inv, $"logit(p) = {DetectorWeight:0.###}·logit(detector) + {SyncWeight:0.###}·{sync} + {JudgedWeight:0.###}·[sync judged]{texture} + {Bias:0.###}{why}");
    }

    /// <summary>logit(detector), logit(sync mismatch) (or its positive part) or 0, whether the sync measure judged, and
    /// the texture logit's positive part: the texture cue was fitted to find generator paint, so a mouth that looks
    /// unpainted is no evidence of authenticity (a frozen or re-timed real mouth looks perfectly unpainted).</summary>
    private static double[] Features(double detector, double? syncManipulation, double? texture, bool syncOneSided) =>
    [
        Logit(detector),
        syncManipulation is { } s ? (syncOneSided ? Math.Max(0, Logit(s)) : Logit(s)) : 0,
        syncManipulation is null ? 0 : 1,
        texture is { } t ? Math.Max(0, Logit(t)) : 0,
    ];

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, Clamp, 1 - Clamp);
        return Math.Log(q / (1 - q));
    }
}
