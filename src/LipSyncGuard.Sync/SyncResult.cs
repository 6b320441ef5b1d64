namespace LipSyncGuard.Sync;

/// <summary>How well one span of a track's lips follows its audio.</summary>
/// <param name="Score">Probability that audio and mouth are in sync (0…1, calibrated); NaN when too little speech.</param>
/// <param name="OffsetFrames">The audio shift with the best fit; positive = the audio comes later than the mouth.</param>
/// <param name="OffsetMs">The same in milliseconds.</param>
/// <param name="Confidence">Best correlation minus the median over all lags: how clearly one lag stands out.</param>
/// <param name="Margin">Best correlation inside the in-sync window (<see cref="SyncOptions.ZeroLagToleranceFrames"/> early to
/// <see cref="SyncOptions.LateAudioToleranceFrames"/> late) minus a baseline between the median over all lags and the
/// best correlation well outside the window (what <see cref="Score"/> calibrates).</param>
/// <param name="ScoredFrames">Frames with speech and valid lips that entered the correlation.</param>
/// <param name="LagCorrelations">Mean correlation at each lag from −MaxLag to +MaxLag (NaN where too few pairs).</param>
public sealed record SyncResult(
    double Score,
    int OffsetFrames,
    double OffsetMs,
    double Confidence,
    double Margin,
    int ScoredFrames,
    IReadOnlyList<double> LagCorrelations)
{
    /// <summary>True when there was enough speech with a visible mouth to judge.</summary>
    public bool IsJudged => !double.IsNaN(Score);
}
