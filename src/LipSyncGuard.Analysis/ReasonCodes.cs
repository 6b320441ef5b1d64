namespace LipSyncGuard.Analysis;

/// <summary>The machine codes of <see cref="Reason"/>, and which of them make the evidence too weak to call a face
/// either way.</summary>
public static class ReasonCodes
{
    /// <summary>The mouth is too few pixels wide for lip landmarks or mouth texture to be trusted.</summary>
    public const string SmallFace = "small_face";

    /// <summary>The head is turned far from the camera (2D lip distances foreshorten).</summary>
    public const string ProfileFace = "profile_face";

    /// <summary>Too little speech for lip-sync to be judged.</summary>
    public const string LowSpeech = "low_speech";

    /// <summary>The soundtrack is mostly music (or another sustained sound), not speech.</summary>
    public const string Music = "music";

    /// <summary>Less than the minimum duration could be judged.</summary>
    public const string ShortClip = "short_clip";

    /// <summary>So few bits per pixel that the mouth is mostly compression artefacts.</summary>
    public const string HeavyCompression = "heavy_compression";

    /// <summary>The landmark sync measure and the detector, which both see lips and audio, point strongly opposite ways.</summary>
    public const string CuesDisagree = "cues_disagree";

    /// <summary>The face's pixel or landmark cues lie far outside those of the real footage the verdict was fitted on.</summary>
    public const string OutOfDistribution = "out_of_distribution";

    /// <summary>The file decodes to less than its container claims (cut short or damaged).</summary>
    public const string Truncated = "truncated";

    /// <summary>Part of a face's time on screen could not be judged (no speech there, or someone else speaks).</summary>
    public const string PartialCoverage = "partial_coverage";

    /// <summary>A face is on screen while someone else speaks: a listener, an audience face, a cut-away.</summary>
    public const string NotSpeaking = "not_speaking";

    /// <summary>No face was found.</summary>
    public const string NoFace = "no_face";

    /// <summary>Nothing could be judged.</summary>
    public const string NotJudged = "not_judged";

    /// <summary>Reasons that make a would-be <see cref="Verdict.Manipulated"/> or <see cref="Verdict.Consistent"/> face
    /// <see cref="Verdict.Inconclusive"/>: the evidence itself is unreliable.</summary>
    public static IReadOnlySet<string> Unreliable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SmallFace, ProfileFace, LowSpeech, Music, ShortClip, HeavyCompression, CuesDisagree, OutOfDistribution,
    };

    /// <summary>Reasons that leave a <see cref="Verdict.Manipulated"/> face standing (what was seen is evidence) but
    /// make a <see cref="Verdict.Consistent"/> one inconclusive (what was not seen could hold the manipulation).</summary>
    public static IReadOnlySet<string> Unseen { get; } = new HashSet<string>(StringComparer.Ordinal) { Truncated };

    /// <summary>The verdict <paramref name="verdict"/> becomes given <paramref name="reasons"/>.</summary>
    public static Verdict Weaken(Verdict verdict, IEnumerable<Reason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (verdict is Verdict.NotJudged or Verdict.Inconclusive) return verdict;
        foreach (var reason in reasons)
        {
            if (Unreliable.Contains(reason.Code)) return Verdict.Inconclusive;
            if (verdict == Verdict.Consistent && Unseen.Contains(reason.Code)) return Verdict.Inconclusive;
        }
        return verdict;
    }
}
