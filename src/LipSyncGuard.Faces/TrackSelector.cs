namespace LipSyncGuard.Faces;

/// <summary>Picks the track(s) to analyse from a finished tracking pass.</summary>
public static class TrackSelector
{
    /// <summary>Selects from <paramref name="tracks"/>. Tracks shorter than <paramref name="minLength"/> frames are
    /// ignored (flicker, passers-by) unless no track is that long, when all are considered, so a short clip still
    /// yields its face. Returns an empty list only when there are no tracks.</summary>
    public static IReadOnlyList<FaceTrack> Select(IReadOnlyList<FaceTrack> tracks, TrackSelection mode, int minLength = 1)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        if (tracks.Count == 0) return [];
        var pool = tracks.Where(t => t.Length >= minLength).ToList();
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
