using LipSyncGuard.Media;
using SkiaSharp;

namespace LipSyncGuard.Faces;

/// <summary>Decodes still images (JPEG, PNG, WebP, BMP, GIF first frame) to RGB24 with SkiaSharp, honouring EXIF
/// orientation. Refusals are <see cref="MediaException"/>s with the same codes as video input.</summary>
public static class ImageLoader
{
    /// <summary>Largest accepted image, in pixels (a 16384×16384 RGBA decode would need 1 GiB).</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>File extensions treated as still images.</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif" };

    /// <summary>True when <paramref name="path"/> names a still image by its extension.</summary>
    public static bool IsImagePath(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Loads <paramref name="path"/>.</summary>
    public static RgbImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new MediaException(MediaErrorCode.NotFound, $"'{path}' does not exist");
        if (new FileInfo(path).Length == 0) throw new MediaException(MediaErrorCode.EmptyFile, $"'{name}' is empty");
        using var codec = SKCodec.Create(path) ?? throw new MediaException(MediaErrorCode.UnsupportedFormat, $"'{name}' is not an image SkiaSharp can decode");
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new MediaException(MediaErrorCode.TooLarge, $"'{name}' is {info.Width}x{info.Height}; the limit is {MaxPixels / 1_000_000} megapixels");
        }
        using var decoded = SKBitmap.Decode(codec, info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul))
            ?? throw new MediaException(MediaErrorCode.Corrupt, $"'{name}' could not be decoded");
        using var oriented = Orient(decoded, codec.EncodedOrigin);
        return FromBitmap(oriented ?? decoded);
    }

    /// <summary>Copies an RGBA bitmap into an RGB24 image.</summary>
    internal static RgbImage FromBitmap(SKBitmap bitmap)
    {
        var image = new RgbImage(bitmap.Width, bitmap.Height);
        var src = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var dst = image.Pixels.AsSpan();
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = src.Slice(y * rowBytes, bitmap.Width * 4);
            var o = y * bitmap.Width * 3;
            for (var x = 0; x < bitmap.Width; x++)
            {
                dst[o++] = row[x * 4];
                dst[o++] = row[(x * 4) + 1];
                dst[o++] = row[(x * 4) + 2];
            }
        }
        return image;
    }

    /// <summary>The bitmap turned upright per its EXIF origin, or null when it already is.</summary>
    private static SKBitmap? Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return null;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(result);
        // x' = a·x + b·y + c, y' = d·x + e·y + f for each EXIF origin (w, h: the upright size).
        var (a, b, c, d, e, f) = origin switch
        {
            SKEncodedOrigin.TopRight => (-1f, 0f, (float)w, 0f, 1f, 0f),
            SKEncodedOrigin.BottomRight => (-1f, 0f, w, 0f, -1f, h),
            SKEncodedOrigin.BottomLeft => (1f, 0f, 0f, 0f, -1f, h),
            SKEncodedOrigin.LeftTop => (0f, 1f, 0f, 1f, 0f, 0f),
            SKEncodedOrigin.RightTop => (0f, -1f, w, 1f, 0f, 0f),
            SKEncodedOrigin.RightBottom => (0f, -1f, w, -1f, 0f, h),
            _ => (0f, 1f, 0f, -1f, 0f, (float)h),
        };
        canvas.SetMatrix(new SKMatrix(a, b, c, d, e, f, 0, 0, 1));
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }
}
