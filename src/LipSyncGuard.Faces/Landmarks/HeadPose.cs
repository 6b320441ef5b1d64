using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Head orientation in degrees, estimated from 68 landmarks by <see cref="Estimate"/>.</summary>
/// <param name="Yaw">Turn about the vertical axis: 0 frontal, positive when the nose turns towards the image's right
/// (the person's left).</param>
/// <param name="Pitch">Nod: 0 level, positive when the face tilts up.</param>
/// <param name="Roll">In-plane turn: 0 upright, positive clockwise on screen (as <see cref="FaceLandmarks.RollDegrees"/>).</param>
public readonly record struct HeadPose(float Yaw, float Pitch, float Roll)
{
    // A generic head in model units (x right on screen, y down, z away from the camera; nose tip at the origin) at six
    // landmarks that barely move with expression: the widely used 6-point head model of the OpenCV head-pose tutorials.
    private static readonly (int Index, Vector3 Point)[] Model =
    [
        (LandmarkIndex.NoseTip, new Vector3(0, 0, 0)),
        (LandmarkIndex.Chin, new Vector3(0, 330, 65)),
        (LandmarkIndex.RightEyeOuter, new Vector3(-225, -170, 135)),
        (LandmarkIndex.LeftEyeOuter, new Vector3(225, -170, 135)),
        (LandmarkIndex.MouthRight, new Vector3(-150, 150, 125)),
        (LandmarkIndex.MouthLeft, new Vector3(150, 150, 125)),
    ];

    /// <summary>Fits a scaled-orthographic projection of the generic head to the six landmarks (linear least squares,
    /// no camera intrinsics and no iteration), makes its rows a rotation and reads yaw, pitch and roll from it
    /// (R = Rz(roll)·Ry(yaw)·Rx(pitch)). Good to a few degrees near frontal, which is what it is for: saying when a
    /// face is too far from frontal for landmark sync to be trusted.</summary>
    public static HeadPose Estimate(FaceLandmarks landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        Vector3 meanModel = default;
        Vector2 meanImage = default;
        foreach (var (i, p) in Model)
        {
            meanModel += p;
            meanImage += landmarks[i];
        }
        meanModel /= Model.Length;
        meanImage /= Model.Length;

        // M (2×3) = (Σ p·Pᵀ)(Σ P·Pᵀ)⁻¹ with centred image points p and model points P.
        var ppt = new double[3, 3];
        var ip = new double[2, 3];
        foreach (var (i, point) in Model)
        {
            var q = point - meanModel;
            var p = landmarks[i] - meanImage;
            ReadOnlySpan<double> qv = [q.X, q.Y, q.Z];
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++) ppt[r, c] += qv[r] * qv[c];
                ip[0, r] += p.X * qv[r];
                ip[1, r] += p.Y * qv[r];
            }
        }
        var inv = Invert3(ppt);
        var r1 = new Vector3((float)Dot(ip, 0, inv, 0), (float)Dot(ip, 0, inv, 1), (float)Dot(ip, 0, inv, 2));
        var r2 = new Vector3((float)Dot(ip, 1, inv, 0), (float)Dot(ip, 1, inv, 1), (float)Dot(ip, 1, inv, 2));
        // Closest pair of orthonormal rows: normalise, then split the angle error between them equally.
        r1 = Vector3.Normalize(r1);
        r2 = Vector3.Normalize(r2);
        var err = Vector3.Dot(r1, r2) / 2;
        (r1, r2) = (Vector3.Normalize(r1 - (err * r2)), Vector3.Normalize(r2 - (err * r1)));
        var r3 = Vector3.Cross(r1, r2);

        const float deg = 180f / MathF.PI;
        var beta = MathF.Asin(Math.Clamp(-r3.X, -1f, 1f));
        var alpha = MathF.Atan2(r3.Y, r3.Z);
        var gamma = MathF.Atan2(r2.X, r1.X);
        // Model yaw β > 0 moves the protruding nose towards the image's left and α > 0 lowers it (looking down), so
        // both flip to the documented senses.
        return new HeadPose(-beta * deg, -alpha * deg, gamma * deg);
    }

    private static double Dot(double[,] a, int row, double[,] b, int col) => (a[row, 0] * b[0, col]) + (a[row, 1] * b[1, col]) + (a[row, 2] * b[2, col]);

    private static double[,] Invert3(double[,] m)
    {
        var a = m[0, 0]; var b = m[0, 1]; var c = m[0, 2];
        var d = m[1, 0]; var e = m[1, 1]; var f = m[1, 2];
        var g = m[2, 0]; var h = m[2, 1]; var k = m[2, 2];
        var det = (a * ((e * k) - (f * h))) - (b * ((d * k) - (f * g))) + (c * ((d * h) - (e * g)));
        return new[,]
        {
            { ((e * k) - (f * h)) / det, ((c * h) - (b * k)) / det, ((b * f) - (c * e)) / det },
            { ((f * g) - (d * k)) / det, ((a * k) - (c * g)) / det, ((c * d) - (a * f)) / det },
            { ((d * h) - (e * g)) / det, ((b * g) - (a * h)) / det, ((a * e) - (b * d)) / det },
        };
    }
}
