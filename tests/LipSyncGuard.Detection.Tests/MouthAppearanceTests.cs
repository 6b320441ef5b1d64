using LipSyncGuard.Detection.Cues;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class MouthAppearanceTests
{
    [Fact]
    public void SampleFrames_LongTrack_RunsOfFramesThreeApartSpreadOverTheTrack()
    {
        var valid = Enumerable.Repeat(true, 500).ToArray();

        var frames = MouthAppearance.SampleFrames(valid, valid.Length);

        Assert.Equal(MouthAppearance.Frames, frames.Length);
        for (var c = 0; c < MouthAppearance.Clusters; c++)
            for (var k = 1; k < MouthAppearance.RunLength; k++)
                Assert.Equal(MouthAppearance.Stride, frames[(c * MouthAppearance.RunLength) + k] - frames[(c * MouthAppearance.RunLength) + k - 1]);
        Assert.Equal(0, frames[0]);
        Assert.Equal(499, frames[^1]);
    }

    [Fact]
    public void SampleFrames_UntrustedFrames_NeverSampled()
    {
        var valid = Enumerable.Range(0, 300).Select(t => t % 3 != 0).ToArray();

        var frames = MouthAppearance.SampleFrames(valid, valid.Length);

        Assert.Equal(MouthAppearance.Frames, frames.Length);
        Assert.All(frames, t => Assert.True(valid[t]));
    }

    [Fact]
    public void SampleFrames_TooFewTrustedFrames_NoneSampled()
    {
        var valid = Enumerable.Repeat(true, 30).ToArray();

        Assert.Empty(MouthAppearance.SampleFrames(valid, valid.Length));
    }

    [Fact]
    public void FromFeatures_StillMouthVsChangingMouth_ChangeOnlyForTheChangingOne()
    {
        var random = new Random(2);
        var still = Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray();
        var changing = Enumerable.Range(0, MouthAppearance.Frames).Select(_ => Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray()).ToList();

        var stillStats = MouthAppearance.FromFeatures([.. Enumerable.Repeat(still, MouthAppearance.Frames)], OneShape);
        var changingStats = MouthAppearance.FromFeatures(changing, OneShape);

        Assert.Equal(0, stillStats.Change, 6);
        Assert.True(changingStats.Change > 0.1, $"change {changingStats.Change:0.000}");
        Assert.Equal(still[7], stillStats.Mean![7], 5);
    }

    [Fact]
    public void FromFeatures_SameShapeLooksAlikeAcrossRuns_SameShapeZeroThoughFramesChange()
    {
        // Frame k of every run takes shape k and looks the same: within a run each frame differs from the last.
        var random = new Random(3);
        var looks = Enumerable.Range(0, MouthAppearance.RunLength).Select(_ => Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var features = Enumerable.Range(0, MouthAppearance.Frames).Select(i => looks[i % MouthAppearance.RunLength]).ToList();
        var shapes = Enumerable.Range(0, MouthAppearance.Frames).Select(i => new[] { (float)(i % MouthAppearance.RunLength), 0.5f }).ToList();

        var stats = MouthAppearance.FromFeatures(features, shapes);

        Assert.Equal(0, stats.SameShape, 6);
        Assert.True(stats.Change > 0.1, $"change {stats.Change:0.000}");
    }

    [Fact]
    public void FromFeatures_SameShapeLooksDifferent_SameShapePositive()
    {
        var random = new Random(4);
        var features = Enumerable.Range(0, MouthAppearance.Frames).Select(_ => Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var shapes = Enumerable.Range(0, MouthAppearance.Frames).Select(i => new[] { (float)(i % MouthAppearance.RunLength), 0.5f }).ToList();

        var stats = MouthAppearance.FromFeatures(features, shapes);

        Assert.True(stats.SameShape > 0.1, $"same shape {stats.SameShape:0.000}");
    }

    private static IReadOnlyList<float[]> OneShape { get; } = [.. Enumerable.Range(0, MouthAppearance.Frames).Select(_ => new[] { 1f, 1f })];
}
