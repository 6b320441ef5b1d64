namespace LipSyncGuard.Audio;

/// <summary>Finds files that <c>./setup.sh</c> fetches into the repository's <c>models/</c> folder.</summary>
internal static class ModelFiles
{
    /// <summary>The first existing <c>models/<paramref name="fileName"/></c> in <c>LIPSYNC_MODELS</c>, or above the
    /// application folder, or above the working folder (so tests, the CLI and a published build all find it); null
    /// when none exists. <paramref name="searched"/> lists the folders looked in, for the error message.</summary>
    public static string? Locate(string fileName, out IReadOnlyList<string> searched)
    {
        var folders = new List<string>();
        var fromEnv = Environment.GetEnvironmentVariable("LIPSYNC_MODELS");
        if (!string.IsNullOrEmpty(fromEnv)) folders.Add(Path.GetFullPath(fromEnv));
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models");
                if (!folders.Contains(candidate)) folders.Add(candidate);
            }
        }
        searched = folders;
        return folders.Select(f => Path.Combine(f, fileName)).FirstOrDefault(File.Exists);
    }
}
