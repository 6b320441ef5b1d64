using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Faces.Tests;

public sealed class SceneCutDetectorTests(ITestOutputHelper output)
{
    private async Task<List<long>> CutsAsync(string relative, VideoPixelFormat format = VideoPixelFormat.Rgb24)
    {
        var differences = new List<(float, long)>();
        var detector = new SceneCutDetector();
        var cuts = new List<long>();
        await foreach (var frame in new VideoDecoder().DecodeAsync(SharedMedia.Require(relative), new VideoDecodeOptions { PixelFormat = format }))
        {
            using (frame)
            {
                if (detector.IsCut(ImageView.Of(frame))) cuts.Add(frame.Index);
                differences.Add((detector.LastDifference, frame.Index));
            }
        }
        output.WriteLine($"largest differences: {string.Join(", ", differences.OrderDescending().Take(6).Select(d => $"{d.Item2}: {d.Item1:0.000}"))}");
        return cuts;
    }

    [SkippableTheory]
    [InlineData(VideoPixelFormat.Rgb24)]
    [InlineData(VideoPixelFormat.I420)]
    public async Task IsCut_HamiltonClip_FlagsItsShotChanges(VideoPixelFormat format)
    {
        var cuts = await CutsAsync(FaceMedia.Hamilton, format);
        output.WriteLine(string.Join(", ", cuts));
        // ffmpeg's scene filter (score > 0.2) puts the clip's shot changes at 1.51 s, 3.58 s and 7.88 s: frames 38, 90
        // and 197 on the 25 fps clock (the performer's close-up, the long shot tested in VideoTrackingTests, the cut away).
        foreach (var expected in new long[] { 38, 90, 197 }) Assert.Contains(cuts, c => Math.Abs(c - expected) <= 1);
        Assert.True(cuts.Count <= 6, $"{cuts.Count} cuts flagged in a clip of 4 shots: {string.Join(", ", cuts)}");
    }

    [SkippableTheory]
    [InlineData(FaceMedia.AvlipsReal0)]
    [InlineData(FaceMedia.Grid)]
    [InlineData(FaceMedia.Crowd)]
    public async Task IsCut_SingleShotClip_FlagsNothing(string relative) => Assert.Empty(await CutsAsync(relative));
}
