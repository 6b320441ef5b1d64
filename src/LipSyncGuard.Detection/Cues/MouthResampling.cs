using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection.Cues;

/// <summary>Traces of a mouth pasted in at another resolution or colour: lip-sync generators render the mouth at a low
/// resolution (Wav2Lip 96 px, many others 256 px faces) and scale and blend it back, or sharpen it with a face restorer,
/// so the balance between fine and coarse detail inside the mouth differs from the skin around it — in either
/// direction. Colour saturation is compared the same way (a blended region drifts in chroma). Every measure is a ratio
/// inside one crop, so whole-video blur, scaling or compression moves both sides alike.</summary>
public static class MouthResampling
{
    /// <summary>Frames measured at most (evenly spread).</summary>
    private const int MaxFrames = 150;

    /// <summary>Measures the trusted frames of <paramref name="crops"/> (frames × size × size × 3 RGB).</summary>
    public static MouthResamplingStats Measure(ReadOnlySpan<byte> crops, int size, ReadOnlySpan<bool> valid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var pixels = size * size;
        var frames = Math.Min(valid.Length, crops.Length / (pixels * 3));
        var trusted = new List<int>();
        for (var t = 0; t < frames; t++) if (valid[t]) trusted.Add(t);
        if (trusted.Count < 2) return default;
        var step = Math.Max(1, trusted.Count / MaxFrames);
        var grey = new float[pixels];
        var half = new float[pixels / 4];
        var scale = new List<double>();
        var saturation = new List<double>();
        for (var k = 0; k < trusted.Count; k += step)
        {
            var rgb = crops.Slice(trusted[k] * pixels * 3, pixels * 3);
            double satInner = 0, satOuter = 0;
            int nInner = 0, nOuter = 0;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var j = ((y * size) + x) * 3;
                    int r = rgb[j], g = rgb[j + 1], b = rgb[j + 2];
                    grey[(y * size) + x] = (0.299f * r) + (0.587f * g) + (0.114f * b);
                    var s = Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
                    if (MouthTexture.IsInner(x, y, size)) { satInner += s; nInner++; } else { satOuter += s; nOuter++; }
                }
            }
            saturation.Add(Math.Log(((satInner / nInner) + 1) / ((satOuter / nOuter) + 1)));
            // Fine detail: the Laplacian at full resolution; coarse: at half resolution (2×2 means).
            var h = size / 2;
            for (var y = 0; y < h; y++)
                for (var x = 0; x < h; x++)
                    half[(y * h) + x] = (grey[(2 * y * size) + (2 * x)] + grey[(2 * y * size) + (2 * x) + 1] + grey[((2 * y) + 1) * size + (2 * x)] + grey[((2 * y) + 1) * size + (2 * x) + 1]) / 4;
            var (fineInner, fineOuter) = MouthTexture.Laplacian(grey, size);
            var (coarseInner, coarseOuter) = MouthTexture.Laplacian(half, h);
            scale.Add(Math.Log((fineInner + 1) / (coarseInner + 1)) - Math.Log((fineOuter + 1) / (coarseOuter + 1)));
        }
        return new MouthResamplingStats(OrderStatistics.UpperMedian(scale), OrderStatistics.UpperMedian(saturation), scale.Count);
    }

}

/// <summary>Resampling and colour traces of one face's mouth (<see cref="MouthResampling"/>).</summary>
/// <param name="Scale">Median of log(fine / coarse detail) inside the mouth minus the same around it: negative for a mouth
/// scaled up from fewer pixels, positive for a sharpened (restored) one.</param>
/// <param name="Saturation">Median of log(mouth colour saturation / surrounding skin's).</param>
/// <param name="Frames">Frames measured.</param>
public readonly record struct MouthResamplingStats(double Scale, double Saturation, int Frames);
