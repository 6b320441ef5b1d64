using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Where the model's unit box lies in the frame: an affine map from unit-box coordinates ((0,0) top-left,
/// (1,1) bottom-right of an upright face) to frame pixels. An axis-aligned <see cref="LandmarkBox"/> is dlib's own
/// case; a rotated frame lets the cascade run on rolled faces, because every feature pixel is placed relative to the
/// shape through this map.</summary>
/// <param name="M00">x scale along the unit box's x axis.</param>
/// <param name="M01">x change per unit of the unit box's y axis.</param>
/// <param name="M10">y change per unit of the unit box's x axis.</param>
/// <param name="M11">y scale along the unit box's y axis.</param>
/// <param name="OffsetX">Frame x of the unit box's origin.</param>
/// <param name="OffsetY">Frame y of the unit box's origin.</param>
public readonly record struct ShapeFrame(double M00, double M01, double M10, double M11, double OffsetX, double OffsetY)
{
    /// <summary>dlib's <c>unnormalizing_tform</c>: (0,0) → top-left, (1,0) → top-right, (1,1) → bottom-right.</summary>
    public static ShapeFrame FromBox(LandmarkBox box) => new(box.Width, 0, 0, box.Height, box.Left, box.Top);

    /// <summary>A square unit box of side <paramref name="size"/> turned by <paramref name="rollRadians"/> (clockwise on
    /// screen, y down) about its centre (<paramref name="centerX"/>, <paramref name="centerY"/>).</summary>
    public static ShapeFrame Rotated(double centerX, double centerY, double size, double rollRadians)
    {
        var (sin, cos) = Math.SinCos(rollRadians);
        double m00 = size * cos, m01 = -size * sin, m10 = size * sin, m11 = size * cos;
        // The unit box centre (0.5, 0.5) must land on the given centre.
        return new ShapeFrame(m00, m01, m10, m11, centerX - (0.5 * (m00 + m01)), centerY - (0.5 * (m10 + m11)));
    }

    /// <summary>Maps a unit-box point to frame pixels.</summary>
    public Vector2 Apply(float x, float y) =>
        new((float)((M00 * x) + (M01 * y) + OffsetX), (float)((M10 * x) + (M11 * y) + OffsetY));
}
