namespace LipSyncGuard.Bench;

/// <summary>Paths relative to the repository the bench runs from (located as the tests locate it).</summary>
internal static class Repository
{
    public static string Root => Testing.SharedMedia.RepositoryRoot;

    public static string SharedMedia(BenchOptions options) =>
        options.Media ?? Testing.SharedMedia.Root ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "media"));

    public static string Cache(BenchOptions options) => options.CacheDir ?? Path.Combine(Root, ".cache", "signals");
}
