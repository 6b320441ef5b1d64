namespace LipSyncGuard.Faces.Landmarks;

/// <summary>The face box the landmark model expects, in dlib's rectangle convention: corners in frame pixels with
/// <see cref="Right"/> and <see cref="Bottom"/> inclusive (a dlib HOG box <c>[120,134,245,259]</c> is 126 px wide).
/// The model was trained on dlib HOG-detector boxes: roughly square, from the brows to below the lips; use
/// <see cref="FaceAnchorMapping"/> to get one from another detector's output.</summary>
/// <param name="Left">Left edge (x of the top-left corner).</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge (x of the top-right corner, inclusive).</param>
/// <param name="Bottom">Bottom edge (inclusive).</param>
public readonly record struct LandmarkBox(float Left, float Top, float Right, float Bottom)
{
    /// <summary>Right − Left: the span the model's unit box is stretched over.</summary>
    public float Width => Right - Left;

    /// <summary>Bottom − Top.</summary>
    public float Height => Bottom - Top;

    /// <summary>Horizontal centre.</summary>
    public float CenterX => (Left + Right) / 2;

    /// <summary>Vertical centre.</summary>
    public float CenterY => (Top + Bottom) / 2;
}
