namespace LipSyncGuard.Data;

/// <summary>One fake made by <see cref="FakeSynthesizer"/>, or why it could not be made.</summary>
/// <param name="Source">The real item it was made from (its group is the fake's group).</param>
/// <param name="Kind">The manipulation.</param>
/// <param name="Path">The written video, or null when skipped.</param>
/// <param name="Error">Why it was skipped (no face for retime/freeze, unreadable source), else null.</param>
public sealed record SynthesizedFake(DatasetItem Source, SynthKind Kind, string? Path, string? Error);
