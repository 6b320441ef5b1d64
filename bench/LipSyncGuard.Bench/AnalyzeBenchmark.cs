using System.Diagnostics;
using System.Globalization;
using System.Text;
using LipSyncGuard.Analysis;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Bench;

/// <summary><c>analyze</c> on two 30 s 1280×720 25 fps clips: a face-filling talking head (the bundled sample looped,
/// scaled and padded) and small faces (the shared debate clip, two faces ~13% of the frame width, looped; without the
/// shared media the bundled sample scaled to 360 px and padded, ~14%). Each is timed in-process and as a cold
/// <c>./lipsync analyze</c> child process (whole, and to its first frame), against <c>ffmpeg -f null</c> decoding the same
/// file in the same run; then peak memory on a longer 1080p clip, measured in a child <c>lipsync analyze</c> so the figure
/// is the product's own.</summary>
internal static class AnalyzeBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var dir = Directory.CreateTempSubdirectory("lsg-bench-analyze-");
        try
        {
            var sample = Path.Combine(Repository.Root, "samples", "real_vox2_00015.mp4");
            var seconds = Math.Max(10, options.Seconds + 10);
            var filling = Path.Combine(dir.FullName, "talking-720p.mp4");
            await MakeAsync(sample, filling, seconds, "scale=720:720,pad=1280:720:280:0").ConfigureAwait(false);
            var debate = Path.Combine(Repository.SharedMedia(options), "train", "iianet_debate_trump_clinton.mp4");
            var small = Path.Combine(dir.FullName, "small-faces-720p.mp4");
            var smallName = File.Exists(debate) ? "shared debate clip, 2 faces ~13% of the width" : "bundled sample at 360 px padded, face ~14% of the width";
            await (File.Exists(debate)
                ? MakeAsync(debate, small, seconds, "scale=1280:720")
                : MakeAsync(sample, small, seconds, "scale=360:360,pad=1280:720:460:180")).ConfigureAwait(false);

            using var analyzer = new LipSyncAnalyzer();
            using var syncOnly = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = LipSyncAnalyzerOptions.NoDetector });
            var inv = CultureInfo.InvariantCulture;
            var report = new StringBuilder();
            report.AppendLine(inv, $"## analyze ({seconds} s clips, 1280×720, 25 fps; median of {options.Repeats}; each ratio against ffmpeg -f null of the same file timed in the same run)");
            report.AppendLine(inv, $"| clip | ffmpeg -f null | in-process (faces followed, key frame every {analyzer.KeyFrameEvery}) | ratio | × realtime | in-process, whole-frame search every frame | ratio | sync-only in-process | cold `./lipsync analyze` | ratio | × realtime | first frame (cold) | first frame, the build's JIT-compiled CLI | verdict (followed / searched) |");
            report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var (name, clip) in new[] { ("face-filling (bundled sample)", filling), ($"small faces ({smallName})", small) })
            {
                var baseline = await Timing.MedianSecondsAsync(options.Repeats, () =>
                    Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-i", clip, "-map", "0:v:0", "-f", "null", "-")).ConfigureAwait(false);
                AnalysisResult? result = null;
                var ours = await Timing.MedianSecondsAsync(options.Repeats, async () => result = await analyzer.AnalyzeAsync(clip).ConfigureAwait(false)).ConfigureAwait(false);
                // The same engine searching the whole frame for faces on every frame: what analysis cost before following.
                AnalysisResult? searchedResult = null;
                var searched = await Timing.MedianSecondsAsync(options.Repeats, async () =>
                    searchedResult = await analyzer.AnalyzeAsync(clip, AnalysisOptions.Default with { KeyFrameEvery = 1 }).ConfigureAwait(false)).ConfigureAwait(false);
                var sync = await Timing.MedianSecondsAsync(options.Repeats, () => syncOnly.AnalyzeAsync(clip)).ConfigureAwait(false);
                var cold = await Timing.MedianSecondsAsync(options.Repeats, () => ColdAnalyzeAsync(clip)).ConfigureAwait(false);
                var firstFrame = await Timing.MedianAsync(options.Repeats, () => FirstFrameSecondsAsync(clip, ahead: true)).ConfigureAwait(false);
                // The same without setup.sh's ahead-of-time copy, in the same run: what ReadyToRun buys at start-up.
                var firstFrameJit = await Timing.MedianAsync(options.Repeats, () => FirstFrameSecondsAsync(clip, ahead: false)).ConfigureAwait(false);
                report.AppendLine(inv, $"| {name} | {baseline:0.00} s | {ours:0.00} s | **{ours / baseline:0.00}×** | {seconds / ours:0.0}× | {searched:0.00} s | {searched / baseline:0.00}× | {sync:0.00} s ({sync / baseline:0.00}×) | {cold:0.00} s | **{cold / baseline:0.00}×** | {seconds / cold:0.0}× | {firstFrame:0.00} s | {firstFrameJit:0.00} s | {(result!.IsReal ? "real" : "fake")} {result.ManipulationProbability:0.000} / {(searchedResult!.IsReal ? "real" : "fake")} {searchedResult.ManipulationProbability:0.000} ({result.Model.Mode}) |");
            }

            var longClip = Path.Combine(dir.FullName, "talking-1080p.mp4");
            var longSeconds = options.LongSeconds;
            await MakeAsync(sample, longClip, longSeconds, "scale=1080:1080,pad=1920:1080:420:0").ConfigureAwait(false);
            var (rssMb, longWall) = await PeakRssAsync(longClip).ConfigureAwait(false);
            report.AppendLine(inv, $"| peak RSS, `lipsync analyze` on {longSeconds} s of 1920×1080 | **{rssMb:0} MB** in {longWall:0.0} s (target < 1 GB on 10 min) |");
            return report.ToString();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>One cold <c>lipsync analyze --json</c> (process start, model loads and all).</summary>
    private static async Task ColdAnalyzeAsync(string clip)
    {
        using var process = StartCli(ahead: true, "analyze", clip, "--json");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"lipsync analyze failed: {await stderr.ConfigureAwait(false)}");
    }

    /// <summary>Seconds from starting a cold <c>lipsync analyze</c> to its first progress line, which the CLI prints (stderr
    /// not a terminal) once the first frame's faces are measured: the time to the first frame, model loads, probe and
    /// ffmpeg's start included. The run is then stopped with its ffmpeg children. <paramref name="ahead"/>: <c>./lipsync</c>
    /// (the ahead-of-time compiled copy when current), else the build's JIT-compiled <c>lipsync.dll</c>.</summary>
    private static async Task<double> FirstFrameSecondsAsync(string clip, bool ahead)
    {
        var watch = Stopwatch.StartNew();
        using var process = StartCli(ahead, "analyze", clip);
        var stdout = process.StandardOutput.ReadToEndAsync();
        string? line, said = null;
        while ((line = await process.StandardError.ReadLineAsync().ConfigureAwait(false)) is not null && !line.EndsWith('%')) said = line;
        var seconds = watch.Elapsed.TotalSeconds;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        return line is null ? throw new InvalidOperationException($"lipsync analyze ended without a progress line: {said}") : seconds;
    }

    /// <summary>Starts <c>./lipsync</c> as a user would (<paramref name="ahead"/>): it runs setup.sh's ahead-of-time compiled
    /// copy while no build is newer, else the build (the script execs dotnet, so the child's id is the CLI's own); or the
    /// build's <c>lipsync.dll</c> copied beside this program, JIT-compiled as it runs.</summary>
    private static Process StartCli(bool ahead, params string[] arguments)
    {
        var info = new ProcessStartInfo(ahead ? Path.Combine(Repository.Root, "lipsync") : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!ahead) info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lipsync.dll"));
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static Task MakeAsync(string sample, string output, int seconds, string filter) =>
        Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", "-1", "-i", sample, "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-vf", filter, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", output);

    /// <summary>Runs the real CLI and samples its resident set from /proc until it exits.</summary>
    private static async Task<(double PeakMb, double Seconds)> PeakRssAsync(string clip)
    {
        var watch = Stopwatch.StartNew();
        using var process = StartCli(ahead: true, "analyze", clip, "--json");
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
