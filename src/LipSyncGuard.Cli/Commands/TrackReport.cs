namespace LipSyncGuard.Cli.Commands;

/// <summary>One track in the <c>faces --json</c> document.</summary>
/// <param name="Id">Track id.</param>
/// <param name="StartFrame">First frame.</param>
/// <param name="EndFrame">Last frame.</param>
/// <param name="Length">Frames covered.</param>
/// <param name="DetectedFrames">Frames where the detector saw it.</param>
/// <param name="MeanBox">Mean box in pixels.</param>
/// <param name="MeanScore">Mean detection score.</param>
/// <param name="Selected">Chosen by the selection mode.</param>
public sealed record TrackReport(int Id, long StartFrame, long EndFrame, int Length, int DetectedFrames, BoxReport MeanBox, float MeanScore, bool Selected)
{
    /// <summary>68 points per frame (with <c>--landmarks</c>).</summary>
    public IReadOnlyList<FramePoints>? Landmarks { get; init; }
}
