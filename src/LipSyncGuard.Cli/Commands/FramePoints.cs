namespace LipSyncGuard.Cli.Commands;

/// <summary>The 68 landmark points of one face in one frame, as [x, y] pixel pairs (iBUG order).</summary>
/// <param name="Frame">Frame index.</param>
/// <param name="Points">68 [x, y] pairs.</param>
public sealed record FramePoints(long Frame, IReadOnlyList<float[]> Points);
