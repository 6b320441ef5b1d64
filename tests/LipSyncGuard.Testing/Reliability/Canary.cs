namespace LipSyncGuard.Testing.Reliability;

/// <summary>A file hostile inputs point at. Its access time is pushed into the past (under relatime a read only moves
/// atime when it is older than mtime), so any open-and-read by ffmpeg shows as a changed atime.</summary>
public sealed class Canary
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> and arms it.</summary>
    public Canary(string source, string path)
    {
        File.Copy(source, path, overwrite: true);
        Path = path;
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-1));
        File.SetLastAccessTimeUtc(path, DateTime.UtcNow.AddDays(-2));
        ArmedAccessTime = File.GetLastAccessTimeUtc(path);
    }

    /// <summary>The canary file.</summary>
    public string Path { get; }

    /// <summary>atime right after arming.</summary>
    public DateTime ArmedAccessTime { get; }

    /// <summary>True when the file has been read since it was armed.</summary>
    public bool WasRead => File.GetLastAccessTimeUtc(Path) != ArmedAccessTime;
}
