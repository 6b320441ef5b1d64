using Xunit;

namespace LipSyncGuard.Faces.Tests;

public sealed class FaceTrackerTests
{
    [Fact]
    public void Update_TwoFacesMovingSlowly_IdsStayWithTheirFaces()
    {
        var tracker = new FaceTracker();
        for (var f = 0; f < 50; f++)
        {
            tracker.Update(f, [Synthetic.Face(500 - (2 * f), 100), Synthetic.Face(100 + (2 * f), 100)]);
        }
        var tracks = tracker.Complete();

        Assert.Equal(2, tracks.Count);
        Assert.All(tracks, t => Assert.Equal(50, t.Length));
        // Track 2 was created for the face that started on the left, and must still be on the left-to-right path.
        var leftStarter = tracks.Single(t => t.Frames[0].Box.X < 300);
        Assert.True(leftStarter.Frames[^1].Box.X > 150);
    }

    [Fact]
    public void Update_GapWithinLimit_SameTrackAndGapInterpolated()
    {
        var tracker = new FaceTracker(new FaceTrackerOptions { Smoothing = 1 });
        tracker.Update(0, [Synthetic.Face(100, 100)]);
        for (var f = 1; f <= 5; f++) tracker.Update(f, []);
        tracker.Update(6, [Synthetic.Face(130, 100)]);
        var track = Assert.Single(tracker.Complete());

        Assert.Equal(7, track.Length);
        Assert.Equal(2, track.DetectedFrames);
        Assert.False(track.At(3)!.Detected);
        Assert.Equal(115f, track.At(3)!.Box.X, 0.01f);
    }

    [Theory]
    [InlineData(DetectionStage.Landmarks, false, 1)]
    [InlineData(DetectionStage.Direct, false, 2)]
    [InlineData(DetectionStage.Landmarks, true, 2)]
    public void Update_DetectionSixTenthsOfABoxFromTheLastBox_SameTrackOnlyWhenThatBoxWasFollowedInOneShot(DetectionStage lastStage, bool shotChange, int expectedTracks)
    {
        // IoU 0.25 (below 0.3) and centres 0.6 box widths apart: a detector's jitter does not reach that far, a followed
        // box that slid towards the ear as the face turned does.
        var tracker = new FaceTracker(new FaceTrackerOptions { Smoothing = 1 });
        tracker.Update(0, [Synthetic.Face(100, 100)]);
        tracker.Update(1, [Synthetic.Face(100, 100) with { Stage = lastStage }]);
        tracker.Update(2, [Synthetic.Face(160, 100)], shotChange);

        Assert.Equal(expectedTracks, tracker.Complete().Count);
    }

    [Fact]
    public void Update_GapBeyondLimit_NewTrack()
    {
        var tracker = new FaceTracker(new FaceTrackerOptions { MaxGap = 3 });
        tracker.Update(0, [Synthetic.Face(100, 100)]);
        for (var f = 1; f <= 4; f++) tracker.Update(f, []);
        tracker.Update(5, [Synthetic.Face(100, 100)]);

        Assert.Equal(2, tracker.Complete().Count);
    }

    [Fact]
    public void Update_SkippedDetectorFrames_SnapshotCarriesLastBoxAsInterpolated()
    {
        var tracker = new FaceTracker();
        tracker.Update(0, [Synthetic.Face(100, 100)]);
        var live = tracker.Update(1, null);

        var snapshot = Assert.Single(live);
        Assert.False(snapshot.Face.Detected);
        Assert.Equal(1, snapshot.Face.FrameIndex);
        Assert.Equal(100f, snapshot.Face.Box.X);
    }

    [Fact]
    public void Update_JitteringDetections_SmoothingReducesJitter()
    {
        var tracker = new FaceTracker(new FaceTrackerOptions { Smoothing = 0.5f });
        for (var f = 0; f < 40; f++) tracker.Update(f, [Synthetic.Face(f % 2 == 0 ? 96 : 104, 100)]);
        var track = Assert.Single(tracker.Complete());

        var late = track.Frames.Skip(10).Select(t => t.Box.X).ToList();
        Assert.True(late.Max() - late.Min() < 8f * 0.5f, $"smoothed range {late.Max() - late.Min():0.0} px");
    }

    [Fact]
    public void Update_FrameIndexGoingBack_Throws()
    {
        var tracker = new FaceTracker();
        tracker.Update(5, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Update(5, []));
    }
}
