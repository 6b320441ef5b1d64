using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private readonly float[] _offsets; // [units]
    private readonly float[] _packed;  // [units / 8][contextWidth][8]: each whole group of eight units' weights contiguous
    private readonly float[] _tail;    // [contextWidth][units % 8]: the units after the last whole group

    private const int Lanes = 8;

    /// <summary>Frames whose rows callers build together: 64 rows of the default layer are ~0.4 MB, within a core's cache.</summary>
    public const int BlockFrames = 64;

    public AudioFeatures(SyncOptions options, int audioWidth)
    {
        _options = options;
        _audioWidth = audioWidth;
        _context = options.ContextFrames;
        ContextWidth = (2 * _context + 1) * audioWidth;
        Units = options.HiddenUnits;
        float[] projection;
        (projection, _offsets) = RandomLayer(ContextWidth, Units, options.HiddenSeed);
        (_packed, _tail) = Pack(projection, ContextWidth, Units);
    }

    /// <summary>Whether these are the features of <paramref name="options"/> for <paramref name="audioWidth"/>.</summary>
    public bool Matches(SyncOptions options, int audioWidth) => ReferenceEquals(options, _options) && audioWidth == _audioWidth;

    /// <summary>Audio values of the context row.</summary>
    public int ContextWidth { get; }

    /// <summary>Random rectified units after the context row.</summary>
    public int Units { get; }

    /// <summary>Values per frame: context row, then units.</summary>
    public int Width => ContextWidth + Units;

    /// <summary>Writes the features of frames <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>−1
    /// into <paramref name="rows"/> (<paramref name="count"/> × <see cref="Width"/> values, row-major);
    /// <paramref name="audio"/> is standardised, frames outside the clip count as the mean (0).</summary>
    public void Rows(float[] audio, int frames, int first, int count, Span<float> rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Length, count * Width, nameof(rows));
        for (var f = 0; f < count; f++)
        {
            var context = rows.Slice(f * Width, ContextWidth);
            for (var j = -_context; j <= _context; j++)
            {
                var target = context.Slice((j + _context) * _audioWidth, _audioWidth);
                var source = first + f + j;
                if (source < 0 || source >= frames) target.Clear();
                else audio.AsSpan(source * _audioWidth, _audioWidth).CopyTo(target);
            }
        }
        if (Units > 0) Hidden(rows, count);
    }

    /// <summary>The rectified units of <paramref name="count"/> rows whose context parts are written. A unit is its offset
    /// plus (weight × input) added input by input in order, in single precision, as a per-frame loop adds them, so the
    /// values do not depend on how many frames share a call. The loops run eight units of four frames at a time against
    /// the packed layer: a frame by itself streamed the whole 2 MB layer from memory (~3 % of an analysis's CPU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Hidden(Span<float> rows, int count)
    {
        var width = Width;
        var inputs = ContextWidth;
        ref var row0 = ref MemoryMarshal.GetReference(rows);
        for (var c = 0; c < _packed.Length / (inputs * Lanes); c++)
        {
            ref var weights = ref _packed[c * inputs * Lanes];
            var offset = Vector256.Create(_offsets.AsSpan(c * Lanes, Lanes));
            var unit = inputs + (c * Lanes);
            var f = 0;
            for (; f + 4 <= count; f += 4)
            {
                ref var x0 = ref Unsafe.Add(ref row0, f * width);
                ref var x1 = ref Unsafe.Add(ref x0, width);
                ref var x2 = ref Unsafe.Add(ref x1, width);
                ref var x3 = ref Unsafe.Add(ref x2, width);
                Vector256<float> h0 = offset, h1 = offset, h2 = offset, h3 = offset;
                for (var i = 0; i < inputs; i++)
                {
                    var w = Vector256.LoadUnsafe(ref weights, (nuint)(i * Lanes));
                    h0 = (w * Unsafe.Add(ref x0, i)) + h0;
                    h1 = (w * Unsafe.Add(ref x1, i)) + h1;
                    h2 = (w * Unsafe.Add(ref x2, i)) + h2;
                    h3 = (w * Unsafe.Add(ref x3, i)) + h3;
                }
                Vector256.Max(h0, Vector256<float>.Zero).StoreUnsafe(ref x0, (nuint)unit);
                Vector256.Max(h1, Vector256<float>.Zero).StoreUnsafe(ref x1, (nuint)unit);
                Vector256.Max(h2, Vector256<float>.Zero).StoreUnsafe(ref x2, (nuint)unit);
                Vector256.Max(h3, Vector256<float>.Zero).StoreUnsafe(ref x3, (nuint)unit);
            }
            for (; f < count; f++)
            {
                ref var x = ref Unsafe.Add(ref row0, f * width);
                var h = offset;
                for (var i = 0; i < inputs; i++) h = (Vector256.LoadUnsafe(ref weights, (nuint)(i * Lanes)) * Unsafe.Add(ref x, i)) + h;
                Vector256.Max(h, Vector256<float>.Zero).StoreUnsafe(ref x, (nuint)unit);
            }
        }
        var tail = Units % Lanes;
        for (var t = 0; t < tail; t++)
        {
            var u = Units - tail + t;
            for (var f = 0; f < count; f++)
            {
                var x = rows.Slice(f * width, width);
                var h = _offsets[u];
                for (var i = 0; i < inputs; i++) h = (_tail[(i * tail) + t] * x[i]) + h;
                x[inputs + u] = Math.Max(h, 0f);
            }
        }
    }

    /// <summary>The whole groups of eight units' weights, each group's inputs in order, and the rest's, input by input.</summary>
    private static (float[] Packed, float[] Tail) Pack(float[] projection, int inputs, int units)
    {
        var groups = units / Lanes;
        var tail = units % Lanes;
        var packed = new float[groups * inputs * Lanes];
        var rest = new float[inputs * tail];
        for (var i = 0; i < inputs; i++)
        {
            var weights = projection.AsSpan(i * units, units);
            for (var c = 0; c < groups; c++) weights.Slice(c * Lanes, Lanes).CopyTo(packed.AsSpan(((c * inputs) + i) * Lanes, Lanes));
            weights[(groups * Lanes)..].CopyTo(rest.AsSpan(i * tail, tail));
        }
        return (packed, rest);
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
