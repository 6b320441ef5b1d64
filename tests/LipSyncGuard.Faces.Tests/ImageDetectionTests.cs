using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Faces.Tests;

public sealed class ImageDetectionTests(DetectorFixture fixture, ITestOutputHelper output) : IClassFixture<DetectorFixture>
{
    private IReadOnlyList<FaceDetection> Detect(string relative) => fixture.Many.Detect(ImageLoader.Load(SharedMedia.Require(relative)).View);

    [SkippableFact]
    public void Detect_T1GroupPhoto_FindsSixFaces()
    {
        var faces = Detect(FaceMedia.T1);
        Assert.Equal(6, faces.Count);
        Assert.All(faces, f => Assert.InRange(f.Box.Width, 60, 180));
    }

    [SkippableTheory]
    [InlineData(FaceMedia.Multiface, FaceMedia.MultifaceVisible, 1.0)]
    [InlineData(FaceMedia.Retinaface, FaceMedia.RetinafaceVisible, 0.7)]
    public void Detect_GroupImage_RecallAgainstHandCount(string relative, int visible, double minRecall)
    {
        var found = Detect(relative).Count;
        output.WriteLine($"{relative}: {found} of {visible} visible faces (recall {found / (double)visible:0.00})");
        // Finding clearly more faces than a person sees would mean false positives.
        Assert.InRange(found, (int)Math.Ceiling(minRecall * visible), visible);
    }

    /// <summary>A key frame searches, then refines only the faces it does not follow: searching and refining each face
    /// must give exactly what a detection gives, refined faces included (the 180° face, the crowd's and group photo's
    /// low-scoring ones).</summary>
    [SkippableTheory]
    [InlineData("faces/r180.jpg")]
    [InlineData(FaceMedia.Retinaface)]
    [InlineData(FaceMedia.T1)]
    public void SearchThenRefine_EachFace_SameAsDetect(string relative)
    {
        var image = ImageLoader.Load(SharedMedia.Require(relative));
        var detected = fixture.Many.Detect(image.View);
        var searched = fixture.Many.Search(image.View);
        var refined = searched.Select(d => fixture.Many.Refine(image.View, d)).ToList();

        output.WriteLine($"{relative}: {detected.Count} faces, {detected.Count(d => d.Stage == DetectionStage.Refined)} refined");
        Assert.Equal(detected.Count, refined.Count);
        foreach (var (d, r) in detected.Zip(refined))
        {
            Assert.Equal(d.Box, r.Box);
            Assert.Equal(d.Score, r.Score);
            Assert.Equal(d.Stage, r.Stage);
            Assert.True(d.Keypoints.Points.SequenceEqual(r.Keypoints.Points));
        }
        // Each image has faces that need refining, so the split is tested where it matters.
        Assert.Contains(detected, d => d.Stage == DetectionStage.Refined);
    }

    public static TheoryData<string, float[][]> Regions => new()
    {
        // Hand-checked face regions (x0, y0, x1, y1) in full-resolution pixels; every face must be found inside one,
        // and every detection's centre must lie in a region.
        { FaceMedia.TwoPeople, [[230, 60, 400, 260], [760, 90, 960, 280]] },
        { FaceMedia.ObamaBiden, [[740, 420, 960, 650], [1120, 400, 1350, 640], [1600, 1040, 1820, 1260]] },
        { FaceMedia.TrumpHillary, [[180, 120, 480, 420], [970, 150, 1280, 460]] },
        { FaceMedia.Emma, [[220, 380, 900, 1060], [1600, 240, 2180, 800], [2940, 300, 3620, 980]] },
    };

    [SkippableTheory]
    [MemberData(nameof(Regions))]
    public void Detect_PeopleImage_OneBoxPerVisibleFaceInsideItsRegion(string relative, float[][] regions)
    {
        var faces = Detect(relative);
        foreach (var f in faces) output.WriteLine($"{f.Score:0.00} {f.Stage} {f.Box}");
        Assert.Equal(regions.Length, faces.Count);
        foreach (var r in regions)
        {
            Assert.Single(faces, f => f.Box.CenterX >= r[0] && f.Box.CenterX <= r[2] && f.Box.CenterY >= r[1] && f.Box.CenterY <= r[3]);
        }
    }

    [SkippableTheory]
    [InlineData("faces/r0.jpg", 0f)]
    [InlineData("faces/r90.jpg", 90f)]
    [InlineData("faces/r180.jpg", 180f)]
    [InlineData("faces/r270.jpg", -90f)]
    public void Detect_RolledFace_OneFaceWithEyeRollMatchingRotation(string relative, float expectedRoll)
    {
        var faces = Detect(relative);
        var face = Assert.Single(faces);
        var error = Math.Abs(((face.Keypoints.RollDegrees - expectedRoll + 540f) % 360f) - 180f);
        output.WriteLine($"{relative}: roll {face.Keypoints.RollDegrees:0.0}, score {face.Score:0.00}, stage {face.Stage}");
        Assert.True(error <= 15f, $"roll {face.Keypoints.RollDegrees:0.0}° is {error:0.0}° away from {expectedRoll}°");
    }

    [SkippableFact]
    public void Detect_UprightFace_KeypointsInAnatomicalOrder()
    {
        var face = Assert.Single(Detect("faces/r0.jpg"));
        var k = face.Keypoints;
        // The person's right eye appears on the image's left; nose below the eyes; mouth below the nose.
        Assert.True(k[FaceKeypoint.RightEye].X < k[FaceKeypoint.LeftEye].X);
        Assert.True(k[FaceKeypoint.NoseTip].Y > k[FaceKeypoint.RightEye].Y);
        Assert.True(k[FaceKeypoint.Mouth].Y > k[FaceKeypoint.NoseTip].Y);
        Assert.True(face.Box.Contains(k[FaceKeypoint.Mouth].X, k[FaceKeypoint.Mouth].Y));
    }
}
