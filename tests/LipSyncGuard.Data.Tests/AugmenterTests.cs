using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class AugmenterTests : IClassFixture<AugmenterTests.FlashWindow>
{
    private const int Flash = 5;
    private readonly SampleWindow _window;

    public AugmenterTests(FlashWindow fixture) => _window = fixture.Window;

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.1)]
    public void Apply_EveryTransformAtSpeed_FlashAndClickStayTogether(double speed)
    {
        var everything = AugmentationOptions.Default with
        {
            SpeedProbability = 1, MinSpeed = speed, MaxSpeed = speed, RotationProbability = 1, FlipProbability = 1,
            ColorJitterProbability = 1, PixelNoiseProbability = 1, MelNoiseProbability = 1,
        };

        var augmented = new Augmenter(everything, seed: 7).Apply(_window);
        var frame = FlashClickClip.BrightestFrame(augmented);
        var row = FlashClickClip.LoudestMelRow(augmented);

        // Far from the window centre a 10% speed change moves the flash by about two frames…
        Assert.InRange(Math.Abs(frame - Flash), 2, 3);
        // …and the click moves with it (within one frame of resampling quantisation; unmoved audio would be 2 frames off).
        Assert.InRange(row, 4 * (frame - 1), (4 * (frame + 1)) + 3);
    }

    [Fact]
    public void Apply_SameSeed_SameOutput_OtherSeedDiffers()
    {
        var a = new Augmenter(AugmentationOptions.Default, seed: 3);
        var b = new Augmenter(AugmentationOptions.Default, seed: 3);
        var c = new Augmenter(AugmentationOptions.Default, seed: 4);

        var first = Enumerable.Range(0, 4).Select(_ => a.Apply(_window)).ToList();
        var second = Enumerable.Range(0, 4).Select(_ => b.Apply(_window)).ToList();
        var other = Enumerable.Range(0, 4).Select(_ => c.Apply(_window)).ToList();

        Assert.All(first.Zip(second), p =>
        {
            Assert.Equal(p.First.Crops, p.Second.Crops);
            Assert.Equal(p.First.Mel, p.Second.Mel);
        });
        Assert.Contains(first.Zip(other), p => !p.First.Crops.AsSpan().SequenceEqual(p.Second.Crops));
    }

    [Fact]
    public void Apply_NoTransforms_ReturnsEqualCopy()
    {
        var result = new Augmenter(AugmentationOptions.None).Apply(_window);

        Assert.NotSame(_window.Crops, result.Crops);
        Assert.Equal(_window.Crops, result.Crops);
        Assert.Equal(_window.Mel, result.Mel);
    }

    [Fact]
    public void Validate_MinSpeedAboveMax_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmenter(AugmentationOptions.Default with { MinSpeed = 1.1, MaxSpeed = 0.9 }));

    /// <summary>A 50-frame window with the flash and click at frame 5 (far from the centre, where speed moves them most).</summary>
    public sealed class FlashWindow : IDisposable
    {
        private readonly TempDir _dir = new();

        public FlashWindow()
        {
            var clip = FlashClickClip.Create(_dir.File("flash.mkv"), Flash);
            using var extractor = new WindowExtractor(PreprocessOptions.Default with { CropSize = 48 });
            var video = extractor.ExtractAsync(new DatasetItem(clip, 0, "flash", "real", "-", null)).GetAwaiter().GetResult();
            Window = video.Windows(new WindowOptions { Frames = 50 }).First();
            Assert.Equal((Flash, Flash * 4), (FlashClickClip.BrightestFrame(Window), FlashClickClip.LoudestMelRow(Window) & ~3));
        }

        public SampleWindow Window { get; }

        public void Dispose() => _dir.Dispose();
    }
}
