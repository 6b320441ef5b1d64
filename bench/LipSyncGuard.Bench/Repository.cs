namespace LipSyncGuard.Bench;

/// <summary>Paths relative to the repository the bench runs from.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string SharedMedia(BenchOptions options) =>
        options.Media ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "media"));

    public static string Cache(BenchOptions options) => options.CacheDir ?? Path.Combine(Root, ".cache", "signals");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LipSyncGuard.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
