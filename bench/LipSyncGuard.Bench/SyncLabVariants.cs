using LipSyncGuard.Sync;

namespace LipSyncGuard.Bench;

/// <summary>The variants the sync lab compares, each a fixed set of options chosen before looking at any fold.</summary>
internal static class SyncLabVariants
{
    // Pinned to the first measure (log-mel, ±6 frames, linear, λ 1000), so the table re-runs the same whatever the shipped defaults become.
    private static readonly SyncOptions Baseline = SyncOptions.Default with { Audio = SyncAudio.LogMel, ContextFrames = 6, LipVelocity = false, CanonicalComponents = 0, CurveWindowFrames = 0, NormalizeMargin = false, ZeroLagToleranceFrames = 1, HiddenUnits = 0, Lambda = 1000, ContrastWeight = 0 };

    // The log-mel measure shipped at stops 16–31.
    private static readonly SyncOptions LogMelShipped = Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 0.5, ContrastLagFrames = 8 };

    public static IReadOnlyList<(string Name, SyncOptions Options)> All { get; } =
    [
        ("base", Baseline),
        ("win50", Baseline with { CurveWindowFrames = 50 }),
        ("vel", Baseline with { LipVelocity = true }),
        ("cca2", Baseline with { CanonicalComponents = 2 }),
        ("norm", Baseline with { NormalizeMargin = true }),
        ("win50+vel", Baseline with { CurveWindowFrames = 50, LipVelocity = true }),
        ("win50+vel+cca2", Baseline with { CurveWindowFrames = 50, LipVelocity = true, CanonicalComponents = 2 }),
        ("win50+vel+cca2+norm", Baseline with { CurveWindowFrames = 50, LipVelocity = true, CanonicalComponents = 2, NormalizeMargin = true }),
        ("win50+vel+norm", Baseline with { CurveWindowFrames = 50, LipVelocity = true, NormalizeMargin = true }),
        ("vel+norm", Baseline with { LipVelocity = true, NormalizeMargin = true }),
        ("win75+vel+norm", Baseline with { CurveWindowFrames = 75, LipVelocity = true, NormalizeMargin = true }),
        ("vel+cca6+norm", Baseline with { LipVelocity = true, CanonicalComponents = 6, NormalizeMargin = true }),
        ("vel+norm+tol2", Baseline with { LipVelocity = true, NormalizeMargin = true, ZeroLagToleranceFrames = 2 }),
        ("win50+vel+norm+tol2", Baseline with { CurveWindowFrames = 50, LipVelocity = true, NormalizeMargin = true, ZeroLagToleranceFrames = 2 }),
        ("base+tol2", Baseline with { ZeroLagToleranceFrames = 2 }),
        ("vel+tol2", Baseline with { LipVelocity = true, ZeroLagToleranceFrames = 2 }),
        ("win50+vel+tol2", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2 }),
        // A nonlinear audio map: rectified random units on the audio context beside it (AudioFeatures).
        ("win50+vel+tol2+h256", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 256 }),
        ("win50+vel+tol2+h1024", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024 }),
        ("win50+vel+tol2+h1024+l3000", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000 }),
        ("win50+vel+tol2+h2048", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 2048 }),
        ("win50+vel+tol2+h2048+l3000", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 2048, Lambda = 3000 }),
        // The margin against the best lag away from 0 instead of the median (SyncOptions.ContrastLagFrames).
        ("win50+vel+tol2+h1024+l3000+ctr4", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 1, ContrastLagFrames = 4 }),
        ("win50+vel+tol2+h1024+l3000+ctr6", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 1, ContrastLagFrames = 6 }),
        ("win50+vel+tol2+h1024+l3000+ctr8", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 1, ContrastLagFrames = 8 }),
        ("win50+vel+tol2+h1024+l3000+ctr6x0.5", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 0.5, ContrastLagFrames = 6 }),
        ("win50+vel+tol2+h1024+l3000+ctr8x0.5", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 0.5, ContrastLagFrames = 8 }),
        ("win50+vel+tol2+h1024+l3000+ctr8x0.3", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 0.3, ContrastLagFrames = 8 }),
        // A wider lag search (±0.8 / ±1.0 s): 1 s shifts get a peak inside the range, but every curve more lags to peak on.
        ("win50+vel+tol2+h1024+l3000+ctr8x0.5+lag20", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 0.5, ContrastLagFrames = 8, MaxLagFrames = 20 }),
        ("win50+vel+tol2+h1024+l3000+ctr8x0.5+lag25", Baseline with { CurveWindowFrames = 50, LipVelocity = true, ZeroLagToleranceFrames = 2, HiddenUnits = 1024, Lambda = 3000, ContrastWeight = 0.5, ContrastLagFrames = 8, MaxLagFrames = 25 }),
        // What the regression reads (stop 32): the speech embedding of the 0.76 s around each frame instead of log-mel rows.
        ("logmel+ctx2", LogMelShipped with { ContextFrames = 2 }),
        ("embed", LogMelShipped with { Audio = SyncAudio.SpeechEmbedding }),
        ("embed+ctx2", LogMelShipped with { Audio = SyncAudio.SpeechEmbedding, ContextFrames = 2 }),
        ("embed+ctx2+l300", LogMelShipped with { Audio = SyncAudio.SpeechEmbedding, ContextFrames = 2, Lambda = 300 }),
    ];
}
