using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>What the landmark stage needs from a face detector: four keypoints in frame pixels ("right"/"left" are the
/// person's own sides, so the right eye appears on the left of an unmirrored frontal picture). BlazeFace's first four
/// keypoints map one to one.</summary>
/// <param name="RightEye">Centre of the person's right eye.</param>
/// <param name="LeftEye">Centre of the person's left eye.</param>
/// <param name="Nose">Nose tip.</param>
/// <param name="Mouth">Mouth centre.</param>
public readonly record struct FaceAnchor(Vector2 RightEye, Vector2 LeftEye, Vector2 Nose, Vector2 Mouth)
{
    /// <summary>Distance between the eye centres in pixels.</summary>
    public float EyeDistance => Vector2.Distance(RightEye, LeftEye);

    /// <summary>In-plane roll in radians: the angle of the right-eye → left-eye line against the image x axis
    /// (0 upright, positive clockwise on screen).</summary>
    public float RollRadians => MathF.Atan2(LeftEye.Y - RightEye.Y, LeftEye.X - RightEye.X);

    /// <summary>The anchor of dlib-convention landmarks: eye centres (means of 36–41 and 42–47), nose tip (30) and
    /// mouth centre (48, 51, 54, 57) — what tests and tracking use when no detector keypoints are at hand.</summary>
    public static FaceAnchor FromLandmarks(FaceLandmarks landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        return new FaceAnchor(landmarks.RightEyeCenter, landmarks.LeftEyeCenter, landmarks[LandmarkIndex.NoseTip], landmarks.MouthCenter);
    }
}
