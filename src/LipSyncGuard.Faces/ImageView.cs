using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>A borrowed, tightly packed RGB24 picture (row-major, R G B per pixel). It owns nothing, so it lives on the
/// stack only and cannot outlive the frame or image it looks at.</summary>
public readonly ref struct ImageView
{
    /// <summary>Wraps <paramref name="pixels"/>; throws when its length is not <c>width * height * 3</c>.</summary>
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}", "image must be at least 1x1");
        var expected = (long)width * height * 3;
        if (pixels.Length != expected) throw new ArgumentException($"expected {expected} bytes for a {width}x{height} RGB24 image, got {pixels.Length}", nameof(pixels));
        Pixels = pixels;
        Width = width;
        Height = height;
    }

    /// <summary>The pixels.</summary>
    public ReadOnlySpan<byte> Pixels { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>A view of a decoded video frame (valid until the frame is disposed).</summary>
    public static ImageView Of(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new ImageView(frame.Pixels, frame.Width, frame.Height);
    }
}
