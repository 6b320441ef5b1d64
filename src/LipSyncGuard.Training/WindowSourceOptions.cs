using LipSyncGuard.Data;

namespace LipSyncGuard.Training;

/// <summary>How <see cref="WindowSource"/> fills the feature cache and cuts its entries into windows.</summary>
public sealed record WindowSourceOptions
{
    /// <summary>1 s windows (25 frames), hop 25, at most 8 per video, default preprocessing, one worker.</summary>
    public static WindowSourceOptions Default { get; } = new();

    /// <summary>Frames per window.</summary>
    public int Frames { get; init; } = 25;

    /// <summary>Frames between window starts.</summary>
    public int Hop { get; init; } = 25;

    /// <summary>Most windows taken from one video (evenly spread when it has more), so long clips do not dominate.</summary>
    public int MaxWindowsPerVideo { get; init; } = 8;

    /// <summary>Videos preprocessed in parallel when the cache misses entries.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Follow every real window with the same mouth hearing its own audio moved by 0.32–1 s (a <c>shift</c>
    /// fake, <see cref="AudioNegatives"/>).</summary>
    public bool ShiftNegatives { get; init; }

    /// <summary>Seed of the shift draws.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Throws when a setting is out of range.</summary>
    public WindowSourceOptions Validate()
    {
        if (Frames is < 5 or > 250) throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "must be in 5…250");
        if (Hop < 1) throw new ArgumentOutOfRangeException(nameof(Hop), Hop, "must be at least 1");
        if (MaxWindowsPerVideo < 1) throw new ArgumentOutOfRangeException(nameof(MaxWindowsPerVideo), MaxWindowsPerVideo, "must be at least 1");
        if (Workers is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "must be in 1…64");
        return this;
    }

    /// <summary>The reader's window geometry.</summary>
    public WindowOptions ToWindowOptions() => new WindowOptions { Frames = Frames, Hop = Hop }.Validate();
}
