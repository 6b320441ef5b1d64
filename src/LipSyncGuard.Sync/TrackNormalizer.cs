namespace LipSyncGuard.Sync;

/// <summary>Per-track standardisation. Audio: mean and variance per band over the track (removes microphone and room
/// colour, which say nothing about sync). Lips: z-scores over valid frames (removes the person's mouth size and shape,
/// leaving its motion).</summary>
internal static class TrackNormalizer
{
    public static float[] Standardize(float[] values, int width, bool[]? valid)
    {
        var frames = values.Length / width;
        var result = new float[values.Length];
        for (var k = 0; k < width; k++)
        {
            double sum = 0, sumSq = 0;
            var n = 0;
            for (var t = 0; t < frames; t++)
            {
                if (valid is not null && !valid[t]) continue;
                double v = values[t * width + k];
                sum += v;
                sumSq += v * v;
                n++;
            }
            if (n < 2) continue;
            var mean = sum / n;
            var std = Math.Sqrt(Math.Max(sumSq / n - mean * mean, 0));
            var scale = std > 1e-6 ? 1 / std : 0;
            for (var t = 0; t < frames; t++)
            {
                if (valid is not null && !valid[t]) continue;
                result[t * width + k] = (float)((values[t * width + k] - mean) * scale);
            }
        }
        return result;
    }
}
