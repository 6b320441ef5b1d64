namespace LipSyncGuard.Cli.Commands;

/// <summary>A box in the JSON output, in pixels.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record BoxReport(float X, float Y, float Width, float Height);
