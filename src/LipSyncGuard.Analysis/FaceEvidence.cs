namespace LipSyncGuard.Analysis;

/// <summary>What a person needs to check a face's verdict.</summary>
/// <param name="Flagged">Judged windows at or above the inconclusive threshold, strongest first (at most five).</param>
/// <param name="Lips">The lip opening against speech over the face's track.</param>
public sealed record FaceEvidence(IReadOnlyList<EvidenceWindow> Flagged, LipCurve Lips);
