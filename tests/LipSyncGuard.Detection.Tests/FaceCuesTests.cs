using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Sync;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class FaceCuesTests
{
    private static readonly FaceCues Traces = new(null, default, default, default);

    [Theory]
    [InlineData(250, 1.0)]
    [InlineData(1000, 2.0)]
    [InlineData(62, 0.498)]
    public void WithSync_JudgedTrack_SpanIsRootOfJudgedFramesInTenSecondUnits(int frames, double span)
    {
        var cues = Traces.WithSync(new SyncResult(0.2, 0, 0, 0.3, 0.1, frames, []));

        Assert.Equal(frames, cues.SyncFrames);
        Assert.Equal(span, cues.Feature("sync_span"), 3);
        // The logit of mismatch, ln(0.8 / 0.2), carried by the span.
        Assert.Equal(Math.Log(4), cues.Feature("sync_logit"), 9);
        Assert.Equal(Math.Log(4) * cues.Feature("sync_span"), cues.Feature("sync_logit_span"), 9);
    }

    [Fact]
    public void WithSync_NotJudged_SpanFeaturesReadZeroLikeTheOtherSyncFeatures()
    {
        var judged = Traces.WithSync(new SyncResult(0.9, 0, 0, 0.3, 0.1, 400, []));

        var cues = judged.WithSync(new SyncResult(double.NaN, 0, 0, double.NaN, double.NaN, 12, []));

        Assert.Null(cues.SyncFrames);
        Assert.Equal(0, cues.Feature("sync_judged"));
        Assert.Equal(0, cues.Feature("sync_span"));
        Assert.Equal(0, cues.Feature("sync_logit_span"));
        Assert.Contains("sync_span", FaceCues.SyncFeatures);
        Assert.Equal("sync", FaceCues.Group("sync_logit_span"));
    }
}
