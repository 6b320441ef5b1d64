namespace LipSyncGuard.Faces;

/// <summary>What a scan found: every track, the selected ones, and where the time went.</summary>
/// <param name="Tracks">Tracks kept, by id: at least <see cref="FaceAnalysisOptions.MinTrackLength"/> frames long and
/// detected on at least half of them (when the clip is that long).</param>
/// <param name="Selected">The tracks chosen by the selection mode (empty when no face was found).</param>
/// <param name="FrameCount">Frames scanned.</param>
/// <param name="DetectorRuns">Frames the detector ran on.</param>
/// <param name="FramesWithFaces">Detector frames that found at least one face.</param>
/// <param name="FlickerTracks">Tracks dropped as flicker (too short or mostly interpolated).</param>
/// <param name="DetectTime">Time spent in the detector.</param>
/// <param name="TrackTime">Time spent in the tracker.</param>
public sealed record FaceAnalysis(
    IReadOnlyList<FaceTrack> Tracks,
    IReadOnlyList<FaceTrack> Selected,
    long FrameCount,
    long DetectorRuns,
    long FramesWithFaces,
    int FlickerTracks,
    TimeSpan DetectTime,
    TimeSpan TrackTime)
{
    /// <summary>Detector runs that searched the whole frame (the others followed tracked faces on crops).</summary>
    public long FullFrameRuns { get; init; }

    /// <summary>True when no face was found anywhere (callers then use the fallback crop).</summary>
    public bool NoFace => Tracks.Count == 0;
}
