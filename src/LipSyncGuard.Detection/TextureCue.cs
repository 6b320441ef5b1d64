using LipSyncGuard.Data;
using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection;

/// <summary>The mouth-texture cue: a logistic regression over a face's <see cref="MouthTextureStats"/> (mouth sharpness
/// and motion relative to the surrounding skin, and how much the sharpness flickers), giving the probability that the
/// mouth was painted by a generator. Fitted by <c>lipsync fit-texture</c> on the training groups' reals against their
/// generator fakes (lip-sync and generated heads) — never on the validation groups, where the verdict fusion then
/// learns how much it is worth beside the detector and the sync measure.</summary>
/// <param name="Mean">Feature means of the fitting set (standardisation).</param>
/// <param name="Scale">Feature standard deviations of the fitting set.</param>
/// <param name="Weights">Weights of the standardised features.</param>
/// <param name="Bias">Intercept.</param>
public sealed record TextureCue(IReadOnlyList<double> Mean, IReadOnlyList<double> Scale, IReadOnlyList<double> Weights, double Bias)
{
    /// <summary>Fewest measured frames for a face to be judged (below, the medians are noise).</summary>
    public const int MinFrames = 10;

    /// <summary>Feature names, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = ["mouth sharpness ratio", "mouth motion ratio", "sharpness flicker"];

    /// <summary>What it was fitted on (data folder and groups).</summary>
    public string FittedOn { get; init; } = "";

    /// <summary>Videos it was fitted on, per class (<c>real</c>, <c>fake</c>).</summary>
    public IReadOnlyDictionary<string, int> Videos { get; init; } = new Dictionary<string, int>();

    /// <summary>AUC on the fitting set (an upper bound, not a test figure).</summary>
    public double TrainingAuc { get; init; }

    /// <summary>Probability of generator texture for one face, or null with fewer than <see cref="MinFrames"/> frames.</summary>
    public double? Probability(MouthTextureStats stats)
    {
        if (stats.Frames < MinFrames) return null;
        return LogisticRegression.Sigmoid(LogisticRegression.Linear([.. Weights], LogisticRegression.Standardize(Features(stats), Mean, Scale), Bias));
    }

    /// <summary>The highest probability over a video's face tracks (the worst face decides, as in the verdict), or null
    /// when no face has enough trusted frames.</summary>
    public double? Manipulation(PreprocessedVideo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.Tracks.Where(t => !t.Fallback).Select(t => Probability(Measure(t))).Max();
    }

    /// <summary>True for the items the cue is fitted on: reals and generator fakes. Synthetic fakes (swap, shift, retime,
    /// freeze) keep real pixels, so they would teach it nothing about texture.</summary>
    public static bool Teaches(DatasetItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Label == 0 || !Enum.TryParse<SynthKind>(item.Kind, ignoreCase: true, out _);
    }

    /// <summary>The texture statistics of a video's longest face track (the face a dataset's label is about), or null
    /// when it has no face.</summary>
    public static MouthTextureStats? MeasureLongestFace(PreprocessedVideo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.Tracks.Where(t => !t.Fallback).MaxBy(t => t.Length) is { } track ? Measure(track) : null;
    }

    /// <summary>The texture statistics of one track's crops over its frames with trusted landmarks.</summary>
    public static MouthTextureStats Measure(PreprocessedTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return MouthTexture.Measure(track.Crops, track.CropSize, track.LipValid);
    }

    /// <summary>Fits the regression (classes weighted equally) on one statistics row and label per video.</summary>
    public static TextureCue Fit(IReadOnlyList<MouthTextureStats> stats, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(labels);
        if (stats.Count != labels.Count) throw new ArgumentException("one statistics row per label is needed", nameof(labels));
        var rows = Enumerable.Range(0, stats.Count).Where(i => stats[i].Frames >= MinFrames).ToList();
        var y = rows.Select(i => labels[i]).ToList();
        if (y.Distinct().Count() < 2) throw new ArgumentException("fitting the texture cue needs real and generator-fake videos with faces", nameof(labels));
        var (mean, scale, w, b) = LogisticRegression.FitStandardized([.. rows.Select(i => Features(stats[i]))], y, balanced: true);
        var cue = new TextureCue(mean, scale, w, b) { Videos = new Dictionary<string, int> { ["real"] = y.Count(l => l == 0), ["fake"] = y.Count(l => l == 1) } };
        return cue with { TrainingAuc = BinaryMetrics.Compute([.. rows.Select(i => cue.Probability(stats[i])!.Value)], y, 0.5).Auc };
    }

    /// <summary>The regression's inputs, in <see cref="FeatureNames"/> order.</summary>
    public static double[] Features(MouthTextureStats s) => [s.Sharpness, s.Motion, s.SharpnessFlicker];
}
