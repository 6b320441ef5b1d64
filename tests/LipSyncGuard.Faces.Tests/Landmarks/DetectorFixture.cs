using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>One loaded detector for all landmark tests (the model holds 66 MB). A missing model fails the tests with
/// <see cref="LandmarkModelMissingException"/>, which names ./setup.sh: it is part of the setup, not optional media.</summary>
public sealed class DetectorFixture
{
    private readonly Lazy<LandmarkDetector> _detector = new(() => LandmarkDetector.Load());

    public LandmarkDetector Detector => _detector.Value;

    /// <summary>The 68 points of the GRID speaker in frame <paramref name="frame"/> of the shared GRID clip, located in the
    /// face box BlazeFace found there (the recorded fixture).</summary>
    public FaceLandmarks DetectGrid(int frame)
    {
        var bitmap = LandmarkFixture.ExtractFrame(SharedMedia.Grid, frame);
        var box = LandmarkFixture.ForFrame(SharedMedia.Grid, frame).Faces.Single().Box;
        return Detector.Detect(bitmap.Pixels, bitmap.Width, bitmap.Height, bitmap.Stride, box);
    }
}
