namespace LipSyncGuard.Faces.Landmarks;

/// <summary>68 landmarks for a tracked face: places dlib's shape from the detector's eye, nose and mouth keypoints
/// (which also handles roll) and runs the cascade. Thread-safe (the detector is immutable).</summary>
public sealed class FaceLandmarker
{
    private readonly LandmarkDetector _detector;
    private readonly FaceAnchorMapping _mapping;

    /// <summary>Wraps a loaded detector.</summary>
    public FaceLandmarker(LandmarkDetector detector, FaceAnchorMapping? mapping = null)
    {
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
        _mapping = mapping ?? FaceAnchorMapping.Default;
    }

    /// <summary>The points of <paramref name="face"/> in <paramref name="image"/>, or null when its keypoints are degenerate
    /// (eyes on top of each other, mouth above the eyes).</summary>
    public FaceLandmarks? Locate(ImageView image, TrackedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var k = face.Keypoints;
        var anchor = new FaceAnchor(k[FaceKeypoint.RightEye], k[FaceKeypoint.LeftEye], k[FaceKeypoint.NoseTip], k[FaceKeypoint.Mouth]);
        ShapeFrame frame;
        try
        {
            frame = _mapping.ToFrame(anchor);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return _detector.Detect(image, frame);
    }
}
