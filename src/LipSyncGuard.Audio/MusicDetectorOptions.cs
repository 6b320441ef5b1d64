namespace LipSyncGuard.Audio;

/// <summary>Settings of <see cref="MusicDetector"/>. <see cref="Default"/> is Scheirer &amp; Slaney's measure (20 ms
/// frames, 1 s windows) with the bound the README documents.</summary>
public sealed record MusicDetectorOptions
{
    /// <summary>The pipeline's settings.</summary>
    public static MusicDetectorOptions Default { get; } = new();

    /// <summary>Length of the frames whose RMS level is compared, seconds.</summary>
    public double FrameSeconds { get; init; } = 0.02;

    /// <summary>Length of the windows whose mean level the frames are compared with, seconds.</summary>
    public double WindowSeconds { get; init; } = 1;

    /// <summary>Windows whose mean frame RMS is below this (−60 dBFS) are silence, neither speech nor music, and are left
    /// out; the nearly silent shared real clips (<c>darsh_src_oldwoman_*</c>, −64 dBFS) have no window above it.</summary>
    public double SilenceRms { get; init; } = 1e-3;

    /// <summary>A soundtrack whose low-energy-frame share is below this is music. Measured on the 159 shared real speech
    /// clips with sound: 0.049 at the lowest (speech over cafeteria noise), 0.18 at the 5th percentile, 0.36 median;
    /// the sung Hamilton performance 0.156; synthetic plucked melodies, piano-like chords, organ chords and a tone: 0.000.</summary>
    public double MaxLowEnergyShare { get; init; } = 0.025;

    /// <summary>Throws when a setting is out of range.</summary>
    public MusicDetectorOptions Validate()
    {
        if (!(FrameSeconds is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(FrameSeconds), FrameSeconds, "must be in (0, 1]");
        if (!(WindowSeconds >= FrameSeconds)) throw new ArgumentOutOfRangeException(nameof(WindowSeconds), WindowSeconds, $"must be at least FrameSeconds ({FrameSeconds})");
        if (!(SilenceRms >= 0)) throw new ArgumentOutOfRangeException(nameof(SilenceRms), SilenceRms, "must be 0 or more");
        if (!(MaxLowEnergyShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MaxLowEnergyShare), MaxLowEnergyShare, "must be in 0…1");
        return this;
    }
}
