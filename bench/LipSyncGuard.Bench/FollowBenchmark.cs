using System.Diagnostics;
using System.Globalization;
using System.Text;
using LipSyncGuard.Analysis;
using LipSyncGuard.Faces;
using LipSyncGuard.Media;

namespace LipSyncGuard.Bench;

/// <summary><c>follow --clip FILE|DIR [--key-frame-every 10]</c>: the whole analysis with a full-frame face search on
/// every frame (the default) against key frames with the faces followed between, per clip: time, the shipped verdict, the
/// selected face's sync score and where its mean box lies. Both runs alternate clip by clip in one process, so the
/// shared machine's load affects them alike.</summary>
internal static class FollowBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var clip = options.Clip ?? throw new ArgumentException("follow needs --clip FILE|DIR");
        var files = Directory.Exists(clip) ? Directory.EnumerateFiles(clip).Where(VideoFiles.HasVideoExtension).Order(StringComparer.Ordinal).ToList() : [clip];
        var keyEvery = options.KeyFrameEvery.Max();
        using var full = new LipSyncAnalyzer();
        var signals = LipSyncAnalyzerOptions.Default.Signals;
        using var followed = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { Signals = signals with { Faces = signals.Faces with { KeyFrameEvery = keyEvery } } });
        var inv = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(inv, $"## follow: full-frame search every frame vs key frame every {keyEvery} (shipped detector)");
        report.AppendLine("| clip | full s | followed s | speed-up | manipulation full → followed | Δ | verdict | sync full → followed | selected box IoU |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        double totalFull = 0, totalFollowed = 0, worst = 0;
        var flips = 0;
        foreach (var file in files)
        {
            var (a, ta) = await TimeAsync(full, file).ConfigureAwait(false);
            var (b, tb) = await TimeAsync(followed, file).ConfigureAwait(false);
            totalFull += ta;
            totalFollowed += tb;
            var delta = b.ManipulationProbability - a.ManipulationProbability;
            worst = Math.Max(worst, Math.Abs(delta));
            if (a.IsFake != b.IsFake) flips++;
            var (fa, fb) = (a.Faces.FirstOrDefault(f => f.Selected), b.Faces.FirstOrDefault(f => f.Selected));
            var iou = fa is null || fb is null ? double.NaN : IoU(fa.Box, fb.Box);
            report.AppendLine(inv, $"| {Path.GetFileName(file)} | {ta:0.00} | {tb:0.00} | {ta / tb:0.00}× | {a.ManipulationProbability:0.000} → {b.ManipulationProbability:0.000} | {delta:+0.000;-0.000} | {Verdict(a)} → {Verdict(b)} | {fa?.SyncScore:0.000} → {fb?.SyncScore:0.000} | {iou:0.000} |");
        }
        report.AppendLine(inv, $"| all {files.Count} | {totalFull:0.0} | {totalFollowed:0.0} | {totalFull / totalFollowed:0.00}× | worst \\|Δ\\| {worst:0.000} | | {flips} verdicts flip | | |");
        return report.ToString();
    }

    private static async Task<(AnalysisResult Result, double Seconds)> TimeAsync(LipSyncAnalyzer analyzer, string file)
    {
        var watch = Stopwatch.StartNew();
        var result = await analyzer.AnalyzeAsync(file).ConfigureAwait(false);
        return (result, watch.Elapsed.TotalSeconds);
    }

    private static string Verdict(AnalysisResult r) => r.IsFake ? "fake" : "real";

    private static double IoU(BoxSummary a, BoxSummary b) =>
        new FaceBox((float)a.X, (float)a.Y, (float)a.Width, (float)a.Height).IoU(new FaceBox((float)b.X, (float)b.Y, (float)b.Width, (float)b.Height));
}
