using LipSyncGuard.Data;

namespace LipSyncGuard.Training;

/// <summary>What <see cref="Evaluator"/> found.</summary>
/// <param name="Overall">Metrics over every window at <see cref="BinaryMetrics.Threshold"/>.</param>
/// <param name="PerKind">Per fake kind: the reals plus that kind's fakes (empty when only one kind of fake).</param>
/// <param name="Scores">Probability of fake per window, in input order.</param>
/// <param name="Labels">Labels, in input order.</param>
public sealed record EvaluationReport(BinaryMetrics Overall, IReadOnlyDictionary<string, BinaryMetrics> PerKind, IReadOnlyList<double> Scores, IReadOnlyList<int> Labels);
