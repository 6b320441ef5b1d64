using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection.Cues;

/// <summary>Does the mouth look the same whenever it takes the same shape (after LIPINC, Datta et al.: a real mouth shows
/// the same teeth, tongue and lip texture each time it forms a shape; a generator renders every frame anew and the
/// inside of the mouth drifts)? Frames are paired with the frame, at least half a second away, whose lip distances are
/// most alike; the pair's difference inside the mouth box is compared with its difference in the skin around it, so
/// head motion, lighting and compression, which change both, cancel out.</summary>
public static class MouthConsistency
{
    /// <summary>Lip channels compared (apertures and widths).</summary>
    private const int Channels = 4;

    /// <summary>Partners must be this many frames apart: neighbouring frames look alike for any video.</summary>
    private const int MinGapFrames = 12;

    /// <summary>Anchor frames examined at most (evenly spread), which bounds the cost on long tracks.</summary>
    private const int MaxAnchors = 120;

    /// <summary>Largest RMS difference of standardised lip distances for two frames to count as the same shape.</summary>
    private const double MaxShapeDistance = 0.35;

    /// <summary>Measures a track: <paramref name="crops"/> (frames × size × size × 3 RGB), its lip distances
    /// (frames × <paramref name="width"/>) and trusted-landmark flags.</summary>
    public static MouthConsistencyStats Measure(ReadOnlySpan<byte> crops, int size, ReadOnlySpan<float> lips, int width, ReadOnlySpan<bool> valid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, Channels);
        var frames = valid.Length;
        var pixels = size * size;
        if (crops.Length < frames * pixels * 3) throw new ArgumentException($"expected {frames} crops of {size}×{size} RGB", nameof(crops));
        var trusted = new List<int>();
        for (var t = 0; t < frames; t++) if (valid[t]) trusted.Add(t);
        if (trusted.Count < 2 * MinGapFrames) return default;

        // Standardised shapes: each channel's spread over the track is one unit, so every person's mouth is compared on
        // its own scale.
        var shape = new double[frames * Channels];
        for (var c = 0; c < Channels; c++)
        {
            double sum = 0, sumSq = 0;
            foreach (var t in trusted) { double v = lips[(t * width) + c]; sum += v; sumSq += v * v; }
            var mean = sum / trusted.Count;
            var sd = Math.Sqrt(Math.Max(sumSq / trusted.Count - (mean * mean), 0));
            if (sd < 1e-4) sd = 1e-4;
            foreach (var t in trusted) shape[(t * Channels) + c] = (lips[(t * width) + c] - mean) / sd;
        }

        var ratios = new List<double>();
        var step = Math.Max(1, trusted.Count / MaxAnchors);
        var a = new float[pixels];
        var b = new float[pixels];
        for (var i = 0; i < trusted.Count; i += step)
        {
            var t = trusted[i];
            var best = -1;
            var bestDistance = double.MaxValue;
            foreach (var u in trusted)
            {
                if (Math.Abs(u - t) < MinGapFrames) continue;
                double d = 0;
                for (var c = 0; c < Channels; c++) { var e = shape[(t * Channels) + c] - shape[(u * Channels) + c]; d += e * e; }
                if (d < bestDistance) { bestDistance = d; best = u; }
            }
            if (best < 0 || Math.Sqrt(bestDistance / Channels) > MaxShapeDistance) continue;
            MouthTexture.ToGrey(crops.Slice(t * pixels * 3, pixels * 3), a);
            MouthTexture.ToGrey(crops.Slice(best * pixels * 3, pixels * 3), b);
            var (inner, outer) = Difference(a, b, size);
            ratios.Add(Math.Log((inner + 1) / (outer + 1)));
        }
        if (ratios.Count < 5) return new MouthConsistencyStats(0, 0, ratios.Count);
        ratios.Sort();
        return new MouthConsistencyStats(ratios[ratios.Count / 2], ratios[(int)(0.8 * (ratios.Count - 1))], ratios.Count);
    }

    /// <summary>Mean absolute difference inside the mouth box and in the ring around it, each region's own mean removed
    /// first (a global brightness change is not a different mouth).</summary>
    private static (double Inner, double Outer) Difference(float[] a, float[] b, int size)
    {
        double meanInnerA = 0, meanInnerB = 0, meanOuterA = 0, meanOuterB = 0;
        int nInner = 0, nOuter = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = (y * size) + x;
                if (MouthTexture.IsInner(x, y, size)) { meanInnerA += a[i]; meanInnerB += b[i]; nInner++; }
                else { meanOuterA += a[i]; meanOuterB += b[i]; nOuter++; }
            }
        }
        var shiftInner = (meanInnerA - meanInnerB) / nInner;
        var shiftOuter = (meanOuterA - meanOuterB) / nOuter;
        double inner = 0, outer = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = (y * size) + x;
                if (MouthTexture.IsInner(x, y, size)) inner += Math.Abs(a[i] - b[i] - shiftInner);
                else outer += Math.Abs(a[i] - b[i] - shiftOuter);
            }
        }
        return (inner / nInner, outer / nOuter);
    }

}

/// <summary>Mouth consistency of one face (<see cref="MouthConsistency"/>).</summary>
/// <param name="Median">Median over same-shape frame pairs of log((mouth difference + 1) / (surrounding skin difference + 1)).</param>
/// <param name="Upper">Its 80th percentile: a generator's drift shows in its worst pairs.</param>
/// <param name="Pairs">Same-shape pairs found (0 when the track is too short).</param>
public readonly record struct MouthConsistencyStats(double Median, double Upper, int Pairs);
