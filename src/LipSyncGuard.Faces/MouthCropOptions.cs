namespace LipSyncGuard.Faces;

/// <summary>Geometry of the aligned mouth crop. The model that consumes crops fixes these, so they are options.</summary>
public sealed record MouthCropOptions
{
    /// <summary>96×96 crops, side 1.6× the inter-ocular distance, fallback a centred square half the frame's short side.</summary>
    public static MouthCropOptions Default { get; } = new();

    /// <summary>Output side in pixels.</summary>
    public int Size { get; init; } = 96;

    /// <summary>Crop side in frame pixels as a multiple of the eye distance (which scales with the face and ignores
    /// mouth opening, so the crop does not breathe while the person speaks).</summary>
    public float SideToEyeDistance { get; init; } = 1.6f;

    /// <summary>Floor on the eye distance as a fraction of the box width: in a profile view the eyes nearly overlap and
    /// the eye distance alone would give a tiny crop.</summary>
    public float MinEyeDistanceToBoxWidth { get; init; } = 0.35f;

    /// <summary>How far above the eyes' midpoint (away from the mouth) the forehead crop is centred, in eye distances:
    /// high enough that a lip-sync generator's repainted lower face (which reaches up to the eyes at most) stays out of it,
    /// low enough to stay on the face (<see cref="MouthCropper.Forehead"/>).</summary>
    public float ForeheadToEyeDistance { get; init; } = 1.1f;

    /// <summary>Fallback crop side as a fraction of the frame's shorter side.</summary>
    public float FallbackSideFraction { get; init; } = 0.5f;

    /// <summary>Fallback crop centre height as a fraction of the frame height (lower middle, where a centred talking
    /// head's mouth usually is).</summary>
    public float FallbackCenterY { get; init; } = 0.65f;

    /// <summary>Throws when a setting is out of range.</summary>
    public MouthCropOptions Validate()
    {
        if (Size is < 8 or > 1024) throw new ArgumentOutOfRangeException(nameof(Size), Size, "must be in [8, 1024]");
        if (!(SideToEyeDistance is > 0.2f and <= 10f)) throw new ArgumentOutOfRangeException(nameof(SideToEyeDistance), SideToEyeDistance, "must be in (0.2, 10]");
        if (!(MinEyeDistanceToBoxWidth is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MinEyeDistanceToBoxWidth), MinEyeDistanceToBoxWidth, "must be in [0, 1]");
        if (!(ForeheadToEyeDistance is >= 0 and <= 5)) throw new ArgumentOutOfRangeException(nameof(ForeheadToEyeDistance), ForeheadToEyeDistance, "must be in [0, 5]");
        if (!(FallbackSideFraction is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(FallbackSideFraction), FallbackSideFraction, "must be in (0, 1]");
        if (!(FallbackCenterY is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(FallbackCenterY), FallbackCenterY, "must be in (0, 1)");
        return this;
    }
}
