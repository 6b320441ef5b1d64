namespace LipSyncGuard.Training;

/// <summary>How <see cref="WindowSource"/> cuts videos into windows.</summary>
public sealed record WindowSourceOptions
{
    /// <summary>1 s windows (25 frames), hop 25, at most 8 per video, 96 px crops, first 30 s of each video.</summary>
    public static WindowSourceOptions Default { get; } = new();

    /// <summary>Frames per window.</summary>
    public int Frames { get; init; } = 25;

    /// <summary>Frames between window starts.</summary>
    public int Hop { get; init; } = 25;

    /// <summary>Most windows taken from one video (evenly spread when it has more).</summary>
    public int MaxWindowsPerVideo { get; init; } = 8;

    /// <summary>Frames read per video at most (keeps long clips from dominating and from filling memory with crops).</summary>
    public int MaxFrames { get; init; } = 750;

    /// <summary>Side of the mouth crops.</summary>
    public int CropSize { get; init; } = 96;

    /// <summary>Throws when a setting is out of range.</summary>
    public WindowSourceOptions Validate()
    {
        if (Frames is < 5 or > 250) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "must be in 5…250");
        if (Hop < 1) throw new ArgumentOutOfRangeException(nameof(Hop), Hop, "must be at least 1");
        if (MaxWindowsPerVideo < 1) throw new ArgumentOutOfRangeException(nameof(MaxWindowsPerVideo), MaxWindowsPerVideo, "must be at least 1");
        if (MaxFrames < Frames) throw new ArgumentOutOfRangeException(nameof(MaxFrames), MaxFrames, $"must be at least {Frames} (one window)");
        if (CropSize is < 16 or > 512) throw new ArgumentOutOfRangeException(nameof(CropSize), CropSize, "must be in 16…512");
        return this;
    }
}
