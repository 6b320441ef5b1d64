using SkiaSharp;

namespace LipSyncGuard.Faces;

/// <summary>Writes RGB pictures as PNG files.</summary>
public static class ImageWriter
{
    /// <summary>Encodes <paramref name="image"/> as PNG at <paramref name="path"/> (replacing it).</summary>
    public static void SavePng(RgbImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var png = EncodePng(image);
        File.WriteAllBytes(path, png);
    }

    /// <summary>Encodes <paramref name="image"/> as PNG bytes.</summary>
    public static byte[] EncodePng(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var dst = bitmap.GetPixelSpan();
        var src = image.Pixels;
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < image.Height; y++)
        {
            var o = y * rowBytes;
            var i = y * image.Width * 3;
            for (var x = 0; x < image.Width; x++, o += 4, i += 3)
            {
                dst[o] = src[i];
                dst[o + 1] = src[i + 1];
                dst[o + 2] = src[i + 2];
                dst[o + 3] = 255;
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException($"PNG encoding of a {image.Width}x{image.Height} image failed");
        return data.ToArray();
    }
}
