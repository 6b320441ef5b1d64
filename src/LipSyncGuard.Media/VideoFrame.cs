using System.Buffers;

namespace LipSyncGuard.Media;

/// <summary>One decoded frame (RGB24 or I420, <see cref="Format"/>) on the output clock. Its pixels are rented from a pool: dispose the frame when done
/// (a frame kept past disposal reads freed memory).</summary>
public sealed class VideoFrame : IDisposable
{
    private byte[]? _pixels;

    internal VideoFrame(byte[] pixels, VideoPixelFormat format, int width, int height, long index, TimeSpan timestamp)
    {
        _pixels = pixels;
        Format = format;
        Width = width;
        Height = height;
        Index = index;
        Timestamp = timestamp;
    }

    /// <summary>The layout of <see cref="Pixels"/>.</summary>
    public VideoPixelFormat Format { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per row of the packed RGB24 picture or of the I420 luma plane (tightly packed).</summary>
    public int Stride => Format == VideoPixelFormat.Rgb24 ? Width * 3 : Width;

    /// <summary>Zero-based index on the output clock.</summary>
    public long Index { get; }

    /// <summary>Presentation time: exactly <see cref="Index"/> / fps from the start of the file.</summary>
    public TimeSpan Timestamp { get; }

    /// <summary>The pixels: row-major R G B per pixel, or the three I420 planes one after another.</summary>
    public ReadOnlySpan<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(VideoFrame))).AsSpan(0, Format.FrameBytes(Width, Height));

    /// <summary>A copy with its own pooled pixels: a stage that works on the frame after the one that read it has moved on
    /// (and disposed it) takes a copy. Dispose the copy too.</summary>
    public VideoFrame Copy()
    {
        var source = Pixels;
        var pixels = ArrayPool<byte>.Shared.Rent(source.Length);
        source.CopyTo(pixels);
        return new VideoFrame(pixels, Format, Width, Height, Index, Timestamp);
    }

    /// <summary>Returns the pixels to the pool.</summary>
    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null) ArrayPool<byte>.Shared.Return(pixels);
    }
}
