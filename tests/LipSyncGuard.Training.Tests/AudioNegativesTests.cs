using LipSyncGuard.Data;
using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class AudioNegativesTests
{
    /// <summary>A 100-frame video whose mel row k (and speech frame k) holds the frame number k: any shift is readable.</summary>
    private static PreprocessedVideo Video(int frames = 100, string group = "g")
    {
        const int bins = 4;
        var mel = new float[frames * SampleWindow.MelPerFrame * bins];
        for (var i = 0; i < mel.Length; i++) mel[i] = i / (SampleWindow.MelPerFrame * bins);
        var speech = Enumerable.Range(0, frames).Select(f => (float)f).ToArray();
        var track = new PreprocessedTrack(1, 0, frames, 8, new byte[frames * 8 * 8 * 3], new float[frames * PreprocessedTrack.LipWidth], new bool[frames], false);
        return new PreprocessedVideo(new DatasetItem($"/v/{group}.mp4", 0, group, "real", "-", null), frames, frames / 25.0, bins, mel, speech, [track]);
    }

    [Fact]
    public void Shifted_RealWindow_KeepsPixelsAndMovesAudioByAtLeastThreeTenthsOfASecond()
    {
        var video = Video();
        var window = video.Window(video.Tracks[0], 40, 25);
        var random = new Random(3);

        for (var i = 0; i < 50; i++)
        {
            var fake = AudioNegatives.Shifted(video, window, random)!;

            var shift = (int)fake.Mel[0] - 40;
            Assert.InRange(Math.Abs(shift), AudioNegatives.MinShiftFrames, AudioNegatives.MaxShiftFrames);
            Assert.Equal(40 + shift, (int)fake.Speech[0]);
            Assert.Equal((1, "shift", 40), (fake.Label, fake.Kind, fake.StartFrame));
            Assert.Same(window.Crops, fake.Crops);
            fake.Validate();
        }
    }

    [Fact]
    public void Shifted_NoRoomEitherWay_ReturnsNull()
    {
        var video = Video(frames: 30);
        var window = video.Window(video.Tracks[0], 2, 25);

        Assert.Null(AudioNegatives.Shifted(video, window, new Random(1)));
    }

    [Fact]
    public void Swapped_RealsOfSeveralGroups_EveryFakeHearsAnotherGroup()
    {
        var windows = Enumerable.Range(0, 12).Select(i => SyntheticWindows.Make(i % 4, 0) with { Group = $"p{i % 4}", StartFrame = i }).ToList();
        windows.Add(SyntheticWindows.Make(99, 1));

        var fakes = AudioNegatives.Swapped(windows, seed: 5);

        Assert.Equal(12, fakes.Count);
        foreach (var fake in fakes)
        {
            var donor = windows.Single(w => ReferenceEquals(w.Mel, fake.Mel));
            Assert.NotEqual(fake.Group, donor.Group);
            Assert.Same(donor.Speech, fake.Speech);
            Assert.Equal((1, "swap"), (fake.Label, fake.Kind));
        }
    }

    [Fact]
    public void Swapped_SingleGroup_MakesNone() =>
        Assert.Empty(AudioNegatives.Swapped([SyntheticWindows.Make(1, 0), SyntheticWindows.Make(1, 0) with { StartFrame = 30 }], seed: 1));
}
