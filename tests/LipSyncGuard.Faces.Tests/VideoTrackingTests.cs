using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Faces.Tests;

public sealed class VideoTrackingTests(DetectorFixture fixture, ITestOutputHelper output) : IClassFixture<DetectorFixture>
{
    private async Task<FaceAnalysis> AnalyzeAsync(string relative, TrackSelection selection = TrackSelection.Longest)
    {
        var path = SharedMedia.Require(relative);
        var analysis = await new FaceAnalyzer(fixture.Default, new FaceAnalysisOptions { Selection = selection }).AnalyzeAsync(new VideoDecoder().DecodeAsync(path));
        foreach (var t in analysis.Tracks) output.WriteLine($"#{t.Id} {t.StartFrame}-{t.EndFrame} det {t.DetectedFrames} box {t.MeanBox} score {t.MeanScore:0.00}");
        return analysis;
    }

    /// <summary>No track may jump to another face: consecutive boxes move less than half a box width.</summary>
    private static void AssertNoJumps(FaceAnalysis analysis)
    {
        foreach (var track in analysis.Tracks)
        {
            for (var i = 1; i < track.Frames.Count; i++)
            {
                var (a, b) = (track.Frames[i - 1].Box, track.Frames[i].Box);
                var jump = MathF.Sqrt(MathF.Pow(a.CenterX - b.CenterX, 2) + MathF.Pow(a.CenterY - b.CenterY, 2));
                Assert.True(jump < 0.5f * Math.Max(a.Width, b.Width), $"track {track.Id} jumps {jump:0} px at frame {track.Frames[i].FrameIndex}");
            }
        }
    }

    [SkippableFact]
    public async Task Analyze_HamiltonClip_SpeakerTrackStableAndSelected()
    {
        var longest = await AnalyzeAsync(FaceMedia.Hamilton);
        AssertNoJumps(longest);
        // The performer's long close-up shot (frames ~90–196, face centre near (250, 105) in the 640×360 frame) is one
        // track from start to end: no id switch on the speaker.
        var speaker = longest.Tracks.Single(t => t.At(150) is { } f && f.Box.CenterX is > 150 and < 400 && f.Box.CenterY is > 30 and < 200);
        Assert.InRange(speaker.StartFrame, 85, 100);
        Assert.InRange(speaker.EndFrame, 190, 200);
        Assert.Equal(speaker.Id, Assert.Single(longest.Selected).Id);

        // Largest picks the performer's big close-up (frames ~38–58, box ~210 px), not the blurred audience.
        var largest = TrackSelector.Select(longest.Tracks, TrackSelection.Largest, 10);
        var big = Assert.Single(largest);
        Assert.InRange(big.StartFrame, 30, 45);
        Assert.InRange(big.MeanBox.Width, 150, 260);
    }

    [SkippableFact]
    public async Task Analyze_CrowdVideo_MainWalkersTrackedThroughout()
    {
        var analysis = await AnalyzeAsync(FaceMedia.Crowd);
        AssertNoJumps(analysis);
        // The two men walking in front of the crowd (face centres x 550–1000, y 550–800 in 1920×1080) are each one
        // track covering (nearly) the whole clip.
        var walkers = analysis.Tracks.Where(t => t.Length >= 0.9 * analysis.FrameCount).ToList();
        Assert.Equal(2, walkers.Count);
        Assert.All(walkers, w => Assert.True(w.MeanBox.CenterX is > 550 and < 1000 && w.MeanBox.CenterY is > 550 and < 800, $"track {w.Id} at {w.MeanBox}"));
        Assert.Contains(Assert.Single(analysis.Selected), walkers);
        // Largest (mean box area) picks the biggest face on screen: the woman with the scarf who walks out of frame on
        // the left in the first ~0.6 s (face ~125 px wide, mean centre near (580, 800)), not the smaller walkers.
        var largest = Assert.Single(TrackSelector.Select(analysis.Tracks, TrackSelection.Largest, 10));
        Assert.True(largest.MeanBox.CenterX is > 250 and < 650 && largest.MeanBox.CenterY is > 700 and < 880, $"largest at {largest.MeanBox}");
        Assert.True(largest.MeanArea > walkers.Max(w => w.MeanArea));
    }

    [SkippableTheory]
    [InlineData(FaceMedia.AvlipsReal0)]
    [InlineData(FaceMedia.Grid)]
    public async Task Analyze_SingleSpeakerClip_OneTrackNoFallbackMouthCentred(string relative)
    {
        var path = SharedMedia.Require(relative);
        var analysis = await AnalyzeAsync(relative);
        var track = Assert.Single(analysis.Tracks);
        Assert.False(analysis.NoFace);
        Assert.Equal(analysis.FrameCount, track.Length);

        var cropper = new MouthCropper();
        var checkedFrames = 0;
        await foreach (var frame in new VideoDecoder().DecodeAsync(path))
        {
            using (frame)
            {
                var face = track.At(frame.Index)!;
                var crop = cropper.Crop(ImageView.Of(frame), face);
                Assert.False(crop.Fallback);
                // The raw detected mouth (not the smoothed one the crop is built on) within 10% of the crop centre.
                var mouth = crop.ToCrop((face.Detection?.Keypoints ?? face.Keypoints)[FaceKeypoint.Mouth]);
                var half = crop.Image.Width / 2f;
                Assert.True(Math.Abs(mouth.X - half) <= 0.1f * crop.Image.Width && Math.Abs(mouth.Y - half) <= 0.1f * crop.Image.Width,
                    $"frame {frame.Index}: mouth at {mouth} in a {crop.Image.Width}px crop");
                checkedFrames++;
            }
        }
        Assert.Equal(analysis.FrameCount, checkedFrames);
    }

    [SkippableFact]
    public async Task Analyze_DetectEveryThird_SameSingleTrackWithInterpolatedFrames()
    {
        var path = SharedMedia.Require(FaceMedia.AvlipsReal0);
        var analysis = await new FaceAnalyzer(fixture.Default, new FaceAnalysisOptions { DetectEvery = 3 }).AnalyzeAsync(new VideoDecoder().DecodeAsync(path));
        var track = Assert.Single(analysis.Tracks);
        Assert.Equal((analysis.FrameCount + 2) / 3, analysis.DetectorRuns);
        Assert.InRange(track.DetectedFrames, track.Length / 3, (track.Length / 3) + 1);
        Assert.Contains(track.Frames, f => !f.Detected);
    }
}
