using System.Diagnostics;
using System.Globalization;
using System.Text;
using LipSyncGuard.Analysis;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Bench;

/// <summary><c>profile --clip FILE</c>: where <c>lipsync analyze</c> spends its time, stage by stage, in one process:
/// first the one-off loads (in the order the analyzer does them, so each row is what that load adds to the start), then
/// cumulative passes over the clip (decode alone, + face detection, + landmarks and audio, the whole analysis), each
/// beside <c>ffmpeg -f null</c> of the same file timed just before it (the machine is shared, so ratios, not seconds).</summary>
internal static class StageProfile
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var clip = options.Clip ?? throw new ArgumentException("profile needs --clip FILE");
        var inv = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(inv, $"## profile of {Path.GetFileName(clip)}");
        report.AppendLine("| one-off load (cold, in order) | ms |");
        report.AppendLine("|---|---|");
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        report.AppendLine(inv, $"| process start → Main (runtime, JIT of the host) | {sinceStart.TotalMilliseconds:0} |");
        var defaults = LipSyncAnalyzerOptions.Default;
        report.AppendLine(inv, $"| sync measure (json) | {Time(() => SyncModel.Load(defaults.ResolveSyncModelPath())):0} |");
        LandmarkDetector? landmarks = null;
        report.AppendLine(inv, $"| dlib 68 landmarks | {Time(() => landmarks = LandmarkDetector.Load()):0} |");
        report.AppendLine(inv, $"| cue verdict (json) | {Time(() => CueFusion.Load(defaults.ResolveCuesPath()!)):0} |");
        report.AppendLine(inv, $"| mouth encoder (ResNet18 ONNX session, on the first face) | {Time(() => new MouthEmbedder(defaults.ResolveEncoderDirectory()).Dispose()):0} |");
        SignalExtractor? extractor = null;
        report.AppendLine(inv, $"| signal extractor (VAD session) | {Time(() => extractor = new SignalExtractor(SignalExtractorOptions.Default with { MaxSide = 640 }, landmarks)):0} |");
        var info = await new MediaProber().ProbeAsync(clip).ConfigureAwait(false);
        // The analysis decodes I420 (converted to colour where sampled); the RGB24 row shows what that saves.
        var decode = new VideoDecodeOptions { MaxSide = 640, PixelFormat = VideoPixelFormat.I420 };
        var first = Stopwatch.StartNew();
        await foreach (var frame in new VideoDecoder().DecodeAsync(info, decode).ConfigureAwait(false))
        {
            frame.Dispose();
            break;
        }
        report.AppendLine(inv, $"| ffmpeg start → first 640 px I420 frame | {first.Elapsed.TotalMilliseconds:0} |");
        using var detector = new FaceDetector();
        var blank = new byte[640 * 360 * 3];
        report.AppendLine(inv, $"| first face detection (ONNX sessions) | {Time(() => detector.Detect(new ImageView(blank, 640, 360))):0} |");

        report.AppendLine();
        report.AppendLine("| pass over the clip (warm) | s | ffmpeg -f null just before | ratio | detector runs | whole-frame searches | detect s |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        async Task Row(string name, Func<Task<FaceAnalysis?>> pass)
        {
            var baseline = await Timing.MedianSecondsAsync(1, () =>
                Timing.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-i", clip, "-map", "0:v:0", "-f", "null", "-")).ConfigureAwait(false);
            FaceAnalysis? faces = null;
            var seconds = await Timing.MedianSecondsAsync(options.Repeats, async () => faces = await pass().ConfigureAwait(false)).ConfigureAwait(false);
            report.AppendLine(inv, $"| {name} | {seconds:0.00} | {baseline:0.00} | {seconds / baseline:0.00}× | {faces?.DetectorRuns} | {faces?.FullFrameRuns} | {faces?.DetectTime.TotalSeconds:0.00} |");
        }
        foreach (var format in new[] { VideoPixelFormat.Rgb24, VideoPixelFormat.I420 })
        {
            await Row($"decode 640 px {format}", async () =>
            {
                await foreach (var frame in new VideoDecoder().DecodeAsync(info, decode with { PixelFormat = format }).ConfigureAwait(false)) frame.Dispose();
                return null;
            }).ConfigureAwait(false);
        }
        foreach (var keyEvery in options.KeyFrameEvery)
        {
            var faceOptions = FaceAnalysisOptions.Default with { KeyFrameEvery = keyEvery };
            foreach (var format in new[] { VideoPixelFormat.Rgb24, VideoPixelFormat.I420 })
            {
                await Row($"+ faces on {format} frames, key frame every {keyEvery}, followed on detector crops", () =>
                    new FaceAnalyzer(detector, faceOptions).AnalyzeAsync(new VideoDecoder().DecodeAsync(info, decode with { PixelFormat = format }))!).ConfigureAwait(false);
            }
            // What the analysis does between key frames: the landmark cascade follows each face from its previous points,
            // so this row includes one cascade run per face and frame (the landmark stage then reuses those points).
            if (keyEvery > 1)
            {
                await Row($"+ faces and their 68 points on I420 frames, key frame every {keyEvery}, followed by points", () =>
                    new FaceAnalyzer(detector, faceOptions, landmarks: new FaceLandmarker(landmarks!)).AnalyzeAsync(new VideoDecoder().DecodeAsync(info, decode))!).ConfigureAwait(false);
            }
            await Row($"+ landmarks, mel, VAD (sync-only signals), key frame every {keyEvery}", async () =>
                (await extractor!.ExtractAsync(clip, faces: faceOptions).ConfigureAwait(false)).Faces).ConfigureAwait(false);
        }
        using var analyzer = new LipSyncAnalyzer();
        await Row($"whole analysis, shipped cue verdict (key frame every {analyzer.KeyFrameEvery})", async () =>
        {
            await analyzer.AnalyzeAsync(clip).ConfigureAwait(false);
            return null;
        }).ConfigureAwait(false);
        extractor!.Dispose();
        return report.ToString();
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
