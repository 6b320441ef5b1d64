using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Testing;
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
    public void Measure_TwoEncoders_SameStatisticsAsOne()
    {
        var (crops, lips, valid) = SampleFrames.RealMouthFrames();
        var models = Path.Combine(SharedMedia.RepositoryRoot, MouthEmbedder.DefaultDirectory);
        using var first = new MouthEmbedder(models);
        using var second = new MouthEmbedder(models);

        var one = MouthAppearance.Measure(crops, 96, lips, 6, valid, [first]);
        var two = MouthAppearance.Measure(crops, 96, lips, 6, valid, [first, second]);

        // The crops are split between the sessions; each crop's features do not depend on which session computed them.
        Assert.Equal(MouthAppearance.Frames, two.Frames);
        Assert.Equal((one.Change, one.SameShape), (two.Change, two.SameShape));
        Assert.Equal(one.Mean, two.Mean);
    }

    [Fact]
    public void Measure_SomeFeaturesEmbeddedBefore_SameStatistics()
    {
        var (crops, lips, valid) = SampleFrames.RealMouthFrames();
        var bytes = crops.Length / valid.Length;
        using var encoder = new MouthEmbedder(Path.Combine(SharedMedia.RepositoryRoot, MouthEmbedder.DefaultDirectory));
        // Half the sampled frames embedded ahead, as the frame pass does, and one frame the sample does not pick.
        var embedded = new Dictionary<int, float[]>();
        foreach (var t in MouthAppearance.SampleFrames(valid, 48).Where((_, i) => i % 2 == 0).Append(1))
        {
            embedded[t] = new float[MouthEmbedder.Dimensions];
            encoder.Embed(crops.AsSpan(t * bytes, bytes), 96, embedded[t]);
        }

        var all = MouthAppearance.Measure(crops, 96, lips, 6, valid, [encoder]);
        var reused = MouthAppearance.Measure(crops, 96, lips, 6, valid, [encoder], embedded);

        Assert.Equal((all.Frames, all.Change, all.SameShape), (reused.Frames, reused.Change, reused.SameShape));
        Assert.Equal(all.Mean, reused.Mean);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(41)]
    [InlineData(1000)]
    public void SampledTrusted_EveryFrameTrusted_RanksAreTheSampledFrames(int frames)
    {
        var valid = Enumerable.Repeat(true, frames).ToArray();

        Assert.Equal(MouthAppearance.SampleFrames(valid, frames), MouthAppearance.SampledTrusted(frames));
    }

    [Fact]
    public void SampledTrusted_AnyTotal_FirstRunFixed()
    {
        var first = MouthAppearance.SampledTrusted(40)[..MouthAppearance.RunLength];

        Assert.All(new[] { 41, 97, 5000 }, total => Assert.Equal(first, MouthAppearance.SampledTrusted(total)[..MouthAppearance.RunLength]));
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
