using System.Globalization;

namespace LipSyncGuard.Media;

/// <summary>Encodes RGB24 frames into an H.264 MP4 through an ffmpeg child fed on stdin (for annotated previews).
/// Dispose to abandon; <see cref="CompleteAsync"/> to finish the file.</summary>
public sealed class VideoEncoder : IDisposable
{
    private readonly ChildProcess _child;
    private readonly int _frameBytes;
    private readonly string _path;

    /// <summary>Starts ffmpeg writing <paramref name="path"/> (replaced) at <paramref name="width"/>×<paramref name="height"/>
    /// and <paramref name="fps"/>.</summary>
    public VideoEncoder(string path, int width, int height, double fps, FfmpegTools? tools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (width < 2 || height < 2) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}", "frames must be at least 2x2");
        if (!(fps is > 0 and <= 240)) throw new ArgumentOutOfRangeException(nameof(fps), fps, "must be in (0, 240]");
        _path = Path.GetFullPath(path);
        _frameBytes = checked(width * height * 3);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", fps.ToString("0.######", CultureInfo.InvariantCulture), "-i", "pipe:0",
            // yuv420p needs even sizes; pad by one pixel rather than fail on odd frames.
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            "file:" + _path,
        ];
        _child = ChildProcess.Start((tools ?? FfmpegTools.Default).Ffmpeg, arguments, cancellationToken, writeStdin: true);
    }

    /// <summary>Appends one frame (exactly width × height × 3 bytes).</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> rgb, CancellationToken cancellationToken = default)
    {
        if (rgb.Length != _frameBytes) throw new ArgumentException($"expected {_frameBytes} bytes, got {rgb.Length}", nameof(rgb));
        try
        {
            await _child.StandardInput.WriteAsync(rgb, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new MediaException(MediaErrorCode.Corrupt, $"ffmpeg stopped encoding '{Path.GetFileName(_path)}': {_child.StderrTail}", e);
        }
    }

    /// <summary>Closes the input and waits for ffmpeg to finish the file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        await _child.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        _child.StandardInput.Close();
        var code = await _child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (code != 0) throw new InvalidOperationException($"ffmpeg failed to encode '{Path.GetFileName(_path)}' ({code}): {_child.StderrTail}");
    }

    /// <summary>Kills the encoder if still running.</summary>
    public void Dispose() => _child.Dispose();
}
