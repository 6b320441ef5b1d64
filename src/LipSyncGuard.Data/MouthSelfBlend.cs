namespace LipSyncGuard.Data;

/// <summary>Self-blended pseudo-fakes of mouth crops (Shiohara &amp; Yamasaki, CVPR 2022, applied to the mouth): a real
/// crop's mouth region is replaced by a transformed copy of itself or of another frame of the same face and blended
/// back. What a detector learns from them is the seam and the change of image statistics inside it, not any one
/// generator's look; both polarities are drawn (softer <i>and</i> sharper than the skin, as face restorers make it).
/// Every step varies at random: resampling down ×2–×6 and back, blur, unsharp masking up to restoration-like
/// over-sharpening, denoising, colour / brightness / contrast offsets, a small shift and scale, the region's mouth
/// interior from another frame, the mask's shape (box, ellipse, lower half) and its feather from hard to very soft;
/// per clip, either one transform for every frame or a fresh one per frame (temporal flicker).</summary>
public sealed class MouthSelfBlend
{
    private readonly Random _random;

    /// <summary>Creates a generator with its own seeded random source.</summary>
    public MouthSelfBlend(int seed) => _random = new Random(seed);

    /// <summary>One random recipe: what is done to the source and how it is blended back.</summary>
    public sealed record Recipe(
        double Downscale, int Sharpen, double Sigma, double Amount, double Gain, double Brightness, double Contrast,
        double ShiftX, double ShiftY, double Zoom, int Shape, double CenterY, double Width, double Height, double Feather, bool OtherFrame);

    /// <summary>Draws a recipe.</summary>
    public Recipe Draw()
    {
        var r = _random;
        return new Recipe(
            Downscale: r.NextDouble() < 0.5 ? 2 + (4 * r.NextDouble()) : 1,
            // 0 none, 1 blur, 2 unsharp mask, 3 over-sharpening (restoration-like), 4 denoise.
            Sharpen: r.Next(5),
            Sigma: 0.5 + (1.5 * r.NextDouble()),
            Amount: 0.5 + (2 * r.NextDouble()),
            Gain: 0.9 + (0.2 * r.NextDouble()),
            Brightness: -12 + (24 * r.NextDouble()),
            Contrast: 0.85 + (0.3 * r.NextDouble()),
            ShiftX: -2 + (4 * r.NextDouble()),
            ShiftY: -2 + (4 * r.NextDouble()),
            Zoom: 0.95 + (0.1 * r.NextDouble()),
            Shape: r.Next(3),
            CenterY: 0.5 + (0.1 * r.NextDouble()),
            Width: 0.45 + (0.45 * r.NextDouble()),
            Height: 0.3 + (0.4 * r.NextDouble()),
            Feather: 0.02 + (0.3 * r.NextDouble()),
            OtherFrame: r.NextDouble() < 0.5);
    }

    /// <summary>Blends pseudo-fakes into <paramref name="frames"/> (each an RGB24 crop of <paramref name="size"/>²
    /// bytes, all of one face): one recipe for every frame, or with <paramref name="perFrame"/> a new one per frame.
    /// Sources from another frame are taken from the input before any frame is changed.</summary>
    public void Apply(IReadOnlyList<byte[]> frames, int size, bool perFrame)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0) return;
        var originals = frames.Select(f => (byte[])f.Clone()).ToArray();
        var recipe = Draw();
        var partner = _random.Next(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            if (perFrame && i > 0)
            {
                recipe = Draw();
                partner = _random.Next(frames.Count);
            }
            var source = recipe.OtherFrame ? originals[partner] : originals[i];
            Blend(originals[i], source, size, recipe, frames[i]);
        }
    }

    /// <summary>Writes <paramref name="target"/> = the recipe's transform of <paramref name="source"/> blended into
    /// <paramref name="background"/> through its mask.</summary>
    public static void Blend(ReadOnlySpan<byte> background, ReadOnlySpan<byte> source, int size, Recipe recipe, Span<byte> target)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var n = size * size;
        var planes = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            var p = new float[n];
            for (var i = 0; i < n; i++) p[i] = source[(i * 3) + c];
            p = Warp(p, size, recipe.ShiftX, recipe.ShiftY, recipe.Zoom);
            if (recipe.Downscale > 1) p = Resample(p, size, recipe.Downscale);
            p = recipe.Sharpen switch
            {
                1 => Gaussian(p, size, recipe.Sigma),
                2 => Unsharp(p, size, recipe.Sigma, recipe.Amount),
                3 => Unsharp(p, size, 0.7, 3 + recipe.Amount),
                4 => Median3(p, size),
                _ => p,
            };
            planes[c] = p;
        }
        var mask = Mask(size, recipe);
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var v = (((planes[c][i] - 128) * recipe.Contrast) + 128) * (c == 0 ? recipe.Gain : c == 2 ? 2 - recipe.Gain : 1) + recipe.Brightness;
                var b = background[(i * 3) + c];
                target[(i * 3) + c] = (byte)Math.Clamp((int)MathF.Round((float)((mask[i] * v) + ((1 - mask[i]) * b))), 0, 255);
            }
        }
    }

    /// <summary>The blend mask: a box, an ellipse or the lower half around the mouth, feathered by a smoothstep over
    /// <see cref="Recipe.Feather"/> of the crop.</summary>
    private static float[] Mask(int size, Recipe r)
    {
        var mask = new float[size * size];
        double cx = 0.5, cy = r.CenterY, hw = r.Width / 2, hh = r.Height / 2;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                double u = (x + 0.5) / size, v = (y + 0.5) / size;
                // Signed distance outside the shape, in crop units (negative inside).
                var d = r.Shape switch
                {
                    0 => Math.Max(Math.Abs(u - cx) - hw, Math.Abs(v - cy) - hh),
                    1 => (Math.Sqrt(Math.Pow((u - cx) / hw, 2) + Math.Pow((v - cy) / hh, 2)) - 1) * Math.Min(hw, hh),
                    _ => Math.Max(cy - hh - v, Math.Abs(u - cx) - hw),
                };
                var t = Math.Clamp(0.5 - (d / r.Feather), 0, 1);
                mask[(y * size) + x] = (float)(t * t * (3 - (2 * t)));
            }
        }
        return mask;
    }

    private static float Sample(float[] p, int size, double x, double y)
    {
        x = Math.Clamp(x, 0, size - 1);
        y = Math.Clamp(y, 0, size - 1);
        int x0 = (int)x, y0 = (int)y, x1 = Math.Min(x0 + 1, size - 1), y1 = Math.Min(y0 + 1, size - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        var top = p[(y0 * size) + x0] + ((p[(y0 * size) + x1] - p[(y0 * size) + x0]) * fx);
        var bottom = p[(y1 * size) + x0] + ((p[(y1 * size) + x1] - p[(y1 * size) + x0]) * fx);
        return top + ((bottom - top) * fy);
    }

    private static float[] Warp(float[] p, int size, double dx, double dy, double zoom)
    {
        var o = new float[p.Length];
        var c = (size - 1) / 2.0;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                o[(y * size) + x] = Sample(p, size, ((x - c - dx) / zoom) + c, ((y - c - dy) / zoom) + c);
        return o;
    }

    /// <summary>Area-averaged down by <paramref name="factor"/>, bilinear back up.</summary>
    private static float[] Resample(float[] p, int size, double factor)
    {
        var small = Math.Max(2, (int)Math.Round(size / factor));
        var s = new float[small * small];
        for (var y = 0; y < small; y++)
        {
            for (var x = 0; x < small; x++)
            {
                int x0 = x * size / small, x1 = Math.Max(x0 + 1, (x + 1) * size / small), y0 = y * size / small, y1 = Math.Max(y0 + 1, (y + 1) * size / small);
                float sum = 0;
                for (var yy = y0; yy < y1; yy++) for (var xx = x0; xx < x1; xx++) sum += p[(yy * size) + xx];
                s[(y * small) + x] = sum / ((x1 - x0) * (y1 - y0));
            }
        }
        var o = new float[p.Length];
        var scale = small / (double)size;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                o[(y * size) + x] = Sample(s, small, ((x + 0.5) * scale) - 0.5, ((y + 0.5) * scale) - 0.5);
        return o;
    }

    private static float[] Gaussian(float[] p, int size, double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(2.5 * sigma));
        var kernel = Enumerable.Range(-radius, (2 * radius) + 1).Select(i => (float)Math.Exp(-(i * i) / (2 * sigma * sigma))).ToArray();
        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        var tmp = new float[p.Length];
        var o = new float[p.Length];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                float v = 0;
                for (var k = -radius; k <= radius; k++) v += kernel[k + radius] * p[(y * size) + Math.Clamp(x + k, 0, size - 1)];
                tmp[(y * size) + x] = v;
            }
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                float v = 0;
                for (var k = -radius; k <= radius; k++) v += kernel[k + radius] * tmp[(Math.Clamp(y + k, 0, size - 1) * size) + x];
                o[(y * size) + x] = v;
            }
        return o;
    }

    private static float[] Unsharp(float[] p, int size, double sigma, double amount)
    {
        var blurred = Gaussian(p, size, sigma);
        var o = new float[p.Length];
        for (var i = 0; i < p.Length; i++) o[i] = p[i] + (float)(amount * (p[i] - blurred[i]));
        return o;
    }

    /// <summary>3×3 median: a denoiser's flattening of fine texture.</summary>
    private static float[] Median3(float[] p, int size)
    {
        var o = new float[p.Length];
        Span<float> w = stackalloc float[9];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var k = 0;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                        w[k++] = p[(Math.Clamp(y + dy, 0, size - 1) * size) + Math.Clamp(x + dx, 0, size - 1)];
                w.Sort();
                o[(y * size) + x] = w[4];
            }
        return o;
    }
}
