namespace LipSyncGuard.Detection;

/// <summary>Small L2-regularised logistic regression by full-batch gradient descent: the fusion of detector and sync
/// evidence and the metadata shortcut probe both fit one, on at most a few hundred videos.</summary>
public static class LogisticRegression
{
    /// <summary>Fits weights and bias to <paramref name="x"/> (rows of features) and <paramref name="labels"/> (0/1),
    /// starting from <paramref name="initial"/> weights and bias 0; with <paramref name="balanced"/> each class weighs
    /// half of the loss (n / 2·n_class per row).</summary>
    public static (double[] Weights, double Bias) Fit(
        IReadOnlyList<double[]> x, IReadOnlyList<int> labels, double[] initial, bool balanced, double rate, double l2, int steps)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(initial);
        var n = labels.Count;
        if (x.Count != n) throw new ArgumentException("one feature row per label is needed", nameof(x));
        var positives = labels.Count(l => l == 1);
        var rowWeight = labels.Select(l => !balanced ? 1.0 : l == 1 ? n / (2.0 * positives) : n / (2.0 * (n - positives))).ToArray();
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

    /// <summary>L2 penalty of <see cref="FitStandardized"/> unless told otherwise.</summary>
    public const double DefaultL2 = 1e-3;

    /// <summary>Fits on standardised features: each feature's mean and standard deviation over <paramref name="x"/> (plus
    /// a tiny floor, so a constant feature divides safely), then L2-regularised logistic regression from zero weights
    /// (learning rate 0.1, L2 <paramref name="l2"/>, 3000 steps) — the texture cue, the cue heads and the bench's probes,
    /// whose features have unlike units.</summary>
    public static (double[] Mean, double[] Scale, double[] Weights, double Bias) FitStandardized(IReadOnlyList<double[]> x, IReadOnlyList<int> labels, bool balanced, double l2 = DefaultL2)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0) throw new ArgumentException("no rows", nameof(x));
        var d = x[0].Length;
        var mean = Enumerable.Range(0, d).Select(j => x.Average(r => r[j])).ToArray();
        var scale = Enumerable.Range(0, d).Select(j => Math.Sqrt(x.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]))) + 1e-9).ToArray();
        var (w, b) = Fit([.. x.Select(r => Standardize(r, mean, scale))], labels, new double[d], balanced, rate: 0.1, l2, steps: 3000);
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
