using LipSyncGuard.Faces.Landmarks;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>One loaded detector for all landmark tests (the model holds 66 MB). A missing model fails the tests with
/// <see cref="LandmarkModelMissingException"/>, which names ./setup.sh: it is part of the setup, not optional media.</summary>
public sealed class DetectorFixture
{
    private readonly Lazy<LandmarkDetector> _detector = new(() => LandmarkDetector.Load());

    public LandmarkDetector Detector => _detector.Value;
}
