using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Faces.Tests;

/// <summary>An I420 frame read through <see cref="ImageView"/> gives what ffmpeg's own RGB24 conversion of the same frame
/// gives, wherever the face stage reads it.</summary>
public sealed class ImageViewTests(ITestOutputHelper output)
{
    private static async Task<(byte[] Rgb, byte[] I420, int Width, int Height)> FirstFrameAsync(string path, int frameIndex)
    {
        async Task<(byte[], int, int)> Decode(VideoPixelFormat format)
        {
            await foreach (var frame in new VideoDecoder().DecodeAsync(path, new VideoDecodeOptions { MaxSide = 640, PixelFormat = format }))
            {
                using (frame)
                {
                    if (frame.Index == frameIndex) return (frame.Pixels.ToArray(), frame.Width, frame.Height);
                }
            }
            throw new InvalidOperationException("clip too short");
        }
        var (rgb, width, height) = await Decode(VideoPixelFormat.Rgb24);
        var (i420, _, _) = await Decode(VideoPixelFormat.I420);
        return (rgb, i420, width, height);
    }

    /// <summary>A <paramref name="size"/>² view of the frame's middle, <paramref name="scale"/> source pixels a pixel,
    /// turned by <paramref name="roll"/> radians.</summary>
    private static Affine2D CentredView(int width, int height, int size, float scale, float roll)
    {
        var (cos, sin, half) = (MathF.Cos(roll) * scale, MathF.Sin(roll) * scale, size / 2f);
        return new Affine2D(cos, -sin, sin, cos, (width / 2f) - (half * cos) + (half * sin), (height / 2f) - (half * sin) - (half * cos));
    }

    [SkippableFact]
    public async Task ReadRgb_I420Frame_MatchesTheRgb24DecodeWithinAFewLevels()
    {
        var (rgb, i420, width, height) = await FirstFrameAsync(SharedMedia.Require(FaceMedia.AvlipsReal0), 10);
        Assert.Equal(VideoPixelFormat.I420.FrameBytes(width, height), i420.Length);
        var rgbView = new ImageView(rgb, width, height);
        var yuvView = new ImageView(i420, width, height, VideoPixelFormat.I420);
        double sum = 0;
        var count = 0;
        for (var y = 0; y < height; y += 3)
        {
            for (var x = 0; x < width; x += 3)
            {
                var (r0, g0, b0) = rgbView.ReadRgb(x, y);
                var (r1, g1, b1) = yuvView.ReadRgb(x, y);
                sum += Math.Abs(r0 - r1) + Math.Abs(g0 - g1) + Math.Abs(b0 - b1);
                count += 3;
            }
        }
        output.WriteLine($"mean |RGB24 - I420 read| = {sum / count:0.00} levels");
        // ffmpeg's scaler interpolates chroma between its samples, a nearest read takes the sample: edges differ, the
        // picture does not.
        Assert.InRange(sum / count, 0, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageView(i420, width, height, VideoPixelFormat.I420).ReadRgb(width, 0));
    }

    [SkippableTheory]
    [InlineData(0f)]
    [InlineData(0.3f)]
    public async Task ToTensor_I420Frame_MatchesTheRgb24Tensor(float roll)
    {
        var (rgb, i420, width, height) = await FirstFrameAsync(SharedMedia.Require(FaceMedia.AvlipsReal0), 10);
        const int size = 128;
        // The detector's letterbox and its crop: a window over the frame's middle, scaled ×1.7.
        var map = CentredView(width, height, size, 1.7f, roll);
        var fromRgb = new float[size * size * 3];
        var fromI420 = new float[size * size * 3];
        ImageSampler.ToTensor(new ImageView(rgb, width, height), map, size, fromRgb, supersample: 2);
        ImageSampler.ToTensor(new ImageView(i420, width, height, VideoPixelFormat.I420), map, size, fromI420, supersample: 2);
        var mean = fromRgb.Zip(fromI420, (a, b) => Math.Abs(a - b)).Average() * 127.5;
        output.WriteLine($"mean tensor difference: {mean:0.00} levels");
        Assert.InRange(mean, 0, 3);
    }

    [SkippableFact]
    public async Task ToBytes_I420Frame_RoundsTheTensorPathsColours()
    {
        var (rgb, i420, width, height) = await FirstFrameAsync(SharedMedia.Require(FaceMedia.AvlipsReal0), 10);
        var yuv = new ImageView(i420, width, height, VideoPixelFormat.I420);
        const int size = 96;
        var bytes = new byte[size * size * 3];
        var tensor = new float[size * size * 3];
        var fromRgb = new byte[size * size * 3];
        // Mouth crops' views (level, and turned either way as a tilted head's are), wholly inside the frame.
        foreach (var roll in new[] { 0f, 0.3f, -0.45f })
        {
            var map = CentredView(width, height, size, 1f, roll);
            ImageSampler.ToBytes(yuv, map, size, size, bytes);
            ImageSampler.ToTensor(yuv, map, size, tensor);
            // One sample per pixel: both read the same luma and chroma taps and convert them alike; the bytes are that
            // colour rounded, the tensor the same colour scaled to [-1, 1].
            var worst = bytes.Zip(tensor, (b, t) => Math.Abs(b - ((t + 1) * 127.5))).Max();
            ImageSampler.ToBytes(new ImageView(rgb, width, height), map, size, size, fromRgb);
            var mean = bytes.Zip(fromRgb, (a, b) => Math.Abs(a - b)).Average();
            output.WriteLine($"roll {roll}: worst |byte - tensor colour| = {worst:0.000}, mean |I420 - RGB24 crop| = {mean:0.00} levels");
            Assert.InRange(worst, 0, 0.501);
            Assert.InRange(mean, 0, 3);
        }
    }

    [Fact]
    public void Constructor_WrongLengthForI420_Throws()
    {
        // 4×3: 12 luma + 2×(2×2) chroma bytes.
        Assert.Equal(20, VideoPixelFormat.I420.FrameBytes(4, 3));
        Assert.Throws<ArgumentException>(() => new ImageView(new byte[36], 4, 3, VideoPixelFormat.I420));
        Assert.Equal(4, new ImageView(new byte[20], 4, 3, VideoPixelFormat.I420).Width);
    }

    [Fact]
    public void ReadRgb_GreyI420Pixel_ReadsTheSameGrey()
    {
        // Limited-range luma 126 with neutral chroma is mid grey, 128, in RGB.
        var planes = new byte[VideoPixelFormat.I420.FrameBytes(2, 2)];
        Array.Fill(planes, (byte)126, 0, 4);
        Array.Fill(planes, (byte)128, 4, 2);
        Assert.Equal(((byte)128, (byte)128, (byte)128), new ImageView(planes, 2, 2, VideoPixelFormat.I420).ReadRgb(1, 1));
    }
}
