using System.Text.Json;
using LipSyncGuard.Data;
using LipSyncGuard.Model.Checkpoints;

namespace LipSyncGuard.Training;

/// <summary>The leak-free train / validation split of a run (<see cref="GroupSplit"/>, by group), written beside the
/// checkpoints so the validation set is known later and <c>--resume</c> keeps exactly the same one. In memory the
/// videos are full paths (as <see cref="DatasetItem.Path"/>); the file lists them relative to the data folder, so it
/// names none of the training machine's folders and still holds when the data moves.</summary>
public sealed record DataSplit
{
    /// <summary>File name in the weights folder.</summary>
    public const string FileName = "split.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Seed of the split.</summary>
    public int Seed { get; init; }

    /// <summary>Share of groups held out.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Training items' full paths.</summary>
    public IReadOnlyList<string> Train { get; init; } = [];

    /// <summary>Validation items' full paths.</summary>
    public IReadOnlyList<string> Validation { get; init; } = [];

    /// <summary>Validation groups (no group is on both sides).</summary>
    public IReadOnlyList<string> ValidationGroups { get; init; } = [];

    /// <summary>Splits <paramref name="items"/> by group; needs at least two groups.</summary>
    public static DataSplit Make(IReadOnlyList<DatasetItem> items, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(validationFraction is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be in (0, 1)");
        if (items.Select(i => i.Group).Distinct().Count() < 2)
            throw new ArgumentException("the dataset has a single group: a leak-free validation split needs at least 2 groups (people / source videos)", nameof(items));
        var (train, validation) = GroupSplit.TrainValidation(items, validationFraction, seed);
        return new DataSplit
        {
            Seed = seed, ValidationFraction = validationFraction, Train = [.. train.Select(i => i.Path)], Validation = [.. validation.Select(i => i.Path)],
            ValidationGroups = [.. validation.Select(i => i.Group).Distinct().Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Partitions <paramref name="windows"/> by their video; windows of videos on neither list go to training.</summary>
    public (List<SampleWindow> Train, List<SampleWindow> Validation) Partition(IEnumerable<SampleWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var validation = Validation.ToHashSet(StringComparer.Ordinal);
        var (t, v) = (new List<SampleWindow>(), new List<SampleWindow>());
        foreach (var w in windows) (validation.Contains(w.VideoPath) ? v : t).Add(w);
        return (t, v);
    }

    /// <summary>Writes the split atomically, its videos relative to <paramref name="dataDirectory"/> (<c>/</c> separators).</summary>
    public void Save(string path, string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        IReadOnlyList<string> Relative(IReadOnlyList<string> paths) => [.. paths.Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))];
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this with { Train = Relative(Train), Validation = Relative(Validation) }, Json));
    }

    /// <summary>Reads a split written by <see cref="Save"/>, its videos resolved against <paramref name="dataDirectory"/>;
    /// absolute paths (files written before the paths became relative) are taken as they are.</summary>
    public static DataSplit Load(string path, string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        var split = JsonSerializer.Deserialize<DataSplit>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"'{path}' holds no split");
        IReadOnlyList<string> Full(IReadOnlyList<string> paths) => [.. paths.Select(p => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(root, p)))];
        return split with { Train = Full(split.Train), Validation = Full(split.Validation) };
    }
}
