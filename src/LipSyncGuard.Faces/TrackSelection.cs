namespace LipSyncGuard.Faces;

/// <summary>Which track(s) to analyse.</summary>
public enum TrackSelection
{
    /// <summary>The track covering the most frames (ties: more detected frames, then larger).</summary>
    Longest,
    /// <summary>The track with the largest mean box area.</summary>
    Largest,
    /// <summary>The track that starts first (ties: larger).</summary>
    First,
    /// <summary>Every track with at least the minimum length.</summary>
    All,
}
