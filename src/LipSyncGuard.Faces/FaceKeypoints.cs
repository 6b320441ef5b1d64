using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>The six keypoints of one face in frame pixels, indexed by <see cref="FaceKeypoint"/>.</summary>
public sealed class FaceKeypoints
{
    /// <summary>Number of keypoints BlazeFace predicts.</summary>
    public const int Count = 6;

    private readonly Vector2[] _points;

    /// <summary>Copies six points; throws for any other count.</summary>
    public FaceKeypoints(ReadOnlySpan<Vector2> points)
    {
        if (points.Length != Count) throw new ArgumentException($"expected {Count} keypoints, got {points.Length}", nameof(points));
        _points = points.ToArray();
    }

    /// <summary>The point for <paramref name="keypoint"/>.</summary>
    public Vector2 this[FaceKeypoint keypoint] => _points[(int)keypoint];

    /// <summary>All six points in <see cref="FaceKeypoint"/> order.</summary>
    public ReadOnlySpan<Vector2> Points => _points;

    /// <summary>In-plane head roll in degrees: the angle of the line from the right eye to the left eye against the
    /// image x axis (0 for an upright face, positive when the face is rotated clockwise on screen).</summary>
    public float RollDegrees
    {
        get
        {
            var d = this[FaceKeypoint.LeftEye] - this[FaceKeypoint.RightEye];
            return MathF.Atan2(d.Y, d.X) * (180f / MathF.PI);
        }
    }

    /// <summary>Distance between the eye centres in pixels.</summary>
    public float InterOcularDistance => Vector2.Distance(this[FaceKeypoint.LeftEye], this[FaceKeypoint.RightEye]);

    /// <summary>Blends towards <paramref name="other"/> by <paramref name="t"/> (0 keeps these points).</summary>
    public FaceKeypoints Lerp(FaceKeypoints other, float t)
    {
        ArgumentNullException.ThrowIfNull(other);
        Span<Vector2> mixed = stackalloc Vector2[Count];
        for (var i = 0; i < Count; i++) mixed[i] = Vector2.Lerp(_points[i], other._points[i], t);
        return new FaceKeypoints(mixed);
    }
}
