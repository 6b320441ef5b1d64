using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection.Cues;

/// <summary>How jerky a face's lips move (after BioLip, arXiv 2604.16808: generators render each frame anew, so their
/// lips show more acceleration and jerk for the motion they make than real lips, whose movement is driven by muscle and
/// smooth at 25 fps). Measured on the raw per-frame lip distances (no smoothing) over runs of trusted frames, as ratios
/// of higher-order differences to the first difference, so the amount of motion and the face scale cancel out.</summary>
public static class LipJitter
{
    /// <summary>Lip channels read: inner and outer aperture, outer and inner mouth width (the first four of the six
    /// <c>LipKinematics</c> distances; nose and chin distances move with the head and jaw, not the lips alone).</summary>
    private const int Channels = 4;

    /// <summary>Shortest run of consecutive trusted frames that contributes (a third difference needs four frames; a few
    /// more keep one glitch from dominating).</summary>
    private const int MinRun = 8;

    /// <summary>Measures <paramref name="lips"/> (frames × <paramref name="width"/> distances) over its trusted frames.</summary>
    public static LipJitterStats Measure(ReadOnlySpan<float> lips, int width, ReadOnlySpan<bool> valid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, Channels);
        var frames = valid.Length;
        if (lips.Length < frames * width) throw new ArgumentException($"expected {frames} frames of {width} lip values", nameof(lips));
        var velocity = new List<double>();
        var acceleration = new List<double>();
        var jerk = new List<double>();
        var signChanges = 0;
        var signPairs = 0;
        var runStart = 0;
        for (var t = 0; t <= frames; t++)
        {
            if (t < frames && valid[t]) continue;
            if (t - runStart >= MinRun)
            {
                for (var c = 0; c < Channels; c++)
                {
                    double? previousVelocity = null;
                    for (var f = runStart + 1; f < t; f++)
                    {
                        double x0 = lips[(f * width) + c], x1 = lips[((f - 1) * width) + c];
                        double x2 = f >= 2 ? lips[((f - 2) * width) + c] : 0, x3 = f >= 3 ? lips[((f - 3) * width) + c] : 0;
                        var v = x0 - x1;
                        velocity.Add(Math.Abs(v));
                        if (previousVelocity is { } p && Math.Abs(p) > 1e-6 && Math.Abs(v) > 1e-6)
                        {
                            signPairs++;
                            if (Math.Sign(p) != Math.Sign(v)) signChanges++;
                        }
                        previousVelocity = v;
                        if (f >= runStart + 2) acceleration.Add(Math.Abs(x0 - (2 * x1) + x2));
                        if (f >= runStart + 3) jerk.Add(Math.Abs(x0 - (3 * x1) + (3 * x2) - x3));
                    }
                }
            }
            runStart = t + 1;
        }
        if (jerk.Count < 2 * Channels) return new LipJitterStats(0, 0, 0, 0, 0);
        var v0 = OrderStatistics.Median(velocity) + 1e-4;
        return new LipJitterStats(
            Math.Log((OrderStatistics.Median(acceleration) + 1e-4) / v0),
            Math.Log((OrderStatistics.Median(jerk) + 1e-4) / v0),
            signPairs == 0 ? 0 : (double)signChanges / signPairs,
            Math.Log(v0),
            jerk.Count / Channels);
    }
}

/// <summary>Lip jitter of one face (<see cref="LipJitter"/>).</summary>
/// <param name="Acceleration">log(median |second difference| / median |first difference|) of the lip distances.</param>
/// <param name="Jerk">log(median |third difference| / median |first difference|).</param>
/// <param name="Reversals">Fraction of consecutive frame-to-frame changes that reverse direction (smooth motion rarely
/// reverses from one frame to the next; rendering noise does half the time).</param>
/// <param name="Motion">log(median |first difference|): how much the lips move per frame, in face-scale units.</param>
/// <param name="Frames">Frames that contributed.</param>
public readonly record struct LipJitterStats(double Acceleration, double Jerk, double Reversals, double Motion, int Frames);
