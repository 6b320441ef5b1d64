namespace LipSyncGuard.Faces;

/// <summary>Flags a shot change between two frames the face stage looks at, so tracks are not followed into another
/// shot: a 16×16 grid of block mean colours, sampled every fourth pixel, compared by mean absolute difference. A false
/// alarm only costs one full-frame search.</summary>
internal sealed class SceneCutDetector
{
    private const int Grid = 16;
    private const int Step = 4;
    private const float Threshold = 0.08f;
    private float[] _previous = new float[Grid * Grid * 3];
    private float[] _current = new float[Grid * Grid * 3];
    private bool _hasPrevious;

    /// <summary>The mean absolute colour difference (0–1) behind the last answer.</summary>
    public float LastDifference { get; private set; }

    /// <summary>Reads <paramref name="image"/>'s signature and says whether it differs from the last one read like a
    /// cut (false for the first image).</summary>
    public bool IsCut(ImageView image)
    {
        Array.Clear(_current);
        Span<int> counts = stackalloc int[Grid * Grid];
        for (var y = 0; y < image.Height; y += Step)
        {
            var row = (y * Grid / image.Height) * Grid;
            for (var x = 0; x < image.Width; x += Step)
            {
                var (r, g, b) = image.ReadRgb(x, y);
                var cell = row + (x * Grid / image.Width);
                _current[cell * 3] += r;
                _current[(cell * 3) + 1] += g;
                _current[(cell * 3) + 2] += b;
                counts[cell]++;
            }
        }
        float difference = 0;
        for (var c = 0; c < _current.Length; c++)
        {
            _current[c] /= Math.Max(1, counts[c / 3]) * 255f;
            difference += MathF.Abs(_current[c] - _previous[c]);
        }
        (_previous, _current) = (_current, _previous);
        LastDifference = _hasPrevious ? difference / _current.Length : 0;
        var cut = LastDifference >= Threshold;
        _hasPrevious = true;
        return cut;
    }
}
