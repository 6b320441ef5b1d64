using LipSyncGuard.Sync;

namespace LipSyncGuard.Bench;

/// <summary>The variants the sync lab compares, each a fixed set of options chosen before looking at any fold.</summary>
internal static class SyncLabVariants
{
    private static readonly SyncOptions Baseline = SyncOptions.Default with { LipVelocity = false, CanonicalComponents = 0, CurveWindowFrames = 0, NormalizeMargin = false, ZeroLagToleranceFrames = 1 };

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
    ];
}
