using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LipSyncGuard.Sync;

/// <summary>Fits a <see cref="SyncModel"/> on real (in-sync) tracks only: a ridge regression from audio context to
/// standardised lip motion, then a logistic calibration of the sync margin using the same tracks with their audio shifted
/// or swapped as negatives. No fake video is needed.</summary>
public sealed class SyncFitter
{
    private const int BlockRows = 512;
    private readonly SyncOptions _options;

    /// <summary>Creates a fitter.</summary>
    public SyncFitter(SyncOptions? options = null) => _options = (options ?? SyncOptions.Default).Validate();

    /// <summary>The options every model it fits carries.</summary>
    public SyncOptions Options => _options;

    /// <summary>Fits on <paramref name="realTracks"/>; <paramref name="seed"/> fixes the shifts used for calibration.</summary>
    public SyncModel Fit(IReadOnlyList<SyncTrack> realTracks, int seed = 1, string provenance = "")
    {
        ArgumentNullException.ThrowIfNull(realTracks);
        if (realTracks.Count < 2) throw new ArgumentException("need at least two real tracks (one to swap audio from)", nameof(realTracks));
        var audioWidth = realTracks[0].AudioWidth;
        var lipWidth = realTracks[0].LipWidth;
        if (realTracks.Any(t => t.AudioWidth != audioWidth || t.LipWidth != lipWidth)) throw new ArgumentException("tracks disagree on feature widths", nameof(realTracks));

        var weights = Solve(Accumulate(realTracks, audioWidth, lipWidth));
        var uncalibrated = Complete(weights, realTracks, audioWidth, lipWidth);
        var (a, b) = FitCalibration(new SyncScorer(uncalibrated), realTracks, seed);
        return uncalibrated with { CalibrationA = a, CalibrationB = b, Provenance = provenance };
    }

    /// <summary>The model from ridge weights, with its canonical projection fitted on <paramref name="tracks"/>; not yet
    /// calibrated (A = 1, B = 0: the score is σ(margin), still ordered by the margin).</summary>
    internal SyncModel Complete(float[] weights, IReadOnlyList<SyncTrack> tracks, int audioWidth, int lipWidth)
    {
        var model = new SyncModel { Options = _options, AudioWidth = audioWidth, LipWidth = lipWidth, Weights = weights, CalibrationA = 1, CalibrationB = 0 };
        if (_options.CanonicalComponents == 0) return model;
        var (p, l) = FitCanonical(model, tracks);
        return model with { PredictionProjection = p, LipProjection = l };
    }

    /// <summary>Canonical correlation between the predicted and the real lip channels over speech frames with valid lips:
    /// the pairs of directions whose projections correlate most, best first.</summary>
    private (float[] Predicted, float[] Lips) FitCanonical(SyncModel model, IReadOnlyList<SyncTrack> tracks)
    {
        var c = model.Channels;
        var k = Math.Min(_options.CanonicalComponents, c);
        var cpp = Matrix<double>.Build.Dense(c, c);
        var cll = Matrix<double>.Build.Dense(c, c);
        var cpl = Matrix<double>.Build.Dense(c, c);
        var n = 0;
        foreach (var track in tracks)
        {
            var (predicted, lips, _) = SyncScorer.Channels(model, track);
            for (var t = 0; t < track.FrameCount; t++)
            {
                if (!track.LipValid[t] || track.Speech[t] < _options.SpeechThreshold) continue;
                for (var i = 0; i < c; i++)
                {
                    double pi = predicted[t * c + i], li = lips[t * c + i];
                    for (var j = 0; j < c; j++)
                    {
                        cpp[i, j] += pi * predicted[t * c + j];
                        cll[i, j] += li * lips[t * c + j];
                        cpl[i, j] += pi * lips[t * c + j];
                    }
                }
                n++;
            }
        }
        if (n < 10 * c) throw new ArgumentException("too little speech with visible lips in the real tracks to fit the canonical projection", nameof(tracks));
        var wp = InverseSqrt(cpp / n);
        var wl = InverseSqrt(cll / n);
        var svd = (wp * (cpl / n) * wl).Svd(true);
        var a = wp * svd.U.SubMatrix(0, c, 0, k);
        var b = wl * svd.VT.Transpose().SubMatrix(0, c, 0, k);
        return (ToRowMajor(a), ToRowMajor(b));
    }

    private static Matrix<double> InverseSqrt(Matrix<double> covariance)
    {
        // A small ridge keeps near-duplicate channels (e.g. inner and outer aperture) from blowing up the whitening.
        var c = covariance.RowCount;
        var regularised = covariance + Matrix<double>.Build.DenseIdentity(c) * (1e-3 * covariance.Trace() / c);
        var evd = regularised.Evd(Symmetricity.Symmetric);
        var inverse = Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(e => 1 / Math.Sqrt(Math.Max(e.Real, 1e-12))).ToArray());
        return evd.EigenVectors * inverse * evd.EigenVectors.Transpose();
    }

    private static float[] ToRowMajor(Matrix<double> matrix)
    {
        var result = new float[matrix.RowCount * matrix.ColumnCount];
        for (var i = 0; i < matrix.RowCount; i++)
            for (var j = 0; j < matrix.ColumnCount; j++) result[i * matrix.ColumnCount + j] = (float)matrix[i, j];
        return result;
    }

    /// <summary>Ridge weights from summed normal equations.</summary>
    internal float[] Solve((Matrix<double> Xtx, Matrix<double> Xty) statistics)
    {
        var dims = statistics.Xtx.RowCount;
        var lipWidth = statistics.Xty.ColumnCount;
        var xtx = statistics.Xtx.Clone();
        for (var i = 0; i < dims; i++) xtx[i, i] += _options.Lambda;
        var solution = xtx.Cholesky().Solve(statistics.Xty);
        var weights = new float[dims * lipWidth];
        for (var i = 0; i < dims; i++)
            for (var k = 0; k < lipWidth; k++) weights[i * lipWidth + k] = (float)solution[i, k];
        return weights;
    }

    /// <summary>The normal equations XᵀX and XᵀY of the ridge over <paramref name="tracks"/> (sums: statistics of
    /// disjoint sets of tracks add up).</summary>
    internal (Matrix<double> Xtx, Matrix<double> Xty) Accumulate(IReadOnlyList<SyncTrack> tracks, int audioWidth, int lipWidth)
    {
        var features = new AudioFeatures(_options, audioWidth);
        var dims = features.Width;
        var xtx = Matrix<double>.Build.Dense(dims, dims);
        var xty = Matrix<double>.Build.Dense(dims, lipWidth);
        var block = Matrix<double>.Build.Dense(BlockRows, dims);
        var targets = Matrix<double>.Build.Dense(BlockRows, lipWidth);
        var rows = new float[AudioFeatures.BlockFrames * dims];
        var filled = 0;
        void Flush()
        {
            if (filled == 0) return;
            var x = filled == BlockRows ? block : block.SubMatrix(0, filled, 0, dims);
            var y = filled == BlockRows ? targets : targets.SubMatrix(0, filled, 0, lipWidth);
            xtx.Add(x.TransposeThisAndMultiply(x), xtx);
            xty.Add(x.TransposeThisAndMultiply(y), xty);
            filled = 0;
        }
        foreach (var track in tracks)
        {
            var audio = TrackNormalizer.Standardize(track.Audio, audioWidth, null);
            var lips = TrackNormalizer.Standardize(track.Lips, lipWidth, track.LipValid);
            for (var first = 0; first < track.FrameCount; first += AudioFeatures.BlockFrames)
            {
                var count = Math.Min(AudioFeatures.BlockFrames, track.FrameCount - first);
                features.Rows(audio, track.FrameCount, first, count, rows);
                for (var f = 0; f < count; f++)
                {
                    var t = first + f;
                    if (!track.LipValid[t]) continue;
                    for (var i = 0; i < dims; i++) block[filled, i] = rows[(f * dims) + i];
                    for (var k = 0; k < lipWidth; k++) targets[filled, k] = lips[t * lipWidth + k];
                    if (++filled == BlockRows) Flush();
                }
            }
        }
        Flush();
        return (xtx, xty);
    }

    /// <summary>Margins of timeline-sized spans: real ones are positives; shifted (≥ 8 frames) and swapped ones negatives.</summary>
    private (double A, double B) FitCalibration(SyncScorer scorer, IReadOnlyList<SyncTrack> tracks, int seed)
    {
        var random = new Random(seed);
        var margins = new List<(double Margin, bool InSync)>();
        var span = _options.WindowContextFrames;
        void Add(SyncTrack track, bool inSync)
        {
            foreach (var window in scorer.ScoreWindows(track, span, span))
            {
                if (!double.IsNaN(window.Result.Margin)) margins.Add((window.Result.Margin, inSync));
            }
        }
        for (var i = 0; i < tracks.Count; i++)
        {
            Add(tracks[i], true);
            // Shifted negatives lie beyond the in-sync window: early by ≥ ContrastLag frames, late by ≥ the late tolerance
            // plus the same guard (a genuine recording's late audio must not be taught as a mismatch).
            var shift = random.Next(2) == 0
                ? -random.Next(_options.ContrastLagFrames, _options.MaxLagFrames + 10)
                : random.Next(_options.LateAudioToleranceFrames + _options.ContrastLagFrames - _options.ZeroLagToleranceFrames, _options.MaxLagFrames + 10);
            Add(tracks[i].WithAudioShift(shift), false);
            Add(tracks[i].WithAudioFrom(tracks[(i + 1 + random.Next(tracks.Count - 1)) % tracks.Count]), false);
        }
        if (margins.Count(m => m.InSync) < 2 || margins.Count(m => !m.InSync) < 2)
            throw new ArgumentException("too little speech with visible lips in the real tracks to calibrate the sync score", nameof(tracks));
        return LogisticFit(margins);
    }

    /// <summary>One-feature logistic regression by Newton's method, with a weak prior that keeps it finite on separable data.</summary>
    internal static (double A, double B) LogisticFit(IReadOnlyList<(double X, bool Y)> data)
    {
        double a = 1, b = 0;
        const double prior = 1e-3;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = -prior * a, gb = 0, haa = prior, hab = 0, hbb = 1e-9;
            foreach (var (x, y) in data)
            {
                var p = 1 / (1 + Math.Exp(-(a * x + b)));
                var r = (y ? 1 : 0) - p;
                ga += r * x;
                gb += r;
                var w = p * (1 - p);
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-18) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9) break;
        }
        return (a, b);
    }
}
