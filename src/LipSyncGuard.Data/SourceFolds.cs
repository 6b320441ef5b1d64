namespace LipSyncGuard.Data;

/// <summary>Cross-validation folds that hold out whole sources, generator families and people at once — how a detector
/// meets footage in use: from a camera, an encoder and a generator it never saw. Items that share a source (the
/// repository or footage origin a clip came from), a generator family (<see cref="GeneratorFamily"/>) or a group (person
/// / source footage) are joined; each joined component falls into one fold whole.</summary>
public static class SourceFolds
{
    /// <summary>The fold (0…k−1) of each item. <paramref name="sourceOf"/> gives an item's source (null: its group stands
    /// for its source); <paramref name="contentOf"/>, when given, a key of its content (a hash of its files): items with
    /// equal content are joined too, because one clip filed twice under two sources (the shared media hold such a pair)
    /// would otherwise be scored by a model fitted on its twin. Components are dealt largest first, each to the fold
    /// with the fewest items so far; ties go to the lower fold, so the assignment depends on the data alone. With
    /// <paramref name="shuffle"/> the components are dealt in that seed's random order instead: another partition with
    /// the same constraints, to see how much a figure owes to which sources happened to be held out together.</summary>
    public static int[] Assign(IReadOnlyList<DatasetItem> items, Func<DatasetItem, string?> sourceOf, int k, Func<DatasetItem, string>? contentOf = null, int? shuffle = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(sourceOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        var parent = new Dictionary<string, string>();
        string Find(string x)
        {
            if (!parent.TryGetValue(x, out var p)) parent[x] = p = x;
            if (p == x) return x;
            var root = Find(p);
            parent[x] = root;
            return root;
        }
        void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) parent[string.CompareOrdinal(ra, rb) < 0 ? rb : ra] = string.CompareOrdinal(ra, rb) < 0 ? ra : rb;
        }
        var keys = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            keys[i] = "group:" + item.Group;
            Union(keys[i], "source:" + (sourceOf(item) ?? item.Group));
            var family = GeneratorFamily.Of(item.Generator);
            if (item.Label == 1 && family != "-") Union(keys[i], "family:" + family);
            if (contentOf is not null) Union(keys[i], "content:" + contentOf(item));
        }
        var components = Enumerable.Range(0, items.Count).GroupBy(i => Find(keys[i]))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
        if (shuffle is { } seed) new Random(seed).Shuffle(components);
        var sizes = new int[k];
        var fold = new int[items.Count];
        foreach (var component in components)
        {
            var target = Array.IndexOf(sizes, sizes.Min());
            foreach (var i in component) fold[i] = target;
            sizes[target] += component.Count();
        }
        return fold;
    }

    /// <summary>Reads a provenance table (tab-separated, with a header naming <c>local_path</c> and <c>repo</c>, as the
    /// shared media's SOURCES.tsv) into a map from the media-relative path to its source.</summary>
    public static IReadOnlyDictionary<string, string> ReadSources(string tsvPath)
    {
        var lines = File.ReadAllLines(tsvPath);
        if (lines.Length == 0) throw new InvalidDataException($"'{tsvPath}' is empty");
        var header = lines[0].Split('\t');
        int path = Array.IndexOf(header, "local_path"), repo = Array.IndexOf(header, "repo");
        if (path < 0 || repo < 0) throw new InvalidDataException($"'{tsvPath}' has no local_path and repo columns");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length > Math.Max(path, repo)) map[cells[path].Replace('\\', '/')] = cells[repo];
        }
        return map;
    }
}
