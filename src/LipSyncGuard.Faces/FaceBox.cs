namespace LipSyncGuard.Faces;

/// <summary>An axis-aligned box in frame pixels (top-left origin).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct FaceBox(float X, float Y, float Width, float Height)
{
    /// <summary>Horizontal centre.</summary>
    public float CenterX => X + (Width / 2);

    /// <summary>Vertical centre.</summary>
    public float CenterY => Y + (Height / 2);

    /// <summary>Right edge.</summary>
    public float Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public float Bottom => Y + Height;

    /// <summary>Area in square pixels (0 for degenerate boxes).</summary>
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>A box from its centre and size.</summary>
    public static FaceBox FromCenter(float centerX, float centerY, float width, float height) =>
        new(centerX - (width / 2), centerY - (height / 2), width, height);

    /// <summary>Intersection over union with <paramref name="other"/>, in [0, 1].</summary>
    public float IoU(FaceBox other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0) return 0;
        var inter = w * h;
        var union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /// <summary>True when the point lies inside the box.</summary>
    public bool Contains(float x, float y) => x >= X && x <= Right && y >= Y && y <= Bottom;

    /// <summary>Linear blend: <paramref name="t"/> = 0 gives this box, 1 gives <paramref name="other"/>.</summary>
    public FaceBox Lerp(FaceBox other, float t) =>
        new(X + ((other.X - X) * t), Y + ((other.Y - Y) * t), Width + ((other.Width - Width) * t), Height + ((other.Height - Height) * t));
}
