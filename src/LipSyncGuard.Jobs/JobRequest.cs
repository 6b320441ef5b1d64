using LipSyncGuard.Analysis;

namespace LipSyncGuard.Jobs;

/// <summary>What a client asks for when it submits a video.</summary>
/// <param name="FileName">The client's name for the video (shown back, never used as a path).</param>
/// <param name="Options">How to analyse it (the same options as <c>/api/lip-sync</c>).</param>
public sealed record JobRequest(string FileName, AnalysisOptions Options)
{
    /// <summary>A client-chosen key: a second submission with the same key returns the first job.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Where the finished job is POSTed (checked against the allow-list by the host).</summary>
    public Uri? CallbackUrl { get; init; }
}
