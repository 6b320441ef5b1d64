using System.Text.Json;
using System.Text.Json.Serialization;
using LipSyncGuard.Faces;
using LipSyncGuard.Model.Checkpoints;

namespace LipSyncGuard.Detection.Cues;

/// <summary>The shipped verdict without a trained network: one or more logistic-regression heads over standardised
/// <see cref="FaceCues"/> features, fitted by <c>lipsync fit-cues</c>, which also chose the heads and set the thresholds on
/// videos from sources and generator families held out of each fit (the protocol in its card). With two heads — one for
/// audio that does not belong to the mouth, one for a mouth a generator painted — a face is manipulated when either
/// says so: p = 1 − Π(1 − p_head). The two kinds of evidence point opposite ways on generator fakes (they look more in
/// sync than real speech), so one linear score over both cancels them out. A feature that was not measured on a face
/// reads as the fitting set's mean (standardised 0): no evidence either way.</summary>
/// <param name="Heads">The heads.</param>
public sealed record CueFusion(IReadOnlyList<CueHead> Heads)
{
    /// <summary>File format written by this build.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>File format.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>How the heads' scores are joined (noisy-OR for models that do not say).</summary>
    public CueCombination Combination { get; init; } = CueCombination.NoisyOr;

    /// <summary>Manipulation probability at or above which a face is called manipulated (the balanced operating point).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Operating points by name (<c>strict</c>, <c>balanced</c>, <c>sensitive</c>): each the manipulated threshold
    /// and the lower bound of "inconclusive", chosen on real videos from held-out sources.</summary>
    public IReadOnlyDictionary<string, OperatingPoint> OperatingPoints { get; init; } = new Dictionary<string, OperatingPoint>();

    /// <summary>The sync measure whose scores the weights were fitted on (file name and provenance).</summary>
    public string SyncModel { get; init; } = "";

    /// <summary>The face following its crops and landmarks were measured with (<c>FaceAnalysisOptions.KeyFrameEvery</c>:
    /// a whole-frame search every K detector runs, faces followed between; 1 for models that do not say). The
    /// analysis uses the same, since followed keypoints sit slightly differently on the face than searched ones.</summary>
    public int KeyFrameEvery { get; init; } = 1;

    /// <summary>Whether faces were followed between key frames by their 68 points (<c>FaceAnalysisOptions.FollowByPoints</c>)
    /// rather than on detector crops (false for models that do not say: fitted before following by points existed).</summary>
    public bool FollowByPoints { get; init; }

    /// <summary>What it was fitted on and how (data folder, videos per kind, the command).</summary>
    public string FittedOn { get; init; } = "";

    /// <summary>The held-out-source protocol's figures, as markdown (per family, per kind, false alarms on held-out real
    /// sources at each operating point, the same-source split beside them, the ablation).</summary>
    public string Evaluation { get; init; } = "";

    /// <summary>Known weak spots, in plain words.</summary>
    public IReadOnlyList<string> Limitations { get; init; } = [];

    /// <summary>UTC time fitted.</summary>
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>Platt scaling of the combined score: probability = σ(A · logit(1 − Π(1 − p_head)) + B), fitted on
    /// out-of-fold scores of held-out sources (classes weighted equally). Each head is fitted with balanced classes, so
    /// their noisy-OR alone reads high on real faces; this maps it back to a probability. (1, 0): none.</summary>
    public PlattScaling Calibration { get; init; } = new(1, 0);

    /// <summary>Where the real faces it was fitted on lie, per pixel or landmark feature its heads weigh (empty for models
    /// that do not say): a face outside is unlike any footage the verdict and its false-alarm rates were measured on. The
    /// sync features are left out: audio far out of step with the lips is evidence, whatever the footage.</summary>
    public IReadOnlyList<FeatureRange> RealRanges { get; init; } = [];

    /// <summary>The features of <paramref name="cues"/> outside <see cref="RealRanges"/> (unmeasured ones never are).</summary>
    public IReadOnlyList<string> OutOfRange(FaceCues cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        return [.. RealRanges.Where(r => !r.Contains(cues.Feature(r.Feature))).Select(r => r.Feature)];
    }

    /// <summary>Probability of manipulation for one face: the heads' noisy-OR, calibrated.</summary>
    public double Probability(FaceCues cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        return Calibrate(Combined(cues));
    }

    /// <summary>The heads' joined score before calibration: their noisy-OR 1 − Π(1 − p_head), or σ of the largest head
    /// logit in units of the fitting reals (<see cref="CueCombination.MaxOverReals"/>, <see cref="CueCombination.MaxOverRealTail"/>),
    /// or σ of their log-sum-exp (<see cref="CueCombination.SumOverRealTail"/>).</summary>
    public double Combined(FaceCues cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        return Combination switch
        {
            CueCombination.NoisyOr => 1 - Heads.Aggregate(1.0, (keep, head) => keep * (1 - head.Probability(cues))),
            CueCombination.SumOverRealTail => LogisticRegression.Sigmoid(LogSumExp(HeadUnits(cues))),
            _ => LogisticRegression.Sigmoid(HeadUnits(cues).Max()),
        };
    }

    /// <summary>log Σ exp(z), shifted by the largest so that no term overflows.</summary>
    internal static double LogSumExp(IReadOnlyList<double> z)
    {
        var max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }

    /// <summary>Each head's logit in units of the real faces it was fitted on ((logit − <see cref="CueHead.RealMean"/>) /
    /// <see cref="CueHead.RealScale"/>), in head order: what the max-of-heads joins compare, and which head spoke.</summary>
    public double[] HeadUnits(FaceCues cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        return [.. Heads.Select(h => (h.Logit(cues) - h.RealMean) / h.RealScale)];
    }

    /// <summary>Applies <see cref="Calibration"/> to a combined score.</summary>
    public double Calibrate(double combined) => LogisticRegression.Sigmoid((Calibration.A * Logit(combined)) + Calibration.B);

    /// <summary>Fits <see cref="Calibration"/> to combined scores and labels (classes weighted equally).</summary>
    public static PlattScaling FitCalibration(IReadOnlyList<double> combined, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(combined);
        var (w, b) = LogisticRegression.Fit([.. combined.Select(c => new[] { Logit(c) })], labels, [1.0], balanced: true, rate: 0.1, l2: 1e-4, steps: 3000);
        return new PlattScaling(w[0], b);
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(q / (1 - q));
    }

    /// <summary>Each feature's contribution to its head's logit (weight × standardised value), by name: which evidence
    /// moved the verdict, for the person checking it.</summary>
    public IReadOnlyDictionary<string, double> Contributions(FaceCues cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var result = new Dictionary<string, double>();
        foreach (var head in Heads)
        {
            var z = head.Standardized(cues);
            for (var i = 0; i < z.Length; i++) result[head.Features[i]] = result.GetValueOrDefault(head.Features[i]) + (head.Weights[i] * z[i]);
        }
        return result;
    }

    /// <summary><see cref="Contributions"/> summed per cue group (<see cref="FaceCues.Group"/>).</summary>
    public IReadOnlyDictionary<string, double> GroupContributions(FaceCues cues) =>
        Contributions(cues).GroupBy(c => FaceCues.Group(c.Key)).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));

    /// <summary>Fits each head on the reals (<c>real</c> kind and their re-encoded copies) and the fakes of the kinds that
    /// teach it, and records each head's logit centre and unit over those reals (<see cref="RealUnits"/>) and the range of
    /// the reals' features. <paramref name="strata"/> (one per face, e.g. a fake's generator family and a real's source)
    /// weigh each head's faces within their class (<see cref="CueHead.Fit"/>).</summary>
    public static CueFusion Fit(
        IReadOnlyList<CueHeadSpec> heads, IReadOnlyList<FaceCues> cues, IReadOnlyList<int> labels, IReadOnlyList<string> kinds,
        CueCombination combination = CueCombination.NoisyOr, IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(kinds);
        if (strata is not null && strata.Count != cues.Count) throw new ArgumentException($"one stratum per face is needed: {strata.Count} for {cues.Count}", nameof(strata));
        var reals = Enumerable.Range(0, cues.Count).Where(i => labels[i] == 0 && CueHeadSpec.IsFittedReal(kinds[i])).Select(i => cues[i]).ToList();
        return new CueFusion([.. heads.Select(spec =>
        {
            var rows = Enumerable.Range(0, cues.Count).Where(i => labels[i] == 0 ? CueHeadSpec.IsFittedReal(kinds[i]) : spec.Teaches(kinds[i])).ToList();
            var head = CueHead.Fit(spec.Name, spec.Features, [.. rows.Select(i => cues[i])], [.. rows.Select(i => labels[i])], spec.L2, strata is null ? null : [.. rows.Select(i => strata[i])]);
            var (centre, unit) = RealUnits([.. reals.Select(head.Logit)], combination);
            return head with { RealMean = centre, RealScale = unit };
        })])
        {
            Combination = combination,
            RealRanges = [.. heads.SelectMany(h => h.Features).Distinct()
                .Where(f => !FaceCues.SyncFeatures.Contains(f) && !FaceCues.AppearanceFeatures.Contains(f))
                .Select(f => FeatureRange.Of(f, [.. reals.Select(c => c.Feature(f))])).OfType<FeatureRange>()],
        };
    }

    /// <summary>Where a head's logits over the fitting reals are centred and how wide they spread: mean and standard
    /// deviation, or for <see cref="CueCombination.MaxOverRealTail"/> the median and the distance from it up to the
    /// <see cref="TailQuantile"/> percentile — never less than a tenth of the standard deviation: a head over a cue most
    /// reals lack (read as the fitting mean) gives most of them one logit, and a tail of width ~0 would put any other
    /// face infinitely far out.</summary>
    private static (double Centre, double Unit) RealUnits(double[] logits, CueCombination combination)
    {
        var mean = logits.Average();
        var sd = Math.Sqrt(logits.Average(l => (l - mean) * (l - mean))) + 1e-6;
        if (combination is not (CueCombination.MaxOverRealTail or CueCombination.SumOverRealTail)) return (mean, sd);
        Array.Sort(logits);
        var median = OrderStatistics.NearestRank(logits, 0.5);
        return (median, Math.Max(OrderStatistics.NearestRank(logits, TailQuantile) - median, 0.1 * sd));
    }

    /// <summary>The reals' percentile that sets a head's unit under <see cref="CueCombination.MaxOverRealTail"/>: the
    /// operating points call 2–10 % of real faces manipulated, so the heads are made to agree around there.</summary>
    public const double TailQuantile = 0.9;

    /// <summary>The operating point by name; <c>balanced</c> when null.</summary>
    public OperatingPoint Point(string? name = null)
    {
        name ??= "balanced";
        return OperatingPoints.TryGetValue(name, out var point) ? point
            : name == "balanced" ? new OperatingPoint(Threshold, Threshold, double.NaN, double.NaN)
            : throw new ArgumentException($"unknown operating point '{name}' (known: {string.Join(", ", OperatingPoints.Keys)})", nameof(name));
    }

    /// <summary>Writes the model atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a model written by <see cref="Save"/>, with a clear error for a missing or foreign file.</summary>
    public static CueFusion Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"cue model '{path}' not found (fit one with 'lipsync fit-cues')", path);
        CueFusion? model;
        try
        {
            model = JsonSerializer.Deserialize<CueFusion>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a cue model: {e.Message}", e);
        }
        if (model is null || model.Format != CurrentFormat) throw new InvalidDataException($"'{path}' is not a cue model of format {CurrentFormat}");
        if (model.Heads is not { Count: > 0 }) throw new InvalidDataException($"'{path}' has no heads");
        if (model.KeyFrameEvery is < 1 or > FaceAnalysisOptions.MaxKeyFrameEvery)
            throw new InvalidDataException($"'{path}': KeyFrameEvery {model.KeyFrameEvery} is outside 1…{FaceAnalysisOptions.MaxKeyFrameEvery}");
        foreach (var head in model.Heads)
        {
            var n = head.Features.Count;
            if (n == 0 || head.Mean.Count != n || head.Scale.Count != n || head.Weights.Count != n)
                throw new InvalidDataException($"'{path}': head '{head.Name}' has {n} features but {head.Mean.Count}/{head.Scale.Count}/{head.Weights.Count} means/scales/weights");
            foreach (var f in head.Features)
                if (!FaceCues.IsFeature(f)) throw new InvalidDataException($"'{path}': head '{head.Name}' weighs an unknown feature '{f}'");
        }
        return model;
    }
}

/// <summary>The span of one feature over real faces: from their 1st to 99th percentile, widened on each side by
/// <see cref="Margin"/> times that spread. Percentiles rather than the extremes, so that one odd training clip does not
/// stretch it; the margin, so that ordinary footage just beyond the fitting set is not flagged.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Low">Lowest value inside.</param>
/// <param name="High">Highest value inside.</param>
public sealed record FeatureRange(string Feature, double Low, double High)
{
    /// <summary>Widening on each side, in units of the 1st–99th percentile spread.</summary>
    public const double Margin = 0.5;

    /// <summary>True when <paramref name="value"/> lies inside, or was not measured (NaN).</summary>
    public bool Contains(double value) => double.IsNaN(value) || (value >= Low && value <= High);

    /// <summary>The range of <paramref name="values"/> (NaN skipped); null when fewer than 10 were measured or they do not
    /// vary (a flag, or a feature read as a constant).</summary>
    public static FeatureRange? Of(string feature, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length < 10) return null;
        var (low, high) = (OrderStatistics.NearestRank(sorted, 0.01), OrderStatistics.NearestRank(sorted, 0.99));
        var spread = high - low;
        return spread <= 0 ? null : new FeatureRange(feature, low - (Margin * spread), high + (Margin * spread));
    }
}

/// <summary>Where a face's manipulation probability turns into a verdict.</summary>
/// <param name="Manipulated">At or above: manipulated.</param>
/// <param name="Inconclusive">At or above (and below <paramref name="Manipulated"/>): inconclusive; below: consistent.</param>
/// <param name="RealManipulatedRate">Share of held-out real videos called manipulated at this point (NaN: not measured).</param>
/// <param name="RealInconclusiveRate">Share of held-out real videos called inconclusive at this point.</param>
public sealed record OperatingPoint(double Manipulated, double Inconclusive, double RealManipulatedRate, double RealInconclusiveRate)
{
    /// <summary>The operating points a cue verdict offers, from fewest to most real videos called manipulated.</summary>
    public static IReadOnlyList<string> Names { get; } = ["strict", "balanced", "sensitive"];
}

/// <summary>One head of a <see cref="CueFusion"/>: a logistic regression over standardised cue features.</summary>
/// <param name="Name">What it detects (<c>audio</c>, <c>traces</c>, or <c>all</c> for a single head).</param>
/// <param name="Features">Feature names (<see cref="FaceCues.AllFeatures"/>), in weight order.</param>
/// <param name="Mean">Feature means of the fitting set.</param>
/// <param name="Scale">Feature standard deviations of the fitting set.</param>
/// <param name="Weights">Weights of the standardised features.</param>
/// <param name="Bias">Intercept.</param>
public sealed record CueHead(string Name, IReadOnlyList<string> Features, IReadOnlyList<double> Mean, IReadOnlyList<double> Scale, IReadOnlyList<double> Weights, double Bias)
{
    /// <summary>This head's probability of manipulation.</summary>
    public double Probability(FaceCues cues) => LogisticRegression.Sigmoid(Logit(cues));

    /// <summary>This head's logit.</summary>
    public double Logit(FaceCues cues) => LogisticRegression.Linear([.. Weights], Standardized(cues), Bias);

    /// <summary>Centre of this head's logit over the real faces it was fitted on: their mean (their median under
    /// <see cref="CueCombination.MaxOverRealTail"/>).</summary>
    public double RealMean { get; init; }

    /// <summary>Unit of this head's logit over the real faces it was fitted on: their standard deviation (under
    /// <see cref="CueCombination.MaxOverRealTail"/> the distance from their median up to their 90th percentile; 1 for models
    /// that do not say).</summary>
    public double RealScale { get; init; } = 1;

    internal double[] Standardized(FaceCues cues)
    {
        var z = new double[Features.Count];
        for (var i = 0; i < z.Length; i++)
        {
            var v = cues.Feature(Features[i]);
            z[i] = double.IsNaN(v) ? 0 : (v - Mean[i]) / Scale[i];
        }
        return z;
    }

    /// <summary>Fits the head (classes weighted equally, L2 penalty <paramref name="l2"/> on the standardised weights) on one
    /// cue set and label per face; unmeasured features are filled with the measured mean before fitting. With
    /// <paramref name="strata"/> (one per face: where it came from), faces within a class weigh 1/√(faces of their
    /// stratum) (<see cref="LogisticRegression.RowWeights"/>).</summary>
    public static CueHead Fit(
        string name, IReadOnlyList<string> features, IReadOnlyList<FaceCues> cues, IReadOnlyList<int> labels, double l2 = LogisticRegression.DefaultL2,
        IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentNullException.ThrowIfNull(labels);
        if (cues.Count != labels.Count) throw new ArgumentException("one cue set per label is needed", nameof(labels));
        if (labels.Distinct().Count() < 2) throw new ArgumentException("fitting needs real and fake faces", nameof(labels));
        foreach (var f in features)
            if (!FaceCues.IsFeature(f)) throw new ArgumentException($"unknown cue feature '{f}'", nameof(features));
        var raw = cues.Select(c => features.Select(c.Feature).ToArray()).ToList();
        var means = Enumerable.Range(0, features.Count).Select(j => raw.Select(r => r[j]).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Average()).ToArray();
        var filled = raw.Select(r => r.Select((v, j) => double.IsNaN(v) ? means[j] : v).ToArray()).ToList();
        var (mean, scale, w, b) = LogisticRegression.FitStandardized(filled, labels, balanced: true, l2, strata);
        return new CueHead(name, [.. features], mean, scale, w, b);
    }
}

/// <summary>A head to fit: its name, its features and the fake kinds that teach it (empty: every fake kind but the
/// self-blended pseudo-fakes, which teach only the heads that name them: their traces are real in every feature but the
/// one they were made for).</summary>
/// <param name="Name">What it detects.</param>
/// <param name="Features">Feature names.</param>
/// <param name="FakeKinds">Fake kinds it is fitted on against the reals.</param>
/// <param name="L2">L2 penalty on the standardised weights (stronger for the encoder's hundreds of features).</param>
public sealed record CueHeadSpec(string Name, IReadOnlyList<string> Features, IReadOnlyList<string> FakeKinds, double L2 = LogisticRegression.DefaultL2)
{
    /// <summary>Kind of the self-blended pseudo-fakes made from real faces during fitting.</summary>
    public const string SelfBlended = "self-blended";

    /// <summary>Kind of the re-encoded copies of real videos made during fitting: reals to every head, so that what a lossy
    /// pass does to any video is not read as manipulation.</summary>
    public const string ReencodedReal = "reencoded-real";

    /// <summary>True when a label-0 sample of <paramref name="kind"/> is a real face the heads learn from: the reals and
    /// their re-encoded copies (not the late-audio copies made for the evaluation).</summary>
    public static bool IsFittedReal(string kind) => kind is "real" or ReencodedReal;

    /// <summary>True when fakes of <paramref name="kind"/> teach this head.</summary>
    public bool Teaches(string kind) => FakeKinds.Count == 0 ? kind != SelfBlended : FakeKinds.Contains(kind);
}

/// <summary>How a <see cref="CueFusion"/> joins its heads.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CueCombination>))]
public enum CueCombination
{
    /// <summary>Manipulated when any head says so: 1 − Π(1 − p_head). Heads fitted with balanced classes each read about
    /// one half on real faces, so every added head lifts the reals too.</summary>
    NoisyOr,

    /// <summary>The largest head logit, each first put in units of its spread over real faces (z = (logit − mean) / sd
    /// over the fitting reals): each head has the same say on reals, and the one that stands out most decides.</summary>
    MaxOverReals,

    /// <summary>The largest head logit, each first put in units of its reals' upper tail (z = (logit − median) / (90th
    /// percentile − median) over the fitting reals). Heads whose reals spread with a long tail on one side (the sync
    /// measure on short clips) and heads whose reals bunch tightly would, in units of a standard deviation, call
    /// different shares of reals manipulated at the same z; in these units each calls about 10 % of them above 1.</summary>
    MaxOverRealTail,

    /// <summary>The heads' tail units (as <see cref="MaxOverRealTail"/>) joined by log Σ exp: the largest still decides
    /// when one head stands out, but heads that rise together add up (by at most the log of their number), where a real
    /// face's one-head outlier does not.</summary>
    SumOverRealTail,
}

/// <summary>σ(A · x + B) of a logit x.</summary>
/// <param name="A">Slope.</param>
/// <param name="B">Intercept.</param>
public readonly record struct PlattScaling(double A, double B);
