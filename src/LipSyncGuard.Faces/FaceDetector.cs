using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>BlazeFace on ONNX Runtime: letterboxes a frame into the model's square input, decodes the SSD anchors,
/// blends overlapping detections (weighted NMS) and maps boxes and keypoints back to frame pixels. When a frame yields
/// no face it retries on the frame rolled by <see cref="FaceDetectorOptions.RetryRollDegrees"/> and mirrored, because
/// BlazeFace is trained on near-upright frontal faces. Owns the ONNX sessions: dispose it. Not thread-safe (use one
/// detector per thread).</summary>
public sealed class FaceDetector : IDisposable
{
    /// <summary>Side of the crop <see cref="Follow"/> searches, in face sizes: the face fills half of it, as in the
    /// short-range model's training framing, and may move half a face between looks.</summary>
    public const float FollowCropScale = 2f;

    private const float FollowLevelMinRollDegrees = 15f;

    /// <summary>Least overlap of a followed face with its last box. A face moves and turns little between two looks (IoU
    /// ≥ 0.6 even at a third of its width per frame); a lower overlap was seen to be a part of the face (chin and mouth)
    /// boxed on its own, which a followed track then slid onto.</summary>
    public const float FollowMinIoU = 0.5f;

    private readonly List<Candidate> _candidates = [];
    private readonly List<Candidate> _refine = [];
    private readonly Lazy<BlazeFaceNetwork> _front;
    private BlazeFaceNetwork? _back;
    private bool _disposed;

    /// <summary>Creates a detector; the model files are checked now (so a missing model fails early) and loaded on
    /// first use. Throws <see cref="FaceModelMissingException"/> when a needed model is not installed.</summary>
    public FaceDetector(FaceDetectorOptions? options = null)
    {
        Options = (options ?? FaceDetectorOptions.Default).Validate();
        // The front model also serves the roll refinement of face crops, so it is needed whatever the model choice.
        FrontPath = BlazeFaceModelFiles.Locate(BlazeFaceModelFiles.Front, Options.ModelDirectory);
        if (Options.Model != DetectorModel.Front) BackPath = BlazeFaceModelFiles.Locate(BlazeFaceModelFiles.Back, Options.ModelDirectory);
        // Every detection runs the front model first (or refines or follows with it), and creating its ONNX session took
        // ~0.1-0.35 s of the time to the first frame: it starts now on the thread pool, beside whatever the caller does
        // next (the speech model's session, ffprobe, ffmpeg's start), and the first detection waits only for the rest.
        var frontPath = FrontPath;
        var threads = Options.IntraOpThreads;
        var loading = Task.Run(() => new BlazeFaceNetwork(frontPath, 128, threads));
        _front = new Lazy<BlazeFaceNetwork>(() => loading.GetAwaiter().GetResult());
    }

    /// <summary>The validated options.</summary>
    public FaceDetectorOptions Options { get; }

    private string FrontPath { get; }

    private string? BackPath { get; }

    /// <summary>The network <see cref="DetectorModel.Auto"/> starts with for a frame of this width.</summary>
    public DetectorModel ModelFor(int width) => Options.Model switch
    {
        DetectorModel.Auto => width > Options.AutoBackMinWidth ? DetectorModel.Back : DetectorModel.Front,
        var m => m,
    };

    /// <summary>Finds up to <see cref="FaceDetectorOptions.MaxFaces"/> faces, best score first.</summary>
    public IReadOnlyList<FaceDetection> Detect(ImageView image) => Find(image, refine: true);

    /// <summary><see cref="Detect"/> without its refinement of low-scoring or rolled faces (five crop searches each, most
    /// of a search's cost on small faces): a caller that keeps its own detection of the faces it follows refines only
    /// the others (<see cref="Refine(ImageView, FaceDetection)"/>).</summary>
    public IReadOnlyList<FaceDetection> Search(ImageView image) => Find(image, refine: false);

    /// <summary>A face found by <see cref="Search"/>, refined as <see cref="Detect"/> refines it (itself when it needs
    /// no refinement).</summary>
    public FaceDetection Refine(ImageView image, FaceDetection found)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(found);
        var c = new Candidate(found.Score, found.Box, found.Keypoints.Points.ToArray(), found.Stage);
        if (!NeedsRefinement(c)) return found;
        var r = Refine(image, c);
        return new FaceDetection(r.Box, r.Score, new FaceKeypoints(r.Points), r.Stage);
    }

    private FaceDetection[] Find(ImageView image, bool refine)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _candidates.Clear();
        var first = ModelFor(image.Width);
        RunPlain(Network(first), image);
        if (_candidates.Count == 0 && Options.Model == DetectorModel.Auto && first == DetectorModel.Front) RunPlain(Network(DetectorModel.Back), image);
        if (_candidates.Count == 0) RunRetries(Network(first), image);
        var kept = WeightedNms.Apply(_candidates, Options.NmsIouThreshold, Options.MaxFaces);
        var result = new FaceDetection[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var c = refine && NeedsRefinement(kept[i]) ? Refine(image, kept[i]) : kept[i];
            result[i] = new FaceDetection(c.Box, c.Score, new FaceKeypoints(c.Points), c.Stage);
        }
        return result;
    }

    private void RunPlain(BlazeFaceNetwork network, ImageView image)
    {
        var s = network.Size;
        network.Detect(image, Affine2D.Letterbox(image.Width, image.Height, s), Options.MinScore, DetectionStage.Direct, false, _candidates);
        if (Options.TileMinSide is not { } minSide || Math.Max(image.Width, image.Height) < minSide) return;
        // 2×2 tiles, each 60% of the frame (20% overlap), so a face cut by one tile is whole in its neighbour.
        var tw = image.Width * 0.6f;
        var th = image.Height * 0.6f;
        for (var ty = 0; ty < 2; ty++)
        {
            for (var tx = 0; tx < 2; tx++)
            {
                var center = new Vector2((tw / 2) + (tx * (image.Width - tw)), (th / 2) + (ty * (image.Height - th)));
                network.Detect(image, Affine2D.SquareView(center, Math.Max(tw, th), 0, s), Options.MinScore, DetectionStage.Tiled, false, _candidates);
            }
        }
    }

    private void RunRetries(BlazeFaceNetwork network, ImageView image)
    {
        foreach (var angle in Options.RetryRollDegrees)
        {
            network.Detect(image, Affine2D.Letterbox(image.Width, image.Height, network.Size, angle), Options.MinScore, DetectionStage.Rotated, false, _candidates);
        }
        if (Options.RetryMirrored)
        {
            network.Detect(image, Affine2D.Letterbox(image.Width, image.Height, network.Size, 0, mirrored: true), Options.MinScore, DetectionStage.Flipped, true, _candidates);
        }
    }

    private bool NeedsRefinement(Candidate c)
    {
        if (Options.RefineBelowScore <= 0) return false;
        if (c.Score < Options.RefineBelowScore) return true;
        var eyes = c.Points[(int)FaceKeypoint.LeftEye] - c.Points[(int)FaceKeypoint.RightEye];
        return MathF.Abs(MathF.Atan2(eyes.Y, eyes.X) * (180f / MathF.PI)) > Options.RefineMinRollDegrees;
    }

    /// <summary>Searches a crop twice the face's size around it at four quarter turns, keeps the best-scoring face near
    /// the centre, then re-detects on a crop levelled by that face's own eye line for upright-quality keypoints.</summary>
    private Candidate Refine(ImageView image, Candidate found)
    {
        var network = Network(DetectorModel.Front);
        var best = found;
        var center = new Vector2(found.Box.CenterX, found.Box.CenterY);
        var side = 2f * Math.Max(found.Box.Width, found.Box.Height);
        for (var turn = 0; turn < 360; turn += 90)
        {
            best = Better(best, RunCrop(network, image, center, side, turn, found.Box));
        }
        var eyes = best.Points[(int)FaceKeypoint.LeftEye] - best.Points[(int)FaceKeypoint.RightEye];
        var roll = MathF.Atan2(eyes.Y, eyes.X) * (180f / MathF.PI);
        var levelled = RunCrop(network, image, new Vector2(best.Box.CenterX, best.Box.CenterY), 2f * Math.Max(best.Box.Width, best.Box.Height), roll, found.Box);
        // The levelled pass sees the face upright, so its keypoints are the most reliable even at a slightly lower score.
        if (levelled is { } l && l.Score >= best.Score * 0.9f) best = l;
        return best == found ? found : best with { Stage = DetectionStage.Refined };
    }

    /// <summary>Re-finds a face near where it was a frame or a few earlier: the front (128) model on a square crop
    /// <see cref="FollowCropScale"/> times the face's size around its last box, levelled by its eye line when it is
    /// rolled. A small face then fills half the model's input whatever the frame size, where a full-frame search needs
    /// the back (256) model, five times the cost, and misses it at 128. Returns the face that overlaps
    /// <paramref name="last"/>'s box best (IoU at least 0.5, score at least <see cref="FaceDetectorOptions.FollowMinScore"/>),
    /// or null when it is lost (then search the whole frame).</summary>
    public FaceDetection? Follow(ImageView image, TrackedFace last)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(last);
        var network = Network(DetectorModel.Front);
        var roll = last.Keypoints.RollDegrees;
        // BlazeFace is unaffected by a small roll, and an unrotated crop takes the sampler's separable fast path.
        if (MathF.Abs(roll) < FollowLevelMinRollDegrees) roll = 0;
        var box = last.Box;
        _refine.Clear();
        network.Detect(image, Affine2D.SquareView(new Vector2(box.CenterX, box.CenterY), FollowCropScale * Math.Max(box.Width, box.Height), roll, network.Size),
            Options.FollowMinScore, DetectionStage.Tracked, false, _refine);
        // Blended like a full-frame search, so followed boxes jitter no more than detected ones; the best overlap, not the
        // best score, so a neighbour's face at the crop's edge is not taken for this one.
        Candidate? best = null;
        var bestIoU = 0f;
        foreach (var c in WeightedNms.Apply(_refine, Options.NmsIouThreshold, Options.MaxFaces))
        {
            var iou = box.IoU(c.Box);
            if (iou >= FollowMinIoU && iou > bestIoU) (best, bestIoU) = (c, iou);
        }
        return best is { } b ? new FaceDetection(b.Box, b.Score, new FaceKeypoints(b.Points), b.Stage) : null;
    }

    private static Candidate Better(Candidate current, Candidate? other) => other is { } o && o.Score > current.Score ? o : current;

    /// <summary>The best face on a square crop whose centre lies inside <paramref name="within"/>, or null.</summary>
    private Candidate? RunCrop(BlazeFaceNetwork network, ImageView image, Vector2 center, float side, float roll, FaceBox within)
    {
        _refine.Clear();
        network.Detect(image, Affine2D.SquareView(center, side, roll, network.Size), Options.MinScore, DetectionStage.Refined, false, _refine);
        Candidate? best = null;
        foreach (var c in _refine)
        {
            if (within.Contains(c.Box.CenterX, c.Box.CenterY) && (best is null || c.Score > best.Value.Score)) best = c;
        }
        return best;
    }

    private BlazeFaceNetwork Network(DetectorModel model) => model == DetectorModel.Back
        ? _back ??= new BlazeFaceNetwork(BackPath!, 256, Options.IntraOpThreads)
        : _front.Value;

    /// <summary>Releases the ONNX sessions.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // A session still loading is waited for, so none is left undisposed.
        try
        {
            _front.Value.Dispose();
        }
        catch (Exception)
        {
            // A failed load has nothing to dispose; its error was (or would have been) reported by the first detection.
        }
        _back?.Dispose();
    }
}
