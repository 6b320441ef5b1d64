using System.Diagnostics;
using LipSyncGuard.Faces;
using LipSyncGuard.Media;

internal static class Bench
{
    private static readonly FaceDetectorOptions NoRetries = new() { RetryRollDegrees = [], RetryMirrored = false, RefineBelowScore = 0 };

    /// <summary>Recall per image set with each multi-angle stage switched on one at a time, against hand counts.</summary>
    public static void Recall(string media)
    {
        // Hand counts: faces a person sees in each image.
        (string Set, string File, int Visible)[] images =
        [
            ("frontal", "t1.jpg", 6), ("frontal", "multiface.jpg", 6), ("frontal", "two_people.jpg", 2), ("frontal", "obama_and_biden.jpg", 3),
            ("frontal", "retinaface_test.jpg", 27),
            ("profile", "emma.jpg", 3), ("profile", "trump_hillary.jpg", 2),
            ("tilted", "r0.jpg", 1), ("tilted", "r90.jpg", 1), ("tilted", "r180.jpg", 1), ("tilted", "r270.jpg", 1), ("tilted", "3ddfa_image00427.jpg", 1),
        ];
        (string Name, FaceDetectorOptions Options)[] configs =
        [
            ("plain", NoRetries),
            ("+roll retries", NoRetries with { RetryRollDegrees = FaceDetectorOptions.Default.RetryRollDegrees }),
            ("+mirror retry", NoRetries with { RetryMirrored = true }),
            ("+roll refinement", NoRetries with { RefineBelowScore = FaceDetectorOptions.Default.RefineBelowScore }),
            ("+tiling", NoRetries with { TileMinSide = 1000 }),
            ("default (all but tiling)", FaceDetectorOptions.Default),
        ];
        Console.WriteLine("| set | image | visible | " + string.Join(" | ", configs.Select(c => c.Name)) + " |");
        Console.WriteLine("|---|---|---|" + string.Concat(configs.Select(_ => "---|")));
        var totals = new Dictionary<(string, string), (int Found, int Visible)>();
        foreach (var (set, file, visible) in images)
        {
            var image = ImageLoader.Load(Path.Combine(media, "faces", file));
            var cells = new List<string>();
            foreach (var (name, options) in configs)
            {
                using var detector = new FaceDetector(options with { MaxFaces = 60 });
                var faces = detector.Detect(image.View);
                var found = Math.Min(faces.Count, visible);
                var extra = faces.Count - found;
                // For the rolled single faces, a face only counts when its eye line gives the right roll (±15°).
                if (file.StartsWith('r') && file.Length <= 8 && faces.Count > 0)
                {
                    var expected = float.Parse(file[1..^4], System.Globalization.CultureInfo.InvariantCulture);
                    expected = expected == 270 ? -90 : expected;
                    var error = Math.Abs(((faces[0].Keypoints.RollDegrees - expected + 540f) % 360f) - 180f);
                    if (error > 15) found = 0;
                }
                cells.Add(extra > 0 ? $"{found} (+{extra})" : $"{found}");
                var key = (set, name);
                var t = totals.GetValueOrDefault(key);
                totals[key] = (t.Found + found, t.Visible + visible);
            }
            Console.WriteLine($"| {set} | {file} | {visible} | {string.Join(" | ", cells)} |");
        }
        Console.WriteLine();
        Console.WriteLine("| set | " + string.Join(" | ", configs.Select(c => c.Name)) + " |");
        Console.WriteLine("|---|" + string.Concat(configs.Select(_ => "---|")));
        foreach (var set in images.Select(i => i.Set).Distinct())
        {
            Console.WriteLine($"| {set} | " + string.Join(" | ", configs.Select(c => { var t = totals[(set, c.Name)]; return $"{t.Found}/{t.Visible} = {100.0 * t.Found / t.Visible:0}%"; })) + " |");
        }
    }

    /// <summary>Tracks found in clips with refinement on and off.</summary>
    public static async Task TracksAsync(string media, string[] files)
    {
        foreach (var file in files)
        {
            foreach (var refine in new[] { 0.7f, 0f })
            {
                using var detector = new FaceDetector(FaceDetectorOptions.Default with { RefineBelowScore = refine });
                var a = await new FaceAnalyzer(detector).AnalyzeAsync(new VideoDecoder().DecodeAsync(Path.Combine(media, file)));
                foreach (var t in a.Tracks.Where(t => Environment.GetEnvironmentVariable("DUMP_TRACK") is { } d && d.Split(',').Contains(t.Id.ToString())))
                {
                    foreach (var f in t.Frames) Console.WriteLine($"  #{t.Id} f{f.FrameIndex} {(f.Detected ? "D" : "i")} {f.Box.X:0},{f.Box.Y:0},{f.Box.Width:0} raw {f.Detection?.Box.X:0},{f.Detection?.Box.Y:0},{f.Detection?.Box.Width:0} {f.Score:0.00}");
                }
                Console.WriteLine($"{file} refine<{refine}: {a.Tracks.Count} tracks: " + string.Join(", ", a.Tracks.Select(t => $"#{t.Id} {t.StartFrame}-{t.EndFrame} det {t.DetectedFrames} w {t.MeanBox.Width:0} s {t.MeanScore:0.00}")));
            }
        }
    }

    /// <summary>Detector ms/frame per model and thread count; tracking + crop ms/frame; end-to-end vs decode.</summary>
    public static async Task SpeedAsync(string media)
    {
        var image = ImageLoader.Load(Path.Combine(media, "faces", "two_people.jpg"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine("| model | threads | ms/frame (median of 200, detect on 1126×661 incl. letterbox + decode + NMS) |");
        Console.WriteLine("|---|---|---|");
        foreach (var model in new[] { DetectorModel.Front, DetectorModel.Back })
        {
            foreach (var threads in new[] { 1, 0 })
            {
                using var detector = new FaceDetector(new FaceDetectorOptions { Model = model, IntraOpThreads = threads });
                var ms = Median(200, () => detector.Detect(image.View));
                Console.WriteLine($"| {model.ToString().ToLowerInvariant()} | {(threads == 0 ? "all" : "1")} | {ms:0.00} |");
            }
        }

        // Tracking + crop per frame, on the detections of a real clip.
        var clip = Path.Combine(media, "faces", "crowd_video.mp4");
        var frames = new List<(RgbImage Image, IReadOnlyList<FaceDetection> Faces)>();
        using (var detector = new FaceDetector())
        {
            await foreach (var f in new VideoDecoder().DecodeAsync(clip, new VideoDecodeOptions { MaxSide = 1280 }))
            {
                using (f)
                {
                    if (frames.Count >= 50) continue;
                    var img = new RgbImage(f.Pixels.ToArray(), f.Width, f.Height);
                    frames.Add((img, detector.Detect(img.View)));
                }
            }
        }
        var cropper = new MouthCropper();
        var sw = Stopwatch.StartNew();
        const int rounds = 20;
        long crops = 0;
        for (var r = 0; r < rounds; r++)
        {
            var tracker = new FaceTracker();
            for (var i = 0; i < frames.Count; i++)
            {
                var live = tracker.Update(i, frames[i].Faces);
                // One crop per frame: the analysed speaker's mouth.
                if (live.Count > 0)
                {
                    cropper.Crop(frames[i].Image.View, live[0].Face);
                    crops++;
                }
            }
            tracker.Complete();
        }
        Console.WriteLine($"\ntracking + one 96×96 crop: {sw.Elapsed.TotalMilliseconds / (rounds * frames.Count):0.000} ms/frame ({crops} crops, crowd clip at 1280×720)");

        // End to end on a 720p clip vs ffmpeg decode alone.
        var decodeOptions = new VideoDecodeOptions { MaxSide = 1280 };
        var decode = await Time(async () =>
        {
            await foreach (var f in new VideoDecoder().DecodeAsync(clip, decodeOptions)) f.Dispose();
        });
        Console.WriteLine($"\n720p crowd clip (1280×720, {frames.Count}+ frames): decode alone {decode:0} ms");
        foreach (var (model, every, threads) in new[] { (DetectorModel.Auto, 1, 1), (DetectorModel.Auto, 1, 0), (DetectorModel.Front, 1, 1), (DetectorModel.Auto, 3, 1), (DetectorModel.Auto, 5, 1) })
        {
            using var detector = new FaceDetector(new FaceDetectorOptions { Model = model, IntraOpThreads = threads });
            var analyzer = new FaceAnalyzer(detector, new FaceAnalysisOptions { DetectEvery = every });
            FaceAnalysis? a = null;
            var total = await Time(async () => a = await analyzer.AnalyzeAsync(new VideoDecoder().DecodeAsync(clip, decodeOptions)));
            Console.WriteLine($"| faces {model.ToString().ToLowerInvariant()}, detect every {every}, threads {(threads == 0 ? "all" : "1")} | {total:0} ms | {total / decode:0.00}× decode | {a!.Tracks.Count} tracks |");
        }
    }

    private static double Median(int n, Action action)
    {
        for (var i = 0; i < 10; i++) action();
        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[n / 2];
    }

    private static async Task<double> Time(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalMilliseconds;
    }
}
