using Xunit;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Media.Tests;

public sealed class AudioDecoderTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    private readonly AudioDecoder _decoder = new();

    [SkippableTheory]
    [InlineData(SharedMedia.AvlipsReal0)]
    [InlineData(SharedMedia.Grid)]
    public async Task DecodeAsync_SharedClip_LengthMatchesDurationWithinOneFrame(string relative)
    {
        var info = await new MediaProber().ProbeAsync(SharedMedia.Require(relative));

        var clip = await _decoder.DecodeAsync(info);

        Assert.Equal(16000, clip.SampleRate);
        // One video frame at 25 fps is 640 samples.
        Assert.InRange(clip.Samples.Length, info.Audio!.Duration.TotalSeconds * 16000 - 640, info.Duration.TotalSeconds * 16000 + 640);
        Assert.Contains(clip.Samples, s => Math.Abs(s) > 0.01f);
    }

    [Fact]
    public async Task DecodeAsync_StereoSine44k_IsMono16kWithTheSameTone()
    {
        var clip = await _decoder.DecodeAsync(media.Clip);

        Assert.Equal(16000, clip.SampleRate);
        Assert.InRange(clip.Samples.Length, 2 * 16000 - 640, 2 * 16000 + 1100);
        // Zero crossings of a 440 Hz tone over 1 s (skipping the codec's start-up): about 880.
        var crossings = 0;
        for (var i = 8001; i < 24000; i++) if (Math.Sign(clip.Samples[i]) != Math.Sign(clip.Samples[i - 1])) crossings++;
        Assert.InRange(crossings, 870, 890);
    }

    [Fact]
    public async Task DecodeAsync_TimeRange_ReturnsThatSpan()
    {
        var clip = await _decoder.DecodeAsync(media.Clip, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));

        Assert.InRange(clip.Samples.Length, 16000 - 160, 16000 + 160);
    }

    [Fact]
    public async Task DecodeAsync_NoAudioStream_IsNoAudio()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(media.VideoOnly));

        Assert.Equal("no_audio", error.CodeName);
    }

    [SkippableFact]
    public async Task DecodeAsync_AvlipsWav44kStereo_ResampledTo16kMono()
    {
        var path = SharedMedia.Require("avlips/wav/0_real/0.wav");

        var clip = await _decoder.DecodeAsync(path);

        Assert.Equal(16000, clip.SampleRate);
        Assert.True(clip.Duration.TotalSeconds > 3);
    }
}
