namespace LipSyncGuard.Media;

/// <summary>What ffprobe says about a file, reduced to what the pipeline needs.</summary>
/// <param name="Path">The probed file.</param>
/// <param name="FormatName">The demuxer that recognised the content (e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>).</param>
/// <param name="Duration">Container duration.</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="BitRate">Container bit rate in bit/s, when known.</param>
/// <param name="Video">The first video stream, if any.</param>
/// <param name="Audio">The first audio stream, if any.</param>
public sealed record MediaInfo(
    string Path,
    string FormatName,
    TimeSpan Duration,
    long SizeBytes,
    long? BitRate,
    VideoStreamInfo? Video,
    AudioStreamInfo? Audio)
{
    /// <summary>True when there is an audio stream.</summary>
    public bool HasAudio => Audio is not null;

    /// <summary>The video stream, or a <see cref="MediaErrorCode.NoVideo"/> error.</summary>
    public VideoStreamInfo RequireVideo() =>
        Video ?? throw new MediaException(MediaErrorCode.NoVideo, $"'{System.IO.Path.GetFileName(Path)}' has no video stream");

    /// <summary>The audio stream, or a <see cref="MediaErrorCode.NoAudio"/> error.</summary>
    public AudioStreamInfo RequireAudio() =>
        Audio ?? throw new MediaException(MediaErrorCode.NoAudio, $"'{System.IO.Path.GetFileName(Path)}' has no audio stream: lip-sync cannot be judged without speech");
}

/// <summary>A video stream as it will be displayed.</summary>
/// <param name="Index">Stream index in the container.</param>
/// <param name="Codec">Codec name, e.g. <c>h264</c>.</param>
/// <param name="Width">Display width, after rotation metadata.</param>
/// <param name="Height">Display height, after rotation metadata.</param>
/// <param name="Rotation">Clockwise rotation applied for display, in degrees (0, 90, 180, 270).</param>
/// <param name="AverageFps">Average frame rate (frames / duration).</param>
/// <param name="RealFps">The stream's base frame rate (<c>r_frame_rate</c>); differs from the average for VFR video.</param>
/// <param name="Duration">Stream duration.</param>
/// <param name="FrameCountEstimate">Frames in the stream (from the header, else duration × average fps).</param>
/// <param name="PixelFormat">Pixel format, e.g. <c>yuv420p</c>.</param>
public sealed record VideoStreamInfo(
    int Index,
    string Codec,
    int Width,
    int Height,
    int Rotation,
    double AverageFps,
    double RealFps,
    TimeSpan Duration,
    long FrameCountEstimate,
    string PixelFormat)
{
    /// <summary>True when the average and base rates disagree by more than 1%: a variable-frame-rate stream.</summary>
    public bool IsVariableFrameRate => AverageFps > 0 && RealFps > 0 && Math.Abs(AverageFps - RealFps) / RealFps > 0.01;
}

/// <summary>An audio stream as stored (the decoder resamples it to 16 kHz mono).</summary>
/// <param name="Index">Stream index in the container.</param>
/// <param name="Codec">Codec name, e.g. <c>aac</c>.</param>
/// <param name="SampleRate">Stored sample rate in Hz.</param>
/// <param name="Channels">Stored channel count.</param>
/// <param name="Duration">Stream duration.</param>
public sealed record AudioStreamInfo(int Index, string Codec, int SampleRate, int Channels, TimeSpan Duration);
