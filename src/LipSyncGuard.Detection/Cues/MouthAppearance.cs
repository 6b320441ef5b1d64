namespace LipSyncGuard.Detection.Cues;

/// <summary>What a frozen ImageNet encoder (<see cref="MouthEmbedder"/>) sees in a face's mouth: the mean of its
/// features over a few sampled frames (for a small head on top, UnivFD's recipe), and how much they change between
/// frames a tenth of a second apart. Costly encoders are sampled, not run on every frame: <see cref="Clusters"/> short
/// runs of <see cref="RunLength"/> trusted frames, <see cref="Stride"/> frames apart, spread evenly over the track
/// (16 crops, ~0.7 s on one core). The change is measured inside each run — always over the same span of time — so
/// it does not grow with the clip's length.</summary>
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

    /// <summary>Measures the trusted frames of <paramref name="crops"/> (frames × size × size × 3 RGB); not measured
    /// (Frames 0) when the track has fewer trusted frames than one run per cluster needs.</summary>
    public static MouthAppearanceStats Measure(ReadOnlySpan<byte> crops, int size, ReadOnlySpan<bool> valid, MouthEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var bytes = size * size * 3;
        var sampled = SampleFrames(valid, size == 0 ? 0 : Math.Min(valid.Length, crops.Length / bytes));
        if (sampled.Length == 0) return default;
        var features = new float[Frames][];
        for (var i = 0; i < Frames; i++)
        {
            features[i] = new float[MouthEmbedder.Dimensions];
            embedder.Embed(crops.Slice(sampled[i] * bytes, bytes), size, features[i]);
        }
        return FromFeatures(features);
    }

    /// <summary>The frames embedded, run after run (empty when the first <paramref name="frames"/> of
    /// <paramref name="valid"/> hold too few trusted ones): run c starts at the c-th of <see cref="Clusters"/> equal
    /// parts of the trusted frames.</summary>
    public static int[] SampleFrames(ReadOnlySpan<bool> valid, int frames)
    {
        var trusted = new List<int>();
        for (var t = 0; t < Math.Min(frames, valid.Length); t++) if (valid[t]) trusted.Add(t);
        var span = ((RunLength - 1) * Stride) + 1;
        if (trusted.Count < Clusters * span) return [];
        var sampled = new int[Frames];
        for (var c = 0; c < Clusters; c++)
        {
            var start = c * (trusted.Count - span) / (Clusters - 1);
            for (var k = 0; k < RunLength; k++) sampled[(c * RunLength) + k] = trusted[start + (k * Stride)];
        }
        return sampled;
    }

    /// <summary>The statistics of <see cref="Frames"/> feature vectors, run after run.</summary>
    public static MouthAppearanceStats FromFeatures(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != Frames) throw new ArgumentException($"{Frames} feature vectors are needed", nameof(features));
        var mean = new float[MouthEmbedder.Dimensions];
        foreach (var f in features)
            for (var j = 0; j < mean.Length; j++) mean[j] += f[j] / Frames;
        double change = 0;
        for (var c = 0; c < Clusters; c++)
            for (var k = 1; k < RunLength; k++) change += CosineDistance(features[(c * RunLength) + k - 1], features[(c * RunLength) + k]);
        return new MouthAppearanceStats(Frames, mean, change / (Clusters * (RunLength - 1)));
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
public readonly record struct MouthAppearanceStats(int Frames, float[]? Mean, double Change);
