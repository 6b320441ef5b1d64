using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>Maps a destination picture's pixel coordinates (continuous, pixel i spanning [i, i+1)) to source
/// coordinates: <c>src = (M11·x + M12·y + Tx, M21·x + M22·y + Ty)</c>. One transform expresses letterboxing, roll,
/// mirroring, tiling and mouth alignment, so each is one resampling pass and maps results back exactly.</summary>
internal readonly record struct Affine2D(float M11, float M12, float M21, float M22, float Tx, float Ty)
{
    public Vector2 Apply(Vector2 p) => new((M11 * p.X) + (M12 * p.Y) + Tx, (M21 * p.X) + (M22 * p.Y) + Ty);

    /// <summary>Source pixels per destination pixel (the transform is a similarity, so both axes agree).</summary>
    public float Scale => MathF.Sqrt(MathF.Abs((M11 * M22) - (M12 * M21)));

    /// <summary>A square <paramref name="size"/>² destination showing the source rectangle centred on
    /// <paramref name="center"/>, <paramref name="side"/> source pixels wide, rotated by <paramref name="rollDegrees"/>
    /// (positive: the destination shows the source turned counter-clockwise on screen, which levels a face rolled
    /// clockwise by that angle), optionally mirrored.</summary>
    public static Affine2D SquareView(Vector2 center, float side, float rollDegrees, int size, bool mirrored = false)
    {
        var s = side / size;
        var r = rollDegrees * (MathF.PI / 180f);
        var (sin, cos) = MathF.SinCos(r);
        var fx = mirrored ? -1f : 1f;
        // d = (x - size/2, y - size/2) in destination pixels; src = center + s · R(r) · diag(fx, 1) · d.
        var m11 = s * cos * fx;
        var m12 = -s * sin;
        var m21 = s * sin * fx;
        var m22 = s * cos;
        var h = size / 2f;
        return new Affine2D(m11, m12, m21, m22, center.X - (m11 * h) - (m12 * h), center.Y - (m21 * h) - (m22 * h));
    }

    /// <summary>Letterboxes a <paramref name="width"/>×<paramref name="height"/> frame, rolled and optionally
    /// mirrored, into a <paramref name="size"/>² square that holds all of it.</summary>
    public static Affine2D Letterbox(int width, int height, int size, float rollDegrees = 0, bool mirrored = false)
    {
        var r = rollDegrees * (MathF.PI / 180f);
        var (sin, cos) = MathF.SinCos(r);
        var (sa, ca) = (MathF.Abs(sin), MathF.Abs(cos));
        var side = Math.Max((width * ca) + (height * sa), (width * sa) + (height * ca));
        return SquareView(new Vector2(width / 2f, height / 2f), side, rollDegrees, size, mirrored);
    }
}
