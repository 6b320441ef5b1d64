namespace LipSyncGuard.Sync;

/// <summary>The sync judgement of one timeline window.</summary>
/// <param name="StartFrame">First frame of the window.</param>
/// <param name="EndFrame">One past the last frame.</param>
/// <param name="Result">The sync measured over the window and its context.</param>
public sealed record SyncWindow(int StartFrame, int EndFrame, SyncResult Result);
