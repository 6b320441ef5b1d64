using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Faces.Tests;

/// <summary>Following faces on crops between full-frame searches must give the tracks a full search of every frame gives.</summary>
public sealed class KeyFrameTrackingTests(DetectorFixture fixture, ITestOutputHelper output) : IClassFixture<DetectorFixture>
{
    private const int KeyFrameEvery = 10;

    private Task<FaceAnalysis> AnalyzeAsync(string path, int keyFrameEvery) =>
        new FaceAnalyzer(fixture.Default, new FaceAnalysisOptions { KeyFrameEvery = keyFrameEvery }).AnalyzeAsync(new VideoDecoder().DecodeAsync(path));

    /// <summary><paramref name="maxFullShare"/>: the share of detector runs that may still search the whole frame. The
    /// crowd's walkers share each other's crops, so it is searched in full nearly throughout; the others lose a face
    /// now and then (Hamilton's shot changes, a flickering false positive beside AVLips' speaker).</summary>
    [SkippableTheory]
    [InlineData(FaceMedia.Hamilton, 0.6)]
    [InlineData(FaceMedia.Crowd, 1.0)]
    [InlineData(FaceMedia.AvlipsReal0, 0.5)]
    [InlineData(FaceMedia.Grid, 0.2)]
    public async Task Analyze_KeyFramesAndFollowing_SameTracksAsFullSearchEveryFrame(string relative, double maxFullShare)
    {
        var path = SharedMedia.Require(relative);
        var everyFrame = await AnalyzeAsync(path, 1);
        var keyed = await AnalyzeAsync(path, KeyFrameEvery);
        output.WriteLine($"full searches {keyed.FullFrameRuns} of {keyed.DetectorRuns} runs; tracks {everyFrame.Tracks.Count} → {keyed.Tracks.Count}");
        Assert.Equal(everyFrame.DetectorRuns, everyFrame.FullFrameRuns);
        Assert.DoesNotContain(everyFrame.Tracks.SelectMany(t => t.Frames), f => f.Detection?.Stage == DetectionStage.Tracked);
        Assert.True(keyed.FullFrameRuns <= maxFullShare * keyed.DetectorRuns, $"{keyed.FullFrameRuns} full searches of {keyed.DetectorRuns}");

        // Every track a per-frame search keeps for at least a second is found again, over (nearly) the same frames, with
        // boxes that overlap it by IoU ≥ 0.7 on average. A face entering a shot that is being followed is found at the
        // next key frame, so a track may start up to KeyFrameEvery frames late.
        const int late = KeyFrameEvery;
        foreach (var reference in everyFrame.Tracks.Where(t => t.Length >= 25))
        {
            var (match, (iou, shared)) = keyed.Tracks.Select(t => (t, Overlap(reference, t))).MaxBy(m => m.Item2.MeanIoU * m.Item2.Shared);
            output.WriteLine($"#{reference.Id} {reference.StartFrame}-{reference.EndFrame} → #{match?.Id} {match?.StartFrame}-{match?.EndFrame}: IoU {iou:0.000} on {shared} frames");
            Assert.NotNull(match);
            Assert.True(shared >= 0.9 * (reference.Length - late), $"track {reference.Id} shares {shared} of {reference.Length} frames");
            Assert.True(iou >= 0.7, $"track {reference.Id} mean IoU {iou:0.000}");
        }
        Assert.Equal(everyFrame.Selected.Count, keyed.Selected.Count);
        foreach (var (a, b) in everyFrame.Selected.Zip(keyed.Selected)) Assert.True(Overlap(a, b).MeanIoU >= 0.7, $"selected #{a.Id} vs #{b.Id}");
    }

    [SkippableFact]
    public void Follow_SmallFacesOfAStill_RefoundWhereTheFullSearchPutThem()
    {
        var image = ImageLoader.Load(SharedMedia.Require(FaceMedia.T1));
        var view = image.View;
        var detected = fixture.Default.Detect(view);
        Assert.NotEmpty(detected);
        foreach (var d in detected)
        {
            var followed = fixture.Default.Follow(view, new TrackedFace(0, d.Box, d.Keypoints, d.Score, true, d));
            Assert.NotNull(followed);
            Assert.Equal(DetectionStage.Tracked, followed.Stage);
            Assert.True(followed.Box.IoU(d.Box) >= 0.7, $"followed {followed.Box} vs detected {d.Box}");
            Assert.True((followed.Keypoints[FaceKeypoint.Mouth] - d.Keypoints[FaceKeypoint.Mouth]).Length() <= 0.15f * d.Box.Width);
        }
    }

    [SkippableFact]
    public void Follow_FaceGone_ReturnsNull()
    {
        var image = ImageLoader.Load(SharedMedia.Require(FaceMedia.T1));
        var d = fixture.Default.Detect(image.View)[0];
        var blank = new byte[image.View.Width * image.View.Height * 3];
        Assert.Null(fixture.Default.Follow(new ImageView(blank, image.View.Width, image.View.Height), new TrackedFace(0, d.Box, d.Keypoints, d.Score, true, d)));
    }

    private static (double MeanIoU, int Shared) Overlap(FaceTrack a, FaceTrack b)
    {
        double sum = 0;
        var shared = 0;
        foreach (var f in a.Frames)
        {
            if (b.At(f.FrameIndex) is not { } g) continue;
            sum += f.Box.IoU(g.Box);
            shared++;
        }
        return (shared == 0 ? 0 : sum / shared, shared);
    }
}
