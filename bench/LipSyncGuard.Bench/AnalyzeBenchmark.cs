using System.Diagnostics;
using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Bench;

/// <summary><c>analyze</c> on a 720p 25 fps talking head (the bundled sample looped, scaled and padded to 1280×720)
/// against <c>ffmpeg -f null</c> decoding the same file in the same run; then peak memory on a longer 1080p clip,
/// measured in a child <c>lipsync analyze</c> process so the figure is the product's own.</summary>
internal static class AnalyzeBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var dir = Directory.CreateTempSubdirectory("lsg-bench-analyze-");
        try
        {
            var sample = Path.Combine(Repository.Root, "samples", "real_vox2_00015.mp4");
            var clip = Path.Combine(dir.FullName, "talking-720p.mp4");
            var seconds = Math.Max(10, options.Seconds + 10);
            await MakeAsync(sample, clip, seconds, "scale=720:720,pad=1280:720:280:0").ConfigureAwait(false);

            var baseline = await Timing.MedianSecondsAsync(options.Repeats, () =>
                Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-i", clip, "-map", "0:v:0", "-f", "null", "-")).ConfigureAwait(false);
            using var analyzer = new LipSyncAnalyzer();
            AnalysisResult? result = null;
            var ours = await Timing.MedianSecondsAsync(options.Repeats, async () => result = await analyzer.AnalyzeAsync(clip).ConfigureAwait(false)).ConfigureAwait(false);
            using var syncOnly = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = LipSyncAnalyzerOptions.NoDetector });
            var sync = await Timing.MedianSecondsAsync(options.Repeats, () => syncOnly.AnalyzeAsync(clip)).ConfigureAwait(false);

            var longClip = Path.Combine(dir.FullName, "talking-1080p.mp4");
            var longSeconds = options.LongSeconds;
            await MakeAsync(sample, longClip, longSeconds, "scale=1080:1080,pad=1920:1080:420:0").ConfigureAwait(false);
            var (rssMb, longWall) = await PeakRssAsync(longClip).ConfigureAwait(false);

            var inv = CultureInfo.InvariantCulture;
            return string.Create(inv, $"""
                ## analyze (bundled talking head looped to {seconds} s, 1280×720, 25 fps; median of {options.Repeats})
                | measure | value |
                |---|---|
                | ffmpeg -f null decode (baseline) | {baseline:0.00} s |
                | `LipSyncAnalyzer.AnalyzeAsync`, shipped detector (decode, detect every frame, landmarks, crops, VAD, mel, sync, detector on every 1 s window, hop 0.5 s) | {ours:0.00} s |
                | ratio to decode | **{ours / baseline:0.00}×** (target ≤ 1.5×) |
                | speed | **{seconds / ours:0.0}× realtime** (target ≥ 10×) |
                | the same in sync-only mode (no crops, no detector) | {sync:0.00} s ({sync / baseline:0.00}× decode, {seconds / sync:0.0}× realtime) |
                | verdict on the looped real clip | {(result!.IsReal ? "real" : "fake")}, manipulation {result.ManipulationProbability:0.00} ({result.Model.Mode}) |
                | peak RSS, `lipsync analyze` on {longSeconds} s of 1920×1080 | **{rssMb:0} MB** in {longWall:0.0} s (target < 1 GB on 10 min) |
                """);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Task MakeAsync(string sample, string output, int seconds, string filter) =>
        Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", "-1", "-i", sample, "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-vf", filter, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", output);

    /// <summary>Runs the real CLI and samples its resident set from /proc until it exits.</summary>
    private static async Task<(double PeakMb, double Seconds)> PeakRssAsync(string clip)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lipsync.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "analyze", clip, "--json" }) info.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var drainOut = process.StandardOutput.ReadToEndAsync();
        var drainErr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                peak = Math.Max(peak, ProcessMemory.Read(process.Id).Peak);
            }
            catch (IOException)
            {
                // Exited between the check and the read.
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        await Task.WhenAll(drainOut, drainErr).ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"lipsync analyze failed: {await drainErr.ConfigureAwait(false)}");
        return (peak / (1024.0 * 1024.0), watch.Elapsed.TotalSeconds);
    }
}
