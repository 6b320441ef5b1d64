using LipSyncGuard.Media;

namespace LipSyncGuard.Analysis;

/// <summary>How hard a file's video was compressed, from what the probe says.</summary>
internal static class Compression
{
    /// <summary>What lossy audio is assumed to take of the container's bit rate (the shared clips' AAC runs 48–232 kbit/s;
    /// assuming less keeps a low-rate file from being called heavily compressed because of its audio).</summary>
    private const double LossyAudioBitsPerSecond = 48_000;

    /// <summary>Video bits per pixel per frame: the container's bit rate (or size over duration) less the audio's
    /// (exact for PCM, <see cref="LossyAudioBitsPerSecond"/> otherwise), over width × height × frame rate. Null when the
    /// probe gives nothing to divide.</summary>
    public static double? BitsPerPixel(MediaInfo info)
    {
        if (info.Video is not { } video || video.Width <= 0 || video.Height <= 0 || !(video.AverageFps > 0)) return null;
        var seconds = info.Duration.TotalSeconds;
        var total = info.BitRate is > 0 ? info.BitRate.Value : seconds > 0 ? info.SizeBytes * 8 / seconds : 0;
        if (!(total > 0)) return null;
        var audio = info.Audio switch
        {
            null => 0,
            { Codec: var codec } a when codec.StartsWith("pcm_", StringComparison.Ordinal) => a.SampleRate * a.Channels * BitsPerSample(codec),
            _ => LossyAudioBitsPerSecond,
        };
        var videoBits = Math.Max(total - audio, total * 0.05);
        return videoBits / (video.Width * (double)video.Height * video.AverageFps);
    }

    private static int BitsPerSample(string codec) => codec switch
    {
        _ when codec.Contains("s8", StringComparison.Ordinal) || codec.Contains("u8", StringComparison.Ordinal) => 8,
        _ when codec.Contains("24", StringComparison.Ordinal) => 24,
        _ when codec.Contains("32", StringComparison.Ordinal) => 32,
        _ when codec.Contains("64", StringComparison.Ordinal) => 64,
        _ => 16,
    };
}
