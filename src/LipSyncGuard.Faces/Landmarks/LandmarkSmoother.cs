using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>One-Euro smoothing of one track's 68 points (one filter per coordinate): strong smoothing while a point is
/// still, almost none while it moves, so lip motion keeps its timing (what the sync measure needs) while detector
/// jitter goes. Positions are filtered in pixels; speeds are measured in face-scale units, so one setting fits every
/// face size. Not thread-safe: one instance per track.</summary>
public sealed class LandmarkSmoother
{
    private readonly OneEuroOptions _options;
    private readonly float[] _value = new float[2 * FaceLandmarks.Count];
    private readonly float[] _speed = new float[2 * FaceLandmarks.Count];
    private double _lastSeconds;
    private bool _primed;

    /// <summary>Creates a smoother; <paramref name="options"/> null uses <see cref="OneEuroOptions.Default"/>.</summary>
    public LandmarkSmoother(OneEuroOptions? options = null) => _options = (options ?? OneEuroOptions.Default).Validate();

    /// <summary>Forgets the past (after a shot cut, a lost track or a shape jump) so the next frame passes unchanged.</summary>
    public void Reset() => _primed = false;

    /// <summary>Smooths the points of the frame at <paramref name="timestampSeconds"/> (increasing within a track).</summary>
    public FaceLandmarks Smooth(FaceLandmarks raw, double timestampSeconds)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var scale = Math.Max(raw.OuterEyeCornerDistance, 1f);
        Span<Vector2> output = stackalloc Vector2[FaceLandmarks.Count];
        var dt = timestampSeconds - _lastSeconds;
        if (!_primed || !(dt > 0))
        {
            for (var i = 0; i < FaceLandmarks.Count; i++)
            {
                _value[2 * i] = raw[i].X;
                _value[(2 * i) + 1] = raw[i].Y;
            }
            Array.Clear(_speed);
            _primed = true;
            _lastSeconds = timestampSeconds;
            return raw;
        }
        _lastSeconds = timestampSeconds;
        var speedAlpha = Alpha(_options.DerivativeCutoffHz, dt);
        for (var k = 0; k < _value.Length; k++)
        {
            var x = k % 2 == 0 ? raw[k / 2].X : raw[k / 2].Y;
            // Speed in face units per second: dividing positions by the scale instead would turn the eye-distance
            // jitter into motion of every point.
            var speed = (x - _value[k]) / scale / (float)dt;
            _speed[k] += speedAlpha * (speed - _speed[k]);
            var cutoff = _options.MinCutoffHz + (_options.Beta * Math.Abs(_speed[k]));
            _value[k] += Alpha(cutoff, dt) * (x - _value[k]);
        }
        for (var i = 0; i < FaceLandmarks.Count; i++) output[i] = new Vector2(_value[2 * i], _value[(2 * i) + 1]);
        return new FaceLandmarks(output);
    }

    private static float Alpha(double cutoffHz, double dt)
    {
        var tau = 1 / (2 * Math.PI * cutoffHz);
        return (float)(1 / (1 + (tau / dt)));
    }
}
