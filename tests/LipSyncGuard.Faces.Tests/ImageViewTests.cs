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
        // A 128² window over the frame's middle, scaled ×1.7 and turned by `roll` — the detector's letterbox and its crop.
        var cos = MathF.Cos(roll) * 1.7f;
        var sin = MathF.Sin(roll) * 1.7f;
        var map = new Affine2D(cos, -sin, sin, cos, (width / 2f) - (64 * cos) + (64 * sin), (height / 2f) - (64 * sin) - (64 * cos));
        var fromRgb = new float[size * size * 3];
        var fromI420 = new float[size * size * 3];
        ImageSampler.ToTensor(new ImageView(rgb, width, height), map, size, fromRgb, supersample: 2);
        ImageSampler.ToTensor(new ImageView(i420, width, height, VideoPixelFormat.I420), map, size, fromI420, supersample: 2);
        var mean = fromRgb.Zip(fromI420, (a, b) => Math.Abs(a - b)).Average() * 127.5;
        output.WriteLine($"mean tensor difference: {mean:0.00} levels");
        Assert.InRange(mean, 0, 3);
    }

    [SkippableTheory]
    [InlineData(0f)]
    [InlineData(0.3f)]
    public async Task ToBytes_I420Frame_RoundsTheTensorPathsColours(float roll)
    {
        var (rgb, i420, width, height) = await FirstFrameAsync(SharedMedia.Require(FaceMedia.AvlipsReal0), 10);
        const int size = 96;
        // A mouth crop's view: 96² over the frame's middle, turned by `roll`, wholly inside the frame.
        var cos = MathF.Cos(roll);
        var sin = MathF.Sin(roll);
        var map = new Affine2D(cos, -sin, sin, cos, (width / 2f) - (48 * cos) + (48 * sin), (height / 2f) - (48 * sin) - (48 * cos));
        var yuv = new ImageView(i420, width, height, VideoPixelFormat.I420);
        var bytes = new byte[size * size * 3];
        var tensor = new float[size * size * 3];
        ImageSampler.ToBytes(yuv, map, size, size, bytes);
        ImageSampler.ToTensor(yuv, map, size, tensor);
        // One sample per pixel: both read the same luma and chroma taps and convert them alike; bytes are that colour
        // rounded, the tensor the same colour scaled to [-1, 1].
        var worst = bytes.Zip(tensor, (b, t) => Math.Abs(b - ((t + 1) * 127.5))).Max();
        Assert.InRange(worst, 0, 0.501);
        var fromRgb = new byte[size * size * 3];
        ImageSampler.ToBytes(new ImageView(rgb, width, height), map, size, size, fromRgb);
        var mean = bytes.Zip(fromRgb, (a, b) => Math.Abs(a - b)).Average();
        output.WriteLine($"worst |byte - tensor colour| = {worst:0.000}, mean |I420 - RGB24 crop| = {mean:0.00} levels");
        Assert.InRange(mean, 0, 3);
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
