using System.Numerics;
using LipSyncGuard.Faces.Landmarks;
using Xunit;

namespace LipSyncGuard.Faces.Tests.Landmarks;

public sealed class FaceLandmarksTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    [SkippableFact]
    public void EyeOpenness_OpenEyesOfGridSpeaker_InTheOpenEyeRangeAtAnySize()
    {
        var points = fixture.DetectGrid(LandmarkFixture.GridClosedMouthFrame);
        var doubled = new FaceLandmarks([.. points.Points.ToArray().Select(p => (p * 2) + new Vector2(40, 7))]);

        // The GRID speaker looks at the camera with open eyes: an eye aspect ratio of ~0.2–0.4 (near 0 when shut).
        Assert.InRange(points.EyeOpenness, 0.15f, 0.45f);
        Assert.Equal(points.EyeOpenness, doubled.EyeOpenness, 4);
    }

    [SkippableFact]
    public void EyeOpenness_LidsClosed_NearZero()
    {
        var open = fixture.DetectGrid(LandmarkFixture.GridClosedMouthFrame);
        var shut = open.Points.ToArray();
        // Each upper lid point (37, 38; 43, 44) lowered onto the lower lid point below it (41, 40; 47, 46).
        foreach (var (upper, lower) in new[] { (37, 41), (38, 40), (43, 47), (44, 46) }) shut[upper] = shut[lower];

        Assert.InRange(new FaceLandmarks(shut).EyeOpenness, 0f, 0.01f);
    }
}
