using LipSyncGuard.Media;

namespace LipSyncGuard.Jobs;

/// <summary>The HTTP status a media error answers, shared by the synchronous endpoint and failed jobs so both report
/// the same input the same way.</summary>
public static class MediaStatus
{
    /// <summary>415 for formats we do not read, 400 for an empty upload, 422 for readable files we cannot judge (no
    /// audio, too long, damaged), 500 only for our own environment (ffmpeg missing).</summary>
    public static int For(MediaErrorCode code) => code switch
    {
        MediaErrorCode.UnsupportedFormat => 415,
        MediaErrorCode.EmptyFile or MediaErrorCode.NotFound => 400,
        MediaErrorCode.FfmpegMissing => 500,
        _ => 422,
    };
}
