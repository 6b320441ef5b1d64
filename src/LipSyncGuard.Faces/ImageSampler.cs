using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>Resamples an RGB24 or I420 source through an <see cref="Affine2D"/> with bilinear interpolation. The hot path of
/// detection pre-processing: no allocation, strides computed once, the source coordinate stepped per pixel. An I420
/// source is interpolated in YUV (luma per sample at full resolution, chroma once per destination pixel at half) and
/// converted to RGB per destination pixel — the colours a converted RGB24 frame would give, paid only where read.</summary>
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
        var planes = new Planes(source);
        var o = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                rgb.Clear();
                float luma = 0;
                var inside = 0;
                for (var sy = 0; sy < n; sy++)
                {
                    var dy = y + ((sy + 0.5f) / n);
                    for (var sx = 0; sx < n; sx++)
                    {
                        var dx = x + ((sx + 0.5f) / n);
                        var px = (map.M11 * dx) + (map.M12 * dy) + map.Tx;
                        var py = (map.M21 * dx) + (map.M22 * dy) + map.Ty;
                        if (!planes.I420) Bilinear(planes, px, py, rgb);
                        else if (px >= 0 && py >= 0 && px < planes.Width && py < planes.Height)
                        {
                            luma += Luma(planes, px, py);
                            inside++;
                        }
                    }
                }
                if (planes.I420)
                {
                    // Chroma is half resolution and smooth: read once, at the pixel's centre.
                    float cx = x + 0.5f, cy = y + 0.5f;
                    var (u, v) = Chroma(planes, (map.M11 * cx) + (map.M12 * cy) + map.Tx, (map.M21 * cx) + (map.M22 * cy) + map.Ty);
                    Store(destination, o, luma, u, v, inside, inv);
                }
                else
                {
                    // Samples outside the frame contribute black (0), matching the padding.
                    destination[o] = (rgb[0] * inv) - 1f;
                    destination[o + 1] = (rgb[1] * inv) - 1f;
                    destination[o + 2] = (rgb[2] * inv) - 1f;
                }
                o += 3;
            }
        }
    }

    /// <summary>The letterbox without roll (the common case): source columns and rows depend on x or y alone, so the
    /// bilinear taps are computed once per column and per row instead of once per sample. Same arithmetic as the general
    /// path, so the same tensor. An I420 source gets luma taps per sample and chroma taps per destination pixel.</summary>
    private static void AxisAlignedToTensor(ImageView source, Affine2D map, int size, Span<float> destination, int n, float inv)
    {
        var i420 = source.Format == VideoPixelFormat.I420;
        var step = i420 ? 1 : 3;
        var taps = size * n;
        var pool = System.Buffers.ArrayPool<Tap>.Shared;
        Tap[] xTaps = pool.Rent(taps), yTaps = pool.Rent(taps), xChroma = pool.Rent(size), yChroma = pool.Rent(size);
        try
        {
            for (var i = 0; i < size; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    var d = i + ((k + 0.5f) / n);
                    xTaps[(i * n) + k] = Tap.For((map.M11 * d) + map.Tx, source.Width, step);
                    yTaps[(i * n) + k] = Tap.For((map.M22 * d) + map.Ty, source.Height, source.Width * step);
                }
                if (!i420) continue;
                var centre = i + 0.5f;
                xChroma[i] = ChromaTap((map.M11 * centre) + map.Tx, source.Width, source.ChromaWidth, 1);
                yChroma[i] = ChromaTap((map.M22 * centre) + map.Ty, source.Height, source.ChromaHeight, source.ChromaWidth);
            }
            ReadOnlySpan<byte> p = source.Pixels, u = source.ChromaU, v = source.ChromaV;
            var o = 0;
            if (i420 && n == 1)
            {
                // One sample per pixel (upscales, small downscales): the same arithmetic without the sample loops.
                for (var y = 0; y < size; y++)
                {
                    Tap ty = yTaps[y], cy = yChroma[y];
                    for (var x = 0; x < size; x++, o += 3)
                    {
                        var tx = xTaps[x];
                        var inside = ty.Inside && tx.Inside;
                        var cx = xChroma[x];
                        Store(destination, o, inside ? Interpolate(p, ty, tx) : 0, Interpolate(u, cy, cx), Interpolate(v, cy, cx), inside ? 1 : 0, inv);
                    }
                }
                return;
            }
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    float r = 0, g = 0, b = 0, luma = 0;
                    var inside = 0;
                    for (var sy = 0; sy < n; sy++)
                    {
                        var ty = yTaps[(y * n) + sy];
                        if (!ty.Inside) continue;
                        for (var sx = 0; sx < n; sx++)
                        {
                            var tx = xTaps[(x * n) + sx];
                            if (!tx.Inside) continue;
                            if (i420)
                            {
                                luma += Interpolate(p, ty, tx);
                                inside++;
                                continue;
                            }
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
                    if (i420)
                    {
                        Tap cx = xChroma[x], cy = yChroma[y];
                        Store(destination, o, luma, Interpolate(u, cy, cx), Interpolate(v, cy, cx), inside, inv);
                    }
                    else
                    {
                        destination[o] = (r * inv) - 1f;
                        destination[o + 1] = (g * inv) - 1f;
                        destination[o + 2] = (b * inv) - 1f;
                    }
                    o += 3;
                }
            }
        }
        finally
        {
            pool.Return(xTaps);
            pool.Return(yTaps);
            pool.Return(xChroma);
            pool.Return(yChroma);
        }
    }

    /// <summary>Writes one tensor pixel from the sum of <paramref name="inside"/> luma samples and the pixel's chroma:
    /// the mean colour, clamped as a byte picture holds it, weighted by the share of samples inside the frame (the rest
    /// are black, as in the RGB24 path), scaled to [-1, 1].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<float> destination, int o, float lumaSum, float u, float v, int inside, float inv)
    {
        float r = 0, g = 0, b = 0, scale = 0;
        if (inside > 0)
        {
            (r, g, b) = Bt601.ToRgb(inside == 1 ? lumaSum : lumaSum / inside, u, v);
            scale = inside * inv;
        }
        destination[o] = (Bt601.Clamp(r) * scale) - 1f;
        destination[o + 1] = (Bt601.Clamp(g) * scale) - 1f;
        destination[o + 2] = (Bt601.Clamp(b) * scale) - 1f;
    }

    /// <summary>Bilinear luma at continuous coordinate (<paramref name="px"/>, <paramref name="py"/>) inside the frame.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static float Luma(in Planes source, float px, float py) =>
        Interpolate(source.Pixels, Tap.For(py, source.Height, source.Width), Tap.For(px, source.Width, 1));

    /// <summary>Bilinear chroma at the luma coordinate (<paramref name="px"/>, <paramref name="py"/>), clamped into the frame.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static (float U, float V) Chroma(in Planes source, float px, float py)
    {
        var cx = ChromaTap(px, source.Width, source.ChromaWidth, 1);
        var cy = ChromaTap(py, source.Height, source.ChromaHeight, source.ChromaWidth);
        return (Interpolate(source.U, cy, cx), Interpolate(source.V, cy, cx));
    }

    /// <summary>The chroma-plane tap for luma coordinate <paramref name="luma"/> along one axis: clamped into the frame,
    /// then halved (a 4:2:0 chroma sample covers 2×2 luma pixels).</summary>
    private static Tap ChromaTap(float luma, int lumaSize, int chromaSize, int stride) =>
        Tap.For(Math.Clamp(luma, 0f, lumaSize - 0.001f) / 2, chromaSize, stride);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static float Interpolate(ReadOnlySpan<byte> plane, Tap row, Tap column)
    {
        float top = plane[row.Offset0 + column.Offset0] + (column.Fraction * (plane[row.Offset0 + column.Offset1] - plane[row.Offset0 + column.Offset0]));
        float bottom = plane[row.Offset1 + column.Offset0] + (column.Fraction * (plane[row.Offset1 + column.Offset1] - plane[row.Offset1 + column.Offset0]));
        return top + (row.Fraction * (bottom - top));
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
        var planes = new Planes(source);
        if (planes.I420)
        {
            I420ToBytes(planes, map, width, height, destination);
            return;
        }
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
                Bilinear(planes, px, py, rgb);
                destination[o] = (byte)Math.Clamp((int)(rgb[0] + 0.5f), 0, 255);
                destination[o + 1] = (byte)Math.Clamp((int)(rgb[1] + 0.5f), 0, 255);
                destination[o + 2] = (byte)Math.Clamp((int)(rgb[2] + 0.5f), 0, 255);
                o += 3;
            }
        }
    }

    /// <summary><see cref="ToBytes"/> from an I420 source, the mouth crops' hot path (two 96² crops a frame): the same
    /// clamped coordinates, taps and BT.601 conversion the per-sample path used (stop 45), written straight to bytes
    /// instead of through its accumulator: the same bytes. <see cref="Luma"/>, <see cref="Chroma"/> and <see cref="Bt601.ToByte"/> are
    /// marked for inlining because without dynamic PGO (how `./lipsync` runs one-shot commands) the JIT kept them out of
    /// line, and the crops' share of a cold run rose from 5.8 % to 9.4 % of its CPU.</summary>
    private static void I420ToBytes(in Planes planes, Affine2D map, int width, int height, Span<byte> destination)
    {
        var o = 0;
        for (var y = 0; y < height; y++, o += 3 * width)
        {
            var dy = y + 0.5f;
            var row = destination.Slice(o, 3 * width);
            var x = Avx2.IsSupported ? I420ToBytesEight(planes, map, dy, width, row) : 0;
            for (; x < width; x++) I420Pixel(planes, map, x + 0.5f, dy, row.Slice(3 * x, 3));
        }
    }

    /// <summary>One destination pixel of <see cref="I420ToBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void I420Pixel(in Planes planes, Affine2D map, float dx, float dy, Span<byte> destination)
    {
        float maxX = planes.Width - 0.001f, maxY = planes.Height - 0.001f;
        var px = Math.Clamp((map.M11 * dx) + (map.M12 * dy) + map.Tx, 0f, maxX);
        var py = Math.Clamp((map.M21 * dx) + (map.M22 * dy) + map.Ty, 0f, maxY);
        if (!(px < planes.Width && py < planes.Height))
        {
            // Only where a huge frame rounds the clamp onto its edge: black, as the RGB24 path leaves it.
            destination[..3].Clear();
            return;
        }
        var (u, v) = Chroma(planes, px, py);
        var (r, g, b) = Bt601.ToRgb(Luma(planes, px, py), u, v);
        destination[0] = Bt601.ToByte(Bt601.Clamp(r));
        destination[1] = Bt601.ToByte(Bt601.Clamp(g));
        destination[2] = Bt601.ToByte(Bt601.Clamp(b));
    }

    /// <summary>The pixels of one destination row eight at a time, as far as whole groups of eight go; returns how many
    /// it wrote. The same operations as the one-pixel path in the same order, lane by lane (a multiply and an add are never
    /// fused, a floor of an integer-valued float converts exactly), so the same bytes: the crops' share of a cold
    /// small-face run was ~6.6 % of its CPU, most of it the per-pixel taps' arithmetic.</summary>
    private static int I420ToBytesEight(in Planes planes, Affine2D map, float dy, int width, Span<byte> row)
    {
        const int lanes = 8;
        float maxX = planes.Width - 0.001f, maxY = planes.Height - 0.001f;
        var centres = Vector256.Create(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f);
        var fromY = Vector256.Create(map.M12 * dy);
        var fromYy = Vector256.Create(map.M22 * dy);
        // A gather reads 4 bytes at each offset.
        var lumaEnd = Vector256.Create(planes.Pixels.Length - 3);
        var chromaEnd = Vector256.Create(Math.Min(planes.U.Length, planes.V.Length) - 3);
        Span<int> channels = stackalloc int[3 * lanes];
        var x = 0;
        for (; x + lanes <= width; x += lanes)
        {
            var dx = Vector256.Create((float)x) + centres;
            var rawX = (Vector256.Create(map.M11) * dx) + fromY + Vector256.Create(map.Tx);
            var rawY = (Vector256.Create(map.M21) * dx) + fromYy + Vector256.Create(map.Ty);
            // Math.Clamp keeps a NaN, which the native min and max would turn into a bound, and a huge frame can round the
            // clamp onto its edge; both are rare, and the one-pixel path takes the group.
            var px = Vector256.MinNative(Vector256.MaxNative(rawX, Vector256<float>.Zero), Vector256.Create(maxX));
            var py = Vector256.MinNative(Vector256.MaxNative(rawY, Vector256<float>.Zero), Vector256.Create(maxY));
            var (x0, x1, fx) = Taps(px, planes.Width, 1);
            var (y0, y1, fy) = Taps(py, planes.Height, planes.Width);
            var (cx0, cx1, cfx) = Taps(px / 2, planes.ChromaWidth, 1);
            var (cy0, cy1, cfy) = Taps(py / 2, planes.ChromaHeight, planes.ChromaWidth);
            // The taps are gathered unchecked below, so each must lie inside its plane with 3 bytes to spare (only the
            // last pixels of a plane do not).
            if (!Vector256.EqualsAll(rawX, rawX) || !Vector256.EqualsAll(rawY, rawY) ||
                !Vector256.LessThanAll(px, Vector256.Create((float)planes.Width)) || !Vector256.LessThanAll(py, Vector256.Create((float)planes.Height)) ||
                !Vector256.LessThanAll(y1 + x1, lumaEnd) || !Vector256.LessThanAll(cy1 + cx1, chromaEnd))
            {
                for (var k = 0; k < lanes; k++) I420Pixel(planes, map, x + k + 0.5f, dy, row.Slice(3 * (x + k), 3));
                continue;
            }
            var luma = Interpolate(planes.Pixels, y0, y1, fy, x0, x1, fx);
            var u = Interpolate(planes.U, cy0, cy1, cfy, cx0, cx1, cfx);
            var v = Interpolate(planes.V, cy0, cy1, cfy, cx0, cx1, cfx);
            var (r, g, b) = Bt601.ToRgb(luma, u, v);
            Bt601.ToBytes(r).CopyTo(channels);
            Bt601.ToBytes(g).CopyTo(channels[lanes..]);
            Bt601.ToBytes(b).CopyTo(channels[(2 * lanes)..]);
            var pixels = row.Slice(3 * x, 3 * lanes);
            for (var k = 0; k < lanes; k++)
            {
                pixels[3 * k] = (byte)channels[k];
                pixels[(3 * k) + 1] = (byte)channels[lanes + k];
                pixels[(3 * k) + 2] = (byte)channels[(2 * lanes) + k];
            }
        }
        return x;
    }

    /// <summary><see cref="Tap.For"/> for eight positions inside the plane (the callers clamp them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> Offset0, Vector256<int> Offset1, Vector256<float> Fraction) Taps(Vector256<float> position, int length, int step)
    {
        var v = position - Vector256.Create(0.5f);
        var floor = Vector256.Floor(v);
        var i0 = Vector256.ConvertToInt32(floor);
        var i1 = Vector256.Min(i0 + Vector256<int>.One, Vector256.Create(length - 1));
        i0 = Vector256.Max(i0, Vector256<int>.Zero);
        var stride = Vector256.Create(step);
        return (i0 * stride, i1 * stride, v - floor);
    }

    /// <summary><see cref="Interpolate(ReadOnlySpan{byte}, Tap, Tap)"/> lane by lane: the four pixels read as integers,
    /// their differences taken in integers and converted, as the one-pixel path's byte arithmetic does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Interpolate(ReadOnlySpan<byte> plane, Vector256<int> row0, Vector256<int> row1, Vector256<float> rowFraction,
        Vector256<int> column0, Vector256<int> column1, Vector256<float> columnFraction)
    {
        var p00 = Gather(plane, row0 + column0);
        var p01 = Gather(plane, row0 + column1);
        var p10 = Gather(plane, row1 + column0);
        var p11 = Gather(plane, row1 + column1);
        var top = Vector256.ConvertToSingle(p00) + (columnFraction * Vector256.ConvertToSingle(p01 - p00));
        var bottom = Vector256.ConvertToSingle(p10) + (columnFraction * Vector256.ConvertToSingle(p11 - p10));
        return top + (rowFraction * (bottom - top));
    }

    /// <summary>The bytes at eight offsets into <paramref name="plane"/>, each read as the low byte of 4: the caller has
    /// checked that every offset lies 3 bytes or more before the plane's end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Gather(ReadOnlySpan<byte> plane, Vector256<int> offsets)
    {
        fixed (byte* first = plane) return Avx2.GatherVector256((int*)first, offsets, 1) & Vector256.Create(0xFF);
    }

    /// <summary>The source's planes, sliced once per resample rather than once per sample.</summary>
    internal readonly ref struct Planes(ImageView source)
    {
        public readonly ReadOnlySpan<byte> Pixels = source.Pixels;
        public readonly ReadOnlySpan<byte> U = source.ChromaU;
        public readonly ReadOnlySpan<byte> V = source.ChromaV;
        public readonly int Width = source.Width;
        public readonly int Height = source.Height;
        public readonly int ChromaWidth = source.ChromaWidth;
        public readonly int ChromaHeight = source.ChromaHeight;
        public readonly bool I420 = source.Format == VideoPixelFormat.I420;
    }

    /// <summary>Adds the bilinear sample of an RGB24 source at continuous coordinate (<paramref name="px"/>,
    /// <paramref name="py"/>) to <paramref name="acc"/>; returns false (adding nothing) when the point lies outside the
    /// source. I420 sources take their own paths (<see cref="I420ToBytes"/>, the tensor paths' luma and chroma taps).</summary>
    private static bool Bilinear(in Planes source, float px, float py, Span<float> acc)
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
