using System.Diagnostics;
using System.Globalization;
using LipSyncGuard.Media;

namespace LipSyncGuard.Bench;

/// <summary>Our RGB24 frame stream against <c>ffmpeg -f null</c> decoding the same 720p clip in the same run.</summary>
internal static class DecodeBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var dir = Directory.CreateTempSubdirectory("lsg-bench-");
        try
        {
            var clip = Path.Combine(dir.FullName, "720p.mp4");
            await Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=25:d={options.Seconds}",
                "-f", "lavfi", "-i", $"sine=f=220:r=44100:d={options.Seconds}",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip).ConfigureAwait(false);
            var frames = options.Seconds * 25;

            var baseline = await Timing.MedianSecondsAsync(options.Repeats, () =>
                Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-i", clip, "-map", "0:v:0", "-f", "null", "-")).ConfigureAwait(false);

            var decoder = new VideoDecoder();
            var info = await new MediaProber().ProbeAsync(clip).ConfigureAwait(false);
            var fullSize = await TimeOursAsync(decoder, info, VideoDecodeOptions.Default, options.Repeats).ConfigureAwait(false);
            var analysisSize = await TimeOursAsync(decoder, info, new VideoDecodeOptions { MaxSide = 640 }, options.Repeats).ConfigureAwait(false);

            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            var inv = CultureInfo.InvariantCulture;
            return string.Create(inv, $"""
                ## decode (720p h264, {options.Seconds} s, {frames} frames, median of {options.Repeats})
                | measure | value |
                |---|---|
                | ffmpeg -f null (baseline) | {baseline:0.000} s = {frames / baseline:0} frames/s |
                | VideoDecoder RGB24 1280×720 | {fullSize.Seconds:0.000} s = {fullSize.Frames / fullSize.Seconds:0} frames/s ({fullSize.Frames} frames) |
                | ratio, RGB24 1280×720 (ours / ffmpeg frames/s) | **{baseline / fullSize.Seconds:0.00}×** (target ≥ 0.8×) |
                | VideoDecoder RGB24 640×360 (`MaxSide = 640`) | {analysisSize.Seconds:0.000} s = {analysisSize.Frames / analysisSize.Seconds:0} frames/s |
                | ratio, RGB24 640×360 | **{baseline / analysisSize.Seconds:0.00}×** |
                | peak working set of the bench process | {peakMb:0} MB |
                """);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(double Seconds, int Frames)> TimeOursAsync(VideoDecoder decoder, MediaInfo info, VideoDecodeOptions decode, int repeats)
    {
        long checksum = 0;
        var decoded = 0;
        var seconds = await Timing.MedianSecondsAsync(repeats, async () =>
        {
            decoded = 0;
            await foreach (var frame in decoder.DecodeAsync(info, decode).ConfigureAwait(false))
            {
                using (frame)
                {
                    // Touch the frame so the read is not optimised into nothing.
                    checksum += frame.Pixels[frame.Pixels.Length / 2];
                    decoded++;
                }
            }
        }).ConfigureAwait(false);
        GC.KeepAlive(checksum);
        return (seconds, decoded);
    }
}
