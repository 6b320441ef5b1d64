using Xunit;

namespace LipSyncGuard.Testing;

/// <summary>The shared media folder beside the repository (<c>../shared/media</c>), or <c>LIPSYNC_SHARED_MEDIA</c>.
/// Tests that need it call <see cref="Require"/>, which skips them when it is absent.</summary>
public static class SharedMedia
{
    /// <summary>The folder, or null when absent.</summary>
    public static string? Root { get; } = Locate();

    /// <summary>The repository root (the folder holding LipSyncGuard.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>True when the shared media are present.</summary>
    public static bool Available => Root is not null;

    /// <summary>The absolute path of <paramref name="relative"/> in the shared media; skips the test when absent.</summary>
    public static string Require(string relative)
    {
        Skip.If(Root is null, "../shared/media is not present beside the repository");
        var path = Path.Combine(Root!, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"shared media file '{relative}' is absent");
        return path;
    }

    /// <summary>AVLips real sample 0 (224×224, 25 fps, AAC 16 kHz mono).</summary>
    public const string AvlipsReal0 = "avlips/0_real/0.mp4";

    /// <summary>AVLips fake sample 0.</summary>
    public const string AvlipsFake0 = "avlips/1_fake/0.mp4";

    /// <summary>A GRID sentence: MPEG-1 360×288 25 fps, MP2 44.1 kHz stereo.</summary>
    public const string Grid = "real/grid_bbaf2n.mpg";

    /// <summary>A VoxCeleb2 clip.</summary>
    public const string Vox = "real/vox2_00015.mp4";

    /// <summary>A variable-frame-rate clip (stream says 30 fps, ~22 fps average).</summary>
    public const string Vfr = "real/retalking_1.mp4";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LipSyncGuard.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("LipSyncGuard.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LIPSYNC_SHARED_MEDIA");
        if (!string.IsNullOrEmpty(fromEnv)) return Directory.Exists(fromEnv) ? fromEnv : null;
        var candidate = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "media"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
