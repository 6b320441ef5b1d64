using Xunit;

namespace LipSyncGuard.Detection.Tests;

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
    public void Fit_TextureFlagsTheGeneratorFakes_WeighsTextureAndCatchesThem()
    {
        // Reals, audio swaps (sync flags them, texture says nothing) and generator fakes (perfect sync, texture flags them).
        var random = new Random(9);
        var kinds = Enumerable.Range(0, 60).Select(i => i % 3).ToList();
        var labels = kinds.Select(k => k == 0 ? 0 : 1).ToList();
        var detector = kinds.Select(_ => 0.4 + (0.2 * random.NextDouble())).ToList();
        var sync = kinds.Select(k => (double?)(k == 1 ? 0.8 + (0.15 * random.NextDouble()) : 0.05 + (0.25 * random.NextDouble()))).ToList();
        var texture = kinds.Select(k => (double?)(k == 2 ? 0.75 + (0.2 * random.NextDouble()) : 0.1 + (0.5 * random.NextDouble()))).ToList();

        var fusion = VerdictFusion.Fit(detector, sync, labels, texture);
        var withoutTexture = VerdictFusion.Fit(detector, sync, labels);

        Assert.True(fusion.TextureWeight > 1, fusion.ToString());
        Assert.Equal(0, withoutTexture.TextureWeight);
        var fused = kinds.Select((_, i) => fusion.Combine(detector[i], sync[i], texture[i])).ToList();
        Assert.True(fused.Where((_, i) => kinds[i] == 2).Min() > fused.Where((_, i) => kinds[i] == 0).Max(), "generator fakes above every real");
    }

    [Fact]
    public void Combine_TextureBelowItsNeutralPoint_ChangesNothing()
    {
        // A mouth that looks unpainted is no evidence of authenticity (a frozen real mouth does too): only texture above
        // 0.5 moves the verdict.
        var fusion = new VerdictFusion(2, 1, 0.5, -0.2, TextureWeight: 3);

        Assert.Equal(fusion.Combine(0.3, 0.4), fusion.Combine(0.3, 0.4, 0.05), 12);
        Assert.Equal(fusion.Combine(0.3, 0.4), fusion.Combine(0.3, 0.4, 0.5), 12);
        Assert.True(fusion.Combine(0.3, 0.4, 0.9) > fusion.Combine(0.3, 0.4) + 0.3);
    }

    [Fact]
    public void Combine_OneSidedSyncLooksInSync_ChangesNothing()
    {
        // Lip-sync generators are trained to look in sync: a face in sync is no evidence of authenticity once fitted so;
        // a card fitted two-sided (before) still lets it lower the verdict, as it was fitted.
        var oneSided = new VerdictFusion(2, 1.5, 0.5, -0.2, SyncOneSided: true);
        var twoSided = oneSided with { SyncOneSided = false };

        Assert.Equal(oneSided.Combine(0.3, 0.5), oneSided.Combine(0.3, 0.02), 12);
        Assert.True(oneSided.Combine(0.3, 0.9) > oneSided.Combine(0.3, 0.5) + 0.3);
        Assert.True(twoSided.Combine(0.3, 0.02) < twoSided.Combine(0.3, 0.5) - 0.15);
    }

    [Fact]
    public void Fit_InSyncFakesAmongTheVideos_ChoosesOneSidedSyncByFolds()
    {
        // Reals vary in sync (some look out of sync), audio swaps look out of sync, and generator fakes look more in sync
        // than any real: two-sided, "in sync" pulls the generator fakes towards real; one-sided it cannot.
        var random = new Random(12);
        var kinds = Enumerable.Range(0, 90).Select(i => i % 3).ToList();
        var labels = kinds.Select(k => k == 0 ? 0 : 1).ToList();
        var detector = kinds.Select(k => (k == 2 ? 0.55 : 0.45) + (0.1 * random.NextDouble())).ToList();
        var sync = kinds.Select(k => (double?)(k switch { 0 => 0.1 + (0.5 * random.NextDouble()), 1 => 0.7 + (0.25 * random.NextDouble()), _ => 0.01 + (0.05 * random.NextDouble()) })).ToList();

        var fusion = VerdictFusion.Fit(detector, sync, labels);

        Assert.True(fusion.SyncOneSided, fusion.ToString());
        Assert.True(fusion.FoldAucOneSided > fusion.FoldAucTwoSided, fusion.ToString());
        Assert.Contains("max(0, logit(1 − sync score))", fusion.Describe(withTexture: false));
    }

    [Fact]
    public void Fit_RealsInSyncAndFakesOut_KeepsTwoSidedSync()
    {
        // Subtle fakes all look roughly in sync (mismatch below 0.5), only less so than the reals: the information lies on
        // the in-sync side, which a one-sided term throws away, and the folds keep the two-sided form.
        var random = new Random(13);
        var labels = Enumerable.Range(0, 60).Select(i => i % 2).ToList();
        var detector = labels.Select(_ => 0.4 + (0.2 * random.NextDouble())).ToList();
        var sync = labels.Select(l => (double?)(l == 1 ? 0.15 + (0.3 * random.NextDouble()) : 0.01 + (0.15 * random.NextDouble()))).ToList();

        var fusion = VerdictFusion.Fit(detector, sync, labels);

        Assert.False(fusion.SyncOneSided, fusion.ToString());
    }

    [Fact]
    public void Fit_OneClass_Throws() =>
        Assert.Throws<ArgumentException>(() => VerdictFusion.Fit([0.1, 0.2], [0.3, null], [0, 0]));
}
