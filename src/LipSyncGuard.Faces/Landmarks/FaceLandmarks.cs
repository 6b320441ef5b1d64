using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>68 facial landmarks in frame pixels, iBUG 300-W order (see <see cref="LandmarkIndex"/>).</summary>
public sealed class FaceLandmarks
{
    /// <summary>Number of points.</summary>
    public const int Count = 68;

    private readonly Vector2[] _points;

    /// <summary>Copies 68 points; throws for any other count.</summary>
    public FaceLandmarks(ReadOnlySpan<Vector2> points)
    {
        if (points.Length != Count) throw new ArgumentException($"expected {Count} landmarks, got {points.Length}", nameof(points));
        _points = points.ToArray();
    }

    /// <summary>All points, in iBUG order.</summary>
    public ReadOnlySpan<Vector2> Points => _points;

    /// <summary>Point <paramref name="index"/> (0…67).</summary>
    public Vector2 this[int index] => _points[index];

    /// <summary>Distance between the outer eye corners (36 and 45): the face scale that errors and kinematics are
    /// normalised by.</summary>
    public float OuterEyeCornerDistance => Vector2.Distance(_points[LandmarkIndex.RightEyeOuter], _points[LandmarkIndex.LeftEyeOuter]);

    /// <summary>Centre of the person's right eye (mean of 36–41).</summary>
    public Vector2 RightEyeCenter => Mean(LandmarkIndex.RightEyeOuter, 6);

    /// <summary>Centre of the person's left eye (mean of 42–47).</summary>
    public Vector2 LeftEyeCenter => Mean(LandmarkIndex.LeftEyeInner, 6);

    /// <summary>How open the eyes are: the mean over both eyes of the eye aspect ratio (Soukupová &amp; Čech, 2016) — the
    /// two lid-to-lid heights over twice the corner-to-corner width; ~0.3 open, near 0 shut. A ratio, so the face's size
    /// does not set it.</summary>
    public float EyeOpenness => (EyeAspect(LandmarkIndex.RightEyeOuter) + EyeAspect(LandmarkIndex.LeftEyeInner)) / 2;

    /// <summary>The aspect ratio of the eye whose six points start at <paramref name="first"/> (corner, two upper lid
    /// points, corner, two lower lid points).</summary>
    private float EyeAspect(int first)
    {
        var width = Vector2.Distance(_points[first], _points[first + 3]);
        var height = Vector2.Distance(_points[first + 1], _points[first + 5]) + Vector2.Distance(_points[first + 2], _points[first + 4]);
        return width > 0 ? height / (2 * width) : 0;
    }

    /// <summary>Mouth centre: mean of the outer-lip corners and mid points (48, 51, 54, 57).</summary>
    public Vector2 MouthCenter =>
        (_points[LandmarkIndex.MouthRight] + _points[LandmarkIndex.UpperLipTop] + _points[LandmarkIndex.MouthLeft] + _points[LandmarkIndex.LowerLipBottom]) / 4;

    /// <summary>In-plane roll in degrees: angle of the line from the right eye centre to the left eye centre against
    /// the image x axis (0 upright, positive when the face is turned clockwise on screen).</summary>
    public float RollDegrees
    {
        get
        {
            var d = LeftEyeCenter - RightEyeCenter;
            return MathF.Atan2(d.Y, d.X) * (180f / MathF.PI);
        }
    }

    /// <summary>The mean distance to <paramref name="other"/>'s points, in pixels.</summary>
    public float MeanDistance(FaceLandmarks other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = 0f;
        for (var i = 0; i < Count; i++) sum += Vector2.Distance(_points[i], other._points[i]);
        return sum / Count;
    }

    /// <summary>The mean of the <paramref name="count"/> points from index <paramref name="first"/> (a run of one feature:
    /// an eye's six points, the nose bridge's four).</summary>
    public Vector2 Mean(int first, int count)
    {
        var sum = Vector2.Zero;
        for (var i = first; i < first + count; i++) sum += _points[i];
        return sum / count;
    }
}
