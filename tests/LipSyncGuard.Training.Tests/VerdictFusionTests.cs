using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class VerdictFusionTests
{
    [Fact]
    public void Fit_SyncSeparatesAndDetectorIsNoise_WeighsSyncAndSeparatesTheVideos()
    {
        // 40 videos: the sync value tells fakes (0.8–0.95) from reals (0.05–0.3); the detector is noise around 0.5.
        var random = new Random(4);
        var labels = Enumerable.Range(0, 40).Select(i => i % 2).ToList();
        var sync = labels.Select(l => (double?)(l == 1 ? 0.8 + (0.15 * random.NextDouble()) : 0.05 + (0.25 * random.NextDouble()))).ToList();
        var detector = labels.Select(_ => 0.4 + (0.2 * random.NextDouble())).ToList();

        var fusion = VerdictFusion.Fit(detector, sync, labels);

        Assert.True(fusion.SyncWeight > 3 * Math.Abs(fusion.DetectorWeight), fusion.ToString());
        var fused = labels.Select((_, i) => fusion.Combine(detector[i], sync[i])).ToList();
        Assert.True(fused.Where((_, i) => labels[i] == 1).Min() > fused.Where((_, i) => labels[i] == 0).Max());
    }

    [Fact]
    public void Combine_SyncNotJudged_DependsOnTheDetectorOnly()
    {
        var fusion = new VerdictFusion(2, 5, -1, 0.3);

        var low = fusion.Combine(0.2, null);
        var high = fusion.Combine(0.8, null);

        // logit(0.8) = −logit(0.2): the two differ only by the detector term.
        Assert.Equal(1 / (1 + Math.Exp(-((2 * Math.Log(4)) + 0.3))), high, 9);
        Assert.Equal(1 / (1 + Math.Exp(-((-2 * Math.Log(4)) + 0.3))), low, 9);
    }

    [Fact]
    public void Fit_OneClass_Throws() =>
        Assert.Throws<ArgumentException>(() => VerdictFusion.Fit([0.1, 0.2], [0.3, null], [0, 0]));
}
