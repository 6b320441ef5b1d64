namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Reads a packed RGB24 image as dlib reads colour as grey: (R + G + B) / 3, truncated
/// (<c>assign_pixel(unsigned char&amp;, rgb_pixel)</c>); points outside the image read 0.</summary>
internal readonly ref struct GreyPixels(ReadOnlySpan<byte> rgb24, int width, int height, int stride)
{
    private readonly ReadOnlySpan<byte> _rgb = rgb24;

    public float At(double x, double y)
    {
        // Written so that NaN (a diverged shape) also reads 0 instead of indexing out of range.
        if (!(x >= 0 && y >= 0 && x < width && y < height)) return 0;
        var offset = ((int)y * stride) + ((int)x * 3);
        var rgb = _rgb.Slice(offset, 3);
        return (rgb[0] + rgb[1] + rgb[2]) / 3;
    }
}
