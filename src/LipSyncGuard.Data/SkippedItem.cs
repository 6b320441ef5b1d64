namespace LipSyncGuard.Data;

/// <summary>A dataset item that could not be used, and why.</summary>
/// <param name="Item">The item.</param>
/// <param name="Reason">One line: the media error code and message, or what was missing.</param>
public sealed record SkippedItem(DatasetItem Item, string Reason);
