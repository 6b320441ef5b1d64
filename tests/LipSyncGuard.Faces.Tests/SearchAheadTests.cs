using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests;

/// <summary>With a second detector the next frame is searched beside this one: the same detections, tracks and selection
/// as one detector searching frame after frame.</summary>
public sealed class SearchAheadTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    [SkippableTheory]
    [InlineData("faces/short_hamilton_clip.mp4", 1, 1)]
    [InlineData("train/w3_clearvoice_debate_002.avi", 1, 1)]
    [InlineData("faces/short_hamilton_clip.mp4", 2, 1)]
    [InlineData("faces/short_hamilton_clip.mp4", 1, 10)]
    [InlineData("train/w3_clearvoice_debate_002.avi", 1, 10)]
    public async Task AnalyzeAsync_SecondDetector_SameTracksAsOne(string relative, int detectEvery, int keyFrameEvery)
    {
        var path = SharedMedia.Require(relative);
        using var ahead = new FaceDetector();
        var seen = new List<(long Frame, int Faces)>();

        var options = new FaceAnalysisOptions { DetectEvery = detectEvery, KeyFrameEvery = keyFrameEvery };
        var one = await new FaceAnalyzer(fixture.Default, options).AnalyzeAsync(new VideoDecoder().DecodeAsync(path));
        var two = await new FaceAnalyzer(fixture.Default, options, ahead).AnalyzeAsync(new VideoDecoder().DecodeAsync(path), (frame, live) =>
        {
            seen.Add((frame.Index, live.Count));
            return ValueTask.CompletedTask;
        });

        Assert.True(one.Tracks.Count >= 2, $"{one.Tracks.Count} tracks: a multi-face clip is needed");
        Assert.Equal((one.FrameCount, one.DetectorRuns, one.FramesWithFaces, one.FullFrameRuns), (two.FrameCount, two.DetectorRuns, two.FramesWithFaces, two.FullFrameRuns));
        Assert.Equal(one.Tracks.Select(t => (t.Id, t.StartFrame, t.EndFrame)), two.Tracks.Select(t => (t.Id, t.StartFrame, t.EndFrame)));
        Assert.Equal(one.Tracks.SelectMany(t => t.Frames.Select(f => f.Box)), two.Tracks.SelectMany(t => t.Frames.Select(f => f.Box)));
        Assert.Equal(one.Tracks.SelectMany(t => t.Frames.Select(f => f.Keypoints.RollDegrees)), two.Tracks.SelectMany(t => t.Frames.Select(f => f.Keypoints.RollDegrees)));
        Assert.Equal(one.Selected.Select(t => t.Id), two.Selected.Select(t => t.Id));
        // The caller still sees every frame once, in order.
        Assert.Equal(Enumerable.Range(0, (int)one.FrameCount).Select(i => (long)i), seen.Select(s => s.Frame));
    }

    [Fact]
    public async Task AnalyzeAsync_CancelledWithSearchesInFlight_Throws()
    {
        var path = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        using var ahead = new FaceDetector();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FaceAnalyzer(fixture.Default, ahead: ahead).AnalyzeAsync(
            new VideoDecoder().DecodeAsync(path, cancellationToken: cancel.Token), (frame, _) =>
            {
                if (frame.Index == 20) cancel.Cancel();
                return ValueTask.CompletedTask;
            }, cancel.Token));
    }
}
