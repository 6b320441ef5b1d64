using LipSyncGuard.Data;
using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection.Cues;

/// <summary>Everything one face track says about manipulation without a trained network: whether its lips follow the
/// audio (the landmark sync measure, one-sided: generators are trained to look in sync, so looking in sync is no
/// evidence of authenticity), and traces generators leave that need no fakes to learn — mouth texture against the
/// surrounding skin, lip jitter, mouth consistency across frames of the same shape, resampling and colour, how the
/// mouth looks to a frozen ImageNet encoder (<see cref="MouthAppearance"/>), how far the jaw follows the lips
/// (<see cref="JawFollow"/>), the mouth's detail against the forehead's (<see cref="ForeheadDetail"/>) and how the head
/// and the eyes move (<see cref="HeadMotion"/>).</summary>
/// <param name="SyncScore">The sync measure's in-sync probability over the whole track, or null when it could not judge.</param>
/// <param name="Texture">Mouth texture statistics (<see cref="MouthTexture"/>).</param>
/// <param name="Jitter">Lip jitter statistics (<see cref="LipJitter"/>).</param>
/// <param name="Consistency">Mouth consistency statistics (<see cref="MouthConsistency"/>).</param>
public sealed record FaceCues(double? SyncScore, MouthTextureStats Texture, LipJitterStats Jitter, MouthConsistencyStats Consistency)
{
    /// <summary>How clearly the sync measure's best lag stands out (best correlation minus the median over lags), or null
    /// when it could not judge: a real mouth's correlation curve has one clear peak, another voice's has none.</summary>
    public double? SyncConfidence { get; init; }

    /// <summary>How many frames the sync measure judged (speech with a visible mouth), or null when it could not judge.
    /// Its margin's noise shrinks with the square root of this, so a short clip's chance peak and a long clip's steady
    /// lead are told apart only with it (<c>sync_span</c>, <c>sync_logit_span</c>).</summary>
    public int? SyncFrames { get; init; }

    /// <summary>Judged frames that make one unit of <c>sync_span</c> (10 s at 25 fps).</summary>
    public const double SpanFrames = 250;

    /// <summary>Resampling and colour traces (<see cref="MouthResampling"/>).</summary>
    public MouthResamplingStats Resampling { get; init; }

    /// <summary>What a frozen ImageNet encoder sees in the mouth (<see cref="MouthAppearance"/>); not measured when no
    /// encoder was given.</summary>
    public MouthAppearanceStats Appearance { get; init; }

    /// <summary>How the head moves between frames (<see cref="HeadMotion"/>); not measured when the track carries no head
    /// positions.</summary>
    public HeadMotionStats Head { get; init; }

    /// <summary>How far the jaw follows the lips (<see cref="JawFollow"/>).</summary>
    public JawFollowStats Jaw { get; init; }

    /// <summary>The mouth's fine detail against the forehead's (<see cref="ForeheadDetail"/>); not measured when the track
    /// carries no forehead comparisons or the forehead was never in the picture.</summary>
    public ForeheadDetailStats Forehead { get; init; }

    /// <summary>Prefix of the appearance features: <c>appearance_change</c>, <c>appearance_same_shape</c> and the encoder's mean features
    /// <c>appearance_0</c> … <c>appearance_511</c>.</summary>
    public const string AppearancePrefix = "appearance_";

    /// <summary>Fewest measured frames (texture, jitter) or frame pairs (consistency) for a trace to count; below, its
    /// features are left out (read as the fitting set's mean).</summary>
    public const int MinFrames = 10;

    /// <summary>The encoder's mean features by name (<c>appearance_0</c> …); declared before <see cref="AllFeatures"/>,
    /// which lists them.</summary>
    public static IReadOnlyList<string> AppearanceFeatures { get; } =
        [.. Enumerable.Range(0, MouthEmbedder.Dimensions).Select(j => AppearancePrefix + j.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The features read from the sync measure (the rest are pixel and landmark traces); declared before
    /// <see cref="AllFeatures"/>, which lists them.</summary>
    public static IReadOnlyList<string> SyncFeatures { get; } = ["sync_mismatch", "sync_judged", "sync_logit", "sync_confidence", "sync_span", "sync_logit_span"];

    /// <summary>Every feature a <see cref="CueFusion"/> can weigh, by name, in a fixed order.</summary>
    public static IReadOnlyList<string> AllFeatures { get; } =
    [
        .. SyncFeatures,
        "texture_sharpness", "texture_motion", "texture_flicker",
        "jitter_acceleration", "jitter_jerk", "jitter_reversals", "jitter_motion",
        "consistency_median", "consistency_upper",
        "resampling_scale", "resampling_saturation",
        "head_jerk", "head_roll_speed", "head_eyes",
        "jaw_follow",
        "forehead_detail",
        AppearancePrefix + "change", AppearancePrefix + "same_shape",
        .. AppearanceFeatures,
    ];

    private static readonly HashSet<string> Known = [.. AllFeatures];

    /// <summary>The cue group of a feature — its name up to the first underscore (<c>sync</c>, <c>texture</c>,
    /// <c>appearance</c>, <c>jaw</c>, …): what a face's evidence and cue are reported by.</summary>
    public static string Group(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var end = feature.IndexOf('_', StringComparison.Ordinal);
        return end < 0 ? feature : feature[..end];
    }

    /// <summary>True when <paramref name="name"/> is one of <see cref="AllFeatures"/>.</summary>
    public static bool IsFeature(string name) => Known.Contains(name);

    /// <summary>Measures the pixel and landmark traces of a track (its crops, lips and trusted-frame flags) beside a sync
    /// score computed elsewhere; the mouth's appearance too when <paramref name="encoders"/> are given (one or more sessions of the encoder, which
    /// share the crops), reusing the features of frames in <paramref name="embedded"/>.</summary>
    public static FaceCues Measure(
        ReadOnlySpan<byte> crops, int cropSize, ReadOnlySpan<float> lips, int lipWidth, ReadOnlySpan<bool> valid, double? syncScore,
        IReadOnlyList<MouthEmbedder>? encoders = null, IReadOnlyDictionary<int, float[]>? embedded = null)
    {
        var frames = cropSize == 0 ? 0 : Math.Min(valid.Length, crops.Length / (cropSize * cropSize * 3));
        var texture = frames < 2 ? default : MouthTexture.Measure(crops[..(frames * cropSize * cropSize * 3)], cropSize, valid[..frames]);
        var consistency = frames < 2 ? default : MouthConsistency.Measure(crops, cropSize, lips, lipWidth, valid[..frames]);
        return new FaceCues(syncScore, texture, LipJitter.Measure(lips, lipWidth, valid), consistency)
        {
            Jaw = JawFollow.Measure(lips, lipWidth, valid),
            Resampling = frames < 2 ? default : MouthResampling.Measure(crops[..(frames * cropSize * cropSize * 3)], cropSize, valid[..frames]),
            Appearance = encoders is not { Count: > 0 } || frames < 2 ? default : MouthAppearance.Measure(crops[..(frames * cropSize * cropSize * 3)], cropSize, lips, lipWidth, valid[..frames], encoders, embedded),
        };
    }

    /// <summary>Measures a preprocessed track (<paramref name="embedded"/>: encoder features by frame of the track).</summary>
    public static FaceCues Measure(PreprocessedTrack track, double? syncScore, IReadOnlyList<MouthEmbedder>? encoders = null, IReadOnlyDictionary<int, float[]>? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Measure(track.Crops, track.CropSize, track.Lips, PreprocessedTrack.LipWidth, track.LipValid, syncScore, encoders, embedded) with
        {
            Head = track is { Head: { } head, EyeDistance: { } eyes } ? HeadMotion.Measure(head, eyes, track.LipValid) : default,
            Forehead = track.Forehead is { } forehead ? ForeheadDetail.Measure(forehead, track.LipValid) : default,
        };
    }

    /// <summary>The same face with another sync result (the traces are of the pixels and landmarks, which an audio swap or
    /// shift leaves as they were).</summary>
    public FaceCues WithSync(Sync.SyncResult? sync) =>
        sync is { IsJudged: true } r ? this with { SyncScore = r.Score, SyncConfidence = r.Confidence, SyncFrames = r.ScoredFrames }
            : this with { SyncScore = null, SyncConfidence = null, SyncFrames = null };

    /// <summary>The square root of the judged frames in <see cref="SpanFrames"/> (0 when not judged): a logistic over the
    /// logit, the logit times this and this can weigh a margin by how much speech it rests on (the log-likelihood ratio of
    /// a mean correlation whose noise falls as one over the square root of its frames).</summary>
    private double Span => SyncScore is null || SyncFrames is not { } n ? 0 : Math.Sqrt(n / SpanFrames);

    /// <summary>The named feature's value, or NaN when its trace was not measured.</summary>
    public double Feature(string name) => name switch
    {
        "sync_mismatch" => SyncScore is { } s ? Math.Max(0, Logit(1 - s)) : 0,
        "sync_judged" => SyncScore is null ? 0 : 1,
        "sync_logit" => SyncScore is { } s2 ? Logit(1 - s2) : 0,
        "sync_confidence" => SyncConfidence ?? 0,
        "sync_span" => Span,
        "sync_logit_span" => Feature("sync_logit") * Span,
        "texture_sharpness" => Texture.Frames >= MinFrames ? Texture.Sharpness : double.NaN,
        "texture_motion" => Texture.Frames >= MinFrames ? Texture.Motion : double.NaN,
        "texture_flicker" => Texture.Frames >= MinFrames ? Texture.SharpnessFlicker : double.NaN,
        "jitter_acceleration" => Jitter.Frames >= MinFrames ? Jitter.Acceleration : double.NaN,
        "jitter_jerk" => Jitter.Frames >= MinFrames ? Jitter.Jerk : double.NaN,
        "jitter_reversals" => Jitter.Frames >= MinFrames ? Jitter.Reversals : double.NaN,
        "jitter_motion" => Jitter.Frames >= MinFrames ? Jitter.Motion : double.NaN,
        "consistency_median" => Consistency.Pairs >= MinFrames ? Consistency.Median : double.NaN,
        "consistency_upper" => Consistency.Pairs >= MinFrames ? Consistency.Upper : double.NaN,
        "resampling_scale" => Resampling.Frames >= MinFrames ? Resampling.Scale : double.NaN,
        "resampling_saturation" => Resampling.Frames >= MinFrames ? Resampling.Saturation : double.NaN,
        "head_jerk" => Head.Frames >= MinFrames ? Head.Jerk : double.NaN,
        "head_roll_speed" => Head.Frames >= MinFrames ? Head.RollSpeed : double.NaN,
        "head_eyes" => Head.Frames >= MinFrames ? Head.EyeMotion : double.NaN,
        "jaw_follow" => Jaw.Pairs >= MinFrames ? Jaw.Slope : double.NaN,
        "forehead_detail" => Forehead.Frames >= MinFrames ? Forehead.Median : double.NaN,
        AppearancePrefix + "change" => Appearance.Frames > 0 ? Appearance.Change : double.NaN,
        AppearancePrefix + "same_shape" => Appearance.Frames > 0 ? Appearance.SameShape : double.NaN,
        _ when name.StartsWith(AppearancePrefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(AppearancePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var j)
            && j < MouthEmbedder.Dimensions => Appearance.Mean is { } mean ? mean[j] : double.NaN,
        _ => throw new ArgumentException($"unknown cue feature '{name}' (known: {string.Join(", ", AllFeatures.Take(16))}, appearance_0 … appearance_{MouthEmbedder.Dimensions - 1})", nameof(name)),
    };

    /// <summary>True when any pixel or landmark trace, or the sync measure, could be measured: a face with none of them
    /// cannot be judged.</summary>
    public bool IsJudged => SyncScore is not null || Texture.Frames >= MinFrames || Jitter.Frames >= MinFrames;

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return Math.Log(q / (1 - q));
    }
}
