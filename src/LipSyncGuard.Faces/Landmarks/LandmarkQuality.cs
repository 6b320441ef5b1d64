namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Why a frame's landmarks should not be trusted for lip measures (flags combine; <see cref="None"/> = usable).</summary>
[Flags]
public enum LandmarkQuality
{
    /// <summary>No problem found.</summary>
    None = 0,

    /// <summary>The face is too small for lip distances to rise above pixel noise
    /// (<see cref="LandmarkTrackOptions.MinEyeCornerDistance"/>).</summary>
    TinyFace = 1,

    /// <summary>The head is turned beyond <see cref="LandmarkTrackOptions.MaxYawDegrees"/>: the 2D lip distances
    /// foreshorten and the model, trained on near-frontal faces, drifts.</summary>
    StrongYaw = 2,

    /// <summary>The head is nodded beyond <see cref="LandmarkTrackOptions.MaxPitchDegrees"/>.</summary>
    StrongPitch = 4,

    /// <summary>The shape changed more since the previous frame than a face can (after removing head motion), or the
    /// whole face jumped in place or size: a landmark failure, an occlusion or a cut. Smoothing and velocities restart
    /// here.</summary>
    ShapeJump = 8,
}
