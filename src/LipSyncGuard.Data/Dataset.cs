using System.Globalization;
using LipSyncGuard.Media;

namespace LipSyncGuard.Data;

/// <summary>Reads a dataset folder: the AVLips layout (<c>0_real/*.mp4</c>, <c>1_fake/*.mp4</c>, optional
/// <c>wav/0_real/*.wav</c>, <c>wav/1_fake/*.wav</c>) or any folder with a <c>manifest.csv</c>
/// (<c>path,label,group[,kind,generator]</c>, paths relative to the folder).</summary>
public static class Dataset
{
    /// <summary>Loads the items of <paramref name="directory"/>; a manifest wins over the AVLips layout.</summary>
    public static IReadOnlyList<DatasetItem> Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"data directory '{directory}' does not exist");
        var manifest = System.IO.Path.Combine(root, "manifest.csv");
        if (File.Exists(manifest)) return ReadManifest(manifest, root);
        var real = System.IO.Path.Combine(root, "0_real");
        var fake = System.IO.Path.Combine(root, "1_fake");
        if (!Directory.Exists(real) && !Directory.Exists(fake))
            throw new InvalidDataException($"'{directory}' has neither a manifest.csv nor the AVLips folders 0_real/ and 1_fake/");
        return [.. ReadClass(root, "0_real", 0, "real"), .. ReadClass(root, "1_fake", 1, "lipsync")];
    }

    /// <summary>The real items of a dataset folder (AVLips layout or manifest), or every video below a plain folder as a
    /// real item of its own group (its file stem).</summary>
    public static IReadOnlyList<DatasetItem> LoadRealVideos(string directory)
    {
        try
        {
            return [.. Load(directory).Where(i => !i.IsFake)];
        }
        catch (InvalidDataException)
        {
            return [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(VideoFiles.HasVideoExtension)
                .Order(StringComparer.Ordinal)
                .Select(f => new DatasetItem(System.IO.Path.GetFullPath(f), 0, System.IO.Path.GetFileNameWithoutExtension(f), "real", "-", null))];
        }
    }

    /// <summary>Reads a manifest; rows whose file is missing are kept (the loader reports them as unreadable).</summary>
    public static IReadOnlyList<DatasetItem> ReadManifest(string manifestPath, string root)
    {
        var lines = File.ReadAllLines(manifestPath);
        if (lines.Length == 0) throw new InvalidDataException($"'{manifestPath}' is empty");
        var header = Csv.Split(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name, bool required)
        {
            var index = header.IndexOf(name);
            if (index < 0 && required) throw new InvalidDataException($"'{manifestPath}' has no '{name}' column (columns: {string.Join(",", header)})");
            return index;
        }
        int path = Column("path", true), label = Column("label", true), group = Column("group", false), kind = Column("kind", false), generator = Column("generator", false);
        var items = new List<DatasetItem>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = Csv.Split(lines[i]);
            string Cell(int index) => index >= 0 && index < cells.Count ? cells[index].Trim() : "";
            if (!int.TryParse(Cell(label), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is not (0 or 1))
                throw new InvalidDataException($"'{manifestPath}' line {i + 1}: label must be 0 or 1, got '{Cell(label)}'");
            var relative = Cell(path);
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
            var groupName = Cell(group);
            items.Add(new DatasetItem(full, value, groupName.Length > 0 ? groupName : System.IO.Path.GetFileNameWithoutExtension(relative),
                Cell(kind) is { Length: > 0 } k ? k : value == 0 ? "real" : "fake", Cell(generator) is { Length: > 0 } g ? g : "-", null));
        }
        return items;
    }

    private static IEnumerable<DatasetItem> ReadClass(string root, string folder, int label, string kind)
    {
        var dir = System.IO.Path.Combine(root, folder);
        if (!Directory.Exists(dir)) yield break;
        foreach (var file in Directory.EnumerateFiles(dir).Where(VideoFiles.HasVideoExtension).Order(StringComparer.Ordinal))
        {
            var stem = System.IO.Path.GetFileNameWithoutExtension(file);
            var wav = System.IO.Path.Combine(root, "wav", folder, stem + ".wav");
            // In AVLips the fake N is the real N re-lip-synced: the stem is the group.
            yield return new DatasetItem(file, label, stem, kind, label == 1 ? "unknown" : "-", File.Exists(wav) ? wav : null);
        }
    }
}
