namespace LipSyncGuard.Model.Checkpoints;

/// <summary>How a checkpoint's tensors met the network's.</summary>
/// <param name="Path">The file loaded.</param>
/// <param name="Format"><c>lipsyncguard</c> (ours), <c>safetensors</c> or <c>pytorch</c>.</param>
/// <param name="Matched">Keys loaded (same name and shape).</param>
/// <param name="Missing">Network keys the file lacks (left as they were).</param>
/// <param name="Unexpected">File keys the network lacks (ignored).</param>
/// <param name="ShapeMismatched">Keys in both with different shapes, as <c>key file-shape≠net-shape</c>.</param>
public sealed record CheckpointLoadReport(
    string Path, string Format, IReadOnlyList<string> Matched, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> ShapeMismatched)
{
    /// <summary>One line for logs: counts and a few example keys.</summary>
    public string Summary()
    {
        static string Few(IReadOnlyList<string> keys) => keys.Count == 0 ? "" : $" ({string.Join(", ", keys.Take(3))}{(keys.Count > 3 ? ", …" : "")})";
        return $"{System.IO.Path.GetFileName(Path)} [{Format}]: {Matched.Count} matched, {Missing.Count} missing{Few(Missing)}, "
            + $"{Unexpected.Count} unexpected{Few(Unexpected)}, {ShapeMismatched.Count} shape-mismatched{Few(ShapeMismatched)}";
    }
}
