namespace LipSyncGuard.Model.Checkpoints;

/// <summary>Writes a file so a crash never leaves a half-written one: to a temp file beside it, then one rename.</summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temp path in the target's folder, then renames it over
    /// <paramref name="path"/>; the temp file is removed when <paramref name="write"/> throws.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="text"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text));
}
