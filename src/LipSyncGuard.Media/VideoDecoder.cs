using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LipSyncGuard.Media;

/// <summary>Streams RGB24 or I420 frames from an ffmpeg child through a pipe. Only one frame per consumer step is in flight, so
/// memory stays bounded whatever the length of the video.</summary>
public sealed class VideoDecoder
{
    private readonly MediaProber _prober;
    private readonly FfmpegTools _tools;

    /// <summary>Creates a decoder that probes (and enforces limits) with <paramref name="prober"/>.</summary>
    public VideoDecoder(MediaProber? prober = null, FfmpegTools? tools = null)
    {
        _tools = tools ?? FfmpegTools.Default;
        _prober = prober ?? new MediaProber(tools: _tools);
    }

    /// <summary>Probes <paramref name="path"/> and streams its frames.</summary>
    public async IAsyncEnumerable<VideoFrame> DecodeAsync(
        string path, VideoDecodeOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var info = await _prober.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        await foreach (var frame in DecodeAsync(info, options, cancellationToken).ConfigureAwait(false)) yield return frame;
    }

    /// <summary>Streams the frames of an already probed file. Each frame must be disposed by the consumer.</summary>
    public async IAsyncEnumerable<VideoFrame> DecodeAsync(
        MediaInfo info, VideoDecodeOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        options = (options ?? VideoDecodeOptions.Default).Validate();
        var video = info.RequireVideo();
        var (width, height) = options.OutputSize(video.Width, video.Height);
        var frameBytes = options.PixelFormat.FrameBytes(width, height);
        var pixelFormat = options.PixelFormat.FfmpegName();
        var fps = options.Fps.ToString("0.######", CultureInfo.InvariantCulture);
        // A damaged timestamp can make the fps filter pad hours of duplicated frames out of a few KB; nothing past the
        // container's own duration (plus a second of slack) is real, so ffmpeg stops there and so do we.
        var span = info.Duration > TimeSpan.Zero ? Math.Min(info.Duration.TotalSeconds + 1, _prober.Limits.MaxDuration.TotalSeconds) : _prober.Limits.MaxDuration.TotalSeconds;
        var maxFrames = Math.Min(_prober.Limits.MaxFrames, (long)Math.Ceiling(span * options.Fps) + 1);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            .. FfmpegTools.InputArguments(info.Path),
            "-t", span.ToString("0.###", CultureInfo.InvariantCulture),
            "-map", $"0:{video.Index}", "-an", "-sn", "-dn",
            // fps first (cheap frame drops before scaling); start_time=0 puts frame k at exactly k/fps on the file clock,
            // the same clock the audio decoder pads to, so video frame k and audio samples k*sr/fps line up.
            "-vf", $"fps=fps={fps}:start_time=0,scale={width}:{height}:flags=bilinear,format={pixelFormat}",
            // Whole frames per write: the default 32 KB pipe writes cost a context switch each.
            "-f", "rawvideo", "-pix_fmt", pixelFormat, "-blocksize", Math.Min(frameBytes, 8 << 20).ToString(CultureInfo.InvariantCulture), "pipe:1",
        ];
        using var child = ChildProcess.Start(_tools.Ffmpeg, arguments, cancellationToken);
        var stdout = child.StandardOutput;
        PipeTuning.TryEnlarge(stdout, Math.Min(frameBytes * 2, 8 << 20));
        long index = 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            var pixels = ArrayPool<byte>.Shared.Rent(frameBytes);
            int read;
            // A watchdog per frame: damaged timestamps can make ffmpeg's fps filter churn through millions of padding
            // frames before the next real one; a file that yields no frame for this long is refused, not waited on.
            stall.CancelAfter(_prober.Limits.StallTimeout);
            try
            {
                read = await stdout.ReadAtLeastAsync(pixels.AsMemory(0, frameBytes), frameBytes, throwOnEndOfStream: false, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ArrayPool<byte>.Shared.Return(pixels);
                throw new MediaException(MediaErrorCode.Timeout, $"'{Path.GetFileName(info.Path)}' stopped yielding frames for {_prober.Limits.StallTimeout.TotalSeconds:0} s (damaged timestamps?)");
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
            if (index >= maxFrames && info.Duration <= TimeSpan.Zero)
            {
                ArrayPool<byte>.Shared.Return(pixels);
                throw new MediaException(MediaErrorCode.TooLong, $"'{Path.GetFileName(info.Path)}' produced more than {maxFrames} frames; the limit is {_prober.Limits.MaxDuration.TotalSeconds:0} s");
            }
            if (index >= maxFrames)
            {
                // Past the container's duration: drop the padding, and stop ffmpeg rather than wait on a full pipe.
                ArrayPool<byte>.Shared.Return(pixels);
                child.Kill();
                break;
            }
            yield return new VideoFrame(pixels, options.PixelFormat, width, height, index, TimeSpan.FromSeconds(index / options.Fps));
            index++;
        }
        var exitCode = await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        // A truncated file still yields the frames before the damage; only a file with no frame at all is refused.
        if (index == 0)
        {
            var reason = child.StderrTail.Length > 0 ? child.StderrTail.Split('\n')[^1].Trim() : $"ffmpeg exited with code {exitCode}";
            throw new MediaException(MediaErrorCode.Corrupt, $"no frame could be decoded from '{Path.GetFileName(info.Path)}': {reason}");
        }
    }
}
