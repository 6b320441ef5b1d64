namespace LipSyncGuard.Media;

/// <summary>Which files in a folder are taken as videos (by extension; the content is still probed before use).</summary>
public static class VideoFiles
{
    /// <summary>Extensions of the containers ffmpeg reads for us, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".mp4", ".mov", ".mkv", ".avi", ".webm", ".mpg", ".mpeg", ".m4v", ".flv", ".ts", ".gif"];

    /// <summary>True when <paramref name="path"/> has a video extension.</summary>
    public static bool HasVideoExtension(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}
