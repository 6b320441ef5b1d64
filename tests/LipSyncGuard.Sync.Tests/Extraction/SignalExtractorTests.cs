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
