namespace LipSyncGuard.Detection.Cues;

/// <summary>What a frozen ImageNet encoder (<see cref="MouthEmbedder"/>) sees in a face's mouth: the mean of its
/// features over a few sampled frames (for a small head on top, UnivFD's recipe), and how much they change between
/// frames a tenth of a second apart. Costly encoders are sampled, not run on every frame: <see cref="Clusters"/> short
/// runs of <see cref="RunLength"/> trusted frames, <see cref="Stride"/> frames apart, spread evenly over the track
/// (16 crops, ~0.7 s on one core). The change is measured inside each run — always over the same span of time — so
/// it does not grow with the clip's length. Across runs, frames whose lips take the same shape are compared too: a filmed
/// mouth seen twice in one shape still differs (pose, light, motion blur, grain), a generator renders a shape alike.</summary>
public static class MouthAppearance
{
    /// <summary>Runs of frames sampled.</summary>
    public const int Clusters = 4;

    /// <summary>Frames per run.</summary>
    public const int RunLength = 4;

    /// <summary>Trusted frames between two frames of a run (3 frames: 0.12 s at 25 fps).</summary>
    public const int Stride = 3;

    /// <summary>Frames embedded per face.</summary>
    public const int Frames = Clusters * RunLength;

    /// <summary>Share of the cross-run frame pairs, those with the closest lip shapes, compared for
    /// <see cref="MouthAppearanceStats.SameShape"/>.</summary>
    public const double SameShapeShare = 0.1;

    /// <summary>Measures the trusted frames of <paramref name="crops"/> (frames × size × size × 3 RGB) with their lip
    /// measures (<paramref name="lipWidth"/> per frame); not measured (Frames 0) when the track has fewer trusted frames
    /// than one run per cluster needs. The crops are split between <paramref name="encoders"/> (each a single-threaded
    /// session, not thread-safe), which run side by side: two sessions on two cores halve the wait, same features.
    /// Frames found in <paramref name="embedded"/> (features by frame, from one of these encoders) are not embedded again.</summary>
    public static MouthAppearanceStats Measure(
        ReadOnlySpan<byte> crops, int size, ReadOnlySpan<float> lips, int lipWidth, ReadOnlySpan<bool> valid, IReadOnlyList<MouthEmbedder> encoders,
        IReadOnlyDictionary<int, float[]>? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        if (encoders.Count == 0) throw new ArgumentException("at least one encoder is needed", nameof(encoders));
        ArgumentOutOfRangeException.ThrowIfLessThan(lipWidth, 1);
        var bytes = size * size * 3;
        var sampled = SampleFrames(valid, size == 0 ? 0 : Math.Min(Math.Min(valid.Length, crops.Length / bytes), lips.Length / lipWidth));
        if (sampled.Length == 0) return default;
        var features = new float[Frames][];
        var missing = new List<(int Index, byte[] Crop)>(Frames);
        for (var i = 0; i < Frames; i++)
        {
            if (embedded is not null && embedded.TryGetValue(sampled[i], out var known)) features[i] = known;
            else missing.Add((i, crops.Slice(sampled[i] * bytes, bytes).ToArray()));
        }
        Parallel.For(0, encoders.Count, k =>
        {
            for (var j = k; j < missing.Count; j += encoders.Count)
            {
                var (i, crop) = missing[j];
                features[i] = new float[MouthEmbedder.Dimensions];
                encoders[k].Embed(crop, size, features[i]);
            }
        });
        return FromFeatures(features, Shapes(lips, lipWidth, sampled));
    }

    /// <summary>The lip measures of the <paramref name="sampled"/> frames.</summary>
    public static float[][] Shapes(ReadOnlySpan<float> lips, int lipWidth, IReadOnlyList<int> sampled)
    {
        ArgumentNullException.ThrowIfNull(sampled);
        var shapes = new float[sampled.Count][];
        for (var i = 0; i < shapes.Length; i++) shapes[i] = lips.Slice(sampled[i] * lipWidth, lipWidth).ToArray();
        return shapes;
    }

    /// <summary>The frames embedded, run after run (empty when the first <paramref name="frames"/> of
    /// <paramref name="valid"/> hold too few trusted ones): run c starts at the c-th of <see cref="Clusters"/> equal
    /// parts of the trusted frames.</summary>
    public static int[] SampleFrames(ReadOnlySpan<bool> valid, int frames)
    {
        var trusted = new List<int>();
        for (var t = 0; t < Math.Min(frames, valid.Length); t++) if (valid[t]) trusted.Add(t);
        var sampled = SampledTrusted(trusted.Count);
        for (var i = 0; i < sampled.Length; i++) sampled[i] = trusted[sampled[i]];
        return sampled;
    }

    /// <summary>Which of <paramref name="trusted"/> trusted frames are embedded, as ranks among them (0: the first trusted
    /// frame), run after run; empty when there are too few (see <see cref="SampleFrames"/>).</summary>
    public static int[] SampledTrusted(int trusted)
    {
        var span = ((RunLength - 1) * Stride) + 1;
        if (trusted < Clusters * span) return [];
        var sampled = new int[Frames];
        for (var c = 0; c < Clusters; c++)
        {
            var start = c * (trusted - span) / (Clusters - 1);
            for (var k = 0; k < RunLength; k++) sampled[(c * RunLength) + k] = start + (k * Stride);
        }
        return sampled;
    }

    /// <summary>The statistics of <see cref="Frames"/> feature vectors, run after run, and of their frames' lip
    /// <paramref name="shapes"/>.</summary>
    public static MouthAppearanceStats FromFeatures(IReadOnlyList<float[]> features, IReadOnlyList<float[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(shapes);
        if (features.Count != Frames) throw new ArgumentException($"{Frames} feature vectors are needed", nameof(features));
        if (shapes.Count != Frames) throw new ArgumentException($"{Frames} lip shapes are needed", nameof(shapes));
        var mean = new float[MouthEmbedder.Dimensions];
        foreach (var f in features)
            for (var j = 0; j < mean.Length; j++) mean[j] += f[j] / Frames;
        double change = 0;
        for (var c = 0; c < Clusters; c++)
            for (var k = 1; k < RunLength; k++) change += CosineDistance(features[(c * RunLength) + k - 1], features[(c * RunLength) + k]);
        return new MouthAppearanceStats(Frames, mean, change / (Clusters * (RunLength - 1)), SameShape(features, shapes));
    }

    /// <summary>Mean cosine distance of the <see cref="SameShapeShare"/> of cross-run frame pairs whose lip shapes are
    /// closest: pairs from one run are left out, they are alike because they are close in time.</summary>
    private static double SameShape(IReadOnlyList<float[]> features, IReadOnlyList<float[]> shapes)
    {
        var pairs = new List<(double Shape, int A, int B)>();
        for (var a = 0; a < Frames; a++)
            for (var b = ((a / RunLength) + 1) * RunLength; b < Frames; b++)
            {
                double d = 0;
                for (var j = 0; j < shapes[a].Length; j++) d += (shapes[a][j] - shapes[b][j]) * (shapes[a][j] - shapes[b][j]);
                pairs.Add((d, a, b));
            }
        pairs.Sort((x, y) => x.Shape.CompareTo(y.Shape));
        var closest = Math.Max(1, (int)(pairs.Count * SameShapeShare));
        return pairs.Take(closest).Average(p => CosineDistance(features[p.A], features[p.B]));
    }

    private static double CosineDistance(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        return 1 - (dot / Math.Sqrt((na * nb) + 1e-12));
    }
}

/// <summary>Mouth appearance of one face.</summary>
/// <param name="Frames">Frames embedded (0: not measured).</param>
/// <param name="Mean">Mean encoder features (<see cref="MouthEmbedder.Dimensions"/> values), null when not measured.</param>
/// <param name="Change">Mean cosine distance between the features of consecutive frames of a run (0.12 s apart):
/// generated mouths change less from frame to frame than filmed ones.</param>
/// <param name="SameShape">Mean cosine distance between frames of different runs whose lips take the closest shapes
/// (<see cref="MouthAppearance.SameShapeShare"/> of those pairs): generated mouths look more alike in one shape.</param>
public readonly record struct MouthAppearanceStats(int Frames, float[]? Mean, double Change, double SameShape);
