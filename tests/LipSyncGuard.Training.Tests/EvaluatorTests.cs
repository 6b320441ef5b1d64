using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class EvaluatorTests
{
    [Fact]
    public void Evaluate_FixedScores_MatchHandComputed()
    {
        // Reals 0.1 0.4 0.35 0.8, fakes 0.9 0.7 0.6 0.3. Pairs (fake > real): 0.9 beats 4, 0.7 beats 3, 0.6 beats 3,
        // 0.3 beats 1 → 11 of 16 → AUC 0.6875. At 0.5: fakes called 3/4 (FNR 0.25), reals called 1/4 (FPR 0.25), ACC 0.75.
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.9, 0.7, 0.6, 0.3];
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1];
        string[] kinds = ["real", "real", "real", "real", "lipsync", "lipsync", "generated", "generated"];

        var report = Evaluator.Evaluate(scores, labels, kinds, threshold: 0.5);

        Assert.Equal(0.6875, report.Overall.Auc, 6);
        Assert.Equal(0.75, report.Overall.Accuracy, 6);
        Assert.Equal(0.25, report.Overall.Fpr, 6);
        Assert.Equal(0.25, report.Overall.Fnr, 6);
        Assert.Equal(0.25, report.Overall.Eer, 6);
        // real + lipsync: fakes 0.9, 0.7 beat 4 and 3 reals → 7/8.
        Assert.Equal(0.875, report.PerKind["lipsync"].Auc, 6);
        // real + generated: 0.6 beats 3, 0.3 beats 1 → 4/8.
        Assert.Equal(0.5, report.PerKind["generated"].Auc, 6);
    }

    [Fact]
    public void Calibrate_TargetFpr_AllowsAtMostThatShareOfReals()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.4, 0.9, 0.8];
        int[] labels = [0, 0, 0, 0, 1, 1];
        var t = Evaluator.Calibrate(scores, labels, "fpr=0.25");
        // One real of four may be called fake: the threshold sits just above the second-highest real (0.3).
        Assert.True(t > 0.3 && t <= 0.4, $"threshold {t}");
        Assert.Throws<ArgumentException>(() => Evaluator.Calibrate(scores, labels, "fpr=2"));
    }
}
