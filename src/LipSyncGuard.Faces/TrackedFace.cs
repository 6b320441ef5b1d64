namespace LipSyncGuard.Faces;

/// <summary>A track's face in one frame: smoothed box and keypoints, and whether the detector saw it there.</summary>
/// <param name="FrameIndex">Frame on the output clock.</param>
/// <param name="Box">Smoothed box.</param>
/// <param name="Keypoints">Smoothed keypoints.</param>
/// <param name="Score">Detector score (for interpolated frames, the blend of its neighbours).</param>
/// <param name="Detected">True when a detection was matched in this frame; false when interpolated across a gap or a
/// frame the detector skipped (<c>--detect-every</c>).</param>
/// <param name="Detection">The raw detection behind this frame, or null when interpolated.</param>
public sealed record TrackedFace(long FrameIndex, FaceBox Box, FaceKeypoints Keypoints, float Score, bool Detected, FaceDetection? Detection);
