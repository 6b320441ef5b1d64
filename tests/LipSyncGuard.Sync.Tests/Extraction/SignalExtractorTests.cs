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
