using System.Numerics;
using LipSyncGuard.Faces.Landmarks;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>Point error as the issue measures it: mean point distance in % of the outer-eye-corner distance (36–45) of
/// the reference.</summary>
public static class LandmarkAssert
{
    public static double ErrorPercent(FaceLandmarks actual, FaceLandmarks reference) =>
        100.0 * actual.MeanDistance(reference) / reference.OuterEyeCornerDistance;

    /// <summary>dlib rounds its points to whole pixels (floor(v + 0.5)); the same rounding compares like with like.</summary>
    public static FaceLandmarks RoundLikeDlib(FaceLandmarks points)
    {
        var rounded = new Vector2[FaceLandmarks.Count];
        for (var i = 0; i < rounded.Length; i++) rounded[i] = new Vector2(MathF.Floor(points[i].X + 0.5f), MathF.Floor(points[i].Y + 0.5f));
        return new FaceLandmarks(rounded);
    }
}
