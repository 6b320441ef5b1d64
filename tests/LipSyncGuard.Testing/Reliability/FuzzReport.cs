namespace LipSyncGuard.Testing.Reliability;

/// <summary>What a mutation-fuzzing run found: files read, files refused (by code), and the failures that matter:
/// crashes (any exception but <c>MediaException</c>), hangs (past the per-file timeout) and leftover ffmpeg processes.</summary>
public sealed record FuzzReport(
    int Cases, int Seed, int Read, IReadOnlyDictionary<string, int> Refused, IReadOnlyList<string> Crashes, IReadOnlyList<string> Hangs,
    int LeftoverProcesses, TimeSpan Elapsed, TimeSpan Slowest);
