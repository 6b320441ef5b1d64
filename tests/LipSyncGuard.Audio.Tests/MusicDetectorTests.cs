using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Audio.Tests;

public sealed class MusicDetectorTests(ITestOutputHelper output)
{
    private readonly AudioDecoder _decoder = new();
    private readonly MusicDetector _detector = new();

    [Fact]
    public async Task Detect_GeneratedPianoChords_Music()
    {
        using var dir = new TempDir("lsg-music-");
        var path = dir.File("piano.m4a");
        Ffmpeg.Run("-f", "lavfi", "-i", GeneratedMusic.Source(8), "-c:a", "aac", path);

        var music = _detector.Detect(await _decoder.DecodeAsync(path));

        output.WriteLine($"low-energy share {music.LowEnergyShare:0.000}");
        Assert.True(music.IsMusic, $"low-energy share {music.LowEnergyShare:0.000}");
    }

    [Fact]
    public async Task Detect_BundledRealSample_NotMusic()
    {
        var clip = await _decoder.DecodeAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));

        var music = _detector.Detect(clip);

        output.WriteLine($"low-energy share {music.LowEnergyShare:0.000}");
        Assert.False(music.IsMusic);
        Assert.True(music.LowEnergyShare > 2 * _detector.Options.MaxLowEnergyShare, $"low-energy share {music.LowEnergyShare:0.000}");
    }

    [Fact]
    public void Detect_Silence_NotMeasuredNotMusic()
    {
        var music = _detector.Detect(new float[3 * 16000], 16000);

        Assert.Null(music.LowEnergyShare);
        Assert.False(music.IsMusic);
    }

    [Fact]
    public void Validate_WindowShorterThanFrame_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MusicDetector(new MusicDetectorOptions { FrameSeconds = 0.5, WindowSeconds = 0.1 }));
}
