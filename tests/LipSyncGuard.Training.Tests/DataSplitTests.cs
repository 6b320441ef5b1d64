using LipSyncGuard.Data;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class DataSplitTests
{
    private static readonly IReadOnlyList<DatasetItem> Items =
    [
        .. Enumerable.Range(0, 10).Select(i => new DatasetItem($"synthetic-{i}.mp4", i % 2, $"g{i / 2}", i % 2 == 0 ? "real" : "shift", "", null)),
    ];

    [Fact]
    public void Make_TenItemsFiveGroups_NoGroupOnBothSidesAndEveryItemOnce()
    {
        var split = DataSplit.Make(Items, 0.2, seed: 7);

        Assert.Equal(Items.Select(i => i.Path).Order(), split.Train.Concat(split.Validation).Order());
        Assert.NotEmpty(split.Validation);
        var trainGroups = Items.Where(i => split.Train.Contains(i.Path)).Select(i => i.Group).ToHashSet();
        Assert.DoesNotContain(split.ValidationGroups, trainGroups.Contains);
    }

    [Fact]
    public void SaveLoad_RoundTrip_PartitionsWindowsTheSameWay()
    {
        using var dir = new TempDir();
        var data = dir.File("data");
        var items = InFolder(data);
        var split = DataSplit.Make(items, 0.2, seed: 7);
        split.Save(dir.File(DataSplit.FileName), data);
        var windows = items.Select((item, i) => SyntheticWindows.Make(i, item.Label) with { VideoPath = item.Path }).ToList();

        var loaded = DataSplit.Load(dir.File(DataSplit.FileName), data);
        var (train, validation) = loaded.Partition(windows);

        Assert.Equal(split.Validation, loaded.Validation);
        Assert.Equal(split.Train, loaded.Train);
        Assert.Equal(split.Validation.Order(), validation.Select(w => w.VideoPath).Order());
        Assert.Equal(10, train.Count + validation.Count);
    }

    [Fact]
    public void Save_VideosInTheDataFolder_FileListsThemRelativeToIt()
    {
        using var dir = new TempDir();
        var data = dir.File("data");
        var split = DataSplit.Make(InFolder(data), 0.2, seed: 7);

        split.Save(dir.File(DataSplit.FileName), data);

        var text = File.ReadAllText(dir.File(DataSplit.FileName));
        Assert.DoesNotContain(dir.Path, text, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var listed = json.RootElement.GetProperty("Train").EnumerateArray().Concat(json.RootElement.GetProperty("Validation").EnumerateArray()).Select(e => e.GetString()!);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"clips/synthetic-{i}.mp4").Order(), listed.Order());
    }

    [Fact]
    public void Load_DataFolderMoved_ResolvesTheVideosAgainstTheNewOne()
    {
        using var dir = new TempDir();
        var split = DataSplit.Make(InFolder(dir.File("old")), 0.2, seed: 7);
        split.Save(dir.File(DataSplit.FileName), dir.File("old"));

        var moved = DataSplit.Load(dir.File(DataSplit.FileName), dir.File("new"));

        Assert.Equal(split.Validation.Select(p => p.Replace(dir.File("old"), dir.File("new"), StringComparison.Ordinal)), moved.Validation);
    }

    [Fact]
    public void Load_OlderFileWithAbsolutePaths_KeepsThem()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(DataSplit.FileName), """
            { "Seed": 7, "ValidationFraction": 0.2, "Train": ["/srv/data/a.mp4"], "Validation": ["/srv/data/b.mp4"], "ValidationGroups": ["b"] }
            """);

        var split = DataSplit.Load(dir.File(DataSplit.FileName), dir.File("elsewhere"));

        Assert.Equal(["/srv/data/a.mp4"], split.Train);
        Assert.Equal(["/srv/data/b.mp4"], split.Validation);
    }

    /// <summary><see cref="Items"/> as a dataset in <paramref name="data"/> names them: full paths below it.</summary>
    private static List<DatasetItem> InFolder(string data) => [.. Items.Select(i => i with { Path = Path.Combine(data, "clips", i.Path) })];

    [Fact]
    public void Make_SingleGroup_Throws()
    {
        var one = Items.Select(i => i with { Group = "same" }).ToList();

        var e = Assert.Throws<ArgumentException>(() => DataSplit.Make(one, 0.2, 1));
        Assert.Contains("single group", e.Message);
    }
}
