using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Places the landmark model's box from a <see cref="FaceAnchor"/>: a square turned by the eye line's roll
/// (so rolled faces get an upright shape), sized and centred from the eye distance and the eye-to-mouth distance
/// measured in the face's own frame. Coefficients are least-squares fits to dlib's HOG-detector boxes on the shared
/// frontal images and clip frames (37 faces of the parity fixtures; refit with the landmark bench's <c>fit-mapping</c>), with
/// the anchor taken from dlib's own points. The box side follows mostly the eye-to-mouth drop, which, unlike the eye
/// distance, does not shrink with yaw.</summary>
public sealed record FaceAnchorMapping
{
    /// <summary>The fitted mapping.</summary>
    public static FaceAnchorMapping Default { get; } = new();

    /// <summary>Box side per pixel of eye distance.</summary>
    public double SizePerEyeDistance { get; init; } = 0.1289;

    /// <summary>Box side per pixel of eye-to-mouth distance (perpendicular to the eye line).</summary>
    public double SizePerMouthDrop { get; init; } = 2.1438;

    /// <summary>Box centre below the eye midpoint (along the face's down axis), per pixel of eye distance.</summary>
    public double CenterDropPerEyeDistance { get; init; } = 0.2393;

    /// <summary>Box centre below the eye midpoint, per pixel of eye-to-mouth distance.</summary>
    public double CenterDropPerMouthDrop { get; init; } = 0.1839;

    /// <summary>Box centre shift along the eye line per pixel the nose tip is off the eye midpoint along it (follows
    /// yaw).</summary>
    public double CenterShiftPerNoseShift { get; init; } = -0.1068;

    /// <summary>The model frame for <paramref name="anchor"/>.</summary>
    /// <exception cref="ArgumentException">The eyes coincide or the mouth is not below the eyes in the face's frame.</exception>
    public ShapeFrame ToFrame(FaceAnchor anchor)
    {
        var (u, v, eyeDistance) = FaceAxes(anchor);
        if (eyeDistance < 1e-3f) throw new ArgumentException($"eye keypoints coincide at {anchor.RightEye}", nameof(anchor));
        var eyeMid = (anchor.RightEye + anchor.LeftEye) / 2;
        var mouthDrop = Vector2.Dot(anchor.Mouth - eyeMid, v);
        if (mouthDrop <= 0) throw new ArgumentException($"mouth {anchor.Mouth} is not below the eyes {anchor.RightEye}, {anchor.LeftEye}", nameof(anchor));
        var noseShift = Vector2.Dot(anchor.Nose - eyeMid, u);
        var size = (SizePerEyeDistance * eyeDistance) + (SizePerMouthDrop * mouthDrop);
        var drop = (CenterDropPerEyeDistance * eyeDistance) + (CenterDropPerMouthDrop * mouthDrop);
        var shift = CenterShiftPerNoseShift * noseShift;
        var cx = eyeMid.X + (u.X * shift) + (v.X * drop);
        var cy = eyeMid.Y + (u.Y * shift) + (v.Y * drop);
        return ShapeFrame.Rotated(cx, cy, size, anchor.RollRadians);
    }

    /// <summary>The face's own axes: <c>u</c> along the eye line (towards the left eye), <c>v</c> down the face.</summary>
    internal static (Vector2 U, Vector2 V, float EyeDistance) FaceAxes(FaceAnchor anchor)
    {
        var e = anchor.LeftEye - anchor.RightEye;
        var d = e.Length();
        var u = d > 0 ? e / d : Vector2.UnitX;
        return (u, new Vector2(-u.Y, u.X), d);
    }
}
