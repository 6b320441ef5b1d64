using LipSyncGuard.Data;

namespace LipSyncGuard.Detection;

/// <summary>One video's score: the detector's mean fake probability over its windows (the same aggregate the analysis
/// engine reports per face), fused with the landmark sync measure when a <see cref="VerdictFusion"/> is given, so
/// evaluated figures describe what users see.</summary>
/// <param name="File">The video's file name.</param>
/// <param name="Label">0 real, 1 fake.</param>
/// <param name="Kind">real, lipsync, generated, swap, shift, retime, freeze, …</param>
/// <param name="Generator">Generator named by the dataset, or <c>-</c>.</param>
/// <param name="Score">The verdict score: fused when a fusion is given, else the detector's.</param>
/// <param name="Windows">Windows averaged.</param>
public sealed record VideoScore(string File, int Label, string Kind, string Generator, double Score, int Windows)
{
    /// <summary>The detector's mean window probability.</summary>
    public double Detector { get; init; } = Score;

    /// <summary>The sync measure's probability of mismatch (1 − sync score), null when it could not judge the video.</summary>
    public double? Sync { get; init; }

    /// <summary>The mouth-texture cue's probability, null without a <see cref="TextureCue"/> or when it could not judge.</summary>
    public double? Texture { get; init; }

    /// <summary>Averages window scores per video (windows grouped by path and kind, in first-seen order), adding the
    /// per-video cues by path and fusing them when <paramref name="fusion"/> is given.</summary>
    public static IReadOnlyList<VideoScore> Aggregate(
        IReadOnlyList<SampleWindow> windows, IReadOnlyList<double> scores, IReadOnlyDictionary<string, string>? generators = null,
        IReadOnlyDictionary<string, VideoCues>? cues = null, VerdictFusion? fusion = null)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(scores);
        if (windows.Count != scores.Count) throw new ArgumentException("one score per window is needed", nameof(scores));
        return [.. Enumerable.Range(0, windows.Count)
            .GroupBy(i => (windows[i].VideoPath, windows[i].Kind))
            .Select(g =>
            {
                var detector = g.Average(i => scores[i]);
                var cue = cues is not null && cues.TryGetValue(g.Key.VideoPath, out var value) ? value : default;
                return new VideoScore(
                    Path.GetFileName(g.Key.VideoPath), windows[g.First()].Label, g.Key.Kind,
                    generators is not null && generators.TryGetValue(g.Key.VideoPath, out var generator) ? generator : "-",
                    fusion?.Combine(detector, cue.Sync, cue.Texture) ?? detector, g.Count())
                { Detector = detector, Sync = cue.Sync, Texture = cue.Texture };
            })];
    }
}

/// <summary>A video's evidence beside the detector: the sync measure's mismatch probability and the mouth-texture cue's
/// probability (each null when it could not judge).</summary>
public readonly record struct VideoCues(double? Sync, double? Texture);
