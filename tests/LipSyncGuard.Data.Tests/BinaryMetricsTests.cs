using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class BinaryMetricsTests
{
    // Hand-computed: reals score 0.1, 0.4, 0.35; fakes 0.8, 0.35, 0.9.
    // Pairs fake>real: 0.8 beats all 3, 0.9 beats all 3, 0.35 beats 0.1, ties 0.35 (half), loses to 0.4 → 7.5 / 9.
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8, 0.35, 0.9];
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 1];

    [Fact]
    public void Compute_HandExample_AucMatches() =>
        Assert.Equal(7.5 / 9, BinaryMetrics.Compute(Scores, Labels).Auc, 10);

    [Fact]
    public void Compute_HandExample_AveragePrecisionMatches()
    {
        // Thresholds 0.9 (P=1, R=1/3), 0.8 (P=1, R=2/3), 0.4 (P=2/3, R=2/3), 0.35 (P=3/5, R=1), 0.1 (P=1/2, R=1).
        var expected = (1.0 / 3) * 1 + (1.0 / 3) * 1 + 0 + (1.0 / 3) * (3.0 / 5);

        Assert.Equal(expected, BinaryMetrics.Compute(Scores, Labels).AveragePrecision, 10);
    }

    [Fact]
    public void Compute_HandExample_EerAndRatesAtThreshold()
    {
        // At t = 0.35: reals 0.4 and 0.35 called fake (FPR 2/3), no fake missed (FNR 0); at t = 0.4: FPR 1/3, FNR 1/3.
        var metrics = BinaryMetrics.Compute(Scores, Labels);

        Assert.Equal(1.0 / 3, metrics.Eer, 10);
        Assert.Equal(0.4, metrics.EerThreshold, 10);
        Assert.Equal(4.0 / 6, metrics.Accuracy, 10);

        var at = BinaryMetrics.Compute(Scores, Labels, threshold: 0.35);
        Assert.Equal(2.0 / 3, at.Fpr, 10);
        Assert.Equal(0, at.Fnr, 10);
    }

    [Fact]
    public void Compute_PerfectSeparation_AucOne() =>
        Assert.Equal(1, BinaryMetrics.Compute([0.1, 0.2, 0.7, 0.9], [0, 0, 1, 1]).Auc);

    [Fact]
    public void Compute_OneClassOnly_Throws() =>
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([0.1, 0.2], [0, 0]));
}
