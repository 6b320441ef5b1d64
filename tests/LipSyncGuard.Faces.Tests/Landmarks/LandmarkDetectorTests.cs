using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests.Landmarks;

public sealed class LandmarkDetectorTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    public static TheoryData<string> Images => new(LandmarkFixture.Images);

    public static TheoryData<string, int> Frames
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var (clip, frame) in LandmarkFixture.Frames) data.Add(clip, frame);
            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Images))]
    public void Detect_DlibBoxOnSharedImage_MatchesDlibWithinOnePercent(string image)
    {
        var bitmap = Rgb24Bitmap.Load(SharedMedia.Require(image));
        AssertParity(LandmarkFixture.ForImage(image), bitmap);
    }

    [SkippableTheory]
    [MemberData(nameof(Frames))]
    public void Detect_DlibBoxOnClipFrame_MatchesDlibWithinOnePercent(string clip, int frame)
    {
        var bitmap = LandmarkFixture.ExtractFrame(clip, frame);
        AssertParity(LandmarkFixture.ForFrame(clip, frame), bitmap);
    }

    [Fact]
    public void Load_MissingModel_ThrowsNamingSetup()
    {
        var options = LandmarkDetectorOptions.Default with { ModelPath = "/nonexistent/shape_predictor_68_face_landmarks.dat" };

        var error = Assert.Throws<LandmarkModelMissingException>(() => LandmarkDetector.Load(options));

        Assert.Contains("./setup.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains(options.ModelPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_BufferSmallerThanImage_Throws()
    {
        var rgb = new byte[(10 * 30) - 1];

        Assert.Throws<ArgumentException>(() => fixture.Detector.Detect(rgb, 10, 10, 30, new LandmarkBox(0, 0, 9, 9)));
    }

    private void AssertParity(LandmarkFixture reference, Rgb24Bitmap bitmap)
    {
        Assert.Equal((reference.Width, reference.Height), (bitmap.Width, bitmap.Height));
        Assert.NotEmpty(reference.Faces);
        foreach (var face in reference.Faces)
        {
            var points = fixture.Detector.Detect(bitmap.Pixels, bitmap.Width, bitmap.Height, bitmap.Stride, face.Box);
            var error = LandmarkAssert.ErrorPercent(LandmarkAssert.RoundLikeDlib(points), face.Points);
            Assert.True(error <= 1.0, $"{reference.Name} box {face.Box}: {error:F2}% of the eye-corner distance");
        }
    }
}
