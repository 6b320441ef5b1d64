using Xunit;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Media.Tests;

public sealed class MediaProberTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    private readonly MediaProber _prober = new();

    [SkippableFact]
    public async Task ProbeAsync_AvlipsSample_ReportsSizeRateAndAudio()
    {
        var info = await _prober.ProbeAsync(SharedMedia.Require(SharedMedia.AvlipsReal0));

        var video = info.RequireVideo();
        Assert.Equal((224, 224), (video.Width, video.Height));
        Assert.Equal(25, video.AverageFps, 3);
        Assert.Equal("h264", video.Codec);
        Assert.Equal(16000, info.Audio!.SampleRate);
        Assert.Equal(1, info.Audio.Channels);
        Assert.InRange(info.Duration.TotalSeconds, 4.2, 4.5);
        Assert.Equal(Ffmpeg.CountFrames(info.Path), video.FrameCountEstimate, 1.0);
    }

    [SkippableFact]
    public async Task ProbeAsync_GridMpeg1_ReportsItsOwnFormat()
    {
        var info = await _prober.ProbeAsync(SharedMedia.Require(SharedMedia.Grid));

        Assert.Equal("mpeg", info.FormatName);
        Assert.Equal("mpeg1video", info.Video!.Codec);
        Assert.Equal((360, 288), (info.Video.Width, info.Video.Height));
        Assert.Equal("mp2", info.Audio!.Codec);
        Assert.Equal((44100, 2), (info.Audio.SampleRate, info.Audio.Channels));
    }

    [SkippableFact]
    public async Task ProbeAsync_VariableFrameRate_SaysSo()
    {
        var info = await _prober.ProbeAsync(SharedMedia.Require(SharedMedia.Vfr));

        Assert.True(info.Video!.IsVariableFrameRate, $"avg {info.Video.AverageFps} vs real {info.Video.RealFps}");
    }

    [Fact]
    public async Task ProbeAsync_RotationMetadata_SwapsDisplaySize()
    {
        var info = await _prober.ProbeAsync(media.Rotated);

        // ffmpeg 5.1 turns the legacy rotate=90 tag into a quarter turn whose sense differs across versions; either way the
        // display size swaps.
        Assert.Contains(info.Video!.Rotation, new[] { 90, 270 });
        Assert.Equal((32, 64), (info.Video.Width, info.Video.Height));
    }

    [Fact]
    public async Task ProbeAsync_AudioOnly_HasNoVideo()
    {
        var info = await _prober.ProbeAsync(media.AudioOnly);

        Assert.Null(info.Video);
        var error = Assert.Throws<MediaException>(() => info.RequireVideo());
        Assert.Equal("no_video", error.CodeName);
    }

    [Fact]
    public async Task ProbeAsync_VideoOnly_RequireAudioSaysNoAudio()
    {
        var info = await _prober.ProbeAsync(media.VideoOnly);

        var error = Assert.Throws<MediaException>(() => info.RequireAudio());
        Assert.Equal(MediaErrorCode.NoAudio, error.Code);
    }

    [Fact]
    public async Task ProbeAsync_LongerThanLimit_IsTooLong()
    {
        var strict = new MediaProber(MediaLimits.Default with { MaxDuration = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<MediaException>(() => strict.ProbeAsync(media.Clip));

        Assert.Equal(MediaErrorCode.TooLong, error.Code);
    }

    [Fact]
    public async Task ProbeAsync_LargerThanLimit_IsTooLarge()
    {
        var strict = new MediaProber(MediaLimits.Default with { MaxWidth = 32, MaxHeight = 32 });

        var error = await Assert.ThrowsAsync<MediaException>(() => strict.ProbeAsync(media.Clip));

        Assert.Equal(MediaErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public void Validate_NegativeDuration_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaProber(MediaLimits.Default with { MaxDuration = TimeSpan.FromSeconds(-1) }));
}
