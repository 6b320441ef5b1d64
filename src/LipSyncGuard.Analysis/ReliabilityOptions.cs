namespace LipSyncGuard.Analysis;

/// <summary>Where evidence stops being reliable, and who counts as speaking. Each bound produces one
/// <see cref="ReasonCodes"/> reason.</summary>
public sealed record ReliabilityOptions
{
    /// <summary>The bounds the README documents.</summary>
    public static ReliabilityOptions Default { get; } = new();

    /// <summary>Below this estimated mouth width (pixels of the analysed frames) a face is <c>small_face</c>: the landmark
    /// tracker already distrusts faces whose eye corners are under 30 px apart (a mouth of ~16 px), and a 96 px mouth crop
    /// upsampled from fewer than 20 px is a blur of a few compression blocks.</summary>
    public double MinMouthPixels { get; init; } = 20;

    /// <summary>Median absolute head yaw (degrees) above which a face is <c>profile_face</c>.</summary>
    public double MaxYawDegrees { get; init; } = 55;

    /// <summary>A video, or a face's judged time, shorter than this is <c>short_clip</c>: the sync measure's lag search
    /// needs about 2 s of speech to stand out from chance.</summary>
    public double MinSeconds { get; init; } = 2;

    /// <summary>Video bits per pixel per frame below which a file is <c>heavy_compression</c>. The lowest of the shared
    /// real clips is 0.017 (an 854×480 upload at 351 kbit/s); below 0.01 a talking head's mouth is mostly blocks.</summary>
    public double MinBitsPerPixel { get; init; } = 0.01;

    /// <summary>A decoded duration below this share of the container's is <c>truncated</c>.</summary>
    public double MinDecodedShare { get; init; } = 0.9;

    /// <summary><c>cues_disagree</c> when the sync measure's in-sync probability is at most this while the detector on its
    /// own (it also sees lips and audio) is at most <see cref="DisagreeDetector"/>: each says the other is wrong, strongly. The
    /// opposite pairing (detector or texture high, sync in sync) is not a disagreement: the sync measure cannot see
    /// re-synthesised mouths, which are made to look in sync. On the shared real clips, GRID lrwp9a (sync 0.11, detector
    /// 0.14) is the one such pair, and its fused score calls the real speaker manipulated.</summary>
    public double DisagreeSync { get; init; } = 0.15;

    /// <summary>See <see cref="DisagreeSync"/>.</summary>
    public double DisagreeDetector { get; init; } = 0.2;

    /// <summary>Standard deviation of the inner lip gap (in eye-corner distances) over a window below which a mouth is
    /// still: a listener's lips jitter by a few thousandths, a speaker's open and close by tenths.</summary>
    public double MinLipMotion { get; init; } = 0.02;

    /// <summary>A face whose window sync score is below another moving face's by more than this is not the speaker there.</summary>
    public double SpeakerMargin { get; init; } = 0.1;

    /// <summary>In a video with several faces, a window sync score below this does not count as speaking (a laughing
    /// listener moves the lips too; the shared Hamilton clip's audience faces score 0.04, its singer 0.3–0.5).</summary>
    public double MinSpeakerSync { get; init; } = 0.2;

    /// <summary>Throws when a bound is out of range.</summary>
    public ReliabilityOptions Validate()
    {
        if (!(MinMouthPixels >= 0)) throw new ArgumentOutOfRangeException(nameof(MinMouthPixels), MinMouthPixels, "must be 0 or more");
        if (!(MaxYawDegrees is > 0 and <= 90)) throw new ArgumentOutOfRangeException(nameof(MaxYawDegrees), MaxYawDegrees, "must be in (0, 90]");
        if (!(MinSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(MinSeconds), MinSeconds, "must be 0 or more");
        if (!(MinBitsPerPixel >= 0)) throw new ArgumentOutOfRangeException(nameof(MinBitsPerPixel), MinBitsPerPixel, "must be 0 or more");
        if (!(MinDecodedShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MinDecodedShare), MinDecodedShare, "must be in 0…1");
        if (!(DisagreeSync is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(DisagreeSync), DisagreeSync, "must be in 0…1");
        if (!(DisagreeDetector is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(DisagreeDetector), DisagreeDetector, "must be in 0…1");
        if (!(MinLipMotion >= 0)) throw new ArgumentOutOfRangeException(nameof(MinLipMotion), MinLipMotion, "must be 0 or more");
        if (!(MinSpeakerSync is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MinSpeakerSync), MinSpeakerSync, "must be in 0…1");
        if (!(SpeakerMargin is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(SpeakerMargin), SpeakerMargin, "must be in 0…1");
        return this;
    }
}
