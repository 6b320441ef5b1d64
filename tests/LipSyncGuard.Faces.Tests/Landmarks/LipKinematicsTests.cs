using LipSyncGuard.Faces.Landmarks;
using Xunit;

namespace LipSyncGuard.Faces.Tests.Landmarks;

public sealed class LipKinematicsTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    [SkippableFact]
    public void Measure_ClosedAndOpenGridFrames_InnerApertureNearZeroAndClearlyAbove()
    {
        var closed = Measure(LandmarkFixture.GridClosedMouthFrame);
        var open = Measure(LandmarkFixture.GridOpenMouthFrame);

        Assert.InRange(closed.InnerAperture, 0f, 0.03f);
        Assert.True(open.InnerAperture > 0.08f, $"open mouth inner aperture {open.InnerAperture:F3}");
        Assert.True(open.OuterAperture > closed.OuterAperture + 0.05f, $"outer {open.OuterAperture:F3} vs {closed.OuterAperture:F3}");
        // Opening the jaw lengthens the nose–chin distance.
        Assert.True(open.ChinToNose > closed.ChinToNose, $"chin–nose {open.ChinToNose:F3} vs {closed.ChinToNose:F3}");
        // Plausible face proportions in eye-corner units (mouth ~ half to two thirds of the eye span).
        Assert.InRange(closed.MouthWidth, 0.4f, 0.9f);
        Assert.InRange(closed.ChinToNose, 0.5f, 1.2f);
    }

    [SkippableFact]
    public void Measure_WithPrevious_VelocityIsChangePerSecond()
    {
        var closed = Measure(LandmarkFixture.GridClosedMouthFrame);
        var points = fixture.DetectGrid(LandmarkFixture.GridOpenMouthFrame);

        var open = LipKinematics.Measure(points, closed, 0.04);

        Assert.Equal((open.InnerAperture - closed.InnerAperture) / 0.04f, open.InnerApertureVelocity, 3);
        Assert.Equal((open.ChinToNose - closed.ChinToNose) / 0.04f, open.ChinToNoseVelocity, 3);
        Assert.Equal(0f, closed.InnerApertureVelocity);
    }

    private LipKinematics Measure(int frame) => LipKinematics.Measure(fixture.DetectGrid(frame));
}
