namespace LipSyncGuard.Data;

/// <summary>Pixel transforms of one square RGB24 crop, in place.</summary>
internal static class CropTransforms
{
    /// <summary>Rotates by <paramref name="degrees"/> about the centre (bilinear, edges clamped) and optionally mirrors
    /// left–right, in one resampling pass.</summary>
    public static void RotateFlip(Span<byte> crop, Span<byte> scratch, int size, double degrees, bool flip)
    {
        crop.CopyTo(scratch);
        var radians = degrees * Math.PI / 180;
        float cos = (float)Math.Cos(radians), sin = (float)Math.Sin(radians);
        var c = (size - 1) / 2f;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var dx = (flip ? size - 1 - x : x) - c;
                var dy = y - c;
                // Inverse map: the output pixel reads the source point rotated back.
                var sx = Math.Clamp((cos * dx) + (sin * dy) + c, 0, size - 1);
                var sy = Math.Clamp((-sin * dx) + (cos * dy) + c, 0, size - 1);
                int x0 = (int)sx, y0 = (int)sy;
                int x1 = Math.Min(x0 + 1, size - 1), y1 = Math.Min(y0 + 1, size - 1);
                float fx = sx - x0, fy = sy - y0;
                var o = ((y * size) + x) * 3;
                for (var ch = 0; ch < 3; ch++)
                {
                    var top = (scratch[(((y0 * size) + x0) * 3) + ch] * (1 - fx)) + (scratch[(((y0 * size) + x1) * 3) + ch] * fx);
                    var bottom = (scratch[(((y1 * size) + x0) * 3) + ch] * (1 - fx)) + (scratch[(((y1 * size) + x1) * 3) + ch] * fx);
                    crop[o + ch] = (byte)Math.Clamp((top * (1 - fy)) + (bottom * fy) + 0.5f, 0, 255);
                }
            }
        }
    }

    /// <summary>Brightness (scale), contrast (about the crop's mean grey) and saturation (about each pixel's grey).</summary>
    public static void Jitter(Span<byte> crop, double brightness, double contrast, double saturation)
    {
        double sum = 0;
        for (var i = 0; i < crop.Length; i += 3) sum += Grey(crop[i], crop[i + 1], crop[i + 2]);
        var mean = (float)(sum / (crop.Length / 3) * brightness);
        float b = (float)brightness, c = (float)contrast, s = (float)saturation;
        for (var i = 0; i < crop.Length; i += 3)
        {
            float r = crop[i] * b, g = crop[i + 1] * b, bl = crop[i + 2] * b;
            var grey = Grey(r, g, bl);
            r = grey + ((r - grey) * s);
            g = grey + ((g - grey) * s);
            bl = grey + ((bl - grey) * s);
            crop[i] = Clamp(mean + ((r - mean) * c));
            crop[i + 1] = Clamp(mean + ((g - mean) * c));
            crop[i + 2] = Clamp(mean + ((bl - mean) * c));
        }
    }

    /// <summary>Adds zero-mean Gaussian noise of σ <paramref name="sigma"/> (0…255 units).</summary>
    public static void AddNoise(Span<byte> crop, double sigma, Random random)
    {
        for (var i = 0; i < crop.Length; i++) crop[i] = Clamp((float)(crop[i] + (sigma * Gaussian(random))));
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    private static float Grey(float r, float g, float b) => (0.299f * r) + (0.587f * g) + (0.114f * b);

    private static byte Clamp(float v) => (byte)Math.Clamp(v + 0.5f, 0, 255);
}
