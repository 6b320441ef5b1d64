namespace LipSyncGuard.Faces;

/// <summary>Resamples an RGB24 source through an <see cref="Affine2D"/> with bilinear interpolation. The hot path of
/// detection pre-processing: no allocation, strides computed once, the source coordinate stepped per pixel.</summary>
internal static class ImageSampler
{
    /// <summary>Fills an NHWC float tensor of <paramref name="size"/>² pixels scaled to [-1, 1] (MediaPipe's input
    /// range). Destination pixels whose centre falls outside the source are black (-1), the letterbox padding.
    /// <paramref name="supersample"/>² samples per pixel average away the aliasing of a large downscale.</summary>
    public static void ToTensor(ImageView source, Affine2D map, int size, Span<float> destination, int supersample = 1)
    {
        if (destination.Length < size * size * 3) throw new ArgumentException("destination too small", nameof(destination));
        var n = Math.Clamp(supersample, 1, 4);
        var inv = 1f / (n * n * 127.5f);
        if (map.M12 == 0 && map.M21 == 0)
        {
            AxisAlignedToTensor(source, map, size, destination, n, inv);
            return;
        }
        Span<float> rgb = stackalloc float[3];
        var o = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                rgb.Clear();
                for (var sy = 0; sy < n; sy++)
                {
                    var dy = y + ((sy + 0.5f) / n);
                    for (var sx = 0; sx < n; sx++)
                    {
                        var dx = x + ((sx + 0.5f) / n);
                        var px = (map.M11 * dx) + (map.M12 * dy) + map.Tx;
                        var py = (map.M21 * dx) + (map.M22 * dy) + map.Ty;
                        Bilinear(source, px, py, rgb);
                    }
                }
                // Samples outside the frame contribute black (0), matching the padding.
                destination[o] = (rgb[0] * inv) - 1f;
                destination[o + 1] = (rgb[1] * inv) - 1f;
                destination[o + 2] = (rgb[2] * inv) - 1f;
                o += 3;
            }
        }
    }

    /// <summary>The letterbox without roll (the common case): source columns and rows depend on x or y alone, so the
    /// bilinear taps are computed once per column and per row instead of once per sample. Same arithmetic as the general
    /// path, so the same tensor.</summary>
    private static void AxisAlignedToTensor(ImageView source, Affine2D map, int size, Span<float> destination, int n, float inv)
    {
        var taps = size * n;
        var xTaps = System.Buffers.ArrayPool<Tap>.Shared.Rent(taps);
        var yTaps = System.Buffers.ArrayPool<Tap>.Shared.Rent(taps);
        try
        {
            for (var i = 0; i < size; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    var d = i + ((k + 0.5f) / n);
                    xTaps[(i * n) + k] = Tap.For((map.M11 * d) + map.Tx, source.Width, 3);
                    yTaps[(i * n) + k] = Tap.For((map.M22 * d) + map.Ty, source.Height, source.Width * 3);
                }
            }
            var p = source.Pixels;
            var o = 0;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    float r = 0, g = 0, b = 0;
                    for (var sy = 0; sy < n; sy++)
                    {
                        var ty = yTaps[(y * n) + sy];
                        if (!ty.Inside) continue;
                        for (var sx = 0; sx < n; sx++)
                        {
                            var tx = xTaps[(x * n) + sx];
                            if (!tx.Inside) continue;
                            var w00 = (1 - tx.Fraction) * (1 - ty.Fraction);
                            var w01 = tx.Fraction * (1 - ty.Fraction);
                            var w10 = (1 - tx.Fraction) * ty.Fraction;
                            var w11 = tx.Fraction * ty.Fraction;
                            int a = ty.Offset0 + tx.Offset0, bb = ty.Offset0 + tx.Offset1, c = ty.Offset1 + tx.Offset0, e = ty.Offset1 + tx.Offset1;
                            r += (p[a] * w00) + (p[bb] * w01) + (p[c] * w10) + (p[e] * w11);
                            g += (p[a + 1] * w00) + (p[bb + 1] * w01) + (p[c + 1] * w10) + (p[e + 1] * w11);
                            b += (p[a + 2] * w00) + (p[bb + 2] * w01) + (p[c + 2] * w10) + (p[e + 2] * w11);
                        }
                    }
                    destination[o] = (r * inv) - 1f;
                    destination[o + 1] = (g * inv) - 1f;
                    destination[o + 2] = (b * inv) - 1f;
                    o += 3;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<Tap>.Shared.Return(xTaps);
            System.Buffers.ArrayPool<Tap>.Shared.Return(yTaps);
        }
    }

    /// <summary>One bilinear tap along one axis: the two neighbouring pixels (as byte offsets) and the weight of the second.</summary>
    private readonly record struct Tap(bool Inside, int Offset0, int Offset1, float Fraction)
    {
        public static Tap For(float position, int length, int step)
        {
            if (!(position >= 0 && position < length)) return default;
            var v = position - 0.5f;
            var i0 = (int)MathF.Floor(v);
            var fraction = v - i0;
            var i1 = Math.Min(i0 + 1, length - 1);
            i0 = Math.Max(i0, 0);
            return new Tap(true, i0 * step, i1 * step, fraction);
        }
    }

    public static void ToBytes(ImageView source, Affine2D map, int width, int height, Span<byte> destination)
    {
        if (destination.Length < width * height * 3) throw new ArgumentException("destination too small", nameof(destination));
        Span<float> rgb = stackalloc float[3];
        var o = 0;
        for (var y = 0; y < height; y++)
        {
            var dy = y + 0.5f;
            for (var x = 0; x < width; x++)
            {
                var dx = x + 0.5f;
                var px = Math.Clamp((map.M11 * dx) + (map.M12 * dy) + map.Tx, 0f, source.Width - 0.001f);
                var py = Math.Clamp((map.M21 * dx) + (map.M22 * dy) + map.Ty, 0f, source.Height - 0.001f);
                rgb.Clear();
                Bilinear(source, px, py, rgb);
                destination[o] = (byte)Math.Clamp((int)(rgb[0] + 0.5f), 0, 255);
                destination[o + 1] = (byte)Math.Clamp((int)(rgb[1] + 0.5f), 0, 255);
                destination[o + 2] = (byte)Math.Clamp((int)(rgb[2] + 0.5f), 0, 255);
                o += 3;
            }
        }
    }

    /// <summary>Adds the bilinear sample at continuous coordinate (<paramref name="px"/>, <paramref name="py"/>) to
    /// <paramref name="acc"/>; returns false (adding nothing) when the point lies outside the source.</summary>
    private static bool Bilinear(ImageView source, float px, float py, Span<float> acc)
    {
        var w = source.Width;
        var h = source.Height;
        if (!(px >= 0 && py >= 0 && px < w && py < h)) return false;
        var x = px - 0.5f;
        var y = py - 0.5f;
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var x1 = Math.Min(x0 + 1, w - 1);
        var y1 = Math.Min(y0 + 1, h - 1);
        x0 = Math.Max(x0, 0);
        y0 = Math.Max(y0, 0);
        var stride = w * 3;
        var p = source.Pixels;
        var r0 = y0 * stride;
        var r1 = y1 * stride;
        var c0 = x0 * 3;
        var c1 = x1 * 3;
        var w00 = (1 - fx) * (1 - fy);
        var w01 = fx * (1 - fy);
        var w10 = (1 - fx) * fy;
        var w11 = fx * fy;
        for (var c = 0; c < 3; c++)
        {
            acc[c] += (p[r0 + c0 + c] * w00) + (p[r0 + c1 + c] * w01) + (p[r1 + c0 + c] * w10) + (p[r1 + c1 + c] * w11);
        }
        return true;
    }
}
