namespace LipSyncGuard.Data;

/// <summary>Which generator family made a fake: the manifest's generator name up to its first parenthesis or "+" (the
/// method, not the run's settings or post-processing), with variants of one method merged — every Wav2Lip derivative,
/// TalkLip with TalkLipPlus, ReSyncer with StyleSync (one group's style-based generator). A held-out family must be
/// held out whole: a detector that saw Wav2Lip-GAN has seen Wav2Lip.</summary>
public static class GeneratorFamily
{
    private static readonly (string Contains, string Family)[] Merged =
    [
        ("Wav2Lip", "Wav2Lip"),
        ("TalkLip", "TalkLip"),
        ("ReSyncer", "StyleSync"),
        ("StyleSync", "StyleSync"),
        ("SadTalker-Video-Lip-Sync", "SadTalker-Video-Lip-Sync"),
    ];

    /// <summary>The family of <paramref name="generator"/>, or "-" for none (real videos, unknown generators).</summary>
    public static string Of(string? generator)
    {
        if (string.IsNullOrWhiteSpace(generator) || generator.Trim() == "-") return "-";
        foreach (var (contains, family) in Merged)
            if (generator.Contains(contains, StringComparison.OrdinalIgnoreCase)) return family;
        var end = generator.IndexOfAny(['(', '+']);
        var name = (end < 0 ? generator : generator[..end]).Trim();
        return name.Length == 0 ? "-" : name;
    }
}
