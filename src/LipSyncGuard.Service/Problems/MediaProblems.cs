using LipSyncGuard.Media;

namespace LipSyncGuard.Service.Problems;

/// <summary>Maps media error codes to HTTP statuses.</summary>
public static class MediaProblems
{
    /// <summary>The status for <paramref name="code"/> (<see cref="global::LipSyncGuard.Jobs.MediaStatus.For"/>: failed jobs report the same).</summary>
    public static int StatusFor(MediaErrorCode code) => global::LipSyncGuard.Jobs.MediaStatus.For(code);

    /// <summary>A ProblemDetails result with a machine-readable <c>code</c> extension.</summary>
    public static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: code.Replace('_', ' '), type: $"https://lipsyncguard.dev/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
