using LipSyncGuard.Training.Tests;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class VideoScoreTests
{
    [Fact]
    public void Aggregate_WindowsOfTwoVideos_MeanPerVideoWithItsGenerator()
    {
        var a = SyntheticWindows.Make(1, 0) with { VideoPath = "/d/a.mp4" };
        var b = SyntheticWindows.Make(2, 1) with { VideoPath = "/d/b.mp4", Kind = "lipsync" };
        var generators = new Dictionary<string, string> { ["/d/b.mp4"] = "Wav2Lip" };

        var videos = VideoScore.Aggregate([a, b, a with { StartFrame = 25 }, b with { StartFrame = 25 }], [0.1, 0.8, 0.3, 0.6], generators);

        Assert.Equal(2, videos.Count);
        Assert.Equal(new VideoScore("a.mp4", 0, "real", "-", 0.2, 2), videos[0] with { Score = Math.Round(videos[0].Score, 9) });
        Assert.Equal(new VideoScore("b.mp4", 1, "lipsync", "Wav2Lip", 0.7, 2), videos[1] with { Score = Math.Round(videos[1].Score, 9) });
    }

    [Fact]
    public void Aggregate_CuesAndFusion_EachVideoFusedWithItsOwnCues()
    {
        var a = SyntheticWindows.Make(1, 0) with { VideoPath = "/d/a.mp4" };
        var b = SyntheticWindows.Make(2, 1) with { VideoPath = "/d/b.mp4", Kind = "generated" };
        var cues = new Dictionary<string, VideoCues> { ["/d/a.mp4"] = new(0.2, 0.3), ["/d/b.mp4"] = new(null, 0.9) };
        var fusion = new VerdictFusion(1, 1, 0, 0, TextureWeight: 2);

        var videos = VideoScore.Aggregate([a, b], [0.4, 0.4], cues: cues, fusion: fusion);

        Assert.Equal((0.2, 0.3), (videos[0].Sync!.Value, videos[0].Texture!.Value));
        Assert.Equal(fusion.Combine(0.4, 0.2, 0.3), videos[0].Score, 12);
        Assert.Equal(fusion.Combine(0.4, null, 0.9), videos[1].Score, 12);
        Assert.True(videos[1].Score > videos[0].Score, "the painted mouth outranks the real one at the same detector score");
        Assert.All(videos, v => Assert.Equal(0.4, v.Detector, 12));
    }
}
