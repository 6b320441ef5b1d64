namespace LipSyncGuard.Data;

/// <summary>What a preprocessing run did.</summary>
/// <param name="Total">Items given.</param>
/// <param name="Extracted">Items decoded and stored in this run.</param>
/// <param name="Cached">Items already in the cache.</param>
/// <param name="Skipped">Corrupt or unreadable items, with the reason (never fatal).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="MediaSeconds">Seconds of media in the usable items.</param>
/// <param name="Tracks">Face tracks stored (fallback tracks included).</param>
/// <param name="FallbackTracks">Items without a face (centre-crop fallback).</param>
public sealed record PreprocessReport(
    int Total, int Extracted, int Cached, IReadOnlyList<SkippedItem> Skipped, TimeSpan Elapsed, double MediaSeconds, int Tracks, int FallbackTracks)
{
    /// <summary>Items per minute of wall time.</summary>
    public double VideosPerMinute => Elapsed.TotalMinutes <= 0 ? 0 : (Total - Skipped.Count) / Elapsed.TotalMinutes;

    /// <summary>Media seconds per wall second.</summary>
    public double TimesRealtime => Elapsed.TotalSeconds <= 0 ? 0 : MediaSeconds / Elapsed.TotalSeconds;
}
