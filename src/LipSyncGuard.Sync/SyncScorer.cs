namespace LipSyncGuard.Sync;

/// <summary>The landmark sync measure, in the spirit of SyncNet's offset search: predict lip motion from the audio, then
/// correlate the prediction with the real lips at every lag in ±MaxLag. In sync, the best lag is 0 and it stands out
/// from the rest; shifted audio moves the peak, swapped audio flattens it.</summary>
public sealed class SyncScorer
{
    private readonly SyncModel _model;

    /// <summary>Creates a scorer over a fitted model.</summary>
    public SyncScorer(SyncModel model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The model in use.</summary>
    public SyncModel Model => _model;

    /// <summary>Scores the whole track.</summary>
    public SyncResult Score(SyncTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var (predicted, lips) = Prepare(track);
        return Measure(track, predicted, lips, 0, track.FrameCount);
    }

    /// <summary>Scores windows of <paramref name="windowFrames"/> hopping <paramref name="hopFrames"/>; each is judged over a
    /// span of <see cref="SyncOptions.WindowContextFrames"/> centred on it.</summary>
    public IReadOnlyList<SyncWindow> ScoreWindows(SyncTrack track, int windowFrames, int hopFrames)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopFrames, 1);
        var spans = new List<(int, int)>();
        for (var start = 0; start < track.FrameCount; start += hopFrames)
        {
            var end = Math.Min(start + windowFrames, track.FrameCount);
            spans.Add((start, end));
            if (end == track.FrameCount) break;
        }
        return ScoreWindows(track, spans);
    }

    /// <summary>Scores the given windows ([start, end) frames of the track); each is judged over a span of
    /// <see cref="SyncOptions.WindowContextFrames"/> centred on it.</summary>
    public IReadOnlyList<SyncWindow> ScoreWindows(SyncTrack track, IEnumerable<(int Start, int End)> windows)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(windows);
        var (predicted, lips) = Prepare(track);
        var results = new List<SyncWindow>();
        foreach (var (start, end) in windows)
        {
            if (start < 0 || end > track.FrameCount || end <= start) throw new ArgumentOutOfRangeException(nameof(windows), $"[{start}, {end}) is not inside the track's {track.FrameCount} frames");
            var span = Math.Max(end - start, _model.Options.WindowContextFrames);
            var centre = (start + end) / 2;
            var from = Math.Clamp(centre - (span / 2), 0, Math.Max(0, track.FrameCount - span));
            var to = Math.Min(track.FrameCount, from + span);
            results.Add(new SyncWindow(start, end, Measure(track, predicted, lips, from, to)));
        }
        return results;
    }

    /// <summary>The calibrated in-sync probability for a margin.</summary>
    public double Calibrate(double margin) =>
        double.IsNaN(margin) ? double.NaN : 1 / (1 + Math.Exp(-(_model.CalibrationA * margin + _model.CalibrationB)));

    private (float[] Predicted, float[] Lips) Prepare(SyncTrack track)
    {
        var (predicted, lips, _) = Channels(_model, track);
        return Project(predicted, lips, _model.Channels, _model.Options.CanonicalComponents);
    }

    private (float[] Predicted, float[] Lips) Project(float[] predicted, float[] lips, int channels, int components)
    {
        if (components == 0) return (predicted, lips);
        return (Multiply(predicted, channels, _model.PredictionProjection, components), Multiply(lips, channels, _model.LipProjection, components));
    }

    private static float[] Multiply(float[] values, int width, float[] projection, int components)
    {
        var frames = values.Length / width;
        var result = new float[frames * components];
        for (var t = 0; t < frames; t++)
        {
            for (var c = 0; c < components; c++)
            {
                double sum = 0;
                for (var k = 0; k < width; k++) sum += values[t * width + k] * projection[k * components + c];
                result[t * components + c] = (float)sum;
            }
        }
        return result;
    }

    /// <summary>The scoring channels before projection: predicted and real standardised lips, followed (with
    /// <see cref="SyncOptions.LipVelocity"/>) by their standardised central differences. Lip frames whose neighbours are
    /// not valid get zero velocity (the per-track mean).</summary>
    internal static (float[] Predicted, float[] Lips, int Channels) Channels(SyncModel model, SyncTrack track)
    {
        if (track.LipWidth != model.LipWidth) throw new ArgumentException($"track has {track.LipWidth} lip values per frame; the model predicts {model.LipWidth}", nameof(track));
        var predicted = model.Predict(track);
        var lips = TrackNormalizer.Standardize(track.Lips, track.LipWidth, track.LipValid);
        if (!model.Options.LipVelocity) return (predicted, lips, track.LipWidth);
        var width = track.LipWidth;
        var frames = track.FrameCount;
        var valid = track.LipValid;
        var all = new bool[frames];
        Array.Fill(all, true);
        var velocityValid = new bool[frames];
        for (var t = 1; t + 1 < frames; t++) velocityValid[t] = valid[t - 1] && valid[t + 1];
        var predictedVelocity = TrackNormalizer.Standardize(Difference(predicted, width, frames, all), width, all);
        var lipVelocity = TrackNormalizer.Standardize(Difference(lips, width, frames, velocityValid), width, velocityValid);
        return (Interleave(predicted, predictedVelocity, width, frames), Interleave(lips, lipVelocity, width, frames), 2 * width);
    }

    private static float[] Difference(float[] values, int width, int frames, bool[] valid)
    {
        var result = new float[values.Length];
        for (var t = 1; t + 1 < frames; t++)
        {
            if (!valid[t]) continue;
            for (var k = 0; k < width; k++) result[t * width + k] = values[(t + 1) * width + k] - values[(t - 1) * width + k];
        }
        return result;
    }

    private static float[] Interleave(float[] first, float[] second, int width, int frames)
    {
        var result = new float[frames * 2 * width];
        for (var t = 0; t < frames; t++)
        {
            first.AsSpan(t * width, width).CopyTo(result.AsSpan(t * 2 * width, width));
            second.AsSpan(t * width, width).CopyTo(result.AsSpan((t * 2 * width) + width, width));
        }
        return result;
    }

    private SyncResult Measure(SyncTrack track, float[] predicted, float[] lips, int from, int to)
    {
        var options = _model.Options;
        var maxLag = options.MaxLagFrames;
        var width = predicted.Length / Math.Max(1, track.FrameCount);
        var correlations = new double[2 * maxLag + 1];
        var scored = 0;
        var window = options.CurveWindowFrames;
        if (window == 0 || to - from <= window)
        {
            for (var lag = -maxLag; lag <= maxLag; lag++)
            {
                var (c, pairs) = Correlate(track, predicted, lips, width, from, to, from, to, lag);
                correlations[lag + maxLag] = pairs >= options.MinPairs ? c : double.NaN;
                if (lag == 0) scored = pairs;
            }
        }
        else
        {
            // Average the curves of overlapping sub-windows, each weighted by its pairs at that lag. A sub-window fixes the
            // audio frames; the lips may come from anywhere in the track, so every lag sees the same sub-windows.
            var sums = new double[correlations.Length];
            var weights = new double[correlations.Length];
            var starts = new List<int>();
            for (var start = from; start + window <= to; start += options.CurveHopFrames) starts.Add(start);
            if (starts[^1] + window < to) starts.Add(to - window);
            foreach (var start in starts)
            {
                for (var lag = -maxLag; lag <= maxLag; lag++)
                {
                    var (c, pairs) = Correlate(track, predicted, lips, width, start, start + window, 0, track.FrameCount, lag);
                    if (pairs < options.MinPairs || double.IsNaN(c)) continue;
                    sums[lag + maxLag] += c * pairs;
                    weights[lag + maxLag] += pairs;
                }
            }
            for (var i = 0; i < correlations.Length; i++) correlations[i] = weights[i] > 0 ? sums[i] / weights[i] : double.NaN;
            scored = Correlate(track, predicted, lips, width, from, to, from, to, 0).Pairs;
        }
        var valid = correlations.Where(c => !double.IsNaN(c)).ToArray();
        if (valid.Length < maxLag)
        {
            return new SyncResult(double.NaN, 0, 0, 0, double.NaN, scored, correlations);
        }
        Array.Sort(valid);
        var median = valid[valid.Length / 2];
        var best = 0;
        for (var i = 0; i < correlations.Length; i++)
        {
            if (double.IsNaN(correlations[best]) || correlations[i] > correlations[best]) best = i;
        }
        // In sync: the best lag from ZeroLagTolerance frames early to LateAudioTolerance frames late. The baseline's
        // off-peak part reads lags at least (ContrastLag − ZeroLagTolerance) frames beyond either edge of that window.
        int early = options.ZeroLagToleranceFrames, late = options.LateAudioToleranceFrames, guard = options.ContrastLagFrames - early;
        var nearZero = Enumerable.Range(maxLag - early, early + late + 1).Select(i => correlations[i]).Where(c => !double.IsNaN(c)).DefaultIfEmpty(double.NaN).Max();
        var offZeroPeak = Enumerable.Range(0, correlations.Length).Where(i => i - maxLag <= -early - guard || i - maxLag >= late + guard)
            .Select(i => correlations[i]).Where(c => !double.IsNaN(c)).DefaultIfEmpty(median).Max();
        var margin = nearZero - (median + options.ContrastWeight * (offZeroPeak - median));
        if (options.NormalizeMargin)
        {
            var mean = valid.Average();
            var spread = Math.Sqrt(valid.Sum(c => (c - mean) * (c - mean)) / valid.Length);
            margin /= Math.Max(spread, 1e-3);
        }
        var offset = best - maxLag;
        return new SyncResult(Calibrate(margin), offset, offset * 1000 / options.FramesPerSecond, correlations[best] - median, margin, scored, correlations);
    }

    /// <summary>Mean over lip features of the Pearson correlation between predicted lips at t and real lips at t − lag,
    /// over frames t in [from, to) where t has speech and t − lag, inside [lipFrom, lipTo), has valid lips.</summary>
    private (double Correlation, int Pairs) Correlate(SyncTrack track, float[] predicted, float[] lips, int width, int from, int to, int lipFrom, int lipTo, int lag)
    {
        Span<double> sx = stackalloc double[width], sy = stackalloc double[width], sxx = stackalloc double[width], syy = stackalloc double[width], sxy = stackalloc double[width];
        sx.Clear(); sy.Clear(); sxx.Clear(); syy.Clear(); sxy.Clear();
        var n = 0;
        for (var t = Math.Max(from, lipFrom + lag); t < Math.Min(to, lipTo + lag); t++)
        {
            var m = t - lag;
            if (track.Speech[t] < _model.Options.SpeechThreshold || !track.LipValid[m]) continue;
            for (var k = 0; k < width; k++)
            {
                double x = predicted[t * width + k], y = lips[m * width + k];
                sx[k] += x; sy[k] += y; sxx[k] += x * x; syy[k] += y * y; sxy[k] += x * y;
            }
            n++;
        }
        if (n < 3) return (double.NaN, n);
        double total = 0;
        for (var k = 0; k < width; k++)
        {
            var cov = sxy[k] - sx[k] * sy[k] / n;
            var vx = sxx[k] - sx[k] * sx[k] / n;
            var vy = syy[k] - sy[k] * sy[k] / n;
            total += vx > 1e-12 && vy > 1e-12 ? cov / Math.Sqrt(vx * vy) : 0;
        }
        return (total / width, n);
    }
}
