namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Settings of <see cref="LandmarkTrack"/>: smoothing and the quality thresholds.</summary>
public sealed record LandmarkTrackOptions
{
    /// <summary>Defaults for 25–30 fps video.</summary>
    public static LandmarkTrackOptions Default { get; } = new();

    /// <summary>Smoothing of the points.</summary>
    public OneEuroOptions Smoothing { get; init; } = OneEuroOptions.Default;

    /// <summary>Smallest outer-eye-corner distance in pixels for a trusted face (a lip gap of 0.05 face units is then
    /// 1.5 px).</summary>
    public float MinEyeCornerDistance { get; init; } = 30;

    /// <summary>Largest |yaw| in degrees for a trusted face.</summary>
    public float MaxYawDegrees { get; init; } = 35;

    /// <summary>Largest |pitch| in degrees for a trusted face.</summary>
    public float MaxPitchDegrees { get; init; } = 30;

    /// <summary>Largest mean point movement between consecutive frames after removing head motion (similarity
    /// alignment), in face units. Speech moves a handful of lip points by up to ~0.1 per frame, i.e. well under 0.03
    /// on the mean over 68 points.</summary>
    public float MaxShapeChange { get; init; } = 0.08f;

    /// <summary>Largest movement of the whole face between consecutive frames, in face units (centroid shift per
    /// outer-eye-corner distance). A failed fit elsewhere in the frame still looks like a face, so only its jump gives it
    /// away.</summary>
    public float MaxFaceShift { get; init; } = 0.5f;

    /// <summary>Largest change of face size between consecutive frames, as a ratio (1.25: ±25 %).</summary>
    public float MaxScaleChange { get; init; } = 1.25f;

    /// <summary>Throws when a setting is out of range.</summary>
    public LandmarkTrackOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Smoothing);
        Smoothing.Validate();
        if (!(MinEyeCornerDistance >= 0)) throw new ArgumentOutOfRangeException(nameof(MinEyeCornerDistance), MinEyeCornerDistance, "must be 0 or more");
        if (!(MaxYawDegrees > 0 && MaxYawDegrees <= 90)) throw new ArgumentOutOfRangeException(nameof(MaxYawDegrees), MaxYawDegrees, "must be in (0, 90]");
        if (!(MaxPitchDegrees > 0 && MaxPitchDegrees <= 90)) throw new ArgumentOutOfRangeException(nameof(MaxPitchDegrees), MaxPitchDegrees, "must be in (0, 90]");
        if (!(MaxShapeChange > 0)) throw new ArgumentOutOfRangeException(nameof(MaxShapeChange), MaxShapeChange, "must be positive");
        if (!(MaxFaceShift > 0)) throw new ArgumentOutOfRangeException(nameof(MaxFaceShift), MaxFaceShift, "must be positive");
        if (!(MaxScaleChange > 1)) throw new ArgumentOutOfRangeException(nameof(MaxScaleChange), MaxScaleChange, "must be above 1");
        return this;
    }
}
