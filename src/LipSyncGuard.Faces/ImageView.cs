using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>A borrowed, tightly packed picture: RGB24 (row-major, R G B per pixel) or I420 (luma plane, then the half-size
/// U and V planes). It owns nothing, so it lives on the stack only and cannot outlive the frame or image it looks at.
/// Readers sample it through <see cref="ImageSampler"/> or <see cref="ReadRgb"/>, so an I420 frame is converted to colour
/// only where it is read.</summary>
public readonly ref struct ImageView
{
    /// <summary>Wraps packed RGB24 <paramref name="pixels"/>; throws when its length is not <c>width * height * 3</c>.</summary>
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height)
        : this(pixels, width, height, VideoPixelFormat.Rgb24)
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> laid out as <paramref name="format"/>; throws when the length does not
    /// match that layout.</summary>
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height, VideoPixelFormat format)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}", "image must be at least 1x1");
        var expected = format.FrameBytes(width, height);
        if (pixels.Length != expected) throw new ArgumentException($"expected {expected} bytes for a {width}x{height} {format} image, got {pixels.Length}", nameof(pixels));
        Pixels = pixels;
        Width = width;
        Height = height;
        Format = format;
    }

    /// <summary>The bytes, laid out as <see cref="Format"/>.</summary>
    public ReadOnlySpan<byte> Pixels { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The layout of <see cref="Pixels"/>.</summary>
    public VideoPixelFormat Format { get; }

    /// <summary>The I420 U plane (empty for RGB24).</summary>
    internal ReadOnlySpan<byte> ChromaU => Format == VideoPixelFormat.I420 ? Pixels.Slice(Width * Height, ChromaWidth * ChromaHeight) : default;

    /// <summary>The I420 V plane (empty for RGB24).</summary>
    internal ReadOnlySpan<byte> ChromaV => Format == VideoPixelFormat.I420 ? Pixels[((Width * Height) + (ChromaWidth * ChromaHeight))..] : default;

    /// <summary>Width of an I420 chroma plane.</summary>
    internal int ChromaWidth => VideoPixelFormats.ChromaWidth(Width);

    /// <summary>Height of an I420 chroma plane.</summary>
    internal int ChromaHeight => VideoPixelFormats.ChromaHeight(Height);

    /// <summary>The colour of pixel (<paramref name="x"/>, <paramref name="y"/>), which must lie inside the image.</summary>
    /// <remarks>Inlined into the per-pixel readers (the landmark cascade's grey samples, the scene-cut signature): past the
    /// one check of the point, every index lies inside <see cref="Pixels"/>, whose length the constructor matched to the
    /// layout.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (byte R, byte G, byte B) ReadRgb(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) ThrowOutside(x, y);
        ref var p0 = ref MemoryMarshal.GetReference(Pixels);
        if (Format == VideoPixelFormat.Rgb24)
        {
            ref var p = ref Unsafe.Add(ref p0, ((y * Width) + x) * 3);
            return (p, Unsafe.Add(ref p, 1), Unsafe.Add(ref p, 2));
        }
        var chromaWidth = ChromaWidth;
        var c = (Width * Height) + ((y >> 1) * chromaWidth) + (x >> 1);
        var (r, g, b) = Bt601.ToRgb(Unsafe.Add(ref p0, (y * Width) + x), Unsafe.Add(ref p0, c), Unsafe.Add(ref p0, c + (chromaWidth * ChromaHeight)));
        return (Bt601.ToByte(r), Bt601.ToByte(g), Bt601.ToByte(b));
    }

    [DoesNotReturn]
    private void ThrowOutside(int x, int y) => throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside {Width}x{Height}");

    /// <summary>A view of a decoded video frame (valid until the frame is disposed).</summary>
    public static ImageView Of(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new ImageView(frame.Pixels, frame.Width, frame.Height, frame.Format);
    }
}
