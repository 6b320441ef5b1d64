using System.Numerics;
using LipSyncGuard.Media;
using Xunit;

namespace LipSyncGuard.Faces.Tests;

public sealed class ImageSamplerTests
{
    public static TheoryData<int, int, int> Frames => new()
    {
        { 64, 48, 96 },
        { 37, 23, 13 },
        { 641, 359, 96 },
        { 2, 2, 9 },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void ToBytes_I420_EightAtATimeSameBytesAsPixelByPixel(int width, int height, int size)
    {
        var random = new Random(width * 1000 + height);
        var frame = new byte[(width * height) + (2 * ((width + 1) / 2) * ((height + 1) / 2))];
        random.NextBytes(frame);
        var image = new ImageView(frame, width, height, VideoPixelFormat.I420);
        var rows = new byte[size * size * 3];
        var pixels = new byte[size * size * 3];
        // Views inside the frame, across its edges and corners, turned, mirrored, tiny and huge, and one NaN map.
        var maps = new List<Affine2D>();
        for (var i = 0; i < 40; i++)
        {
            var centre = new Vector2((float)(random.NextDouble() * 1.4 - 0.2) * width, (float)(random.NextDouble() * 1.4 - 0.2) * height);
            var side = (float)(Math.Pow(2, (random.NextDouble() * 6) - 3) * Math.Min(width, height));
            maps.Add(Affine2D.SquareView(centre, side, (float)(random.NextDouble() * 360 - 180), size, mirrored: i % 5 == 0));
        }
        maps.Add(Affine2D.SquareView(new Vector2(width / 2f, height / 2f), Math.Min(width, height), 0, size));
        maps.Add(new Affine2D(float.NaN, 0, 0, 1, 0, 0));

        foreach (var map in maps)
        {
            ImageSampler.ToBytes(image, map, size, size, rows);
            var planes = new ImageSampler.Planes(image);
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++) ImageSampler.I420Pixel(planes, map, x + 0.5f, y + 0.5f, pixels.AsSpan(3 * ((y * size) + x), 3));
            }

            Assert.Equal(pixels, rows);
        }
    }
}
