namespace LipSyncGuard.Faces.Landmarks;

/// <summary>One-Euro filter settings (Casiez et al. 2012) for <see cref="LandmarkSmoother"/>, in face-scale units:
/// positions are divided by the outer-eye-corner distance before filtering, so one setting fits every face size.</summary>
public sealed record OneEuroOptions
{
    /// <summary>Settings that remove sub-pixel jitter on a still face yet follow lip motion without a frame of lag at
    /// 25 fps: speech moves the lips by ~0.1–0.3 face units within a few frames, which opens the cutoff at once.</summary>
    public static OneEuroOptions Default { get; } = new();

    /// <summary>Cutoff frequency (Hz) for a still point: lower removes more jitter and lags slow drifts more.</summary>
    public double MinCutoffHz { get; init; } = 1.5;

    /// <summary>How fast the cutoff rises with speed (per face unit per second): higher lags fast motion less.</summary>
    public double Beta { get; init; } = 30.0;

    /// <summary>Cutoff (Hz) of the speed estimate itself.</summary>
    public double DerivativeCutoffHz { get; init; } = 2.0;

    /// <summary>Throws when a setting is not positive and finite.</summary>
    public OneEuroOptions Validate()
    {
        if (!(MinCutoffHz > 0 && double.IsFinite(MinCutoffHz))) throw new ArgumentOutOfRangeException(nameof(MinCutoffHz), MinCutoffHz, "must be positive");
        if (!(Beta >= 0 && double.IsFinite(Beta))) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "must be 0 or more");
        if (!(DerivativeCutoffHz > 0 && double.IsFinite(DerivativeCutoffHz))) throw new ArgumentOutOfRangeException(nameof(DerivativeCutoffHz), DerivativeCutoffHz, "must be positive");
        return this;
    }
}
