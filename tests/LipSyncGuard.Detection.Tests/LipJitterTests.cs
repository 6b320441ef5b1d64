using LipSyncGuard.Detection.Cues;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class LipJitterTests
{
    /// <summary>Six lip distances per frame: the apertures follow a smooth 1.5 Hz opening rhythm at 25 fps, plus
    /// independent per-frame noise of <paramref name="noise"/> (what a generator rendering each frame anew adds).</summary>
    private static (float[] Lips, bool[] Valid) Track(double noise, int frames = 250, int seed = 1)
    {
        var random = new Random(seed);
        var lips = new float[frames * 6];
        for (var t = 0; t < frames; t++)
        {
            var open = 0.1 + (0.08 * Math.Sin(2 * Math.PI * 1.5 * t / 25.0)) + (0.03 * Math.Sin(2 * Math.PI * 0.7 * t / 25.0));
            for (var c = 0; c < 6; c++) lips[(t * 6) + c] = (float)(open * (1 + (0.2 * c)) + (noise * ((random.NextDouble() * 2) - 1)));
        }
        var valid = Enumerable.Repeat(true, frames).ToArray();
        return (lips, valid);
    }

    [Fact]
    public void Measure_RenderingNoise_MoreJerkAndReversalsThanSmoothMotion()
    {
        var (smoothLips, valid) = Track(0);
        var (noisyLips, _) = Track(0.02);

        var smooth = LipJitter.Measure(smoothLips, 6, valid);
        var noisy = LipJitter.Measure(noisyLips, 6, valid);

        Assert.True(noisy.Jerk > smooth.Jerk + 0.5, $"jerk {noisy.Jerk:0.00} vs {smooth.Jerk:0.00}");
        Assert.True(noisy.Reversals > smooth.Reversals + 0.1, $"reversals {noisy.Reversals:0.00} vs {smooth.Reversals:0.00}");
        Assert.True(smooth.Reversals < 0.3, $"smooth reversals {smooth.Reversals:0.00}");
    }

    [Fact]
    public void Measure_ScaledFace_SameRatios()
    {
        var (lips, valid) = Track(0.01);
        var doubled = lips.Select(v => v * 2).ToArray();

        var a = LipJitter.Measure(lips, 6, valid);
        var b = LipJitter.Measure(doubled, 6, valid);

        Assert.Equal(a.Jerk, b.Jerk, 1);
        Assert.Equal(a.Reversals, b.Reversals, 6);
    }

    [Fact]
    public void Measure_UntrustedFramesBreakRuns_ShortRunsIgnored()
    {
        var (lips, valid) = Track(0, frames: 60);
        for (var t = 0; t < valid.Length; t += 5) valid[t] = false; // runs of 4 frames: shorter than a run needs

        var result = LipJitter.Measure(lips, 6, valid);

        Assert.Equal(0, result.Frames);
    }
}
