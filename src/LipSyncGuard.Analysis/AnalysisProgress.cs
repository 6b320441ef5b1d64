namespace LipSyncGuard.Analysis;

/// <summary>How far an analysis is.</summary>
/// <param name="Stage">probe, frames, scoring.</param>
/// <param name="Fraction">0…1 of the stage.</param>
public sealed record AnalysisProgress(string Stage, double Fraction);
