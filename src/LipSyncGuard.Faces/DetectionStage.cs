namespace LipSyncGuard.Faces;

/// <summary>Which pass of the detector found a face.</summary>
public enum DetectionStage
{
    /// <summary>The frame as it is.</summary>
    Direct,
    /// <summary>The frame rolled by one of the retry angles.</summary>
    Rotated,
    /// <summary>The frame mirrored horizontally.</summary>
    Flipped,
    /// <summary>An overlapping tile of a large frame.</summary>
    Tiled,
    /// <summary>Re-detected on an upright crop of the face after a roll search (rolled or upside-down faces).</summary>
    Refined,
    /// <summary>Followed from an earlier frame: re-found on a crop around the track's last box (see
    /// <see cref="FaceDetector.Follow"/>), without a full-frame search.</summary>
    Tracked,
    /// <summary>Followed from the previous frame by the 68-point cascade, started where that frame's points lay (see
    /// <see cref="Landmarks.FaceLandmarker.Follow"/>), without running the face detector.</summary>
    Landmarks,
}
