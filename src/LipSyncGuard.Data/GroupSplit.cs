namespace LipSyncGuard.Data;

/// <summary>Leak-free splits: whole groups (a person, a source video and the fakes made from it) go to one side, and the
/// sides keep the label balance of the whole. Deterministic for a seed.</summary>
public static class GroupSplit
{
    /// <summary>Splits into train and validation with about <paramref name="validationFraction"/> of the items in validation.</summary>
    public static (IReadOnlyList<DatasetItem> Train, IReadOnlyList<DatasetItem> Validation) TrainValidation(
        IReadOnlyList<DatasetItem> items, double validationFraction = 0.2, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (validationFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be in (0, 1)");
        var folds = Folds(items, Math.Max(2, (int)Math.Round(1 / validationFraction)), seed);
        return ([.. folds.Skip(1).SelectMany(f => f)], folds[0]);
    }

    /// <summary>Assigns every group to one of <paramref name="k"/> folds, balancing real and fake counts: groups are taken
    /// in a seeded random order, largest first, each into the fold that most needs its labels.</summary>
    public static IReadOnlyList<IReadOnlyList<DatasetItem>> Folds(IReadOnlyList<DatasetItem> items, int k, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        var random = new Random(seed);
        var groups = items.GroupBy(i => i.Group, StringComparer.Ordinal)
            .Select(g => (Items: g.ToList(), Key: random.Next()))
            .OrderByDescending(g => g.Items.Count).ThenBy(g => g.Key)
            .ToList();
        var totalReal = items.Count(i => !i.IsFake);
        var totalFake = items.Count - totalReal;
        var folds = Enumerable.Range(0, k).Select(_ => new List<DatasetItem>()).ToList();
        foreach (var (group, _) in groups)
        {
            var real = group.Count(i => !i.IsFake);
            var fake = group.Count - real;
            // The fold furthest below its share of this group's labels takes it.
            var best = Enumerable.Range(0, k).OrderBy(f =>
            {
                var fr = folds[f].Count(i => !i.IsFake) + real;
                var ff = folds[f].Count(i => i.IsFake) + fake;
                return (totalReal == 0 ? 0 : (double)fr / totalReal) + (totalFake == 0 ? 0 : (double)ff / totalFake);
            }).ThenBy(f => f).First();
            folds[best].AddRange(group);
        }
        return folds;
    }
}
