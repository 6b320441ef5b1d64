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
        using var frames = await OpenAsync(path, options, cancellationToken).ConfigureAwait(false);
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return frame;
    }

    /// <summary>Streams the frames of an already probed file. Each frame must be disposed by the consumer.</summary>
    public async IAsyncEnumerable<VideoFrame> DecodeAsync(
        MediaInfo info, VideoDecodeOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var frames = Start(info, options, cancellationToken);
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return frame;
    }

    /// <summary>Probes <paramref name="path"/> and starts ffmpeg on it side by side, so the first frame does not wait for
    /// the probe (each child spends ~0.07 s loading ffmpeg's libraries before it reads a byte); returns once the probe has
    /// accepted the file, and stops ffmpeg when it refuses it. ffmpeg reads the first video stream that is not a cover
    /// picture (the one the probe describes) and stops at the limits' frame size before the probe has checked it.
    /// Dispose the stream, read or not: that stops ffmpeg.</summary>
    public async Task<FrameStream> OpenAsync(string path, VideoDecodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? VideoDecodeOptions.Default).Validate();
        var fullPath = MediaProber.RequireRegularFile(path);
        var child = ChildProcess.Start(_tools.Ffmpeg, Arguments(fullPath, "V:0", null, options), cancellationToken);
        try
        {
            var info = await _prober.ProbeAsync(fullPath, cancellationToken).ConfigureAwait(false);
            return Stream(child, info, options);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Starts ffmpeg on an already probed file now; its frames are read later, once. A host that knows the file
    /// before its models are loaded gets ffmpeg's start and first frame meanwhile: ffmpeg decodes ahead until the pipe is
    /// full, then waits for the reader. Dispose the stream, read or not: that stops ffmpeg.</summary>
    public FrameStream Start(MediaInfo info, VideoDecodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        options = (options ?? VideoDecodeOptions.Default).Validate();
        var video = info.RequireVideo();
        var child = ChildProcess.Start(_tools.Ffmpeg, Arguments(info.Path, video.Index.ToString(CultureInfo.InvariantCulture), Span(info), options), cancellationToken);
        try
        {
            return Stream(child, info, options);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Seconds of the file that can hold real frames: a damaged timestamp can make the fps filter pad hours of
    /// duplicated frames out of a few KB, and nothing past the container's own duration (plus a second of slack) is real.</summary>
    private double Span(MediaInfo info) =>
        info.Duration > TimeSpan.Zero ? Math.Min(info.Duration.TotalSeconds + 1, _prober.Limits.MaxDuration.TotalSeconds) : _prober.Limits.MaxDuration.TotalSeconds;

    /// <summary>ffmpeg's arguments for <paramref name="stream"/> of the file, to <paramref name="span"/> seconds when known
    /// (else the reader stops it at the same frame). The output size is ffmpeg's own expression of
    /// <see cref="VideoDecodeOptions.OutputSize"/>, so it needs no probe.</summary>
    private string[] Arguments(string fullPath, string stream, double? span, VideoDecodeOptions options)
    {
        var pixelFormat = options.PixelFormat.FfmpegName();
        var fps = options.Fps.ToString("0.######", CultureInfo.InvariantCulture);
        var maxPixels = Math.Min((long)_prober.Limits.MaxWidth * _prober.Limits.MaxHeight, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        return
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            // A frame past the limits is refused by the decoder too, not only by the probe it may be started before.
            "-max_pixels", maxPixels,
            .. FfmpegTools.InputArguments(fullPath),
            .. span is { } seconds ? ["-t", seconds.ToString("0.###", CultureInfo.InvariantCulture)] : Array.Empty<string>(),
            "-map", $"0:{stream}", "-an", "-sn", "-dn",
            // fps first (cheap frame drops before scaling); start_time=0 puts frame k at exactly k/fps on the file clock,
            // the same clock the audio decoder pads to, so video frame k and audio samples k*sr/fps line up.
            "-vf", $"fps=fps={fps}:start_time=0,scale={options.ScaleExpression}:flags=bilinear,format={pixelFormat}",
            "-f", "rawvideo", "-pix_fmt", pixelFormat, "pipe:1",
        ];
    }

    /// <summary>The frames of <paramref name="child"/>, sized and bounded by the probe's <paramref name="info"/>.</summary>
    private FrameStream Stream(ChildProcess child, MediaInfo info, VideoDecodeOptions options)
    {
        var video = info.RequireVideo();
        var (width, height) = options.OutputSize(video.Width, video.Height);
        var frameBytes = options.PixelFormat.FrameBytes(width, height);
        PipeTuning.TryEnlarge(child.StandardOutput, Math.Min(frameBytes * 2, 8 << 20));
        var maxFrames = Math.Min(_prober.Limits.MaxFrames, (long)Math.Ceiling(Span(info) * options.Fps) + 1);
        return new FrameStream(child, info, options, _prober.Limits, (width, height), maxFrames);
    }
}
