using SkiaSharp;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>A decoded JPEG/PNG as packed RGB24, the layout the video decoder delivers.</summary>
public sealed class Rgb24Bitmap
{
    private Rgb24Bitmap(byte[] pixels, int width, int height)
    {
        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public byte[] Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    public int Stride => Width * 3;

    public static Rgb24Bitmap Load(string path)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"cannot decode {path}");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = SKBitmap.Decode(codec, info) ?? throw new InvalidDataException($"cannot decode {path}");
        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[info.Width * info.Height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return new Rgb24Bitmap(rgb, info.Width, info.Height);
    }

    /// <summary>This image turned by a multiple of 90° clockwise, for roll tests on faces whose upright points are known.</summary>
    public Rgb24Bitmap RotateClockwise(int quarterTurns)
    {
        var turns = ((quarterTurns % 4) + 4) % 4;
        var (w, h) = turns % 2 == 0 ? (Width, Height) : (Height, Width);
        var output = new byte[w * h * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (nx, ny) = RotatePoint(x, y, turns);
                Array.Copy(Pixels, ((y * Width) + x) * 3, output, (((int)ny * w) + (int)nx) * 3, 3);
            }
        }
        return new Rgb24Bitmap(output, w, h);
    }

    /// <summary>Where pixel (x, y) of this image lands after <paramref name="quarterTurns"/> clockwise turns.</summary>
    public (float X, float Y) RotatePoint(float x, float y, int quarterTurns) => (((quarterTurns % 4) + 4) % 4) switch
    {
        0 => (x, y),
        1 => (Height - 1 - y, x),
        2 => (Width - 1 - x, Height - 1 - y),
        _ => (y, Width - 1 - x),
    };
}
