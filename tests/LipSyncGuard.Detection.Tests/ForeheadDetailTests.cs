using LipSyncGuard.Detection.Cues;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class ForeheadDetailTests
{
    [Fact]
    public void Measure_UncomparedAndUntrustedFrames_LeftOut()
    {
        // Compared every third frame; frame 6's landmarks were not trusted, so its low value must not count.
        float[] contrast = [-0.2f, float.NaN, float.NaN, -0.4f, float.NaN, float.NaN, -3f, float.NaN, float.NaN, -0.3f];
        bool[] valid = [true, true, true, true, true, true, false, true, true, true];

        var stats = ForeheadDetail.Measure(contrast, valid);

        Assert.Equal(3, stats.Frames);
        Assert.Equal(-0.3, stats.Median, 1e-6);
    }

    [Fact]
    public void Measure_ForeheadNeverInThePicture_NotMeasured()
    {
        var stats = ForeheadDetail.Measure([float.NaN, float.NaN, float.NaN], [true, true, true]);

        Assert.Equal(default, stats);
    }

    [Theory]
    [InlineData(FaceCues.MinFrames - 1, double.NaN)]
    [InlineData(FaceCues.MinFrames, -0.5)]
    public void Feature_FewComparedFrames_NotRead(int frames, double expected)
    {
        var cues = new FaceCues(null, default, default, default) { Forehead = new ForeheadDetailStats(frames, -0.5) };

        Assert.Equal(expected, cues.Feature("forehead_detail"));
        Assert.Equal("forehead", FaceCues.Group("forehead_detail"));
    }
}
