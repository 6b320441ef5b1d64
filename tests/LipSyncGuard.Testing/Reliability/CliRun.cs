namespace LipSyncGuard.Testing.Reliability;

/// <summary>What one <c>lipsync</c> child process did.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut);
