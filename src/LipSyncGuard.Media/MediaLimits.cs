namespace LipSyncGuard.Media;

/// <summary>Caps that keep a hostile or huge file from exhausting the machine.</summary>
public sealed record MediaLimits
{
    /// <summary>30 minutes, 8192×8192, 60 fps worth of frames, 60 s probe timeout.</summary>
    public static MediaLimits Default { get; } = new();

    /// <summary>Longest accepted duration.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Widest accepted frame (after rotation).</summary>
    public int MaxWidth { get; init; } = 8192;

    /// <summary>Tallest accepted frame (after rotation).</summary>
    public int MaxHeight { get; init; } = 8192;

    /// <summary>Most frames decoded from one file, whatever its header claims.</summary>
    public long MaxFrames { get; init; } = 30L * 60 * 60;

    /// <summary>How long ffprobe may take on one file.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for the next decoded frame before the file is refused as stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws when the limits contradict themselves.</summary>
    public MediaLimits Validate()
    {
        if (MaxDuration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDuration), MaxDuration, "must be positive");
        if (MaxWidth < 1 || MaxHeight < 1) throw new ArgumentOutOfRangeException(nameof(MaxWidth), $"{MaxWidth}x{MaxHeight}", "must be positive");
        if (MaxFrames < 1) throw new ArgumentOutOfRangeException(nameof(MaxFrames), MaxFrames, "must be positive");
        if (StallTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StallTimeout), StallTimeout, "must be positive");
        if (ProbeTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ProbeTimeout), ProbeTimeout, "must be positive");
        return this;
    }
}
