namespace LipSyncGuard.Media;

/// <summary>Where ffmpeg and ffprobe live, and the flags that keep them to one local file.</summary>
public sealed record FfmpegTools
{
    /// <summary>Demuxers we accept. Playlists (hls, concat), image sequences (image2) and network formats are absent, so a
    /// file can never make ffmpeg open another file or a URL, and the whitelist is enforced by ffmpeg itself before it reads
    /// anything the content points at.</summary>
    public const string FormatWhitelist = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpeg,mpegts,mpegvideo,flv,asf,ogg,wav,mp3,aac,flac,gif,m4v,h264,hevc,ivf,nut";

    /// <summary>Only the file we name and our own pipes.</summary>
    public const string ProtocolWhitelist = "file,pipe";

    /// <summary>ffmpeg and ffprobe from <c>LIPSYNC_FFMPEG</c> / <c>LIPSYNC_FFPROBE</c>, else from PATH.</summary>
    public static FfmpegTools Default { get; } = new()
    {
        Ffmpeg = Environment.GetEnvironmentVariable("LIPSYNC_FFMPEG") ?? "ffmpeg",
        Ffprobe = Environment.GetEnvironmentVariable("LIPSYNC_FFPROBE") ?? "ffprobe",
    };

    /// <summary>The ffmpeg executable (a name on PATH or a path).</summary>
    public string Ffmpeg { get; init; } = "ffmpeg";

    /// <summary>The ffprobe executable (a name on PATH or a path).</summary>
    public string Ffprobe { get; init; } = "ffprobe";

    /// <summary>Input arguments shared by every invocation: the whitelists, then the file as an explicit <c>file:</c> URL so
    /// a name such as <c>http:x.mp4</c> or <c>concat:a|b</c> is read as a plain local path.</summary>
    internal static IEnumerable<string> InputArguments(string fullPath) =>
    [
        "-protocol_whitelist", ProtocolWhitelist,
        "-format_whitelist", FormatWhitelist,
        "-i", "file:" + fullPath,
    ];
}
