using LipSyncGuard.Media;

namespace LipSyncGuard.Service.Problems;

/// <summary>Maps media error codes to HTTP statuses.</summary>
public static class MediaProblems
{
    /// <summary>The status for <paramref name="code"/>: 415 for formats we do not read, 400 for an empty upload, 422 for
    /// readable files we cannot judge (no audio, too long, damaged), 500 only for our own environment (ffmpeg missing).</summary>
    public static int StatusFor(MediaErrorCode code) => code switch
    {
        MediaErrorCode.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        MediaErrorCode.EmptyFile or MediaErrorCode.NotFound => StatusCodes.Status400BadRequest,
        MediaErrorCode.FfmpegMissing => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A ProblemDetails result with a machine-readable <c>code</c> extension.</summary>
    public static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: code.Replace('_', ' '), type: $"https://lipsyncguard.dev/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
