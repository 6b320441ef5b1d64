using System.Buffers;

namespace LipSyncGuard.Media;

/// <summary>One decoded RGB24 frame on the output clock. Its pixels are rented from a pool: dispose the frame when done
/// (a frame kept past disposal reads freed memory).</summary>
public sealed class VideoFrame : IDisposable
{
    private byte[]? _pixels;

    internal VideoFrame(byte[] pixels, int width, int height, long index, TimeSpan timestamp)
    {
        _pixels = pixels;
        Width = width;
        Height = height;
        Index = index;
        Timestamp = timestamp;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per row (tightly packed RGB24).</summary>
    public int Stride => Width * 3;

    /// <summary>Zero-based index on the output clock.</summary>
    public long Index { get; }

    /// <summary>Presentation time: exactly <see cref="Index"/> / fps from the start of the file.</summary>
    public TimeSpan Timestamp { get; }

    /// <summary>The pixels, row-major, R G B per pixel.</summary>
    public ReadOnlySpan<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(VideoFrame))).AsSpan(0, Stride * Height);

    /// <summary>A copy with its own pooled pixels: a stage that works on the frame after the one that read it has moved on
    /// (and disposed it) takes a copy. Dispose the copy too.</summary>
    public VideoFrame Copy()
    {
        var source = Pixels;
        var pixels = ArrayPool<byte>.Shared.Rent(source.Length);
        source.CopyTo(pixels);
        return new VideoFrame(pixels, Width, Height, Index, Timestamp);
    }

    /// <summary>Returns the pixels to the pool.</summary>
    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null) ArrayPool<byte>.Shared.Return(pixels);
    }
}
