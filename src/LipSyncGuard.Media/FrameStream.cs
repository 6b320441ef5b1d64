using System.Buffers;
using System.Runtime.CompilerServices;

namespace LipSyncGuard.Media;

/// <summary>The frames of one file from an ffmpeg child that is already running (<see cref="VideoDecoder.Start"/>), read
/// once, a frame per step, so memory stays bounded whatever the length of the video. Disposing stops ffmpeg.</summary>
public sealed class FrameStream : IAsyncEnumerable<VideoFrame>, IDisposable
{
    private readonly ChildProcess _child;
    private readonly long _maxFrames;
    private int _read;

    internal FrameStream(ChildProcess child, MediaInfo info, VideoDecodeOptions options, MediaLimits limits, (int Width, int Height) size, long maxFrames)
    {
        _child = child;
        Info = info;
        Options = options;
        Limits = limits;
        (Width, Height) = size;
        _maxFrames = maxFrames;
    }

    /// <summary>The probed file.</summary>
    public MediaInfo Info { get; }

    /// <summary>How the frames are produced.</summary>
    public VideoDecodeOptions Options { get; }

    /// <summary>The limits the file was probed and is decoded under.</summary>
    public MediaLimits Limits { get; }

    /// <summary>Width of every frame (<see cref="VideoDecodeOptions.OutputSize"/> of the probed stream): the pipe is cut
    /// into frames by this size.</summary>
    public int Width { get; }

    /// <summary>Height of every frame.</summary>
    public int Height { get; }

    /// <summary>Streams the frames; each must be disposed by the consumer. A second read throws.</summary>
    public IAsyncEnumerator<VideoFrame> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _read, 1) != 0) throw new InvalidOperationException("the frames of a stream can be read only once");
        return ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<VideoFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (width, height) = (Width, Height);
        var frameBytes = Options.PixelFormat.FrameBytes(width, height);
        var stdout = _child.StandardOutput;
        var name = Path.GetFileName(Info.Path);
        long index = 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            var pixels = ArrayPool<byte>.Shared.Rent(frameBytes);
            int read;
            // A watchdog per frame: damaged timestamps can make ffmpeg's fps filter churn through millions of padding
            // frames before the next real one; a file that yields no frame for this long is refused, not waited on.
            stall.CancelAfter(Limits.StallTimeout);
            try
            {
                read = await stdout.ReadAtLeastAsync(pixels.AsMemory(0, frameBytes), frameBytes, throwOnEndOfStream: false, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ArrayPool<byte>.Shared.Return(pixels);
                throw new MediaException(MediaErrorCode.Timeout, $"'{name}' stopped yielding frames for {Limits.StallTimeout.TotalSeconds:0} s (damaged timestamps?)");
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(pixels);
                throw;
            }
            if (read < frameBytes)
            {
                ArrayPool<byte>.Shared.Return(pixels);
                break;
            }
            if (index >= _maxFrames && Info.Duration <= TimeSpan.Zero)
            {
                ArrayPool<byte>.Shared.Return(pixels);
                throw new MediaException(MediaErrorCode.TooLong, $"'{name}' produced more than {_maxFrames} frames; the limit is {Limits.MaxDuration.TotalSeconds:0} s");
            }
            if (index >= _maxFrames)
            {
                // Past the container's duration: drop the padding, and stop ffmpeg rather than wait on a full pipe.
                ArrayPool<byte>.Shared.Return(pixels);
                _child.Kill();
                break;
            }
            yield return new VideoFrame(pixels, Options.PixelFormat, width, height, index, TimeSpan.FromSeconds(index / Options.Fps));
            index++;
        }
        var exitCode = await _child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        // A truncated file still yields the frames before the damage; only a file with no frame at all is refused.
        if (index == 0)
        {
            var reason = _child.StderrTail.Length > 0 ? _child.StderrTail.Split('\n')[^1].Trim() : $"ffmpeg exited with code {exitCode}";
            throw new MediaException(MediaErrorCode.Corrupt, $"no frame could be decoded from '{name}': {reason}");
        }
    }

    /// <summary>Stops ffmpeg (and its pipe) if it still runs; safe to call more than once.</summary>
    public void Dispose() => _child.Dispose();
}
