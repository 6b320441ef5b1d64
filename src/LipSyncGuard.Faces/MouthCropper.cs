using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>Cuts mouth crops aligned on face keypoints: turned so the eyes are level, centred on the mouth keypoint,
/// scaled from the eye distance; or, with no face, a centred square of the lower-middle frame flagged as fallback.</summary>
public sealed class MouthCropper
{
    /// <summary>Creates a cropper.</summary>
    public MouthCropper(MouthCropOptions? options = null) => Options = (options ?? MouthCropOptions.Default).Validate();

    /// <summary>The validated options.</summary>
    public MouthCropOptions Options { get; }

    /// <summary>The aligned crop of <paramref name="face"/>, or the fallback crop when it is null.</summary>
    public MouthCrop Crop(ImageView frame, TrackedFace? face) =>
        face is null ? Fallback(frame) : Crop(frame, face.Box, face.Keypoints);

    /// <summary>The aligned crop for a face with box <paramref name="box"/> and <paramref name="keypoints"/>.</summary>
    public MouthCrop Crop(ImageView frame, FaceBox box, FaceKeypoints keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        return Cut(frame, keypoints[FaceKeypoint.Mouth], Side(box, keypoints), keypoints.RollDegrees, fallback: false);
    }

    /// <summary>A crop of the forehead at the mouth crop's scale and roll, centred <see cref="MouthCropOptions.ForeheadToEyeDistance"/>
    /// eye distances above the eyes' midpoint (along the mouth-to-eyes line, so a tilted head keeps it on the forehead);
    /// null when any of it would fall outside the frame (a tight crop that cuts the forehead off gives nothing to compare).</summary>
    public MouthCrop? Forehead(ImageView frame, FaceBox box, FaceKeypoints keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        var side = Side(box, keypoints);
        var between = (keypoints[FaceKeypoint.LeftEye] + keypoints[FaceKeypoint.RightEye]) / 2;
        var up = between - keypoints[FaceKeypoint.Mouth];
        if (up.LengthSquared() < 1e-6f) return null;
        var center = between + (Vector2.Normalize(up) * (Options.ForeheadToEyeDistance * keypoints.InterOcularDistance));
        // How far a square turned by the roll reaches from its centre along x and y.
        var turn = keypoints.RollDegrees * MathF.PI / 180;
        var reach = side / 2 * (MathF.Abs(MathF.Cos(turn)) + MathF.Abs(MathF.Sin(turn)));
        if (center.X - reach < 0 || center.Y - reach < 0 || center.X + reach > frame.Width || center.Y + reach > frame.Height) return null;
        return Cut(frame, center, side, keypoints.RollDegrees, fallback: false);
    }

    /// <summary>Crop side in frame pixels: scaled from the eye distance, floored by the box width for profile views.</summary>
    private float Side(FaceBox box, FaceKeypoints keypoints) =>
        Math.Max(2f, Options.SideToEyeDistance * Math.Max(keypoints.InterOcularDistance, Options.MinEyeDistanceToBoxWidth * box.Width));

    /// <summary>The centred lower-middle square used when a frame has no face.</summary>
    public MouthCrop Fallback(ImageView frame)
    {
        var side = Math.Max(1f, Options.FallbackSideFraction * Math.Min(frame.Width, frame.Height));
        var center = new Vector2(frame.Width / 2f, Math.Clamp(Options.FallbackCenterY * frame.Height, side / 2, Math.Max(side / 2, frame.Height - (side / 2))));
        return Cut(frame, center, side, 0, fallback: true);
    }

    private MouthCrop Cut(ImageView frame, Vector2 center, float side, float roll, bool fallback)
    {
        var map = Affine2D.SquareView(center, side, roll, Options.Size);
        var image = new RgbImage(Options.Size, Options.Size);
        ImageSampler.ToBytes(frame, map, Options.Size, Options.Size, image.Pixels);
        return new MouthCrop(image, fallback, center, side, roll, map);
    }
}
