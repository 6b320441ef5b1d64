using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class DatasetTests
{
    [SkippableFact]
    public void Load_AvlipsSample_ThreePairsWithWavs()
    {
        var items = Dataset.Load(SharedMedia.Require("avlips"));

        Assert.Equal(3, items.Count(i => i.Label == 0));
        Assert.Equal(3, items.Count(i => i.Label == 1));
        Assert.All(items, i => Assert.NotNull(i.AudioPath));
        Assert.Equal(["0", "1", "2"], items.Where(i => i.IsFake).Select(i => i.Group));
    }

    [Fact]
    public void Load_DirectoryWithSpaces_Works()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "AVLips1 2");
        Directory.CreateDirectory(Path.Combine(root, "0_real"));
        Directory.CreateDirectory(Path.Combine(root, "1_fake"));
        File.WriteAllBytes(Path.Combine(root, "0_real", "7.mp4"), [1]);
        File.WriteAllBytes(Path.Combine(root, "1_fake", "7.mp4"), [1]);

        var items = Dataset.Load(root);

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("7", i.Group));
    }

    [Fact]
    public void Load_NeitherLayoutNorManifest_ExplainsWhatItExpects()
    {
        using var dir = new TempDir();

        var error = Assert.Throws<InvalidDataException>(() => Dataset.Load(dir.Path));

        Assert.Contains("0_real", error.Message);
    }

    [SkippableFact]
    public void ReadManifest_SharedManifest_GroupsKindsAndGenerators()
    {
        var root = SharedMedia.Require("manifest.csv");

        var items = Dataset.Load(Path.GetDirectoryName(root)!);

        Assert.True(items.Count > 200);
        Assert.Contains(items, i => i.Kind == "lipsync");
        Assert.Contains(items, i => i.Kind == "generated");
        Assert.All(items.Where(i => i.Kind == "real"), i => Assert.Equal(0, i.Label));
    }
}
