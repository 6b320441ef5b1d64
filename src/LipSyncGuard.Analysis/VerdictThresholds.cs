namespace LipSyncGuard.Analysis;

/// <summary>The two manipulation-probability thresholds that turn a score into a <see cref="Verdict"/>: at or above
/// <paramref name="Manipulated"/> a face is manipulated, at or above <paramref name="Inconclusive"/> (and below the
/// other) it is inconclusive, below it consistent. Equal values mean no inconclusive band.</summary>
/// <param name="Inconclusive">Lower bound of the inconclusive band.</param>
/// <param name="Manipulated">The manipulated threshold.</param>
public sealed record VerdictThresholds(double Inconclusive, double Manipulated)
{
    /// <summary>Both thresholds at <paramref name="threshold"/>: a single cut, no inconclusive band.</summary>
    public static VerdictThresholds At(double threshold) => new(threshold, threshold);

    /// <summary>Throws unless 0 ≤ <see cref="Inconclusive"/> ≤ <see cref="Manipulated"/> ≤ 1.</summary>
    public VerdictThresholds Validate()
    {
        if (!(Manipulated is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Manipulated), Manipulated, "must be in 0…1");
        if (!(Inconclusive >= 0 && Inconclusive <= Manipulated))
            throw new ArgumentOutOfRangeException(nameof(Inconclusive), Inconclusive, $"must be in 0…{Manipulated} (the manipulated threshold)");
        return this;
    }

    /// <summary>The verdict of a manipulation probability on its own (before any reason weakens it).</summary>
    public Verdict Classify(double manipulationProbability) =>
        manipulationProbability >= Manipulated ? Verdict.Manipulated
        : manipulationProbability >= Inconclusive ? Verdict.Inconclusive
        : Verdict.Consistent;
}
