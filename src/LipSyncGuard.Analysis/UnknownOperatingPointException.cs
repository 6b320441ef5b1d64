namespace LipSyncGuard.Analysis;

/// <summary>An analysis asked for an operating point the engine does not have (<see cref="AnalysisOptions.OperatingPoint"/>):
/// bad input, which hosts answer as such (HTTP 400 with <see cref="Code"/>, a failed job with it).</summary>
public sealed class UnknownOperatingPointException(string message, Exception? inner = null) : ArgumentException(message, inner)
{
    /// <summary>The machine-readable code hosts answer it with.</summary>
    public const string Code = "invalid_operating_point";
}
