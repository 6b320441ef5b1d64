namespace LipSyncGuard.Faces;

/// <summary>Picks the track(s) to analyse from a finished tracking pass.</summary>
public static class TrackSelector
{
    /// <summary>Least share of a track's frames that must be real detections for it to be selectable: a track held
    /// together mostly by interpolation is usually a flickering false positive (a blurred crowd, a hand).</summary>
    public const double MinDetectedShare = 0.5;

    /// <summary>Selects from <paramref name="tracks"/>. Tracks shorter than <paramref name="minLength"/> frames or
    /// detected on less than <see cref="MinDetectedShare"/> of them are ignored (flicker, passers-by) unless no track
    /// qualifies, when all are considered, so a short clip still yields its face. Returns an empty list only when
    /// there are no tracks (or, for <see cref="TrackSelection.All"/>, none qualifies).</summary>
    /// <param name="tracks">Finished tracks.</param>
    /// <param name="mode">Selection mode.</param>
    /// <param name="minLength">Least frames.</param>
    /// <param name="detectedShare">Least share of frames detected (divide <see cref="MinDetectedShare"/> by the
    /// detection cadence when the detector skips frames).</param>
    public static IReadOnlyList<FaceTrack> Select(IReadOnlyList<FaceTrack> tracks, TrackSelection mode, int minLength = 1, double detectedShare = MinDetectedShare)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        if (tracks.Count == 0) return [];
        var pool = tracks.Where(t => t.Length >= minLength && t.DetectedFrames >= detectedShare * t.Length).ToList();
        if (pool.Count == 0)
        {
            if (mode == TrackSelection.All) return [];
            pool = [.. tracks];
        }
        return mode switch
        {
            TrackSelection.Longest => [pool.OrderByDescending(t => t.Length).ThenByDescending(t => t.DetectedFrames).ThenByDescending(t => t.MeanArea).First()],
            TrackSelection.Largest => [pool.OrderByDescending(t => t.MeanArea).ThenByDescending(t => t.Length).First()],
            TrackSelection.First => [pool.OrderBy(t => t.StartFrame).ThenByDescending(t => t.MeanArea).First()],
            TrackSelection.All => pool.OrderBy(t => t.Id).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown selection"),
        };
    }
}
