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
    private readonly bool _i420;
    private readonly int _chromaWidth;
    private readonly int _chromaPlane;

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
        : this(image.Pixels, image.Width, image.Height, image.Format == VideoPixelFormat.Rgb24 ? image.Width * 3 : image.Width)
    {
        _i420 = image.Format == VideoPixelFormat.I420;
        _chromaWidth = image.ChromaWidth;
        _chromaPlane = image.ChromaWidth * image.ChromaHeight;
    }

    public float At(double x, double y)
    {
        // Written so that NaN (a diverged shape) also reads 0 instead of indexing out of range.
        if (!(x >= 0 && y >= 0 && x < _width && y < _height)) return 0;
        int ix = (int)x, iy = (int)y;
        if (!_i420)
        {
            var rgb = _pixels.Slice((iy * _stride) + (ix * 3), 3);
            return (rgb[0] + rgb[1] + rgb[2]) / 3;
        }
        var c = (_width * _height) + ((iy >> 1) * _chromaWidth) + (ix >> 1);
        var (r, g, b) = Bt601.ToRgb(_pixels[(iy * _stride) + ix], _pixels[c], _pixels[c + _chromaPlane]);
        return (Bt601.ToByte(r) + Bt601.ToByte(g) + Bt601.ToByte(b)) / 3;
    }
}
