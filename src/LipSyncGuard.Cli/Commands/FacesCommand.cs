using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync faces FILE</c>: detect, track and select faces in a video or a still image.</summary>
public static class FacesCommand
{
    /// <summary>Frame rate the video is scanned at (the project's frame clock).</summary>
    public const double Fps = 25;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A video or an image (jpg, png, webp, bmp)." };
        var maxFaces = new Option<int>("--max-faces") { Description = "Most faces per frame.", DefaultValueFactory = _ => FaceDetectorOptions.Default.MaxFaces };
        var select = Choice.Create("--select", "Which track to select.", TrackSelection.Longest);
        var detector = Choice.Create("--detector", "front (128, near faces), back (256, small faces) or auto.", DetectorModel.Auto);
        var detectEvery = new Option<int>("--detect-every") { Description = "Detect every K frames; the tracker carries boxes between (faster).", DefaultValueFactory = _ => 1 };
        var keyFrameEvery = new Option<int>("--key-frame-every") { Description = "Search the whole frame every K detector runs and follow the tracked faces between: by their 68 points with --landmarks, else on detector crops (1: search every run; the shipped cue verdict analyses with 10, by points).", DefaultValueFactory = _ => FaceAnalysisOptions.Default.KeyFrameEvery };
        var minScore = new Option<float>("--min-score") { Description = "Lowest detection score kept.", DefaultValueFactory = _ => FaceDetectorOptions.Default.MinScore };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads (0 = all cores).", DefaultValueFactory = _ => 1 };
        var cropSize = new Option<int>("--crop-size") { Description = "Mouth crop side in pixels (contact sheet).", DefaultValueFactory = _ => MouthCropOptions.Default.Size };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var landmarks = new Option<bool>("--landmarks") { Description = "Also locate the 68 landmarks of every face: points in the JSON, drawn by --annotate." };
        var annotate = new Option<string?>("--annotate") { Description = "Write boxes/keypoints/ids drawn on the picture (out.png, or out.mp4 for a video) and a mouth contact sheet beside it." };
        var command = new Command("faces", "Find, track and select the faces in a video or an image.")
        {
            file, maxFaces, select, detector, detectEvery, keyFrameEvery, minScore, threads, cropSize, json, annotate, landmarks,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            FaceDetectorOptions detectorOptions;
            FaceAnalysisOptions analysisOptions;
            MouthCropOptions cropOptions;
            try
            {
                detectorOptions = new FaceDetectorOptions
                {
                    Model = Choice.Get<DetectorModel>(parse, detector),
                    MaxFaces = parse.GetValue(maxFaces),
                    MinScore = parse.GetValue(minScore),
                    IntraOpThreads = parse.GetValue(threads),
                }.Validate();
                analysisOptions = new FaceAnalysisOptions { DetectEvery = parse.GetValue(detectEvery), KeyFrameEvery = parse.GetValue(keyFrameEvery), Selection = Choice.Get<TrackSelection>(parse, select) }.Validate();
                cropOptions = new MouthCropOptions { Size = parse.GetValue(cropSize) }.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw UsageException.OutOfRange(e, new Dictionary<string, string> { ["IntraOpThreads"] = "--threads", ["Size"] = "--crop-size" });
            }
            var annotatePath = parse.GetValue(annotate);
            var isImage = ImageLoader.IsImagePath(path);
            if (annotatePath is not null)
            {
                var ext = Path.GetExtension(annotatePath).ToLowerInvariant();
                if (ext != ".png" && !(ext == ".mp4" && !isImage)) throw new UsageException($"--annotate must name a .png{(isImage ? "" : " or .mp4")} file, got '{annotatePath}'");
            }

            var landmarker = parse.GetValue(landmarks) ? new FaceLandmarker(LandmarkDetector.Load()) : null;
            var points = new Dictionary<int, List<FramePoints>>();
            using var faceDetector = new FaceDetector(detectorOptions);
            // With the 68 points loaded anyway, faces are followed between key frames by them, as `analyze` follows them.
            var analyzer = new FaceAnalyzer(faceDetector, analysisOptions, landmarks: landmarker);
            var cropper = new MouthCropper(cropOptions);
            FaceAnalysis analysis;
            PreviewFiles? preview = null;
            if (isImage)
            {
                var image = ImageLoader.Load(path);
                analysis = analyzer.AnalyzeImage(image.View);
                if (landmarker is not null)
                {
                    foreach (var track in analysis.Tracks) Collect(points, track.Id, track.Frames[0], landmarker.Locate(image.View, track.Frames[0]));
                }
                if (annotatePath is not null) preview = FacePreview.WriteImage(image, analysis, annotatePath, cropper, landmarker);
            }
            else
            {
                var info = await new MediaProber().ProbeAsync(path, cancellationToken).ConfigureAwait(false);
                info.RequireVideo();
                var decoder = new VideoDecoder();
                // The faces are found on I420 frames, as `analyze` finds them; the preview draws on RGB24 ones.
                var decode = new VideoDecodeOptions { Fps = Fps, PixelFormat = VideoPixelFormat.I420 };
                Func<VideoFrame, IReadOnlyList<TrackSnapshot>, ValueTask>? onFrame = landmarker is null ? null : (frame, live) =>
                {
                    foreach (var snapshot in live) Collect(points, snapshot.TrackId, snapshot.Face, landmarker.Locate(ImageView.Of(frame), snapshot.Face));
                    return ValueTask.CompletedTask;
                };
                analysis = await analyzer.AnalyzeAsync(decoder.DecodeAsync(info, decode, cancellationToken), onFrame, cancellationToken).ConfigureAwait(false);
                if (annotatePath is not null)
                {
                    preview = await FacePreview.WriteVideoAsync(decoder.DecodeAsync(info, decode with { PixelFormat = VideoPixelFormat.Rgb24 }, cancellationToken), analysis, Fps, annotatePath, cropper, landmarker, cancellationToken).ConfigureAwait(false);
                }
            }
            var report = FacesReport.From(path, isImage, analysis, analysisOptions.Selection, preview, landmarker is null ? null : points);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            else Render(report);
            return CliApp.Ok;
        });
        return command;
    }

    private static void Collect(Dictionary<int, List<FramePoints>> points, int trackId, TrackedFace face, FaceLandmarks? landmarks)
    {
        if (landmarks is null) return;
        if (!points.TryGetValue(trackId, out var list)) points[trackId] = list = [];
        list.Add(new FramePoints(face.FrameIndex, [.. landmarks.Points.ToArray().Select(p => new[] { MathF.Round(p.X, 1), MathF.Round(p.Y, 1) })]));
    }

    private static void Render(FacesReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{Path.GetFileName(report.File)}: {report.Tracks.Count} track(s) in {report.Frames} frame(s), select {report.Selection.ToString().ToLowerInvariant()}"));
        foreach (var column in new[] { "id", "frames", "detected", "mean box (x, y, w, h)", "mean score", "selected" }) table.AddColumn(column);
        foreach (var t in report.Tracks)
        {
            var b = t.MeanBox;
            table.AddRow(
                t.Id.ToString(inv),
                Markup.Escape($"{t.StartFrame}–{t.EndFrame}"),
                t.DetectedFrames.ToString(inv),
                Markup.Escape(string.Create(inv, $"{b.X:0}, {b.Y:0}, {b.Width:0}, {b.Height:0}")),
                t.MeanScore.ToString("0.00", inv),
                t.Selected ? "[green]yes[/]" : "");
        }
        AnsiConsole.Write(table);
        if (report.Fallback) AnsiConsole.MarkupLine("[yellow]no face found: mouth crops fall back to the centred lower-middle square[/]");
        if (report.Annotated is not null) AnsiConsole.MarkupLine($"annotated: {Markup.Escape(report.Annotated)}\nmouth crops: {Markup.Escape(report.MouthSheet ?? "")}");
    }
}
