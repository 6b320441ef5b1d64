namespace LipSyncGuard.Faces;

/// <summary>One face found in one frame, in frame pixels.</summary>
/// <param name="Box">The face box.</param>
/// <param name="Score">Detector confidence in [0, 1].</param>
/// <param name="Keypoints">Eyes, nose tip, mouth, ears.</param>
/// <param name="Stage">Which detector pass found it.</param>
public sealed record FaceDetection(FaceBox Box, float Score, FaceKeypoints Keypoints, DetectionStage Stage = DetectionStage.Direct);
