using System.Numerics;

namespace LipSyncGuard.Faces.Tests;

/// <summary>Detections with plausible geometry for tracker and cropper tests.</summary>
internal static class Synthetic
{
    /// <summary>A face of side <paramref name="size"/> at (<paramref name="x"/>, <paramref name="y"/>), rolled by
    /// <paramref name="rollDegrees"/> about its centre.</summary>
    public static FaceDetection Face(float x, float y, float size = 100, float score = 0.9f, float rollDegrees = 0)
    {
        var c = new Vector2(x + (size / 2), y + (size / 2));
        Vector2[] upright =
        [
            new(-0.2f, -0.15f), new(0.2f, -0.15f), new(0, 0.05f), new(0, 0.25f), new(-0.45f, -0.05f), new(0.45f, -0.05f),
        ];
        var r = rollDegrees * MathF.PI / 180f;
        var rot = Matrix3x2.CreateRotation(r);
        var points = upright.Select(p => c + Vector2.Transform(p * size, rot)).ToArray();
        return new FaceDetection(new FaceBox(x, y, size, size), score, new FaceKeypoints(points));
    }
}
