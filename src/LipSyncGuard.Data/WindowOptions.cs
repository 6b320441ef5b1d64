namespace LipSyncGuard.Data;

/// <summary>How a preprocessed track is cut into <see cref="SampleWindow"/>s: T frames hopping by <see cref="Hop"/>.</summary>
public sealed record WindowOptions
{
    /// <summary>25 frames (1 s at 25 fps) hopping by 12 (T/2).</summary>
    public static WindowOptions Default { get; } = new();

    /// <summary>T, video frames per window.</summary>
    public int Frames { get; init; } = 25;

    /// <summary>Frames between window starts; null means T/2.</summary>
    public int? Hop { get; init; }

    /// <summary>The hop in use.</summary>
    public int EffectiveHop => Hop ?? Math.Max(1, Frames / 2);

    /// <summary>Throws when a setting is out of range.</summary>
    public WindowOptions Validate()
    {
        if (Frames is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "must be in 1…1000");
        if (Hop is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(Hop), Hop, "must be in 1…1000");
        return this;
    }
}
