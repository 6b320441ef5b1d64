using System.Buffers;

namespace LipSyncGuard.Faces;

/// <summary>Texture cues of a mouth-crop sequence (<see cref="MouthCropper"/> output): how sharp, how busy and how steady
/// the mouth is compared with the skin around it in the same crop. Lip-sync generators repaint the mouth and leave the
/// cheeks, so the two can differ; every cue is a ratio inside one crop, so blur, rescaling or recompression of the whole
/// video move both sides alike.</summary>
public static class MouthTexture
{
    /// <summary>The mouth box inside a crop centred on the mouth, as fractions of the side (the crop is 1.6 eye
    /// distances wide; the lips span about the middle 45 % across and 40 % down).</summary>
    private const float InnerLeft = 0.28f, InnerRight = 0.72f, InnerTop = 0.30f, InnerBottom = 0.70f;

    /// <summary>Measures the frames of <paramref name="crops"/> (frames × size × size × 3 RGB bytes) whose
    /// <paramref name="valid"/> flag is set; motion compares consecutive valid frames only.</summary>
    public static MouthTextureStats Measure(ReadOnlySpan<byte> crops, int size, ReadOnlySpan<bool> valid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var pixels = size * size;
        var frames = valid.Length;
        if (crops.Length != frames * pixels * 3) throw new ArgumentException($"expected {frames} crops of {size}×{size} RGB", nameof(crops));
        var grey = ArrayPool<float>.Shared.Rent(pixels);
        var previous = ArrayPool<float>.Shared.Rent(pixels);
        var sharpness = new List<double>(frames);
        var motion = new List<double>(frames);
        try
        {
            var havePrevious = false;
            for (var f = 0; f < frames; f++)
            {
                if (!valid[f])
                {
                    havePrevious = false;
                    continue;
                }
                ToGrey(crops.Slice(f * pixels * 3, pixels * 3), grey.AsSpan(0, pixels));
                var (lapInner, lapOuter) = Laplacian(grey, size);
                sharpness.Add(Math.Log((lapInner + 1) / (lapOuter + 1)));
                if (havePrevious)
                {
                    var (diffInner, diffOuter) = Difference(grey, previous, size);
                    motion.Add(Math.Log((diffInner + 1) / (diffOuter + 1)));
                }
                (grey, previous) = (previous, grey);
                havePrevious = true;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(grey);
            ArrayPool<float>.Shared.Return(previous);
        }
        return sharpness.Count < 2
            ? new MouthTextureStats(0, 0, 0, sharpness.Count)
            : new MouthTextureStats(OrderStatistics.Median(sharpness), motion.Count == 0 ? 0 : OrderStatistics.Median(motion), StandardDeviation(sharpness), sharpness.Count);
    }

    /// <summary>Luma (BT.601) of an RGB24 crop: what every mouth cue measures.</summary>
    public static void ToGrey(ReadOnlySpan<byte> rgb, Span<float> grey)
    {
        for (int i = 0, j = 0; i < grey.Length; i++, j += 3) grey[i] = (0.299f * rgb[j]) + (0.587f * rgb[j + 1]) + (0.114f * rgb[j + 2]);
    }

    /// <summary>Mean squared 4-neighbour Laplacian inside the mouth box and in the ring around it (1 px border skipped).</summary>
    public static (double Inner, double Outer) Laplacian(float[] g, int size)
    {
        var (inner, nInner, outer, nOuter) = LaplacianSums(g, size);
        return (inner / nInner, outer / nOuter);
    }

    /// <summary>Mean squared 4-neighbour Laplacian over the whole crop (1 px border skipped): its fine detail.</summary>
    public static double Detail(float[] g, int size)
    {
        var (inner, nInner, outer, nOuter) = LaplacianSums(g, size);
        return (inner + outer) / (nInner + nOuter);
    }

    private static (double Inner, int InnerCount, double Outer, int OuterCount) LaplacianSums(float[] g, int size)
    {
        double inner = 0, outer = 0;
        int nInner = 0, nOuter = 0;
        for (var y = 1; y < size - 1; y++)
        {
            var row = y * size;
            for (var x = 1; x < size - 1; x++)
            {
                var i = row + x;
                var l = (4 * g[i]) - g[i - 1] - g[i + 1] - g[i - size] - g[i + size];
                if (IsInner(x, y, size)) { inner += l * l; nInner++; }
                else { outer += l * l; nOuter++; }
            }
        }
        return (inner, nInner, outer, nOuter);
    }

    /// <summary>Mean squared frame-to-frame change inside the mouth box and in the ring around it.</summary>
    private static (double Inner, double Outer) Difference(float[] a, float[] b, int size)
    {
        double inner = 0, outer = 0;
        int nInner = 0, nOuter = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var d = a[(y * size) + x] - b[(y * size) + x];
                if (IsInner(x, y, size)) { inner += d * d; nInner++; }
                else { outer += d * d; nOuter++; }
            }
        }
        return (inner / nInner, outer / nOuter);
    }

    /// <summary>True for a pixel of the mouth box of a <paramref name="size"/>-wide crop; the rest is the surrounding skin
    /// every mouth cue compares it with.</summary>
    public static bool IsInner(int x, int y, int size) =>
        x >= InnerLeft * size && x < InnerRight * size && y >= InnerTop * size && y < InnerBottom * size;


    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}

/// <summary>Texture cues of one face's mouth crops (<see cref="MouthTexture"/>).</summary>
/// <param name="Sharpness">Median over frames of log(mouth Laplacian energy / surrounding skin's): how much sharper the
/// mouth is than its surround.</param>
/// <param name="Motion">Median of log(mouth frame-to-frame change / surround's): how much of the crop's change is in the mouth.</param>
/// <param name="SharpnessFlicker">Standard deviation over frames of the per-frame sharpness ratio: a repainted mouth's
/// detail comes and goes from frame to frame.</param>
/// <param name="Frames">Frames measured (cues are 0 below two).</param>
public readonly record struct MouthTextureStats(double Sharpness, double Motion, double SharpnessFlicker, int Frames);
