namespace LipSyncGuard.Media;

/// <summary>How a decoded frame's bytes are laid out.</summary>
public enum VideoPixelFormat
{
    /// <summary>Packed R G B per pixel, row-major: what drawing, previews and encoders read.</summary>
    Rgb24,

    /// <summary>Planar YUV 4:2:0 (ffmpeg's <c>yuv420p</c>): the full-resolution luma plane, then the U and V planes at half
    /// the width and height (rounded up), each tightly packed. What video codecs store, so ffmpeg hands it over without a
    /// colour conversion of every pixel; the analysis converts only the pixels it samples.</summary>
    I420,
}

/// <summary>Sizes of the <see cref="VideoPixelFormat"/> layouts.</summary>
public static class VideoPixelFormats
{
    /// <summary>ffmpeg's name for the format (<c>-pix_fmt</c>).</summary>
    public static string FfmpegName(this VideoPixelFormat format) => format switch
    {
        VideoPixelFormat.Rgb24 => "rgb24",
        VideoPixelFormat.I420 => "yuv420p",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Bytes of one <paramref name="width"/>×<paramref name="height"/> frame.</summary>
    public static int FrameBytes(this VideoPixelFormat format, int width, int height) => format switch
    {
        VideoPixelFormat.Rgb24 => checked(width * height * 3),
        VideoPixelFormat.I420 => checked((width * height) + (2 * ChromaWidth(width) * ChromaHeight(height))),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Width of an I420 chroma plane.</summary>
    public static int ChromaWidth(int width) => (width + 1) / 2;

    /// <summary>Height of an I420 chroma plane.</summary>
    public static int ChromaHeight(int height) => (height + 1) / 2;
}
