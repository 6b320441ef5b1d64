using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Compares two shapes after removing a similarity transform (translation, rotation, scale), i.e. head motion.</summary>
internal static class ShapeAlignment
{
    /// <summary>How far the face as a whole moved from <paramref name="previous"/> to <paramref name="current"/>: the
    /// centroid shift in units of the previous outer-eye-corner distance, and the ratio of the two distances.</summary>
    public static (float Shift, float ScaleRatio) RigidMotion(FaceLandmarks previous, FaceLandmarks current)
    {
        Vector2 mp = default, mc = default;
        for (var i = 0; i < FaceLandmarks.Count; i++)
        {
            mp += previous[i];
            mc += current[i];
        }
        var scale = previous.OuterEyeCornerDistance;
        if (!(scale > 0)) return (float.PositiveInfinity, float.PositiveInfinity);
        return (Vector2.Distance(mp, mc) / FaceLandmarks.Count / scale, current.OuterEyeCornerDistance / scale);
    }

    /// <summary>Mean distance between <paramref name="current"/> and <paramref name="previous"/> mapped onto it by the
    /// least-squares similarity, in units of <paramref name="current"/>'s outer-eye-corner distance.</summary>
    public static float MeanResidual(FaceLandmarks previous, FaceLandmarks current)
    {
        const int n = FaceLandmarks.Count;
        Vector2 mp = default, mc = default;
        for (var i = 0; i < n; i++)
        {
            mp += previous[i];
            mc += current[i];
        }
        mp /= n;
        mc /= n;
        double dot = 0, cross = 0, spread = 0;
        for (var i = 0; i < n; i++)
        {
            var f = previous[i] - mp;
            var t = current[i] - mc;
            dot += (f.X * t.X) + (f.Y * t.Y);
            cross += (f.X * t.Y) - (f.Y * t.X);
            spread += f.LengthSquared();
        }
        if (spread <= 0) return float.PositiveInfinity;
        float a = (float)(dot / spread), b = (float)(cross / spread);
        var sum = 0f;
        for (var i = 0; i < n; i++)
        {
            var f = previous[i] - mp;
            var mapped = new Vector2((a * f.X) - (b * f.Y), (b * f.X) + (a * f.Y)) + mc;
            sum += Vector2.Distance(mapped, current[i]);
        }
        var scale = current.OuterEyeCornerDistance;
        return scale > 0 ? sum / n / scale : float.PositiveInfinity;
    }
}
