using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>Renders a finished <see cref="FaceAnalysis"/> for a person to check: boxes, keypoints and track ids drawn
/// on the picture (a PNG, or every frame of an MP4), plus a contact sheet of mouth crops of the selected track.</summary>
public static class FacePreview
{
    /// <summary>Most crops on a contact sheet.</summary>
    public const int SheetCrops = 24;

    /// <summary>The contact sheet path written beside <paramref name="annotatedPath"/>.</summary>
    public static string SheetPath(string annotatedPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(annotatedPath))!, Path.GetFileNameWithoutExtension(annotatedPath) + ".mouths.png");

    /// <summary>Annotates a still image analysed by <see cref="FaceAnalyzer.AnalyzeImage"/>; writes PNGs.</summary>
    public static PreviewFiles WriteImage(RgbImage image, FaceAnalysis analysis, string path, MouthCropper cropper, FaceLandmarker? landmarker = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(cropper);
        RequireExtension(path, ".png");
        var crops = new List<MouthCrop>();
        var labels = new List<long>();
        var chosen = analysis.Selected.Count > 0 ? analysis.Selected : analysis.Tracks;
        foreach (var track in chosen)
        {
            crops.Add(cropper.Crop(image.View, track.Frames[0]));
            labels.Add(track.Id);
        }
        if (crops.Count == 0)
        {
            crops.Add(cropper.Fallback(image.View));
            labels.Add(0);
        }
        var copy = new RgbImage((byte[])image.Pixels.Clone(), image.Width, image.Height);
        FaceAnnotator.Draw(copy, Snapshots(analysis, 0), SelectedIds(analysis));
        DrawLandmarks(copy, image.View, Snapshots(analysis, 0), landmarker);
        ImageWriter.SavePng(copy, path);
        var sheet = SheetPath(path);
        ImageWriter.SavePng(FaceAnnotator.ContactSheet(crops, labels), sheet);
        return new PreviewFiles(Path.GetFullPath(path), sheet);
    }

    /// <summary>Second pass over a video analysed by <see cref="FaceAnalyzer.AnalyzeAsync"/>: writes every annotated
    /// frame to an MP4 (<paramref name="path"/> ending in .mp4) or the most populated annotated frame to a PNG, and
    /// the mouth contact sheet. Disposes each frame. The frames must be RGB24: they are drawn on.</summary>
    public static async Task<PreviewFiles> WriteVideoAsync(
        IAsyncEnumerable<VideoFrame> frames, FaceAnalysis analysis, double fps, string path, MouthCropper cropper, FaceLandmarker? landmarker = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(cropper);
        var video = Path.GetExtension(path).Equals(".mp4", StringComparison.OrdinalIgnoreCase);
        if (!video) RequireExtension(path, ".png");
        var selected = SelectedIds(analysis);
        var track = analysis.Selected.Count > 0 ? analysis.Selected[0] : null;
        var (from, to) = track is null ? (0L, analysis.FrameCount - 1) : (track.StartFrame, track.EndFrame);
        var sample = SampleFrames(from, to);
        var stillIndex = MostPopulatedFrame(analysis);
        var crops = new List<MouthCrop>();
        var labels = new List<long>();
        VideoEncoder? encoder = null;
        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    if (frame.Format != VideoPixelFormat.Rgb24) throw new ArgumentException($"the preview draws on RGB24 frames, got {frame.Format}", nameof(frames));
                    var view = ImageView.Of(frame);
                    if (sample.Contains(frame.Index))
                    {
                        crops.Add(track is null ? cropper.Fallback(view) : cropper.Crop(view, track.At(frame.Index)));
                        labels.Add(frame.Index);
                    }
                    if (!video && frame.Index != stillIndex) continue;
                    var copy = new RgbImage(frame.Pixels.ToArray(), frame.Width, frame.Height);
                    var snapshots = Snapshots(analysis, frame.Index);
                    FaceAnnotator.Draw(copy, snapshots, selected);
                    DrawLandmarks(copy, view, snapshots, landmarker);
                    if (!video)
                    {
                        ImageWriter.SavePng(copy, path);
                        continue;
                    }
                    encoder ??= new VideoEncoder(path, frame.Width, frame.Height, fps, cancellationToken: cancellationToken);
                    await encoder.WriteAsync(copy.Pixels, cancellationToken).ConfigureAwait(false);
                }
            }
            if (encoder is not null) await encoder.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            encoder?.Dispose();
        }
        var sheet = SheetPath(path);
        if (crops.Count > 0) ImageWriter.SavePng(FaceAnnotator.ContactSheet(crops, labels), sheet);
        return new PreviewFiles(Path.GetFullPath(path), sheet);
    }

    private static void RequireExtension(string path, string extension)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"annotation output must end in {extension}{(extension == ".png" ? " (or .mp4 for a video)" : "")}, got '{Path.GetFileName(path)}'", nameof(path));
        }
    }

    private static void DrawLandmarks(RgbImage target, ImageView source, List<TrackSnapshot> snapshots, FaceLandmarker? landmarker)
    {
        if (landmarker is null) return;
        foreach (var snapshot in snapshots)
        {
            if (landmarker.Locate(source, snapshot.Face) is { } points) FaceAnnotator.DrawLandmarks(target, points.Points);
        }
    }

    private static HashSet<int> SelectedIds(FaceAnalysis analysis) => [.. analysis.Selected.Select(t => t.Id)];

    private static List<TrackSnapshot> Snapshots(FaceAnalysis analysis, long frameIndex)
    {
        var list = new List<TrackSnapshot>();
        foreach (var t in analysis.Tracks)
        {
            if (t.At(frameIndex) is { } face) list.Add(new TrackSnapshot(t.Id, face));
        }
        return list;
    }

    private static HashSet<long> SampleFrames(long from, long to)
    {
        var n = to - from + 1;
        if (n <= 0) return [];
        var count = (int)Math.Min(SheetCrops, n);
        var set = new HashSet<long>();
        for (var i = 0; i < count; i++) set.Add(from + (long)Math.Round(i * (n - 1) / (double)Math.Max(1, count - 1)));
        return set;
    }

    /// <summary>The frame showing the most tracks, preferring frames where a selected track is present.</summary>
    private static long MostPopulatedFrame(FaceAnalysis analysis)
    {
        long best = 0;
        var bestScore = -1;
        for (long f = 0; f < analysis.FrameCount; f++)
        {
            var score = 0;
            foreach (var t in analysis.Tracks)
            {
                if (t.At(f) is not { } face) continue;
                score += face.Detected ? 2 : 1;
                if (analysis.Selected.Contains(t)) score += 1000;
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = f;
            }
        }
        return best;
    }
}
