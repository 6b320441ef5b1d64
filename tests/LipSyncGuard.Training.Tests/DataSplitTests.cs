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
        var split = DataSplit.Make(Items, 0.2, seed: 7);
        split.Save(dir.File(DataSplit.FileName));
        var windows = Enumerable.Range(0, 10).Select(i => SyntheticWindows.Make(i, i % 2)).ToList();

        var loaded = DataSplit.Load(dir.File(DataSplit.FileName));
        var (train, validation) = loaded.Partition(windows);

        Assert.Equal(split.Validation, loaded.Validation);
        Assert.Equal(split.Validation.Order(), validation.Select(w => w.VideoPath).Order());
        Assert.Equal(10, train.Count + validation.Count);
    }

    [Fact]
    public void Make_SingleGroup_Throws()
    {
        var one = Items.Select(i => i with { Group = "same" }).ToList();

        var e = Assert.Throws<ArgumentException>(() => DataSplit.Make(one, 0.2, 1));
        Assert.Contains("single group", e.Message);
    }
}
