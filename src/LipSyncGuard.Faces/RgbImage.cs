namespace LipSyncGuard.Faces;

/// <summary>An owned RGB24 picture (a still image or a mouth crop).</summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied); throws when its length is not <c>width * height * 3</c>.</summary>
    public RgbImage(byte[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        _ = new ImageView(pixels, width, height);
        Pixels = pixels;
        Width = width;
        Height = height;
    }

    /// <summary>A black image of the given size.</summary>
    public RgbImage(int width, int height)
        : this(new byte[checked(width * height * 3)], width, height)
    {
    }

    /// <summary>The pixels, row-major, R G B per pixel.</summary>
    public byte[] Pixels { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>A borrowed view for the detector and the cropper.</summary>
    public ImageView View => new(Pixels, Width, Height);
}
