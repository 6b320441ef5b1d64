using LipSyncGuard.Media;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Reads an image as dlib reads colour as grey: (R + G + B) / 3, truncated
/// (<c>assign_pixel(unsigned char&amp;, rgb_pixel)</c>); points outside the image read 0. A packed RGB24 image may have
/// padded rows; an I420 image is converted to RGB24 bytes (BT.601, nearest chroma sample) at the points read only.</summary>
internal readonly ref struct GreyPixels
{
    private readonly ReadOnlySpan<byte> _pixels;
    private readonly int _width;
    private readonly int _height;
    private readonly int _stride;
    // Set only for an I420 image (a default view reads as RGB24).
    private readonly ImageView _i420;

    /// <summary>A packed RGB24 image with <paramref name="stride"/> bytes per row.</summary>
    public GreyPixels(ReadOnlySpan<byte> rgb24, int width, int height, int stride)
    {
        _pixels = rgb24;
        _width = width;
        _height = height;
        _stride = stride;
    }

    /// <summary>A tightly packed image view of either layout.</summary>
    public GreyPixels(ImageView image)
        : this(image.Pixels, image.Width, image.Height, image.Width * 3)
    {
        if (image.Format == VideoPixelFormat.I420) _i420 = image;
    }

    public float At(double x, double y)
    {
        // Written so that NaN (a diverged shape) also reads 0 instead of indexing out of range.
        if (!(x >= 0 && y >= 0 && x < _width && y < _height)) return 0;
        int ix = (int)x, iy = (int)y;
        if (_i420.Format == VideoPixelFormat.I420)
        {
            var (r, g, b) = _i420.ReadRgb(ix, iy);
            return (r + g + b) / 3;
        }
        var rgb = _pixels.Slice((iy * _stride) + (ix * 3), 3);
        return (rgb[0] + rgb[1] + rgb[2]) / 3;
    }
}
