using System.Numerics.Tensors;

namespace LipSyncGuard.Sync;

/// <summary>What the regression reads for frame t: the standardised audio of frames t−context…t+context side by side,
/// then, with <see cref="SyncOptions.HiddenUnits"/>, that many rectified random projections of it. The random layer
/// makes the closed-form ridge a one-hidden-layer network whose output layer is learned (lip opening is not linear in
/// log-mel energy), while the fit stays a deterministic linear solve. The projection is regenerated from
/// <see cref="SyncOptions.HiddenSeed"/> by SplitMix64, so a model file stores a seed instead of the matrix.</summary>
internal sealed class AudioFeatures
{
    private readonly SyncOptions _options;
    private readonly int _audioWidth;
    private readonly int _context;
    private readonly float[] _projection; // [contextWidth × units], row-major
    private readonly float[] _offsets;    // [units]

    public AudioFeatures(SyncOptions options, int audioWidth)
    {
        _options = options;
        _audioWidth = audioWidth;
        _context = options.ContextFrames;
        ContextWidth = (2 * _context + 1) * audioWidth;
        Units = options.HiddenUnits;
        (_projection, _offsets) = RandomLayer(ContextWidth, Units, options.HiddenSeed);
    }

    /// <summary>Whether these are the features of <paramref name="options"/> for <paramref name="audioWidth"/>.</summary>
    public bool Matches(SyncOptions options, int audioWidth) => ReferenceEquals(options, _options) && audioWidth == _audioWidth;

    /// <summary>Audio values of the context row.</summary>
    public int ContextWidth { get; }

    /// <summary>Random rectified units after the context row.</summary>
    public int Units { get; }

    /// <summary>Values per frame: context row, then units.</summary>
    public int Width => ContextWidth + Units;

    /// <summary>Writes frame <paramref name="t"/>'s features into <paramref name="row"/> (<see cref="Width"/> values);
    /// <paramref name="audio"/> is standardised, frames outside the clip count as the mean (0).</summary>
    public void Row(float[] audio, int frames, int t, Span<float> row)
    {
        var context = row[..ContextWidth];
        for (var j = -_context; j <= _context; j++)
        {
            var target = context.Slice((j + _context) * _audioWidth, _audioWidth);
            var source = t + j;
            if (source < 0 || source >= frames) target.Clear();
            else audio.AsSpan(source * _audioWidth, _audioWidth).CopyTo(target);
        }
        if (Units == 0) return;
        var hidden = row[ContextWidth..];
        _offsets.CopyTo(hidden);
        for (var i = 0; i < ContextWidth; i++)
        {
            var x = context[i];
            if (x != 0) TensorPrimitives.MultiplyAdd(_projection.AsSpan(i * Units, Units), x, hidden, hidden);
        }
        TensorPrimitives.Max(hidden, 0f, hidden);
    }

    /// <summary>Weights uniform in ±√(3/inputs) (unit variance of a unit's input for standardised audio) and offsets
    /// uniform in ±1, from SplitMix64: a fixed, documented generator, so the same seed gives the same layer in every
    /// build and on every platform.</summary>
    internal static (float[] Projection, float[] Offsets) RandomLayer(int inputs, int units, int seed)
    {
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        double Next()
        {
            state = unchecked(state + 0x9E3779B97F4A7C15UL);
            var z = state;
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            return 2 * ((z >> 11) * (1.0 / (1UL << 53))) - 1; // uniform in [−1, 1)
        }
        var scale = Math.Sqrt(3.0 / Math.Max(1, inputs));
        var projection = new float[inputs * units];
        for (var i = 0; i < projection.Length; i++) projection[i] = (float)(scale * Next());
        var offsets = new float[units];
        for (var j = 0; j < units; j++) offsets[j] = (float)Next();
        return (projection, offsets);
    }
}
