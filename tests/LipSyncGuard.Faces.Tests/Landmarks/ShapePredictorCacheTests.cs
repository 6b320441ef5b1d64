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

    [SkippableFact]
    public void Load_StampOfAnotherFile_HashesAgainAndFindsTheSameCache()
    {
        Skip.IfNot(File.Exists(LandmarkDetectorOptions.DebianModelPath), "Debian's dlib model is not installed");
        using var dir = new TempDir("lsg-landmark-stamp-");
        var options = LandmarkDetectorOptions.Default with { CacheDirectory = dir.Path };
        LandmarkDetector.Load(options);
        var stamp = Assert.Single(Directory.GetFiles(dir.Path, "*.sha256"));
        var cache = Assert.Single(Directory.GetFiles(dir.Path, "*.lsgsp"));
        var fields = File.ReadAllText(stamp).Split(' ');
        Assert.Equal(new FileInfo(LandmarkDetectorOptions.DebianModelPath).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[0]);
        // The cache is named after the hash the stamp holds.
        Assert.Contains($".{fields[2][..16]}.", Path.GetFileName(cache), StringComparison.Ordinal);

        // A stamp whose size and time no longer match the .dat is not trusted: the file is hashed again and the stamp
        // rewritten, so the same cache is found (no second conversion).
        File.WriteAllText(stamp, $"1 2 {new string('0', 64)}");
        LandmarkDetector.Load(options);
        Assert.Equal(fields, File.ReadAllText(stamp).Split(' '));
        Assert.Equal(cache, Assert.Single(Directory.GetFiles(dir.Path, "*.lsgsp")));
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
