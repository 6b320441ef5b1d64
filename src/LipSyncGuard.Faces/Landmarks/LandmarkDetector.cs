using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>dlib's 68-point shape predictor (an ensemble of regression trees, Kazemi &amp; Sullivan 2014) in managed
/// code, over Debian's <c>shape_predictor_68_face_landmarks.dat</c>: the same arithmetic as dlib's
/// <c>shape_predictor::operator()</c>, so the points match dlib's to rounding. Load once per process (the model
/// holds 66 MB of leaves); <see cref="Detect(ReadOnlySpan{byte}, int, int, int, ShapeFrame, Span{Vector2})"/> is
/// thread-safe and allocation-free.</summary>
public sealed class LandmarkDetector
{
    private const int MaxStackFeatures = 4096;
    private const int MaxStackCoords = 1024;
    private const int MaxStackTrees = 4096;

    // dlib's HOG box against the mean-shape similarity of dlib's points, over the 37 fixture faces: side 1.046× the
    // similarity's scale (±0.11: HOG boxes come in pyramid steps of 6/5), centre (+0.002, +0.012) unit boxes off.
    private const double HogSizeRatio = 1.046;
    private const double HogCenterShiftX = 0.002;
    private const double HogCenterShiftY = 0.012;

    private readonly ShapePredictorModel _model;
    private readonly double[] _initialCentred;
    private readonly double _initialSpread;

    internal LandmarkDetector(ShapePredictorModel model)
    {
        _model = model;
        if (model.FeaturesPerCascade > MaxStackFeatures || model.PartCount * 2 > MaxStackCoords || model.TreesPerCascade > MaxStackTrees)
            throw new InvalidDataException($"shape predictor too large: {model.FeaturesPerCascade} features, {model.PartCount} parts, {model.TreesPerCascade} trees per cascade");
        // The similarity transform from the mean shape to the current one needs the mean shape centred; it never changes.
        var n = model.PartCount;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += model.InitialShape[2 * i];
            my += model.InitialShape[(2 * i) + 1];
        }
        mx /= n;
        my /= n;
        _initialCentred = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            _initialCentred[2 * i] = model.InitialShape[2 * i] - mx;
            _initialCentred[(2 * i) + 1] = model.InitialShape[(2 * i) + 1] - my;
            _initialSpread += (_initialCentred[2 * i] * _initialCentred[2 * i]) + (_initialCentred[(2 * i) + 1] * _initialCentred[(2 * i) + 1]);
        }
    }

    /// <summary>Points per face (68).</summary>
    public int PartCount => _model.PartCount;

    /// <summary>The model's mean shape in unit-box coordinates, x0, y0, x1, y1, ….</summary>
    internal ReadOnlySpan<float> MeanShape => _model.InitialShape;

    /// <summary>Loads dlib's model (through the converted cache when present, creating it otherwise).</summary>
    /// <exception cref="LandmarkModelMissingException">The .dat is not installed (run <c>./setup.sh</c>).</exception>
    /// <exception cref="InvalidDataException">The .dat is not a dlib shape predictor.</exception>
    public static LandmarkDetector Load(LandmarkDetectorOptions? options = null) =>
        new(ShapePredictorCache.Load(options ?? LandmarkDetectorOptions.Default));

    /// <summary>The 68 points for a face in dlib's box convention (what dlib's HOG detector returns).</summary>
    public FaceLandmarks Detect(ReadOnlySpan<byte> rgb24, int width, int height, int stride, LandmarkBox box) =>
        Detect(rgb24, width, height, stride, ShapeFrame.FromBox(box));

    /// <summary>The 68 points for a face found by a keypoint detector (e.g. BlazeFace's eyes, nose and mouth): the model
    /// box is placed and turned by <paramref name="mapping"/> (null: <see cref="FaceAnchorMapping.Default"/>).</summary>
    public FaceLandmarks Detect(ReadOnlySpan<byte> rgb24, int width, int height, int stride, FaceAnchor anchor, FaceAnchorMapping? mapping = null) =>
        Detect(rgb24, width, height, stride, (mapping ?? FaceAnchorMapping.Default).ToFrame(anchor));

    /// <summary>The 68 points for a face whose model box is placed by <paramref name="frame"/> (e.g. rotated from the
    /// eye keypoints by <see cref="FaceAnchorMapping"/>).</summary>
    public FaceLandmarks Detect(ReadOnlySpan<byte> rgb24, int width, int height, int stride, ShapeFrame frame)
    {
        CheckRgb24(rgb24, width, height, stride);
        return Points(new GreyPixels(rgb24, width, height, stride), frame);
    }

    /// <summary>Runs the cascade on a packed RGB24 image (<paramref name="stride"/> bytes per row) and writes
    /// <see cref="PartCount"/> points in frame pixels to <paramref name="destination"/>. Pixels are read as dlib's
    /// grey, (R+G+B)/3 truncated; feature pixels outside the image read 0, as in dlib.</summary>
    public void Detect(ReadOnlySpan<byte> rgb24, int width, int height, int stride, ShapeFrame frame, Span<Vector2> destination)
    {
        CheckRgb24(rgb24, width, height, stride);
        Run(new GreyPixels(rgb24, width, height, stride), frame, destination);
    }

    /// <summary>The 68 points for a face placed by <paramref name="frame"/> in an image of either layout (a decoded I420
    /// frame is converted where the cascade samples it: within a grey level or so of its RGB24 decode).</summary>
    public FaceLandmarks Detect(ImageView image, ShapeFrame frame) => Points(new GreyPixels(image), frame);

    private static void CheckRgb24(ReadOnlySpan<byte> rgb24, int width, int height, int stride)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}×{height}");
        if (stride < 3 * width) throw new ArgumentOutOfRangeException(nameof(stride), $"stride must be at least {3 * width}, got {stride}");
        var needed = ((long)stride * (height - 1)) + (3L * width);
        if (rgb24.Length < needed) throw new ArgumentException($"RGB24 buffer: expected at least {needed} bytes, got {rgb24.Length}", nameof(rgb24));
    }

    private FaceLandmarks Points(in GreyPixels image, in ShapeFrame frame)
    {
        Span<Vector2> points = stackalloc Vector2[FaceLandmarks.Count];
        if (_model.PartCount != FaceLandmarks.Count)
            throw new InvalidOperationException($"the model has {_model.PartCount} parts, FaceLandmarks holds {FaceLandmarks.Count}");
        Run(image, frame, points);
        return new FaceLandmarks(points);
    }

    private void Run(in GreyPixels image, in ShapeFrame frame, Span<Vector2> destination)
    {
        if (destination.Length < _model.PartCount) throw new ArgumentException($"destination: expected {_model.PartCount} points, got {destination.Length}", nameof(destination));

        var m = _model;
        var coords = m.PartCount * 2;
        Span<float> shape = stackalloc float[coords];
        Span<float> pixels = stackalloc float[m.FeaturesPerCascade];
        m.InitialShape.CopyTo(shape);

        for (var c = 0; c < m.CascadeCount; c++)
        {
            SampleFeatures(image, frame, shape, c, pixels);
            AddTreeOutputs(c, pixels, shape);
        }
        for (var i = 0; i < m.PartCount; i++) destination[i] = frame.Apply(shape[2 * i], shape[(2 * i) + 1]);
    }

    /// <summary>The model frame for a face whose landmarks are known (the previous frame's, or a first pass's): the
    /// similarity that best maps the mean shape onto <paramref name="landmarks"/>, scaled and shifted the way dlib's HOG
    /// boxes sit around dlib's own points (mean over the parity fixtures), and turned with the face.</summary>
    public ShapeFrame FrameFor(FaceLandmarks landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var n = _model.PartCount;
        var mean = _model.InitialShape;
        double px = 0, py = 0;
        for (var i = 0; i < n; i++)
        {
            px += landmarks[i].X;
            py += landmarks[i].Y;
        }
        px /= n;
        py /= n;
        double dot = 0, cross = 0;
        for (var i = 0; i < n; i++)
        {
            double fx = _initialCentred[2 * i], fy = _initialCentred[(2 * i) + 1], tx = landmarks[i].X - px, ty = landmarks[i].Y - py;
            dot += (fx * tx) + (fy * ty);
            cross += (fx * ty) - (fy * tx);
        }
        double a = dot / _initialSpread, b = cross / _initialSpread;
        // Unit-box centre under the similarity: (px, py) + [[a, −b], [b, a]]·((0.5, 0.5) − mean of the mean shape).
        double mx = mean[0] - _initialCentred[0], my = mean[1] - _initialCentred[1];
        double ox = 0.5 - mx + HogCenterShiftX, oy = 0.5 - my + HogCenterShiftY;
        var cx = px + (a * ox) - (b * oy);
        var cy = py + (b * ox) + (a * oy);
        return ShapeFrame.Rotated(cx, cy, HogSizeRatio * Math.Sqrt((a * a) + (b * b)), Math.Atan2(b, a));
    }

    private void SampleFeatures(in GreyPixels image, in ShapeFrame frame, ReadOnlySpan<float> shape, int cascade, Span<float> pixels)
    {
        var (a, b) = SimilarityFromInitial(shape);
        var features = _model.FeaturesPerCascade;
        var anchors = _model.Anchors.AsSpan(cascade * features, features);
        var deltas = _model.Deltas.AsSpan(cascade * features * 2, features * 2);
        for (var i = 0; i < features; i++)
        {
            float dx = deltas[2 * i], dy = deltas[(2 * i) + 1];
            var anchor = anchors[i];
            // dlib: a float 2×2 times the float delta, plus the float anchor location; then the double affine to pixels.
            var ux = (a * dx) - (b * dy) + shape[2 * anchor];
            var uy = (b * dx) + (a * dy) + shape[(2 * anchor) + 1];
            var px = (frame.M00 * ux) + (frame.M01 * uy) + frame.OffsetX;
            var py = (frame.M10 * ux) + (frame.M11 * uy) + frame.OffsetY;
            // dlib rounds a double point to an integer one with floor(v + 0.5).
            pixels[i] = image.At(Math.Floor(px + 0.5), Math.Floor(py + 0.5));
        }
    }

    /// <summary>The 2×2 part [[a, −b], [b, a]] of the least-squares similarity transform from the mean shape to
    /// <paramref name="shape"/> (dlib's <c>find_similarity_transform</c>, Umeyama; identical to this closed form
    /// whenever the shape is not mirrored).</summary>
    private (float A, float B) SimilarityFromInitial(ReadOnlySpan<float> shape)
    {
        var n = _model.PartCount;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += shape[2 * i];
            my += shape[(2 * i) + 1];
        }
        mx /= n;
        my /= n;
        double dot = 0, cross = 0;
        var from = _initialCentred;
        for (var i = 0; i < n; i++)
        {
            double tx = shape[2 * i] - mx, ty = shape[(2 * i) + 1] - my;
            double fx = from[2 * i], fy = from[(2 * i) + 1];
            dot += (fx * tx) + (fy * ty);
            cross += (fx * ty) - (fy * tx);
        }
        return ((float)(dot / _initialSpread), (float)(cross / _initialSpread));
    }

    /// <summary>Adds the cascade's trees to the shape in two passes. The pixels are fixed for the whole cascade, so first
    /// every tree walks to its leaf; then the chosen leaves are summed a few vectors of coordinates at a time in registers.
    /// Adding tree by tree into the shape (dlib's order of work) made each tree wait for the previous tree's store and
    /// its leaf's load from the 66 MB leaf table; here the loads of different trees are independent, so many are in
    /// flight at once. Each coordinate still adds the same leaves in the same order: the same floats to the bit.</summary>
    private void AddTreeOutputs(int cascade, ReadOnlySpan<float> pixels, Span<float> shape)
    {
        var m = _model;
        var splitsPerTree = m.SplitsPerTree;
        var leavesPerTree = m.LeavesPerTree;
        var coords = m.PartCount * 2;
        var trees = m.TreesPerCascade;
        ref var split0 = ref MemoryMarshal.GetArrayDataReference(m.Splits);
        ref var leaf0 = ref MemoryMarshal.GetArrayDataReference(m.Leaves);
        ref var pix0 = ref MemoryMarshal.GetReference(pixels);
        ref var shape0 = ref MemoryMarshal.GetReference(shape);
        Span<nint> rows = stackalloc nint[trees];
        for (var t = 0; t < trees; t++)
        {
            var tree = (cascade * trees) + t;
            ref var splits = ref Unsafe.Add(ref split0, tree * splitsPerTree);
            var node = 0;
            // The model was validated at load: every split index is below FeaturesPerCascade == pixels.Length.
            while (node < splitsPerTree)
            {
                var s = Unsafe.Add(ref splits, node);
                node = Unsafe.Add(ref pix0, s.Index1) - Unsafe.Add(ref pix0, s.Index2) > s.Threshold ? (2 * node) + 1 : (2 * node) + 2;
            }
            rows[t] = (nint)((((long)tree * leavesPerTree) + (node - splitsPerTree)) * coords);
        }
        var width = Vector<float>.Count;
        var j = 0;
        for (; j + (4 * width) <= coords; j += 4 * width)
        {
            var a0 = Vector.LoadUnsafe(ref shape0, (nuint)j);
            var a1 = Vector.LoadUnsafe(ref shape0, (nuint)(j + width));
            var a2 = Vector.LoadUnsafe(ref shape0, (nuint)(j + (2 * width)));
            var a3 = Vector.LoadUnsafe(ref shape0, (nuint)(j + (3 * width)));
            foreach (var row in rows)
            {
                ref var leaf = ref Unsafe.Add(ref leaf0, row + j);
                a0 += Vector.LoadUnsafe(ref leaf);
                a1 += Vector.LoadUnsafe(ref leaf, (nuint)width);
                a2 += Vector.LoadUnsafe(ref leaf, (nuint)(2 * width));
                a3 += Vector.LoadUnsafe(ref leaf, (nuint)(3 * width));
            }
            a0.StoreUnsafe(ref shape0, (nuint)j);
            a1.StoreUnsafe(ref shape0, (nuint)(j + width));
            a2.StoreUnsafe(ref shape0, (nuint)(j + (2 * width)));
            a3.StoreUnsafe(ref shape0, (nuint)(j + (3 * width)));
        }
        for (; j + width <= coords; j += width)
        {
            var a = Vector.LoadUnsafe(ref shape0, (nuint)j);
            foreach (var row in rows) a += Vector.LoadUnsafe(ref Unsafe.Add(ref leaf0, row + j));
            a.StoreUnsafe(ref shape0, (nuint)j);
        }
        for (; j < coords; j++)
        {
            var a = Unsafe.Add(ref shape0, j);
            foreach (var row in rows) a += Unsafe.Add(ref leaf0, row + j);
            Unsafe.Add(ref shape0, j) = a;
        }
    }
}
