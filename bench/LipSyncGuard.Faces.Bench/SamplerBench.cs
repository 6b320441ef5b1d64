using System.Diagnostics;
using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>Microseconds per detector input tensor, from an RGB24 frame and from the same frame as I420 (sampled and
/// converted where read): what the I420 decode costs the face stage in exchange for ffmpeg's per-pixel conversion.</summary>
internal static class SamplerBench
{
    public static async Task RunAsync(string clip)
    {
        Console.WriteLine("| frame | tensor | roll | RGB24 µs | I420 µs | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var maxSide in new[] { 640, 160 })
        {
            var frames = new Dictionary<VideoPixelFormat, (byte[] Pixels, int Width, int Height)>();
            foreach (var format in new[] { VideoPixelFormat.Rgb24, VideoPixelFormat.I420 })
            {
                await foreach (var frame in new VideoDecoder().DecodeAsync(clip, new VideoDecodeOptions { MaxSide = maxSide, PixelFormat = format }))
                {
                    using (frame) frames[format] = (frame.Pixels.ToArray(), frame.Width, frame.Height);
                    break;
                }
            }
            var (_, width, height) = frames[VideoPixelFormat.Rgb24];
            foreach (var (size, roll) in new[] { (128, 0f), (256, 0f), (128, 0.3f) })
            {
                var scale = Math.Max(width, height) / (float)size;
                float cos = MathF.Cos(roll) * scale, sin = MathF.Sin(roll) * scale, half = size / 2f;
                var map = new Affine2D(cos, -sin, sin, cos, (width / 2f) - (half * cos) + (half * sin), (height / 2f) - (half * sin) - (half * cos));
                var supersample = scale >= 3f ? 2 : 1; // BlazeFaceNetwork's rule
                var tensor = new float[size * size * 3];
                double Micros(VideoPixelFormat format)
                {
                    var (pixels, w, h) = frames[format];
                    for (var i = 0; i < 20; i++) ImageSampler.ToTensor(new ImageView(pixels, w, h, format), map, size, tensor, supersample);
                    var watch = Stopwatch.StartNew();
                    const int runs = 300;
                    for (var i = 0; i < runs; i++) ImageSampler.ToTensor(new ImageView(pixels, w, h, format), map, size, tensor, supersample);
                    return watch.Elapsed.TotalMicroseconds / runs;
                }
                double rgb = Micros(VideoPixelFormat.Rgb24), i420 = Micros(VideoPixelFormat.I420);
                Console.WriteLine($"| {width}×{height} | {size}² ×{supersample}² | {roll:0.0} | {rgb:0} | {i420:0} | {i420 / rgb:0.00}× |");
            }
        }
    }
}
