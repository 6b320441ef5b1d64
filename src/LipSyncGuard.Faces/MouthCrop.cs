using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>A square mouth crop and where it came from in the frame.</summary>
public sealed class MouthCrop
{
    private readonly Affine2D _map;

    internal MouthCrop(RgbImage image, bool fallback, Vector2 center, float side, float rollDegrees, Affine2D map)
    {
        Image = image;
        Fallback = fallback;
        Center = center;
        Side = side;
        RollDegrees = rollDegrees;
        _map = map;
    }

    /// <summary>The crop pixels.</summary>
    public RgbImage Image { get; }

    /// <summary>True when no face was available and the crop is the centred lower-middle square.</summary>
    public bool Fallback { get; }

    /// <summary>Crop centre in frame pixels (the mouth keypoint, the forehead point of <see cref="MouthCropper.Forehead"/>, or
    /// the fallback centre).</summary>
    public Vector2 Center { get; }

    /// <summary>Crop side in frame pixels.</summary>
    public float Side { get; }

    /// <summary>Roll removed by the crop (the eye-line angle), degrees.</summary>
    public float RollDegrees { get; }

    /// <summary>Where frame point <paramref name="framePoint"/> lands in crop pixels.</summary>
    public Vector2 ToCrop(Vector2 framePoint)
    {
        // The map is a similarity (crop → frame); invert it in closed form.
        var d = framePoint - new Vector2(_map.Tx, _map.Ty);
        var det = (_map.M11 * _map.M22) - (_map.M12 * _map.M21);
        return new Vector2(((_map.M22 * d.X) - (_map.M12 * d.Y)) / det, ((-_map.M21 * d.X) + (_map.M11 * d.Y)) / det);
    }
}
