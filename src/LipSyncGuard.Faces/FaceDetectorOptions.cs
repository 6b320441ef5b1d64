namespace LipSyncGuard.Faces;

/// <summary>How the face detector runs. Validated when a <see cref="FaceDetector"/> is created.</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>Auto model, up to 5 faces, score ≥ 0.5, roll retries ±30°/±60° and a mirrored retry, no tiling, 1 thread.</summary>
    public static FaceDetectorOptions Default { get; } = new();

    /// <summary>Which network runs.</summary>
    public DetectorModel Model { get; init; } = DetectorModel.Auto;

    /// <summary>Most faces returned per frame (highest scores first).</summary>
    public int MaxFaces { get; init; } = 5;

    /// <summary>Lowest score kept, in (0, 1).</summary>
    public float MinScore { get; init; } = 0.5f;

    /// <summary>Lowest score of a face re-found by <see cref="FaceDetector.Follow"/>; below it the face counts as lost
    /// and the whole frame is searched. Higher than <see cref="MinScore"/> because a face-sized crop shows a false
    /// positive (a patterned shirt, a hand) larger and steadier than the full frame does: at 0.5 a flicker the full
    /// search finds on a few frames was followed through whole clips.</summary>
    public float FollowMinScore { get; init; } = 0.65f;

    /// <summary>Detections overlapping the best remaining one by at least this IoU are blended into it (MediaPipe's
    /// weighted suppression uses 0.3).</summary>
    public float NmsIouThreshold { get; init; } = 0.3f;

    /// <summary>In <see cref="DetectorModel.Auto"/>, frames wider than this use the back (256) model.</summary>
    public int AutoBackMinWidth { get; init; } = 640;

    /// <summary>Roll angles (degrees) tried, in this order, when a frame yields no face. Empty turns the stage off.</summary>
    public IReadOnlyList<float> RetryRollDegrees { get; init; } = [30f, -30f, 60f, -60f];

    /// <summary>Also try the mirrored frame when a frame yields no face.</summary>
    public bool RetryMirrored { get; init; } = true;

    /// <summary>Faces scoring below this, or whose eye line is rolled by more than <see cref="RefineMinRollDegrees"/>,
    /// are searched again on a face-centred crop turned by 0°, 90°, 180° and 270°, then re-detected levelled on the best
    /// turn: BlazeFace finds a rolled face at a low score with unreliable keypoints (upside down, its "eyes" land on the
    /// mouth). 0 turns the stage off.</summary>
    public float RefineBelowScore { get; init; } = 0.7f;

    /// <summary>Eye-line roll (degrees, absolute) above which a face is refined whatever its score.</summary>
    public float RefineMinRollDegrees { get; init; } = 35f;

    /// <summary>When set, frames whose longer side is at least this many pixels are also searched in 2×2 overlapping
    /// tiles (small faces in big stills). Costs four more inferences per frame, so it is off by default.</summary>
    public int? TileMinSide { get; init; }

    /// <summary>ONNX Runtime intra-op threads (1 keeps cores free for decoding; 0 lets ONNX Runtime use all cores).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Folder holding the BlazeFace <c>.onnx</c> files; null searches <c>LIPSYNC_MODELS</c>, then
    /// <c>models/blazeface</c> above the application folder.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public FaceDetectorOptions Validate()
    {
        if (!Enum.IsDefined(Model)) throw new ArgumentOutOfRangeException(nameof(Model), Model, "unknown detector model");
        if (MaxFaces is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(MaxFaces), MaxFaces, "must be in [1, 1000]");
        if (!(MinScore is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(MinScore), MinScore, "must be in (0, 1)");
        if (!(FollowMinScore >= MinScore && FollowMinScore < 1)) throw new ArgumentOutOfRangeException(nameof(FollowMinScore), FollowMinScore, $"must be in [MinScore ({MinScore}), 1)");
        if (!(NmsIouThreshold is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(NmsIouThreshold), NmsIouThreshold, "must be in (0, 1]");
        if (AutoBackMinWidth < 1) throw new ArgumentOutOfRangeException(nameof(AutoBackMinWidth), AutoBackMinWidth, "must be positive");
        ArgumentNullException.ThrowIfNull(RetryRollDegrees);
        foreach (var angle in RetryRollDegrees)
        {
            if (!(Math.Abs(angle) is > 0 and < 180)) throw new ArgumentOutOfRangeException(nameof(RetryRollDegrees), angle, "retry angles must be non-zero and within ±180°");
        }
        if (!(RefineBelowScore is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(RefineBelowScore), RefineBelowScore, "must be in [0, 1]");
        if (!(RefineMinRollDegrees is > 0 and <= 180)) throw new ArgumentOutOfRangeException(nameof(RefineMinRollDegrees), RefineMinRollDegrees, "must be in (0, 180]");
        if (TileMinSide is < 64) throw new ArgumentOutOfRangeException(nameof(TileMinSide), TileMinSide, "must be at least 64");
        if (IntraOpThreads is < 0 or > 256) throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "must be in [0, 256] (0 = all cores)");
        return this;
    }
}
