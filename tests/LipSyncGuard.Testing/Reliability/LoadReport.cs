namespace LipSyncGuard.Testing.Reliability;

/// <summary>What a burst of concurrent uploads got: every request's fate, latency percentiles over all answers, and the
/// service's resident memory before and at its peak.</summary>
public sealed record LoadReport(
    int Clients, int Ok, int Busy, int BusyWithoutRetryAfter, IReadOnlyList<string> Other, int Lost,
    double P50Ms, double P95Ms, double P99Ms, double OkP50Ms, long RssBeforeBytes, long RssPeakBytes, TimeSpan Wall);
