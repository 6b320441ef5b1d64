using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests;

public sealed class EdgeCaseTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 3;
                image.Pixels[o] = (byte)(x * 255 / Math.Max(1, width - 1));
                image.Pixels[o + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                image.Pixels[o + 2] = 90;
            }
        }
        return image;
    }

    [Fact]
    public void Detect_SyntheticFrameWithoutFace_FindsNothingAndCropFallsBack()
    {
        var image = Gradient(320, 240);
        Assert.Empty(fixture.Default.Detect(image.View));

        var crop = new MouthCropper().Crop(image.View, null);

        Assert.True(crop.Fallback);
        Assert.Equal((96, 96), (crop.Image.Width, crop.Image.Height));
        // Centred horizontally, in the lower middle.
        Assert.Equal(160f, crop.Center.X, 0.01f);
        Assert.InRange(crop.Center.Y, 120f, 240f);
    }

    [Fact]
    public void Analyze_FrameWithoutFace_ReportsNoFace()
    {
        var analysis = new FaceAnalyzer(fixture.Default).AnalyzeImage(Gradient(200, 150).View);
        Assert.True(analysis.NoFace);
        Assert.Empty(analysis.Selected);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(16384, 48)]
    [InlineData(3, 9000)]
    public void Detect_ExtremeImageSize_NoCrashNoFace(int width, int height)
    {
        var image = Gradient(width, height);
        Assert.Empty(fixture.Default.Detect(image.View));
        var crop = new MouthCropper().Fallback(image.View);
        Assert.True(crop.Fallback);
    }

    [Fact]
    public void Load_16384WidePng_DecodesAtFullSize()
    {
        using var dir = new TempDir();
        var path = dir.File("wide.png");
        ImageWriter.SavePng(Gradient(16384, 32), path);

        var image = ImageLoader.Load(path);

        Assert.Equal((16384, 32), (image.Width, image.Height));
        Assert.Equal(image.Pixels[^3], Gradient(16384, 32).Pixels[^3]);
    }

    [Fact]
    public void Load_NotAnImage_ThrowsUnsupportedFormat()
    {
        using var dir = new TempDir();
        var path = dir.File("fake.jpg");
        File.WriteAllText(path, "this is text, not a JPEG");
        var e = Assert.Throws<MediaException>(() => ImageLoader.Load(path));
        Assert.Equal(MediaErrorCode.UnsupportedFormat, e.Code);
    }

    [Fact]
    public void Create_ModelFolderWithoutModels_ThrowsNamingSetup()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FaceModelMissingException>(() => new FaceDetector(new FaceDetectorOptions { ModelDirectory = dir.Path }));
        Assert.Contains("setup.sh", e.Message);
        Assert.Contains(dir.Path, e.Message);
    }

    [Fact]
    public void Validate_ConflictingOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceDetectorOptions { MaxFaces = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceDetectorOptions { MinScore = 1.5f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceTrackerOptions { Smoothing = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MouthCropOptions { Size = 4 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceAnalysisOptions { DetectEvery = 0 }.Validate());
    }
}
