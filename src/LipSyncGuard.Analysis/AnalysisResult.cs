namespace LipSyncGuard.Analysis;

/// <summary>The verdict on one video: the same object the CLI prints with <c>--json</c> and the service returns.</summary>
/// <param name="IsReal">True unless <see cref="Verdict"/> is <see cref="Analysis.Verdict.Manipulated"/>.</param>
/// <param name="IsFake">True when <see cref="Verdict"/> is <see cref="Analysis.Verdict.Manipulated"/>; always <c>!IsReal</c>.</param>
/// <param name="Confidence">Probability that the video is real (mouths match speech).</param>
/// <param name="ManipulationProbability"><c>1 - Confidence</c>.</param>
/// <param name="Threshold">Manipulation probability at or above which the video is called fake.</param>
/// <param name="Faces">Every track found (selected or not), worst first among the selected.</param>
/// <param name="Video">What was analysed.</param>
/// <param name="Model">Which scorer produced the numbers.</param>
/// <param name="Warnings">Conditions that limit the verdict (e.g. <c>low_speech</c>, <c>no_face</c>).</param>
/// <param name="ProcessingMs">Wall time of the analysis.</param>
public sealed record AnalysisResult(
    bool IsReal,
    bool IsFake,
    double Confidence,
    double ManipulationProbability,
    double Threshold,
    IReadOnlyList<FaceResult> Faces,
    VideoSummary Video,
    ModelSummary Model,
    IReadOnlyList<string> Warnings,
    long ProcessingMs)
{
    /// <summary>The video's verdict: the worst judged selected face's (manipulated before inconclusive before consistent),
    /// or not judged when no selected face could be.</summary>
    public Verdict Verdict { get; init; } = Verdict.NotJudged;

    /// <summary>Why: the video's own reasons (short, compressed, truncated, little speech) and the deciding faces'.</summary>
    public IReadOnlyList<Reason> Reasons { get; init; } = [];

    /// <summary>The thresholds the verdicts were drawn with.</summary>
    public VerdictThresholds? Thresholds { get; init; }

    /// <summary>The cue verdict's operating point the thresholds are (<c>strict</c>, <c>balanced</c>, <c>sensitive</c>): the
    /// one the request asked for, else the engine's; null in the modes with one threshold (a trained detector, sync-only).</summary>
    public string? OperatingPoint { get; init; }

    /// <summary>The analysed file's name, size and SHA-256.</summary>
    public FileFacts? File { get; init; }
}

/// <summary>One face track's result.</summary>
/// <param name="TrackId">Tracker id, stable within the video.</param>
/// <param name="Selected">Whether the selection strategy chose it (only selected faces decide the verdict).</param>
/// <param name="StartS">First frame time.</param>
/// <param name="EndS">Last frame time (end of the frame).</param>
/// <param name="Box">Mean face box in source pixels.</param>
/// <param name="Fallback">True when no face was found and a centre crop stood in for it.</param>
/// <param name="ManipulationProbability">Probability this face's mouth does not match the speech; null when not judged.</param>
/// <param name="SyncScore">Calibrated probability that lips and audio are in sync (0…1); null when not judged.</param>
/// <param name="AvOffsetMs">Audio shift with the best fit; positive = the audio comes later than the mouth.</param>
/// <param name="SyncConfidence">How clearly the best lag stands out (best correlation minus the median over lags).</param>
/// <param name="Cue">Which evidence calls the face manipulated, joined by <c>+</c>: <c>detector</c> (the trained model's
/// view of mouth pixels, audio and lip motion), <c>sync</c> (the landmark sync measure: lips and audio disagree),
/// <c>texture</c> (the mouth is sharper, softer, busier or more flickering than the skin around it, as generators leave
/// it), or <c>none</c>; in cue mode the cue groups whose share of their heads' logits is large (<c>sync</c>,
/// <c>appearance</c>, <c>texture</c>, <c>consistency</c>, <c>resampling</c>, <c>head</c>, <c>jaw</c>, <c>forehead</c>).</param>
/// <param name="Timeline">Per window (1 s, hop 0.5 s).</param>
public sealed record FaceResult(
    int TrackId,
    bool Selected,
    double StartS,
    double EndS,
    BoxSummary Box,
    bool Fallback,
    double? ManipulationProbability,
    double? SyncScore,
    double? AvOffsetMs,
    double? SyncConfidence,
    string Cue,
    IReadOnlyList<TimelineWindow> Timeline)
{
    /// <summary>A small PNG of the face as a data URL (null for the centre-crop fallback).</summary>
    public string? Thumbnail { get; init; }

    /// <summary>The mouth-texture cue's probability that a generator painted this mouth; null without a detector whose
    /// card has the cue, or with too few trusted frames.</summary>
    public double? TextureProbability { get; init; }

    /// <summary>The detector's mean over the judged windows on its own (before fusion); null without a detector.</summary>
    public double? DetectorProbability { get; init; }

    /// <summary>This face's verdict.</summary>
    public Verdict Verdict { get; init; } = Verdict.NotJudged;

    /// <summary>Why this face's verdict is what it is, or what limits it.</summary>
    public IReadOnlyList<Reason> Reasons { get; init; } = [];

    /// <summary>Seconds of the face's time on screen that were judged (windows with speech where this face speaks).</summary>
    public double AnalysedS { get; init; }

    /// <summary>Seconds the face is on screen (<c>end_s − start_s</c>).</summary>
    public double DurationS => Math.Round(EndS - StartS, 4);

    /// <summary>Median absolute head yaw over the track, in degrees (0 = facing the camera).</summary>
    public double YawDegrees { get; init; }

    /// <summary>Estimated mouth width in pixels of the analysed frames.</summary>
    public double? MouthPixels { get; init; }

    /// <summary>Judged windows at or above the inconclusive threshold, strongest first (at most five), each with its cue,
    /// sync, audio lag, what to check by eye and a strip of mouth crops.</summary>
    public IReadOnlyList<EvidenceWindow> Flagged { get; init; } = [];

    /// <summary>The lip opening against speech over the face's track; null for the centre-crop fallback.</summary>
    public LipCurve? LipCurve { get; init; }

    /// <summary>Cue mode: each cue's share of its head's logit (those the model weighs of sync, texture, jitter, consistency,
    /// resampling, appearance, head, jaw, forehead; positive = towards manipulated), so a person can see which evidence moved the
    /// verdict; null in the other modes.</summary>
    public IReadOnlyDictionary<string, double>? Evidence { get; init; }
}

/// <summary>A box in source pixels.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record BoxSummary(double X, double Y, double Width, double Height);

/// <summary>One timeline window of a face.</summary>
/// <param name="StartS">Window start.</param>
/// <param name="EndS">Window end.</param>
/// <param name="ManipulationProbability">Null when the window has too little speech or no visible mouth to judge; with a
/// detector, its window probability fused with the window's sync and the face's texture term.</param>
/// <param name="SyncScore">The window's sync score, when judged.</param>
/// <param name="SpeechFraction">Share of the window's frames with speech.</param>
/// <param name="Cue">Which evidence flags this window, joined by <c>+</c>: <c>detector</c>, <c>sync</c> (this window's) and
/// <c>texture</c> (the face's: judged over its whole track), or <c>none</c>.</param>
public sealed record TimelineWindow(double StartS, double EndS, double? ManipulationProbability, double? SyncScore, double SpeechFraction, string Cue)
{
    /// <summary>True when the window counts towards the face's verdict: it has a score and the face speaks in it.</summary>
    public bool Judged { get; init; }

    /// <summary>Standard deviation of the inner lip gap over the window's trusted frames, in eye-corner distances (a
    /// still mouth is under 0.02); null with too few trusted frames.</summary>
    public double? LipMotion { get; init; }

    /// <summary>Why a window with speech does not count (e.g. <c>not_speaking</c>); null when judged or silent.</summary>
    public string? NotJudgedReason { get; init; }
}

/// <summary>The analysed video.</summary>
/// <param name="DurationS">Container duration.</param>
/// <param name="Fps">Average source frame rate (analysis runs at 25 fps).</param>
/// <param name="Width">Display width.</param>
/// <param name="Height">Display height.</param>
/// <param name="HasAudio">Whether there is an audio stream.</param>
public sealed record VideoSummary(double DurationS, double Fps, int Width, int Height, bool HasAudio)
{
    /// <summary>Seconds of frames actually decoded and analysed; below <see cref="DurationS"/> for a truncated file.</summary>
    public double AnalysedS { get; init; }

    /// <summary>Video bits per pixel per frame (container bit rate less an audio allowance), a measure of compression.</summary>
    public double? BitsPerPixel { get; init; }

    /// <summary>Video codec.</summary>
    public string? Codec { get; init; }

    /// <summary>Container format.</summary>
    public string? Format { get; init; }
}

/// <summary>Which scorer produced the result.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Mode"><c>sync-only</c> (training-free landmark sync measure) or <c>model</c> (trained detector + sync).</param>
public sealed record ModelSummary(string Name, string Version, string Mode);
