namespace LipSyncGuard.Data;

/// <summary>One labelled video of a dataset.</summary>
/// <param name="Path">Absolute path of the video.</param>
/// <param name="Label">0 = real, 1 = fake.</param>
/// <param name="Group">The person or source footage: items of one group always fall on one side of a split.</param>
/// <param name="Kind">real, lipsync, generated, swap, shift, … (from a manifest; AVLips gives real / lipsync).</param>
/// <param name="Generator">The generator that made a fake, when known ("-" otherwise).</param>
/// <param name="AudioPath">A separate audio file (AVLips <c>wav/</c>), or null to use the video's own audio.</param>
public sealed record DatasetItem(string Path, int Label, string Group, string Kind, string Generator, string? AudioPath)
{
    /// <summary>True for label 1.</summary>
    public bool IsFake => Label == 1;
}
