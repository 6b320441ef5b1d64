using System.Numerics;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests.Landmarks;

public sealed class HeadPoseTests
{
    [SkippableFact]
    public void Estimate_FrontalGridSpeaker_NearZeroYawAndPitch()
    {
        SharedMedia.Require(SharedMedia.Grid);
        var points = LandmarkFixture.ForFrame(SharedMedia.Grid, LandmarkFixture.GridClosedMouthFrame).Faces.Single().Points;

        var pose = HeadPose.Estimate(points);

        Assert.True(Math.Abs(pose.Yaw) < 12 && Math.Abs(pose.Pitch) < 20, $"{pose}");
        Assert.InRange(pose.Roll - points.RollDegrees, -5f, 5f);
    }

    [SkippableFact]
    public void Estimate_R0FaceTurnedTowardsImageRight_PositiveYaw()
    {
        // In r0.jpg the man's nose points to the image's right (looked at: a light three-quarter view).
        SharedMedia.Require("faces/r0.jpg");
        var points = LandmarkFixture.ForImage("faces/r0.jpg").Faces.Single().Points;

        var pose = HeadPose.Estimate(points);

        Assert.True(pose.Yaw is > 8 and < 35, $"{pose}");
    }

    [SkippableFact]
    public void Estimate_MirroredFace_YawFlipsSign()
    {
        SharedMedia.Require("faces/emma.jpg");
        // emma.jpg's second dlib face is turned (three-quarter view); mirroring the image swaps the person's sides.
        var points = LandmarkFixture.ForImage("faces/emma.jpg").Faces.MaxBy(f => Math.Abs(HeadPose.Estimate(f.Points).Yaw))!.Points;
        var mirrored = new Vector2[FaceLandmarks.Count];
        for (var i = 0; i < mirrored.Length; i++) mirrored[MirrorIndex(i)] = new Vector2(-points[i].X, points[i].Y);

        var pose = HeadPose.Estimate(points);
        var flipped = HeadPose.Estimate(new FaceLandmarks(mirrored));

        Assert.True(Math.Abs(pose.Yaw) > 15, $"yaw {pose.Yaw:F1}° of the most turned face");
        Assert.Equal(-pose.Yaw, flipped.Yaw, 1f);
        Assert.Equal(pose.Pitch, flipped.Pitch, 1f);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Estimate_TurnedImage_RollFollowsYawAndPitchStay(int quarterTurns)
    {
        var bitmap = Rgb24Bitmap.Load(SharedMedia.Require("faces/r0.jpg"));
        var points = LandmarkFixture.ForImage("faces/r0.jpg").Faces.Single().Points;
        var turned = new Vector2[FaceLandmarks.Count];
        for (var i = 0; i < turned.Length; i++)
        {
            var (x, y) = bitmap.RotatePoint(points[i].X, points[i].Y, quarterTurns);
            turned[i] = new Vector2(x, y);
        }

        var upright = HeadPose.Estimate(points);
        var pose = HeadPose.Estimate(new FaceLandmarks(turned));

        Assert.InRange(Math.Abs(Math.IEEERemainder(pose.Roll - upright.Roll - (90.0 * quarterTurns), 360)), 0, 1);
        Assert.Equal(upright.Yaw, pose.Yaw, 1f);
        Assert.Equal(upright.Pitch, pose.Pitch, 1f);
    }

    // iBUG 68 left–right pairs: jaw 0↔16, brows 17↔26, nose wings 31↔35, eyes 36↔45 …, mouth 48↔54 …
    private static int MirrorIndex(int i) => i switch
    {
        <= 16 => 16 - i,
        <= 26 => 43 - i,
        <= 30 => i,
        <= 35 => 66 - i,
        <= 39 => 81 - i,
        <= 41 => 87 - i,
        <= 45 => 81 - i,
        <= 47 => 87 - i,
        <= 54 => 102 - i,
        <= 59 => 114 - i,
        <= 64 => 124 - i,
        _ => 132 - i,
    };
}
