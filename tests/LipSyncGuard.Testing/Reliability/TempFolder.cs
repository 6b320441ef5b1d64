namespace LipSyncGuard.Testing.Reliability;

/// <summary>What a program left in a temp folder.</summary>
public static class TempFolder
{
    /// <summary>ONNX Runtime writes one fixed-name session-id file (<c>$TMPDIR/.ses</c>, 51 bytes, rewritten in place) per
    /// process; it holds no user data and does not grow, so it is not a leak.</summary>
    public const string OnnxRuntimeSessionFile = ".ses";

    /// <summary>Entries left in <paramref name="directory"/>, apart from the ONNX Runtime session file.</summary>
    public static IReadOnlyList<string> Leftovers(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Where(p => Path.GetFileName(p) != OnnxRuntimeSessionFile).ToList();
}
