namespace LipSyncGuard.Faces;

/// <summary>One face found in one frame, in frame pixels.</summary>
/// <param name="Box">The face box.</param>
/// <param name="Score">Detector confidence in [0, 1].</param>
/// <param name="Keypoints">Eyes, nose tip, mouth, ears.</param>
/// <param name="Stage">Which detector pass found it.</param>
public sealed record FaceDetection(FaceBox Box, float Score, FaceKeypoints Keypoints, DetectionStage Stage = DetectionStage.Direct)
{
    /// <summary>The 68 points the face was followed by (<see cref="DetectionStage.Landmarks"/>), so the landmark stage
    /// takes them instead of running the cascade a second time; null for a detector's own finds.</summary>
    public Landmarks.FaceLandmarks? Landmarks { get; init; }
}
