using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class GroupSplitTests
{
    private static List<DatasetItem> Synthetic() =>
        Enumerable.Range(0, 40).SelectMany(g => new[]
        {
            new DatasetItem($"/r{g}.mp4", 0, $"g{g}", "real", "-", null),
            new DatasetItem($"/f{g}.mp4", 1, $"g{g}", "lipsync", "x", null),
        }).ToList();

    [Fact]
    public void TrainValidation_Pairs_NoGroupOnBothSides()
    {
        var (train, validation) = GroupSplit.TrainValidation(Synthetic());

        Assert.Empty(train.Select(i => i.Group).Intersect(validation.Select(i => i.Group)));
        Assert.InRange(validation.Count, 14, 18);
        Assert.Equal(validation.Count(i => i.IsFake), validation.Count(i => !i.IsFake));
    }

    [Fact]
    public void TrainValidation_SameSeed_SameSplit()
    {
        var a = GroupSplit.TrainValidation(Synthetic(), seed: 7).Validation.Select(i => i.Path);
        var b = GroupSplit.TrainValidation(Synthetic(), seed: 7).Validation.Select(i => i.Path);
        var c = GroupSplit.TrainValidation(Synthetic(), seed: 8).Validation.Select(i => i.Path);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [SkippableFact]
    public void Folds_SharedManifest_EveryGroupInOneFoldAndBothLabelsInEach()
    {
        var items = Dataset.Load(Path.GetDirectoryName(SharedMedia.Require("manifest.csv"))!);

        var folds = GroupSplit.Folds(items, 5);

        Assert.Equal(items.Count, folds.Sum(f => f.Count));
        var foldOfGroup = folds.SelectMany((f, index) => f.Select(i => (i.Group, index))).GroupBy(x => x.Group);
        Assert.All(foldOfGroup, g => Assert.Single(g.Select(x => x.index).Distinct()));
        Assert.All(folds, f => Assert.Contains(f, i => i.IsFake));
        Assert.All(folds, f => Assert.Contains(f, i => !i.IsFake));
    }
}
