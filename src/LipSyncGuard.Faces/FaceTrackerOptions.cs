namespace LipSyncGuard.Faces;

/// <summary>How detections are linked into tracks.</summary>
public sealed record FaceTrackerOptions
{
    /// <summary>IoU ≥ 0.3 to match, gaps up to 10 frames, smoothing 0.6.</summary>
    public static FaceTrackerOptions Default { get; } = new();

    /// <summary>Least IoU between a track's last box and a detection for them to match.</summary>
    public float IouThreshold { get; init; } = 0.3f;

    /// <summary>Frames a track may go unmatched and still resume; the gap is then filled by interpolation.</summary>
    public int MaxGap { get; init; } = 10;

    /// <summary>Exponential smoothing weight of a new detection for box and keypoints, in (0, 1]: 1 is no smoothing;
    /// lower is steadier but lags fast motion.</summary>
    public float Smoothing { get; init; } = 0.6f;

    /// <summary>Throws when a setting is out of range.</summary>
    public FaceTrackerOptions Validate()
    {
        if (!(IouThreshold is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(IouThreshold), IouThreshold, "must be in (0, 1]");
        if (MaxGap is < 0 or > 10_000) throw new ArgumentOutOfRangeException(nameof(MaxGap), MaxGap, "must be in [0, 10000]");
        if (!(Smoothing is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "must be in (0, 1]");
        return this;
    }
}
