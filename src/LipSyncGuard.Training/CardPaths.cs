using System.Security.Cryptography;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training;

/// <summary>How a card names files: relative, never as the training machine's absolute paths (a card is shipped, served
/// by <c>/api/model</c> and read on other machines).</summary>
public static class CardPaths
{
    /// <summary><paramref name="path"/> relative to <paramref name="cardDirectory"/> when it lies below it; else relative
    /// to the repository root above the card (the nearest folder holding <c>.git</c>) when it lies below that; else
    /// relative to the card's folder with <c>..</c> steps. Separators are <c>/</c>.</summary>
    public static string Relative(string path, string cardDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(cardDirectory);
        var full = Path.GetFullPath(path);
        var card = Path.GetFullPath(cardDirectory);
        var from = IsBelow(full, card) ? card : RepositoryRoot(card) is { } root && IsBelow(full, root) ? root : card;
        return Path.GetRelativePath(from, full).Replace('\\', '/');
    }

    /// <summary>The card's record of the pretrained weights at <paramref name="weightsPath"/>: its path relative to
    /// <paramref name="cardDirectory"/> (<see cref="Relative"/>) and its SHA-256 (the file is streamed, not read whole).</summary>
    public static PretrainedFile Pretrained(string weightsPath, string cardDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        using var stream = File.OpenRead(weightsPath);
        return new PretrainedFile(Relative(weightsPath, cardDirectory), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private static bool IsBelow(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static string? RepositoryRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            // A worktree's or submodule's .git is a file.
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return dir.FullName;
        }
        return null;
    }
}
