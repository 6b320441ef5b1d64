using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests.Landmarks;

public sealed class ShapePredictorCacheTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    [SkippableFact]
    public void Load_EmptyThenCorruptCache_WritesCacheAndRebuildsWithSamePoints()
    {
        var bitmap = Rgb24Bitmap.Load(SharedMedia.Require("faces/r0.jpg"));
        var box = LandmarkFixture.ForImage("faces/r0.jpg").Faces.Single().Box;
        var expected = fixture.Detector.Detect(bitmap.Pixels, bitmap.Width, bitmap.Height, bitmap.Stride, box);
        using var dir = new TempDir("lsg-landmark-cache-");
        var options = LandmarkDetectorOptions.Default with { CacheDirectory = dir.Path };

        var parsed = LandmarkDetector.Load(options);
        var cache = Assert.Single(Directory.GetFiles(dir.Path, "*.lsgsp"));
        var fromCache = LandmarkDetector.Load(options);
        File.WriteAllBytes(cache, new byte[1000]);
        var rebuilt = LandmarkDetector.Load(options);

        foreach (var detector in new[] { parsed, fromCache, rebuilt })
        {
            var points = detector.Detect(bitmap.Pixels, bitmap.Width, bitmap.Height, bitmap.Stride, box);
            Assert.Equal(expected.Points.ToArray(), points.Points.ToArray());
        }
        Assert.True(new FileInfo(cache).Length > 60_000_000, "the corrupt cache was not rewritten");
    }

    [Fact]
    public void Parse_TruncatedModel_ThrowsInvalidData()
    {
        var head = new byte[1 << 20];
        using (var stream = File.OpenRead(LandmarkDetectorOptions.DebianModelPath)) stream.ReadExactly(head);

        var error = Assert.Throws<InvalidDataException>(() => DlibShapePredictorReader.Parse(head));

        Assert.Contains("ends early", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongVersion_ThrowsInvalidData()
    {
        // dlib's integer encoding: control byte 0x01 (one byte follows), then 2.
        var error = Assert.Throws<InvalidDataException>(() => DlibShapePredictorReader.Parse([0x01, 0x02]));

        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }
}
