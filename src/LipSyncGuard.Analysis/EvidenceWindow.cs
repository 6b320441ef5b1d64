namespace LipSyncGuard.Analysis;

/// <summary>One flagged moment of a face, what flagged it and what a person can check there by eye.</summary>
/// <param name="StartS">Window start.</param>
/// <param name="EndS">Window end.</param>
/// <param name="ManipulationProbability">The window's fused probability.</param>
/// <param name="Cue">Which evidence flags it (<c>detector</c>, <c>sync</c>, <c>texture</c>, joined by <c>+</c>).</param>
/// <param name="SyncScore">The window's in-sync probability, when judged.</param>
/// <param name="AvOffsetMs">The window's best audio lag; positive = the audio comes later than the mouth.</param>
/// <param name="Check">What to look for by eye at this moment.</param>
/// <param name="MouthStrip">Mouth crops across the window side by side, a PNG data URL (null without a detector: the
/// sync-only mode keeps no pixels).</param>
public sealed record EvidenceWindow(
    double StartS, double EndS, double ManipulationProbability, string Cue, double? SyncScore, double? AvOffsetMs, string Check, string? MouthStrip);
