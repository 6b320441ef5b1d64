using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>A detection before suppression, already in frame pixels.</summary>
internal readonly record struct Candidate(float Score, FaceBox Box, Vector2[] Points, DetectionStage Stage);
