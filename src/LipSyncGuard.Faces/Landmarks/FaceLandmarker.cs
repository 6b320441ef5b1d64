using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>68 landmarks for a tracked face: places dlib's shape from the detector's eye, nose and mouth keypoints
/// (which also handles roll) and runs the cascade; or follows a face from one frame to the next by the cascade alone.
/// Thread-safe (the detector is immutable).</summary>
public sealed class FaceLandmarker
{
    /// <summary>A first pass that moved the face by more than this share of its box left the cascade short of it (it
    /// is trained to converge from boxes a fraction of the face off); a second pass starts where the first ended.</summary>
    private const float SecondPassShift = 0.1f;

    /// <summary>Largest change of the face's size between two followed frames (× or ÷) before it counts as lost.</summary>
    private const float MaxScaleChange = 1.3f;

    /// <summary>Largest move of the face's centre between two followed frames, in box sides, before it counts as lost.</summary>
    private const float MaxShift = 0.5f;

    /// <summary>Largest change of roll between two followed frames before the face counts as lost.</summary>
    private const float MaxRollChangeDegrees = 20f;

    private readonly LandmarkDetector _detector;
    private readonly FaceAnchorMapping _mapping;

    /// <summary>Wraps a loaded detector.</summary>
    public FaceLandmarker(LandmarkDetector detector, FaceAnchorMapping? mapping = null)
    {
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
        _mapping = mapping ?? FaceAnchorMapping.Default;
    }

    /// <summary>The points of <paramref name="face"/> in <paramref name="image"/>: the ones it was followed by when it
    /// was (<see cref="FaceDetection.Landmarks"/>), else the cascade placed from its keypoints; null when its keypoints
    /// are degenerate (eyes on top of each other, mouth above the eyes).</summary>
    public FaceLandmarks? Locate(ImageView image, TrackedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        if (face.Detection?.Landmarks is { } followed) return followed;
        return TryFrame(AnchorOf(face.Keypoints), out var frame) ? _detector.Detect(image, frame) : null;
    }

    /// <summary>Re-finds <paramref name="last"/> (the face at the previous detector run) in <paramref name="image"/> by
    /// the cascade alone, as MediaPipe's face pipelines follow a face from its previous landmarks: the model box is
    /// placed where the last frame's points lay (its detector keypoints when it has no points) and the cascade finds
    /// this frame's; after a large move a second pass starts where the first ended. The box moves, turns and scales with
    /// the points. Null when the points are implausible for the same face one frame on (its size or roll jumped, it
    /// moved half its size, its centre left the picture): then the face detector looks for it. The cascade has no
    /// presence score, so a caller confirms followed faces with the detector now and then (<see cref="FaceAnalyzer"/>
    /// on key frames).</summary>
    public FaceDetection? Follow(ImageView image, TrackedFace last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var was = last.Detection;
        var from = was?.Landmarks is { } previous ? FaceAnchor.FromLandmarks(previous) : AnchorOf(was?.Keypoints ?? last.Keypoints);
        if (!TryFrame(from, out var start)) return null;
        var points = _detector.Detect(image, start);
        if (!TryFrame(FaceAnchor.FromLandmarks(points), out var end)) return null;
        if (Vector2.Distance(Center(start), Center(end)) > SecondPassShift * Side(start))
        {
            points = _detector.Detect(image, end);
            if (!TryFrame(FaceAnchor.FromLandmarks(points), out end)) return null;
        }
        var scale = Side(end) / Side(start);
        var center = Center(end);
        var roll = Math.Abs(Math.IEEERemainder(points.RollDegrees - (from.RollRadians * 180 / Math.PI), 360));
        if (scale is > MaxScaleChange or < 1 / MaxScaleChange || Vector2.Distance(Center(start), center) > MaxShift * Side(start) ||
            roll > MaxRollChangeDegrees || center.X < 0 || center.Y < 0 || center.X >= image.Width || center.Y >= image.Height)
            return null;
        // The box keeps the place and size it had against the points' model box when the detector found the face (the
        // points were attached then, see WithPoints), in the face's own axes: the detector's convention, which varies
        // with yaw, is kept per face instead of being replaced by an average.
        var box = was?.Box ?? last.Box;
        var (u0, v0) = Axes(start);
        var offset = new Vector2(box.CenterX, box.CenterY) - Center(start);
        var (u1, v1) = Axes(end);
        var boxCenter = center + (scale * ((Vector2.Dot(offset, u0) * u1) + (Vector2.Dot(offset, v0) * v1)));
        Span<Vector2> keypoints =
        [
            points.RightEyeCenter, points.LeftEyeCenter, points[LandmarkIndex.NoseTip], points.MouthCenter,
            points[LandmarkIndex.JawRight], points[LandmarkIndex.JawLeft],
        ];
        return new FaceDetection(FaceBox.FromCenter(boxCenter.X, boxCenter.Y, box.Width * scale, box.Height * scale), was?.Score ?? last.Score,
            new FaceKeypoints(keypoints), DetectionStage.Landmarks) { Landmarks = points };
    }

    /// <summary><paramref name="detection"/> with its points attached (<see cref="FaceDetection.Landmarks"/>), placed from
    /// its keypoints, so that following starts from points and the landmark stage takes them; unchanged when it has
    /// points already or its keypoints are degenerate.</summary>
    public FaceDetection WithPoints(ImageView image, FaceDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        if (detection.Landmarks is not null || !TryFrame(AnchorOf(detection.Keypoints), out var frame)) return detection;
        return detection with { Landmarks = _detector.Detect(image, frame) };
    }

    private bool TryFrame(FaceAnchor anchor, out ShapeFrame frame)
    {
        try
        {
            frame = _mapping.ToFrame(anchor);
            return true;
        }
        catch (ArgumentException)
        {
            frame = default;
            return false;
        }
    }

    private static FaceAnchor AnchorOf(FaceKeypoints k) =>
        new(k[FaceKeypoint.RightEye], k[FaceKeypoint.LeftEye], k[FaceKeypoint.NoseTip], k[FaceKeypoint.Mouth]);

    private static Vector2 Center(ShapeFrame frame) => frame.Apply(0.5f, 0.5f);

    /// <summary>The model box's unit axes in the frame: along the eye line and down the face.</summary>
    private static (Vector2 U, Vector2 V) Axes(ShapeFrame frame)
    {
        var side = Side(frame);
        return (new Vector2((float)frame.M00, (float)frame.M10) / side, new Vector2((float)frame.M01, (float)frame.M11) / side);
    }

    private static float Side(ShapeFrame frame) => (float)Math.Sqrt((frame.M00 * frame.M00) + (frame.M10 * frame.M10));
}
