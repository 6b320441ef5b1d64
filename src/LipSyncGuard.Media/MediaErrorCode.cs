namespace LipSyncGuard.Media;

/// <summary>Why a media file was refused. Each value has a stable snake_case name (see <see cref="MediaErrorCodeExtensions.ToCode"/>).</summary>
public enum MediaErrorCode
{
    /// <summary>The path does not name an existing regular file.</summary>
    NotFound,
    /// <summary>The file has no bytes.</summary>
    EmptyFile,
    /// <summary>The content is not a container we accept (text, random bytes, playlists, image sequences…).</summary>
    UnsupportedFormat,
    /// <summary>The container was recognised but its content cannot be read.</summary>
    Corrupt,
    /// <summary>No video stream.</summary>
    NoVideo,
    /// <summary>No audio stream: lip-sync cannot be judged without speech.</summary>
    NoAudio,
    /// <summary>Longer than the configured maximum duration or frame count.</summary>
    TooLong,
    /// <summary>Frame size above the configured maximum.</summary>
    TooLarge,
    /// <summary>ffmpeg or ffprobe did not finish in time.</summary>
    Timeout,
    /// <summary>ffmpeg / ffprobe are not installed (an environment problem, not bad input).</summary>
    FfmpegMissing,
}

/// <summary>Maps <see cref="MediaErrorCode"/> to its wire name and its kind.</summary>
public static class MediaErrorCodeExtensions
{
    /// <summary>The stable machine-readable name, e.g. <c>no_audio</c>.</summary>
    public static string ToCode(this MediaErrorCode code) => code switch
    {
        MediaErrorCode.NotFound => "not_found",
        MediaErrorCode.EmptyFile => "empty_file",
        MediaErrorCode.UnsupportedFormat => "unsupported_format",
        MediaErrorCode.Corrupt => "corrupt",
        MediaErrorCode.NoVideo => "no_video",
        MediaErrorCode.NoAudio => "no_audio",
        MediaErrorCode.TooLong => "too_long",
        MediaErrorCode.TooLarge => "too_large",
        MediaErrorCode.Timeout => "timeout",
        MediaErrorCode.FfmpegMissing => "ffmpeg_missing",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>True when the user's input is at fault (CLI exit 2, HTTP 4xx); false for environment faults.</summary>
    public static bool IsInputError(this MediaErrorCode code) => code != MediaErrorCode.FfmpegMissing;
}
