namespace LipSyncGuard.Faces;

/// <summary>How a clip is scanned for faces: detection cadence, tracking and selection.</summary>
public sealed record FaceAnalysisOptions
{
    /// <summary>Detect every frame with a full-frame search, default tracker, select the longest track of at least 10
    /// frames.</summary>
    public static FaceAnalysisOptions Default { get; } = new();

    /// <summary>Run the detector on every K-th frame only; the tracker interpolates boxes in between (speed option).</summary>
    public int DetectEvery { get; init; } = 1;

    /// <summary>Every K-th detector run searches the whole frame; the runs between follow each tracked face from the
    /// previous frame — by the 68-point cascade started where its points lay, when the analyzer has a landmarker
    /// (<see cref="Landmarks.FaceLandmarker.Follow"/>: no face detector run at all; the detector confirms each followed
    /// face on key frames), else by the front model on a crop around its last box (<see cref="FaceDetector.Follow"/>,
    /// on small faces a fifth of a full search). A run also searches the whole frame when no face is tracked, when a
    /// followed face is lost, when faces crowd each other's crops, and on a shot change; a face that newly enters a
    /// followed shot is found at the next key frame (within K runs). 1 (this record's default) searches every run.
    /// Followed keypoints sit differently on the face than searched ones (track IoU ~0.75–0.95), and a model's verdicts
    /// move on crops cut unlike the ones it was fitted on, so an analysis follows the way its model was fitted (the
    /// shipped cue verdict: every 10, by points; the trained detector: 1; docs/benchmarks.md).</summary>
    public int KeyFrameEvery { get; init; } = 1;

    /// <summary>Between key frames, follow faces by their 68 points when the analyzer has a landmarker (true, this
    /// record's default) or on detector crops (false: how models fitted before stop 30 measured their faces).</summary>
    public bool FollowByPoints { get; init; } = true;

    /// <summary>The largest <see cref="KeyFrameEvery"/> any setting or model file may carry.</summary>
    public const int MaxKeyFrameEvery = 1000;

    /// <summary>Tracking settings.</summary>
    public FaceTrackerOptions Tracker { get; init; } = FaceTrackerOptions.Default;

    /// <summary>Which track(s) are selected.</summary>
    public TrackSelection Selection { get; init; } = TrackSelection.Longest;

    /// <summary>Tracks shorter than this are dropped as flicker when the clip is at least this long (10 frames = 0.4 s
    /// at 25 fps, shorter than any window a lip-sync measure can use, and long enough to drop passers-by and
    /// sporadic false positives).</summary>
    public int MinTrackLength { get; init; } = 10;

    /// <summary>Throws when a setting is out of range.</summary>
    public FaceAnalysisOptions Validate()
    {
        if (DetectEvery is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(DetectEvery), DetectEvery, "must be in [1, 1000]");
        if (KeyFrameEvery is < 1 or > MaxKeyFrameEvery) throw new ArgumentOutOfRangeException(nameof(KeyFrameEvery), KeyFrameEvery, $"must be in [1, {MaxKeyFrameEvery}]");
        ArgumentNullException.ThrowIfNull(Tracker);
        Tracker.Validate();
        if (!Enum.IsDefined(Selection)) throw new ArgumentOutOfRangeException(nameof(Selection), Selection, "unknown selection");
        if (MinTrackLength < 1) throw new ArgumentOutOfRangeException(nameof(MinTrackLength), MinTrackLength, "must be positive");
        return this;
    }
}
