using Xunit;

namespace LipSyncGuard.Faces.Tests;

public sealed class TrackSelectorTests
{
    /// <summary>Track 1: small, frames 0–59. Track 2: large, frames 20–49. Track 3: medium, frames 10–89 but detected
    /// only every third frame (mostly interpolated).</summary>
    private static IReadOnlyList<FaceTrack> Tracks()
    {
        var tracker = new FaceTracker(new FaceTrackerOptions { MaxGap = 5 });
        for (var f = 0; f < 90; f++)
        {
            var found = new List<FaceDetection>();
            if (f < 60) found.Add(Synthetic.Face(0, 0, 50));
            if (f is >= 20 and < 50) found.Add(Synthetic.Face(300, 0, 200));
            if (f >= 10 && f % 3 == 1) found.Add(Synthetic.Face(700, 0, 120));
            tracker.Update(f, found);
        }
        return tracker.Complete();
    }

    [Theory]
    [InlineData(TrackSelection.Longest, 0f)]
    [InlineData(TrackSelection.Largest, 300f)]
    [InlineData(TrackSelection.First, 0f)]
    public void Select_Mode_PicksExpectedTrack(TrackSelection mode, float expectedX)
    {
        var chosen = Assert.Single(TrackSelector.Select(Tracks(), mode, minLength: 10));
        Assert.Equal(expectedX, chosen.MeanBox.X, 1f);
    }

    [Fact]
    public void Select_All_ReturnsReliableTracksOnly()
    {
        var all = TrackSelector.Select(Tracks(), TrackSelection.All, minLength: 10);
        // The mostly interpolated track (a third of its frames detected) is not selectable.
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public void Select_NoTrackLongEnough_FallsBackToAllTracks()
    {
        var tracker = new FaceTracker();
        tracker.Update(0, [Synthetic.Face(0, 0)]);
        Assert.Single(TrackSelector.Select(tracker.Complete(), TrackSelection.Longest, minLength: 10));
    }
}
