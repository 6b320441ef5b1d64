using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection.Cues;

/// <summary>How the head moves between frames. A talking-head generator animates a still portrait along a head-pose
/// trajectory it synthesises, smooth and small; a filmed head keeps moving a little all the time (breathing, balance,
/// speech), so from one frame to the next it jerks and turns more. Read from the raw landmarks' nose bridge (its third
/// difference in pixels over the four frames' mean eye distance, so neither the face's size nor where it sits in the
/// frame sets the scale) and the roll of the eyes' line over runs of four trusted frames; medians, so a landmark glitch
/// or a cut does not set them. Lip-sync generators keep the source's head, so this speaks to generated
/// heads only — and a filmed head held very still reads the same way, which is why its head is fitted on generated heads
/// and weighed beside the others, never alone. The eyes tell the same story: a filmed face blinks and its lids move
/// quickly and often, a portrait animated from a still opens and closes its eyes rarely and smoothly if at all
/// (<see cref="HeadMotionStats.EyeMotion"/>: a ratio of the eye's own width, so the face's size does not set it).</summary>
public static class HeadMotion
{
    /// <summary>Head values per frame: nose bridge x, y (pixels), roll (radians), eye openness (eye aspect ratio).</summary>
    public const int Width = Sync.Extraction.TrackSignals.HeadWidth;

    /// <summary>Measures <paramref name="head"/> (frames × <see cref="Width"/>) with the face's <paramref name="eyeDistance"/>
    /// per frame (pixels) over frames whose landmarks are trusted, each value from four consecutive trusted frames.</summary>
    public static HeadMotionStats Measure(ReadOnlySpan<float> head, ReadOnlySpan<float> eyeDistance, ReadOnlySpan<bool> valid)
    {
        var frames = Math.Min(Math.Min(valid.Length, eyeDistance.Length), head.Length / Width);
        var jerk = new List<double>();
        var roll = new List<double>();
        var openness = new List<double>();
        var lids = new List<double>();
        for (var t = 0; t < frames; t++)
        {
            if (!valid[t]) continue;
            openness.Add(head[(t * Width) + 3]);
            if (t > 0 && valid[t - 1]) lids.Add(Math.Abs(head[(t * Width) + 3] - head[((t - 1) * Width) + 3]));
        }
        for (var t = 3; t < frames; t++)
        {
            if (!(valid[t] && valid[t - 1] && valid[t - 2] && valid[t - 3])) continue;
            var scale = (eyeDistance[t] + eyeDistance[t - 1] + eyeDistance[t - 2] + eyeDistance[t - 3]) / 4.0;
            if (!(scale > 0)) continue;
            var x = Third(head, t, 0) / scale;
            var y = Third(head, t, 1) / scale;
            jerk.Add(Math.Sqrt((x * x) + (y * y)));
            roll.Add(Math.Abs(head[(t * Width) + 2] - head[((t - 1) * Width) + 2]));
        }
        return jerk.Count == 0 ? default : new HeadMotionStats(jerk.Count, Math.Log(OrderStatistics.UpperMedian(jerk) + 1e-6), Math.Log(OrderStatistics.UpperMedian(roll) + 1e-7))
        {
            EyeMotion = EyeMotion(lids, OrderStatistics.UpperMedian(openness)),
        };
    }

    /// <summary>The quantile of the eyes' changes between consecutive trusted frames that
    /// <see cref="HeadMotionStats.EyeMotion"/> reads: the upper tail, where blinks and quick lid moves are, not the
    /// median, which is the landmarks' own noise on an eye at rest.</summary>
    public const double EyeMotionQuantile = 0.9;

    /// <summary>log of the <see cref="EyeMotionQuantile"/> of the lid changes over the eyes' median openness.</summary>
    private static double EyeMotion(List<double> lids, double openness)
    {
        if (lids.Count == 0 || !(openness > 0)) return double.NaN;
        var sorted = lids.ToArray();
        Array.Sort(sorted);
        return Math.Log((OrderStatistics.NearestRank(sorted, EyeMotionQuantile) / openness) + 1e-4);
    }

    /// <summary>Third difference of channel <paramref name="c"/> at frame <paramref name="t"/>: x[t] − 3x[t−1] + 3x[t−2] − x[t−3].</summary>
    private static double Third(ReadOnlySpan<float> head, int t, int c) =>
        head[(t * Width) + c] - (3.0 * head[((t - 1) * Width) + c]) + (3.0 * head[((t - 2) * Width) + c]) - head[((t - 3) * Width) + c];

}

/// <summary>Head motion of one face.</summary>
/// <param name="Frames">Frames measured (0: not measured).</param>
/// <param name="Jerk">log of the median jerk of the nose bridge, in eye distances per frame³.</param>
/// <param name="RollSpeed">log of the median change of roll between frames, in radians.</param>
public readonly record struct HeadMotionStats(int Frames, double Jerk, double RollSpeed)
{
    /// <summary>log of the <see cref="HeadMotion.EyeMotionQuantile"/> of how much the eyes open or close between
    /// consecutive trusted frames, over their median openness (NaN when not measured): a filmed face's blinks and lid
    /// moves against an animated portrait's rare, smooth ones.</summary>
    public double EyeMotion { get; init; } = double.NaN;
}
