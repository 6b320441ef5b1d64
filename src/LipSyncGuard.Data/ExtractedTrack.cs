using LipSyncGuard.Sync;

namespace LipSyncGuard.Data;

/// <summary>A dataset item with its selected face's sync input, or why it has none.</summary>
/// <param name="Item">The item.</param>
/// <param name="Track">The selected track's signals; null when unreadable or without a face.</param>
/// <param name="Error">Why <paramref name="Track"/> is null (unreadable file, no face), else null.</param>
public sealed record ExtractedTrack(DatasetItem Item, SyncTrack? Track, string? Error);
