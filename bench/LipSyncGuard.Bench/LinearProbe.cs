using System.Globalization;
using System.Text;
using LipSyncGuard.Data;
using LipSyncGuard.Training;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Bench;

/// <summary>A logistic regression over a few per-video features, fitted on one dataset and scored per kind on others:
/// the shortcut probes and cue probes of issue 12 (the same fit the verdict fusion uses).</summary>
internal static class LinearProbe
{
    /// <summary>One dataset's feature rows and items (same order).</summary>
    public sealed record Set(string Name, IReadOnlyList<double[]> X, IReadOnlyList<DatasetItem> Items)
    {
        /// <summary>The rows whose item passes <paramref name="keep"/>.</summary>
        public Set Where(string name, Func<DatasetItem, bool> keep)
        {
            var rows = Enumerable.Range(0, Items.Count).Where(i => keep(Items[i])).ToList();
            return new Set(name, [.. rows.Select(i => X[i])], [.. rows.Select(i => Items[i])]);
        }
    }

    /// <summary>A fitted probe: standardised weights and the scoring function.</summary>
    public sealed record Probe(double[] Weights, Func<double[], double> Score)
    {
        /// <summary>Scores <paramref name="set"/> per kind at threshold 0.5.</summary>
        public EvaluationReport Evaluate(Set set) =>
            Evaluator.Evaluate([.. set.X.Select(Score)], [.. set.Items.Select(i => i.Label)], [.. set.Items.Select(i => i.Kind)], 0.5);
    }

    /// <summary>Standardises on <paramref name="train"/> and fits.</summary>
    public static Probe Fit(Set train, bool balanced)
    {
        var (mean, scale, w, b) = LogisticRegression.FitStandardized(train.X, [.. train.Items.Select(i => i.Label)], balanced);
        return new Probe(w, r => LogisticRegression.Sigmoid(LogisticRegression.Linear(w, LogisticRegression.Standardize(r, mean, scale), b)));
    }

    /// <summary>Fits on <paramref name="train"/> and writes the training AUC, each test set's AUC per kind and the
    /// standardised weights as markdown.</summary>
    public static string Report(string title, IReadOnlyList<string> names, Set train, IReadOnlyList<Set> tests, bool balanced)
    {
        var probe = Fit(train, balanced);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {title} ({train.Items.Count} training videos: {train.Name})").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"features: {string.Join(", ", names)}; training AUC {probe.Evaluate(train).Overall.Auc:0.000}").AppendLine()
            .AppendLine("| test set | real vs | videos | AUC |").AppendLine("|---|---|---|---|");
        foreach (var test in tests)
        {
            var report = probe.Evaluate(test);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {test.Name} | all | {report.Overall.Count} | {report.Overall.Auc:0.000} |");
            foreach (var (kind, m) in report.PerKind) text.AppendLine(CultureInfo.InvariantCulture, $"| {test.Name} | {kind} | {m.Count} | {m.Auc:0.000} |");
        }
        return text.AppendLine().AppendLine("weights (standardised): " + string.Join(", ", names.Zip(probe.Weights, (n, v) => string.Create(CultureInfo.InvariantCulture, $"{n} {v:+0.00;-0.00}")))).ToString();
    }

    /// <summary>The items of the dataset at <paramref name="dir"/> whose file exists.</summary>
    public static List<DatasetItem> Items(string dir) => Dataset.Load(dir).Where(i => File.Exists(i.Path)).ToList();
}
