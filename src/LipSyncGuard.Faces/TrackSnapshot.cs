namespace LipSyncGuard.Faces;

/// <summary>A live track as the tracker sees it at the current frame.</summary>
/// <param name="TrackId">Stable id (1, 2, … in order of appearance).</param>
/// <param name="Face">Its face now (the last box while in a gap).</param>
public sealed record TrackSnapshot(int TrackId, TrackedFace Face);
