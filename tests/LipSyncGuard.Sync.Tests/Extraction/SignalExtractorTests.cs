using LipSyncGuard.Audio;
using LipSyncGuard.Sync.Extraction;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Sync.Tests.Extraction;

/// <summary>The audio decodes in its own ffmpeg beside the frame pass: it must still line up with the frames, and a
/// cancelled pass must not leave it running.</summary>
public sealed class SignalExtractorTests
{
    [SkippableTheory]
    [InlineData(SyncAudio.SpeechEmbedding, SpeechEmbedder.Dimensions)]
    [InlineData(SyncAudio.LogMel, 40)]
    public async Task ExtractAsync_RealClip_AudioOfItsKindOnTheFrameClockAndOneTrack(SyncAudio kind, int width)
    {
        var path = SharedMedia.Require(SharedMedia.AvlipsReal0);
        using var extractor = new SignalExtractor(SignalExtractorOptions.Default with { Audio = kind });
        var signals = await extractor.ExtractAsync(path);
        // 4.34 s at 25 fps.
        Assert.InRange(signals.FrameCount, 107, 109);
        Assert.Equal((kind, width), (signals.AudioKind, signals.AudioWidth));
        Assert.Equal(signals.FrameCount * signals.AudioWidth, signals.Audio.Length);
        Assert.NotNull(signals.Mel);
        Assert.Equal(signals.FrameCount, signals.Speech.Length);
        Assert.True(signals.SpeechFraction() > 0.5, $"speech in {signals.SpeechFraction():P0} of a talking clip");
        Assert.Single(signals.Tracks);
    }

    /// <summary>A bundled sample extracted with mouth crops, as the analysis extracts it.</summary>
    private static async Task<VideoSignals> ExtractSampleAsync(string file)
    {
        using var extractor = new SignalExtractor(SignalExtractorOptions.Default with { MouthCrops = Faces.MouthCropOptions.Default });
        return await extractor.ExtractAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", file));
    }

    [Fact]
    public async Task ExtractAsync_ForeheadInThePicture_ComparedOnEveryThirdFrameOnly()
    {
        // The bundled Wav2Lip-HQ fake is a 512 px head-and-shoulders shot: the forehead is in the picture.
        using var signals = await ExtractSampleAsync("fake_wav2liphq_haroon.mp4");

        var track = Assert.Single(signals.Tracks).Value;
        Assert.Equal(track.Length, track.Forehead.Count);
        var compared = Enumerable.Range(0, track.Length).Where(t => float.IsFinite(track.Forehead[t])).ToList();
        Assert.All(compared, t => Assert.Equal(0, t % SignalExtractor.ForeheadEvery));
        Assert.True(compared.Count > 0.8 * track.Length / SignalExtractor.ForeheadEvery, $"{compared.Count} of {track.Length} frames compared");
    }

    [Fact]
    public async Task ExtractAsync_SameClipAtHalfTheSize_HalfTheEyeDistance()
    {
        // The evaluation compares fakes with reals of the same face size: the recorded size must scale with the picture.
        using var dir = new TempDir("lsg-eyes-");
        var sample = Path.Combine(SharedMedia.RepositoryRoot, "samples", "fake_wav2liphq_haroon.mp4");
        var half = dir.File("half.mp4");
        Ffmpeg.Run("-i", sample, "-vf", "scale=iw/2:ih/2", "-c:v", "libx264", "-crf", "18", "-c:a", "copy", half);
        using var full = await ExtractSampleAsync("fake_wav2liphq_haroon.mp4");
        using var extractor = new SignalExtractor(SignalExtractorOptions.Default with { MouthCrops = Faces.MouthCropOptions.Default });
        using var halved = await extractor.ExtractAsync(half);

        static double Median(TrackSignals t)
        {
            Assert.Equal(t.Length, t.EyeDistance.Count);
            // A value on every frame with landmarks, none without.
            Assert.All(Enumerable.Range(0, t.Length).Where(i => t.Valid[i]), i => Assert.True(t.EyeDistance[i] > 0));
            return Faces.OrderStatistics.UpperMedian(Enumerable.Range(0, t.Length).Where(i => t.Valid[i]).Select(i => (double)t.EyeDistance[i]));
        }

        var (big, small) = (Median(Assert.Single(full.Tracks).Value), Median(Assert.Single(halved.Tracks).Value));
        Assert.InRange(small / big, 0.45, 0.55);
    }

    [Fact]
    public async Task ExtractAsync_ForeheadOutOfThePicture_NothingCompared()
    {
        // The bundled real clip is a tight 224 px VoxCeleb2 face crop: the forehead crop would leave the frame.
        using var signals = await ExtractSampleAsync("real_vox2_00015.mp4");

        var track = Assert.Single(signals.Tracks).Value;
        Assert.True(track.Length > 100);
        Assert.All(track.Forehead, v => Assert.True(float.IsNaN(v)));
    }

    [SkippableFact]
    public async Task ExtractAsync_CancelledDuringFrames_ThrowsAndLeavesNoFfmpeg()
    {
        var path = SharedMedia.Require(SharedMedia.Vox);
        using var extractor = new SignalExtractor();
        using var cancel = new CancellationTokenSource();
        var progress = new Progress<double>(f =>
        {
            if (f > 0) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extractor.ExtractAsync(path, progress: progress, cancellationToken: cancel.Token));
        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }
}
