namespace LipSyncGuard.Faces;

/// <summary>How detections are linked into tracks.</summary>
public sealed record FaceTrackerOptions
{
    /// <summary>IoU ≥ 0.3 to match, gaps up to 10 frames, smoothing 0.6.</summary>
    public static FaceTrackerOptions Default { get; } = new();

    /// <summary>Least IoU between a track's last box and a detection for them to match.</summary>
    public float IouThreshold { get; init; } = 0.3f;

    /// <summary>Second-chance match for pairs below the IoU threshold: centres at most this many box widths apart (at
    /// a size ratio under 1.6). 0 turns it off.</summary>
    public float MaxCenterShift { get; init; } = 0.5f;

    /// <summary>The same second chance for a track whose last box came from following its points between key frames
    /// (<see cref="DetectionStage.Landmarks"/>): as a small face turns away, the followed points slide towards the cheek
    /// and ear and take the box with them, so the detector's next sighting of that face lies further off than one
    /// detector box from the next (the shared debate clip at 1280×720: 0.51 box widths). 0 turns it off.</summary>
    public float MaxFollowedCenterShift { get; init; } = 0.75f;

    /// <summary>Frames a track may go unmatched and still resume; the gap is then filled by interpolation.</summary>
    public int MaxGap { get; init; } = 10;

    /// <summary>Exponential smoothing weight of a new detection for box and keypoints, in (0, 1]: 1 is no smoothing;
    /// lower is steadier. The weight rises towards 1 as the face moves (see <see cref="MotionForNoSmoothing"/>), so
    /// jitter is damped without lagging real motion (the idea of the One-Euro filter).</summary>
    public float Smoothing { get; init; } = 0.6f;

    /// <summary>Centre displacement, as a fraction of the box width, at which smoothing stops entirely.</summary>
    public float MotionForNoSmoothing { get; init; } = 0.1f;

    /// <summary>Throws when a setting is out of range.</summary>
    public FaceTrackerOptions Validate()
    {
        if (!(IouThreshold is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(IouThreshold), IouThreshold, "must be in (0, 1]");
        if (!(MaxCenterShift is >= 0 and <= 2)) throw new ArgumentOutOfRangeException(nameof(MaxCenterShift), MaxCenterShift, "must be in [0, 2]");
        if (!(MaxFollowedCenterShift is >= 0 and <= 2)) throw new ArgumentOutOfRangeException(nameof(MaxFollowedCenterShift), MaxFollowedCenterShift, "must be in [0, 2]");
        if (MaxGap is < 0 or > 10_000) throw new ArgumentOutOfRangeException(nameof(MaxGap), MaxGap, "must be in [0, 10000]");
        if (!(Smoothing is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "must be in (0, 1]");
        if (!(MotionForNoSmoothing is > 0 and <= 10)) throw new ArgumentOutOfRangeException(nameof(MotionForNoSmoothing), MotionForNoSmoothing, "must be in (0, 10]");
        return this;
    }
}
