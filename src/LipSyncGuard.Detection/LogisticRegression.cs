namespace LipSyncGuard.Detection;

/// <summary>Small L2-regularised logistic regression by full-batch gradient descent: the fusion of detector and sync
/// evidence and the metadata shortcut probe both fit one, on at most a few hundred videos.</summary>
public static class LogisticRegression
{
    /// <summary>Fits weights and bias to <paramref name="x"/> (rows of features) and <paramref name="labels"/> (0/1),
    /// starting from <paramref name="initial"/> weights and bias 0, each row weighted by <see cref="RowWeights"/>.</summary>
    public static (double[] Weights, double Bias) Fit(
        IReadOnlyList<double[]> x, IReadOnlyList<int> labels, double[] initial, bool balanced, double rate, double l2, int steps,
        IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(initial);
        var n = labels.Count;
        if (x.Count != n) throw new ArgumentException("one feature row per label is needed", nameof(x));
        var rowWeight = RowWeights(labels, balanced, strata);
        var w = (double[])initial.Clone();
        double b = 0;
        var gradient = new double[w.Length];
        for (var step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            double gb = 0;
            for (var i = 0; i < n; i++)
            {
                var e = rowWeight[i] * (Sigmoid(Linear(w, x[i], b)) - labels[i]);
                for (var j = 0; j < w.Length; j++) gradient[j] += e * x[i][j];
                gb += e;
            }
            for (var j = 0; j < w.Length; j++) w[j] -= rate * ((gradient[j] / n) + (l2 * w[j]));
            b -= rate * gb / n;
        }
        return (w, b);
    }

    /// <summary>Each row's weight in the loss, averaging 1 over the rows: 1 each; with <paramref name="balanced"/>, each
    /// class half of the loss (n / 2·n_class per row); with <paramref name="strata"/> (one name per row: where the row
    /// came from) as well, each row within its class weighs 1/√(rows of its stratum in that class), so a stratum of 35
    /// rows weighs √35 ≈ 6 times a stratum of one, not 35 times: what the fit learns is not mostly the one origin with
    /// the most rows.</summary>
    public static double[] RowWeights(IReadOnlyList<int> labels, bool balanced, IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var n = labels.Count;
        if (strata is not null && !balanced) throw new ArgumentException("strata weigh rows within a class: they need balanced classes", nameof(strata));
        if (strata is not null && strata.Count != n) throw new ArgumentException($"one stratum per label is needed: {strata.Count} for {n}", nameof(strata));
        if (!balanced) return [.. labels.Select(_ => 1.0)];
        var raw = new double[n];
        var sizes = strata is null ? null : Enumerable.Range(0, n).CountBy(i => (labels[i], strata[i])).ToDictionary();
        for (var i = 0; i < n; i++) raw[i] = sizes is null ? 1 : 1 / Math.Sqrt(sizes[(labels[i], strata![i])]);
        var classTotal = new Dictionary<int, double>();
        for (var i = 0; i < n; i++) classTotal[labels[i]] = classTotal.GetValueOrDefault(labels[i]) + raw[i];
        return [.. raw.Select((r, i) => n * r / (2 * classTotal[labels[i]]))];
    }

    /// <summary>L2 penalty of <see cref="FitStandardized"/> unless told otherwise.</summary>
    public const double DefaultL2 = 1e-3;

    /// <summary>Fits on standardised features: each feature's mean and standard deviation over <paramref name="x"/> (plus
    /// a tiny floor, so a constant feature divides safely), then L2-regularised logistic regression from zero weights
    /// (learning rate 0.1, L2 <paramref name="l2"/>, 3000 steps, rows weighted by <see cref="RowWeights"/>) — the texture
    /// cue, the cue heads and the bench's probes, whose features have unlike units.</summary>
    public static (double[] Mean, double[] Scale, double[] Weights, double Bias) FitStandardized(
        IReadOnlyList<double[]> x, IReadOnlyList<int> labels, bool balanced, double l2 = DefaultL2, IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0) throw new ArgumentException("no rows", nameof(x));
        var d = x[0].Length;
        var mean = Enumerable.Range(0, d).Select(j => x.Average(r => r[j])).ToArray();
        var scale = Enumerable.Range(0, d).Select(j => Math.Sqrt(x.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]))) + 1e-9).ToArray();
        var (w, b) = Fit([.. x.Select(r => Standardize(r, mean, scale))], labels, new double[d], balanced, rate: 0.1, l2, steps: 3000, strata);
        return (mean, scale, w, b);
    }

    /// <summary>(x − mean) / scale, feature by feature.</summary>
    public static double[] Standardize(double[] x, IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        var z = new double[x.Length];
        for (var j = 0; j < x.Length; j++) z[j] = (x[j] - mean[j]) / scale[j];
        return z;
    }

    /// <summary>w·x + b, summed in feature order.</summary>
    public static double Linear(double[] weights, double[] features, double bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(features);
        var z = 0.0;
        for (var j = 0; j < weights.Length; j++) z += weights[j] * features[j];
        return z + bias;
    }

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
