namespace LipSyncGuard.Faces.Landmarks;

/// <summary>One frame of one face track after <see cref="LandmarkTrack.Update"/>.</summary>
/// <param name="TimestampSeconds">Presentation time of the frame.</param>
/// <param name="Raw">The detector's points.</param>
/// <param name="Smoothed">The points after One-Euro smoothing (what pose and kinematics are measured on).</param>
/// <param name="Pose">Head pose of the smoothed points.</param>
/// <param name="Quality">Problems found; <see cref="LandmarkQuality.None"/> when usable.</param>
/// <param name="ShapeChange">Mean point movement since the previous frame after removing head motion, in face units
/// (0 on a track's first frame).</param>
/// <param name="Kinematics">Lip and jaw measures of the smoothed points.</param>
public sealed record LandmarkFrame(
    double TimestampSeconds, FaceLandmarks Raw, FaceLandmarks Smoothed, HeadPose Pose, LandmarkQuality Quality, float ShapeChange,
    LipKinematics Kinematics)
{
    /// <summary>True when no quality problem was found.</summary>
    public bool IsTrusted => Quality == LandmarkQuality.None;
}
