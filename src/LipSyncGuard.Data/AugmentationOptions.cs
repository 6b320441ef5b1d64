namespace LipSyncGuard.Data;

/// <summary>Train-time augmentation of <see cref="SampleWindow"/>s (validation is never augmented): each transform has a
/// probability and a range; one draw per window, so every frame of a window gets the same transform.</summary>
public sealed record AugmentationOptions
{
    /// <summary>Speed 0.9–1.1× (p 0.5), rotation ±15° (p 0.5), flip (p 0.5), colour jitter ±0.2 (p 0.8), pixel noise
    /// σ ≤ 5/255 (p 0.3), mel noise σ ≤ 0.1 (p 0.3).</summary>
    public static AugmentationOptions Default { get; } = new();

    /// <summary>No transform at all (every probability 0).</summary>
    public static AugmentationOptions None { get; } = new()
    {
        SpeedProbability = 0, RotationProbability = 0, FlipProbability = 0, ColorJitterProbability = 0, PixelNoiseProbability = 0, MelNoiseProbability = 0,
    };

    /// <summary>Chance of a temporal speed change: video frames resampled and mel time-stretched by the same factor about
    /// the window centre, so they stay in sync.</summary>
    public double SpeedProbability { get; init; } = 0.5;

    /// <summary>Slowest speed factor (output time × factor = source time).</summary>
    public double MinSpeed { get; init; } = 0.9;

    /// <summary>Fastest speed factor.</summary>
    public double MaxSpeed { get; init; } = 1.1;

    /// <summary>Chance of an in-plane rotation of the crops.</summary>
    public double RotationProbability { get; init; } = 0.5;

    /// <summary>Largest rotation, degrees (drawn uniformly in ±this).</summary>
    public double MaxRotationDegrees { get; init; } = 15;

    /// <summary>Chance of a horizontal flip of the crops.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Chance of colour jitter.</summary>
    public double ColorJitterProbability { get; init; } = 0.8;

    /// <summary>Brightness factor range 1 ± this.</summary>
    public double Brightness { get; init; } = 0.2;

    /// <summary>Contrast factor range 1 ± this.</summary>
    public double Contrast { get; init; } = 0.2;

    /// <summary>Saturation factor range 1 ± this.</summary>
    public double Saturation { get; init; } = 0.2;

    /// <summary>Chance of Gaussian pixel noise.</summary>
    public double PixelNoiseProbability { get; init; } = 0.3;

    /// <summary>Largest pixel noise σ, in 0…255 units (drawn uniformly in [0, this]).</summary>
    public double MaxPixelNoise { get; init; } = 5;

    /// <summary>Chance of Gaussian noise on the log-mel.</summary>
    public double MelNoiseProbability { get; init; } = 0.3;

    /// <summary>Largest mel noise σ, in log-mel units.</summary>
    public double MaxMelNoise { get; init; } = 0.1;

    /// <summary>Throws when a setting is out of range.</summary>
    public AugmentationOptions Validate()
    {
        foreach (var (name, p) in new[]
        {
            (nameof(SpeedProbability), SpeedProbability), (nameof(RotationProbability), RotationProbability), (nameof(FlipProbability), FlipProbability),
            (nameof(ColorJitterProbability), ColorJitterProbability), (nameof(PixelNoiseProbability), PixelNoiseProbability), (nameof(MelNoiseProbability), MelNoiseProbability),
        })
        {
            if (!(p is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(name, p, "a probability must be in [0, 1]");
        }
        if (!(MinSpeed is >= 0.5 and <= 2) || !(MaxSpeed is >= 0.5 and <= 2) || MinSpeed > MaxSpeed)
            throw new ArgumentOutOfRangeException(nameof(MinSpeed), $"{MinSpeed}…{MaxSpeed}", "speeds must satisfy 0.5 ≤ MinSpeed ≤ MaxSpeed ≤ 2");
        if (!(MaxRotationDegrees is >= 0 and <= 90)) throw new ArgumentOutOfRangeException(nameof(MaxRotationDegrees), MaxRotationDegrees, "must be in [0, 90]");
        foreach (var (name, v) in new[] { (nameof(Brightness), Brightness), (nameof(Contrast), Contrast), (nameof(Saturation), Saturation) })
        {
            if (!(v is >= 0 and < 1)) throw new ArgumentOutOfRangeException(name, v, "must be in [0, 1)");
        }
        if (!(MaxPixelNoise is >= 0 and <= 128)) throw new ArgumentOutOfRangeException(nameof(MaxPixelNoise), MaxPixelNoise, "must be in [0, 128]");
        if (!(MaxMelNoise is >= 0 and <= 10)) throw new ArgumentOutOfRangeException(nameof(MaxMelNoise), MaxMelNoise, "must be in [0, 10]");
        return this;
    }
}
