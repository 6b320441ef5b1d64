using LipSyncGuard.Faces;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class TextureCueTests
{
    /// <summary>Reals: mouth sharper than the skin, motion ratio moderate; fakes: a softer, busier mouth (the direction the
    /// shared generator fakes show), with overlap.</summary>
    private static (List<MouthTextureStats> Stats, List<int> Labels) Videos(int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, 80).Select(i => i % 2).ToList();
        var stats = labels.Select(l => new MouthTextureStats(
            (l == 1 ? -0.2 : 0.5) + (0.5 * random.NextDouble()), (l == 1 ? 0.9 : 0.3) + (0.6 * random.NextDouble()), 0.3 + (0.2 * random.NextDouble()), 50)).ToList();
        return (stats, labels);
    }

    [Fact]
    public void Fit_SofterBusierFakeMouths_ScoresUnseenFakesAbove()
    {
        var (stats, labels) = Videos(1);
        var (test, testLabels) = Videos(2);

        var cue = TextureCue.Fit(stats, labels);

        Assert.True(cue.Weights[0] < 0 && cue.Weights[1] > 0, string.Join(", ", cue.Weights));
        Assert.InRange(cue.TrainingAuc, 0.9, 1);
        Assert.Equal(40, cue.Videos["fake"]);
        var scores = test.Select(s => cue.Probability(s)!.Value).ToList();
        Assert.True(scores.Where((_, i) => testLabels[i] == 1).Average() > 0.7);
        Assert.True(scores.Where((_, i) => testLabels[i] == 0).Average() < 0.3);
    }

    [Fact]
    public void Probability_TooFewFrames_Null()
    {
        var (stats, labels) = Videos(1);
        var cue = TextureCue.Fit(stats, labels);

        Assert.Null(cue.Probability(stats[0] with { Frames = TextureCue.MinFrames - 1 }));
        Assert.NotNull(cue.Probability(stats[0] with { Frames = TextureCue.MinFrames }));
    }

    [Fact]
    public void Fit_NoFakeWithFrames_Throws()
    {
        var (stats, labels) = Videos(1);
        var unjudgedFakes = stats.Select((s, i) => labels[i] == 1 ? s with { Frames = 0 } : s).ToList();

        Assert.Throws<ArgumentException>(() => TextureCue.Fit(unjudgedFakes, labels));
    }
}
