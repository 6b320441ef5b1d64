using LipSyncGuard.Data;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class JawFollowTests
{
    /// <summary>Six lip distances per frame at 25 fps: the inner lip gap opens and closes at syllable rate, the chin-to-nose
    /// distance follows it by <paramref name="follow"/> on top of a slow nod of <paramref name="nod"/> eye distances (0.2 Hz),
    /// each with independent landmark noise.</summary>
    private static float[] Lips(double follow, double nod = 0, int frames = 250, int seed = 5)
    {
        var random = new Random(seed);
        var lips = new float[frames * 6];
        for (var t = 0; t < frames; t++)
        {
            var gap = Math.Max(0, (0.12 * Math.Sin(2 * Math.PI * 4 * t / 25.0)) + (0.05 * Math.Sin(2 * Math.PI * 1.3 * t / 25.0)));
            lips[t * 6] = (float)(gap + (0.003 * random.NextDouble()));
            lips[(t * 6) + 1] = (float)(0.3 + gap);
            lips[(t * 6) + 5] = (float)(1.1 + (follow * gap) + (nod * Math.Sin(2 * Math.PI * 0.2 * t / 25.0)) + (0.003 * random.NextDouble()));
        }
        return lips;
    }

    private static bool[] Trusted(int frames) => Enumerable.Repeat(true, frames).ToArray();

    [Fact]
    public void Measure_JawOpeningWithTheLips_SlopeOfItsShare()
    {
        var filmed = JawFollow.Measure(Lips(0.7), 6, Trusted(250));
        var repainted = JawFollow.Measure(Lips(0.1), 6, Trusted(250));

        Assert.Equal(248, filmed.Pairs);
        Assert.Equal(0.7, filmed.Slope, 1);
        Assert.Equal(0.1, repainted.Slope, 1);
    }

    [Fact]
    public void Measure_SlowNod_BarelyMovesTheSlope()
    {
        var still = JawFollow.Measure(Lips(0.5), 6, Trusted(250));
        // A nod that changes the chin-to-nose distance by a fifth of an eye distance, slowly: over two frames it is small
        // against the lips' own changes and unrelated to them.
        var nodding = JawFollow.Measure(Lips(0.5, nod: 0.2), 6, Trusted(250));

        Assert.InRange(nodding.Slope - still.Slope, -0.05, 0.05);
    }

    [Fact]
    public void Measure_GlitchOnUntrustedFrames_Ignored()
    {
        var lips = Lips(0.6);
        var trusted = Trusted(250);
        var clean = JawFollow.Measure(lips, 6, trusted);
        // A chin point thrown off on ten frames: flagged untrusted, no change may start or end on them.
        for (var t = 100; t < 110; t++)
        {
            lips[(t * 6) + 5] += 3;
            trusted[t] = false;
        }

        var glitched = JawFollow.Measure(lips, 6, trusted);

        Assert.Equal(clean.Pairs - 12, glitched.Pairs);
        Assert.Equal(clean.Slope, glitched.Slope, 2);
    }

    [Fact]
    public void Measure_LipsNeverMove_NotMeasured()
    {
        var lips = new float[100 * 6];
        Array.Fill(lips, 0.4f);

        Assert.Equal(default, JawFollow.Measure(lips, 6, Trusted(100)));
        Assert.Equal(default, JawFollow.Measure(Lips(0.7).AsSpan(0, 6), 6, Trusted(1)));
        Assert.True(double.IsNaN(FaceCues.Measure([], 0, lips, 6, Trusted(100), null).Feature("jaw_follow")));
    }

    [Fact]
    public async Task Measure_FilmedSpeaker_JawCarriesPartOfTheOpening()
    {
        using var extractor = new WindowExtractor();
        var path = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        var video = await extractor.ExtractAsync(new DatasetItem(path, 0, "sample", "real", "-", null));
        var track = video.Tracks.Where(t => !t.Fallback).MaxBy(t => t.Length);
        Assert.NotNull(track);

        var jaw = JawFollow.Measure(track.Lips, PreprocessedTrack.LipWidth, track.LipValid);

        // Shared filmed faces: median 0.71, middle 80 % 0.43–1.10 (docs/training.md); a jaw that stays put reads ~0.
        Assert.InRange(jaw.Pairs, 50, track.Length);
        Assert.InRange(jaw.Slope, 0.3, 1.5);
        Assert.Equal(jaw.Slope, FaceCues.Measure(track, null).Feature("jaw_follow"));
    }
}
