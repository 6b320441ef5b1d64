namespace LipSyncGuard.Analysis;

/// <summary>The verdict on one video: the same object the CLI prints with <c>--json</c> and the service returns.</summary>
/// <param name="IsReal">True when <see cref="ManipulationProbability"/> is below <see cref="Threshold"/>.</param>
/// <param name="IsFake">Always <c>!IsReal</c>.</param>
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
    long ProcessingMs);

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
/// it), or <c>none</c>.</param>
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

    /// <summary>Cue mode: each cue's share of the fused logit (sync, texture, jitter, consistency; positive = towards
    /// manipulated), so a person can see which evidence moved the verdict; null in the other modes.</summary>
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
public sealed record TimelineWindow(double StartS, double EndS, double? ManipulationProbability, double? SyncScore, double SpeechFraction, string Cue);

/// <summary>The analysed video.</summary>
/// <param name="DurationS">Container duration.</param>
/// <param name="Fps">Average source frame rate (analysis runs at 25 fps).</param>
/// <param name="Width">Display width.</param>
/// <param name="Height">Display height.</param>
/// <param name="HasAudio">Whether there is an audio stream.</param>
public sealed record VideoSummary(double DurationS, double Fps, int Width, int Height, bool HasAudio);

/// <summary>Which scorer produced the result.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Mode"><c>sync-only</c> (training-free landmark sync measure) or <c>model</c> (trained detector + sync).</param>
public sealed record ModelSummary(string Name, string Version, string Mode);
