namespace LipSyncGuard.Data;

/// <summary>Settings of <see cref="FakeSynthesizer"/>.</summary>
public sealed record SynthOptions
{
    /// <summary>All four kinds, seed 42, shifts of 0.2–1.0 s.</summary>
    public static SynthOptions Default { get; } = new();

    /// <summary>The manipulations to make from each real video.</summary>
    public IReadOnlyList<SynthKind> Kinds { get; init; } = [SynthKind.Swap, SynthKind.Shift, SynthKind.Retime, SynthKind.Freeze];

    /// <summary>Seed of every random choice (shift sizes and signs, swap partners).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Smallest audio shift, seconds.</summary>
    public double MinShiftSeconds { get; init; } = 0.2;

    /// <summary>Largest audio shift, seconds.</summary>
    public double MaxShiftSeconds { get; init; } = 1.0;

    /// <summary>Throws when a setting is out of range.</summary>
    public SynthOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Kinds);
        if (Kinds.Count == 0) throw new ArgumentException("at least one kind is needed", nameof(Kinds));
        if (!(MinShiftSeconds is > 0 and <= 10) || !(MaxShiftSeconds is > 0 and <= 10) || MinShiftSeconds > MaxShiftSeconds)
            throw new ArgumentOutOfRangeException(nameof(MinShiftSeconds), $"{MinShiftSeconds}…{MaxShiftSeconds}", "shifts must satisfy 0 < min ≤ max ≤ 10 s");
        return this;
    }
}
