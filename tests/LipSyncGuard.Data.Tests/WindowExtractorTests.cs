using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class WindowExtractorTests
{
    [Fact]
    public async Task ExtractAsync_FlashAndClickAtFrameK_PeaksAtFrameKAndMelRows4k()
    {
        using var dir = new TempDir();
        var clip = FlashClickClip.Create(dir.File("flash.mkv"));
        using var extractor = new WindowExtractor();

        var video = await extractor.ExtractAsync(new DatasetItem(clip, 0, "flash", "real", "-", null));
        var windows = video.Windows().Where(w => w.StartFrame <= FlashClickClip.FlashFrame && FlashClickClip.FlashFrame < w.StartFrame + w.Frames).ToList();

        Assert.Equal(75, video.FrameCount);
        Assert.Equal(2, windows.Count);
        foreach (var window in windows)
        {
            window.Validate();
            // No face in a grey frame: the centre-crop fallback, flagged.
            Assert.True(window.Fallback);
            var k = FlashClickClip.FlashFrame - window.StartFrame;
            Assert.Equal(k, FlashClickClip.BrightestFrame(window));
            Assert.InRange(FlashClickClip.LoudestMelRow(window), 4 * k, (4 * k) + 3);
        }
    }

    [Fact]
    public async Task Windows_DefaultOptions_TFramesHoppingHalfT()
    {
        using var dir = new TempDir();
        var clip = FlashClickClip.Create(dir.File("flash.mkv"));
        using var extractor = new WindowExtractor(PreprocessOptions.Default with { CropSize = 64 });

        var windows = (await extractor.ExtractAsync(new DatasetItem(clip, 1, "g", "shift", "-", null))).Windows().ToList();

        Assert.Equal([0, 12, 24, 36, 48], windows.Select(w => w.StartFrame));
        Assert.All(windows, w =>
        {
            w.Validate();
            Assert.Equal((25, 64, 80, 1, "shift"), (w.Frames, w.CropSize, w.MelBins, w.Label, w.Kind));
        });
    }
}
