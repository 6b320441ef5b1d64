using System.Globalization;

namespace LipSyncGuard.Media;

/// <summary>Writes an H.264 + AAC MP4 from the video of one file and the audio of another (or the same) file, with the
/// audio shifted by a signed offset and padded or cut to a set duration. Used to make labelled lip-sync fakes
/// (audio swaps and shifts) and to put audio under frames written by <see cref="VideoEncoder"/>.</summary>
public static class AudioVideoMuxer
{
    /// <summary>Muxes <paramref name="videoSource"/>'s first video stream with <paramref name="audioSource"/>'s first audio
    /// stream into <paramref name="output"/> (written to a temp file, then renamed). A positive
    /// <paramref name="audioOffsetSeconds"/> delays the audio (silence first), a negative one starts it later in the
    /// source. <paramref name="copyVideo"/> keeps the video bitstream (it must already be H.264); otherwise it is
    /// re-encoded at its own size and frame rate.</summary>
    public static async Task MuxAsync(
        string videoSource, string audioSource, string output, double audioOffsetSeconds, TimeSpan duration, bool copyVideo = false,
        FfmpegTools? tools = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(audioSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "must be positive");
        var inv = CultureInfo.InvariantCulture;
        var shift = audioOffsetSeconds switch
        {
            > 0 => $"adelay={Math.Round(audioOffsetSeconds * 1000).ToString(inv)}:all=1,",
            < 0 => $"atrim=start={(-audioOffsetSeconds).ToString("0.######", inv)},asetpts=PTS-STARTPTS,",
            _ => "",
        };
        var target = Path.GetFullPath(output);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileNameWithoutExtension(target)}.{Environment.ProcessId}.tmp.mp4");
        string[] video = copyVideo ? ["-c:v", "copy"] : ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"];
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            .. FfmpegTools.InputArguments(Path.GetFullPath(videoSource)),
            .. FfmpegTools.InputArguments(Path.GetFullPath(audioSource)),
            "-map", "0:v:0", "-map", "1:a:0", .. video,
            // The audio always covers the whole video: apad fills what a short or shifted source lacks, -t cuts the rest.
            "-af", $"aresample=async=1:first_pts=0,{shift}apad", "-c:a", "aac", "-b:a", "128k",
            "-t", duration.TotalSeconds.ToString("0.######", inv), "-movflags", "+faststart", "-f", "mp4", "file:" + temp,
        ];
        try
        {
            using var child = ChildProcess.Start((tools ?? FfmpegTools.Default).Ffmpeg, arguments, cancellationToken);
            var code = await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (code != 0) throw new MediaException(MediaErrorCode.Corrupt, $"ffmpeg could not mux '{Path.GetFileName(videoSource)}' with '{Path.GetFileName(audioSource)}': {child.StderrTail}");
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
