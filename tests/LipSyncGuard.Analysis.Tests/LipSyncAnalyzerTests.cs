using LipSyncGuard.Faces;
using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Analysis.Tests;

public sealed class LipSyncAnalyzerTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public void Constructor_SyncModelMissingAndCueVerdictDamaged_ReportsTheSyncModelFirst()
    {
        // The files load side by side; the error is still the one a user met when they loaded one after another.
        using var dir = new TempDir();
        File.WriteAllText(dir.File("lipsyncguard-cues.json"), "not a verdict");

        var error = Assert.Throws<FileNotFoundException>(() => new LipSyncAnalyzer(
            LipSyncAnalyzerOptions.Default with { SyncModelPath = dir.File("sync-landmarks.json"), CuesPath = dir.File("lipsyncguard-cues.json") }));

        Assert.StartsWith($"sync model '{dir.File("sync-landmarks.json")}' not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_RealSample_InSyncAtZeroOffset()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.Sample);

        Assert.True(result.IsReal, string.Join("; ", result.Warnings));
        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.False(face.Fallback);
        Assert.InRange(face.AvOffsetMs!.Value, -40, 40);
        Assert.True(face.SyncScore > 0.5);
        Assert.Equal(result.IsReal, !result.IsFake);
        Assert.Equal(1, result.Confidence + result.ManipulationProbability, 6);
        Assert.Equal((224, 224), (result.Video.Width, result.Video.Height));
    }

    [Theory]
    [InlineData(true, 480)]
    [InlineData(false, -480)]
    public async Task AnalyzeAsync_AudioShifted048s_FindsTheShiftAndCallsItFake(bool late, double expectedMs)
    {
        var result = await fixture.Analyzer.AnalyzeAsync(late ? fixture.AudioLate : fixture.AudioEarly);

        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.InRange(face.AvOffsetMs!.Value, expectedMs - 40, expectedMs + 40);
        Assert.True(result.IsFake, $"manipulation {result.ManipulationProbability}");
    }

    [Fact]
    public async Task AnalyzeAsync_AudioRunning200msLate_InSyncAtThatOffsetAndSaysSo()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.AudioSlightlyLate);

        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.InRange(face.AvOffsetMs!.Value, 120, 280);
        Assert.True(result.IsReal, $"manipulation {result.ManipulationProbability}");
        Assert.Contains(result.Warnings, w => w.StartsWith("audio_offset", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AnalyzeAsync_AudioSwappedFromAnotherSpeaker_CalledFake()
    {
        var other = SharedMedia.Require("real/vox2_00086.mp4");
        var swapped = Path.Combine(fixture.Dir, "swapped.mp4");
        if (!File.Exists(swapped))
            Ffmpeg.Run("-i", fixture.Sample, "-i", other, "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-shortest", swapped);

        var result = await fixture.Analyzer.AnalyzeAsync(swapped);

        Assert.True(result.IsFake, $"manipulation {result.ManipulationProbability}");
    }

    [Fact]
    public async Task AnalyzeAsync_NoFace_FallbackFlaggedAndNotJudged()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.NoFace);

        var face = Assert.Single(result.Faces);
        Assert.True(face.Fallback);
        Assert.Null(face.ManipulationProbability);
        Assert.Contains(result.Warnings, w => w.StartsWith("no_face", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("not_judged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnalyzeAsync_SilentAudio_LowSpeechWarning()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.Silent);

        Assert.Contains(result.Warnings, w => w.StartsWith("low_speech", StringComparison.Ordinal));
        Assert.All(result.Faces[0].Timeline, w => Assert.Null(w.ManipulationProbability));
    }

    [Fact]
    public async Task AnalyzeAsync_Timeline_OneSecondWindowsHoppingHalfASecond()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.Sample);

        var timeline = result.Faces[0].Timeline;
        Assert.True(timeline.Count >= 12);
        Assert.All(timeline.Take(timeline.Count - 1), w => Assert.Equal(1.0, w.EndS - w.StartS, 3));
        // Windows start on the 25 fps frame clock: 0.5 s hops land on frames 0, 12 (0.48 s), 25, 38 (1.52 s), …
        Assert.All(timeline.Zip(timeline.Skip(1)), p => Assert.InRange(p.Second.StartS - p.First.StartS, 0.5 - 0.04, 0.5 + 0.04));
        Assert.All(timeline.Select((w, k) => (w, k)), x => Assert.InRange(x.w.StartS, (x.k * 0.5) - 0.04, (x.k * 0.5) + 0.04));
    }

    [Fact]
    public async Task AnalyzeAsync_VideoWithoutAudio_NoAudioError()
    {
        var path = Path.Combine(fixture.Dir, "no-audio.mp4");
        if (!File.Exists(path)) Ffmpeg.Run("-i", fixture.Sample, "-an", "-c:v", "copy", path);

        var error = await Assert.ThrowsAsync<MediaException>(() => fixture.Analyzer.AnalyzeAsync(path));

        Assert.Equal(MediaErrorCode.NoAudio, error.Code);
    }

    [Fact]
    public async Task AnalyzeAsync_Cancelled_StopsWithoutLeavingFfmpeg()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Fraction > 0.2) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Analyzer.AnalyzeAsync(fixture.Sample, progress: progress, cancellationToken: cts.Token));

        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public async Task AnalyzeAsync_FramesDecodedOtherwise_ThrowsAndStopsFfmpeg()
    {
        var frames = await new VideoDecoder().OpenAsync(fixture.Sample, new VideoDecodeOptions { MaxSide = 320, PixelFormat = VideoPixelFormat.I420 });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Analyzer.AnalyzeAsync(frames));

        Assert.Equal("frames", error.ParamName);
        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public async Task AnalyzeAsync_StrictInSyncOnlyMode_KeepsItsThresholdAndWarns()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.AudioLate, AnalysisOptions.Default with { OperatingPoint = "strict" });

        // One threshold, no operating points: the answer says the request was not applied rather than pretend it was.
        Assert.Equal(fixture.Analyzer.Threshold, result.Threshold);
        Assert.Null(result.OperatingPoint);
        Assert.Contains(result.Warnings, w => w.StartsWith("operating_point_ignored:", StringComparison.Ordinal) && w.Contains("'strict'", StringComparison.Ordinal));
        Assert.True(result.IsFake, $"manipulation {result.ManipulationProbability}");
    }

    [Fact]
    public async Task AnalyzeAsync_UnknownOperatingPoint_ThrowsBeforeDecoding() =>
        await Assert.ThrowsAsync<UnknownOperatingPointException>(
            () => fixture.Analyzer.AnalyzeAsync(Path.Combine(fixture.Dir, "missing.mp4"), AnalysisOptions.Default with { OperatingPoint = "lenient" }));

    [Fact]
    public void Validate_ZeroMaxFaces_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisOptions { MaxFaces = 0, Selection = TrackSelection.All }.Validate());

    [Fact]
    public void Validate_ZeroKeyFrameEvery_ThrowsAndSyncOnlyFollowsAsItsMeasureWasFitted()
    {
        Assert.Equal("KeyFrameEvery", Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisOptions { KeyFrameEvery = 0 }.Validate()).ParamName);
        Assert.Null(AnalysisOptions.Default.KeyFrameEvery);
        // The shipped sync measure is fitted (by fit-cues) on landmarks of followed faces, and alone analyses that way.
        var shipped = LipSyncGuard.Sync.SyncModel.Load(Path.Combine(SharedMedia.RepositoryRoot, "models", "sync-landmarks.json")).KeyFrameEvery;
        Assert.Equal(10, shipped);
        Assert.Equal(shipped, fixture.Analyzer.KeyFrameEvery);
        Assert.True(LipSyncGuard.Sync.SyncModel.Load(Path.Combine(SharedMedia.RepositoryRoot, "models", "sync-landmarks.json")).FollowByPoints);
        Assert.True(fixture.Analyzer.FollowByPoints);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late to cancel in time).</summary>
    private sealed class SyncProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}
