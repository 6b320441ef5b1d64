using System.Globalization;
using System.Text;
using LipSyncGuard.Data;
using LipSyncGuard.Detection;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Sync;

namespace LipSyncGuard.Training;

/// <summary>One video's inputs to the cue protocol: its item, where it came from, the longest face's sync input and its
/// pixel and landmark traces (measured once; only the sync score depends on the fold's sync measure).</summary>
/// <param name="Item">The dataset item.</param>
/// <param name="Source">The repository or footage origin.</param>
/// <param name="Track">The longest face track's sync input (null: no face).</param>
/// <param name="Traces">Texture, jitter, consistency, resampling and appearance of that face (sync left null).</param>
public sealed record CueVideo(DatasetItem Item, string Source, SyncTrack? Track, FaceCues Traces)
{
    /// <summary>For a real face: the traces of a self-blended copy of it (<see cref="SelfBlendedMouths"/>), a pseudo-fake
    /// for the heads that learn from them; null otherwise.</summary>
    public FaceCues? SelfBlended { get; init; }

    /// <summary>The same clip re-encoded smaller and lossier (its own track and traces), fitted with the original's label in
    /// its fold; a real's copy is also scored beside it on held-out folds. Null when there is none.</summary>
    public CueVideo? Reencoded { get; init; }

    /// <summary>The same clip re-encoded at the shortcut audit's setting (<see cref="CueProtocol.AuditSetting"/>; its own
    /// track and traces), scored by the model of the fold that holds the original out and never fitted: what a lossy
    /// upload costs the verdict on sources it never saw. Null when there is none.</summary>
    public CueVideo? Audit { get; init; }

    /// <summary>The generator family (<see cref="GeneratorFamily"/>).</summary>
    public string Family => GeneratorFamily.Of(Item.Generator);

    /// <summary>How large the face is filmed: the median eye distance of its trusted frames in the analysed frame's pixels
    /// (NaN when not recorded). Never fitted on; the report compares each fake with real faces of about its size, because
    /// in shared data the fakes' faces are often larger than the reals'.</summary>
    public double FaceSize { get; init; } = double.NaN;
}

/// <summary>A candidate verdict of the protocol: its heads and how they are joined.</summary>
/// <param name="Name">What the ablation table calls it.</param>
/// <param name="Heads">The heads.</param>
/// <param name="Combination">How their scores are joined.</param>
/// <param name="Stratified">Whether each head weighs its fakes by generator family and its reals by source, 1/√ of
/// their clips (<see cref="CueProtocol.Stratum"/>), rather than every clip alike.</param>
public sealed record CueVariant(string Name, CueHeadSpec[] Heads, CueCombination Combination = CueCombination.NoisyOr, bool Stratified = false);

/// <summary>The evaluation that mirrors use (issue 17): K folds that each hold out whole sources, generator families and
/// people (<see cref="SourceFolds"/>). In each fold the sync measure is fitted on the other folds' reals and a
/// <see cref="CueFusion"/> on the other folds' videos (reals, generator fakes, and swapped / shifted audio cut from the
/// reals); its thresholds come from an inner cross-validation over those folds (their reals scored by fusions that did not
/// see them). The held-out fold's videos, and swaps, shifts and genuinely late audio made from its reals, are scored by
/// that fold's model. The same runs on folds that hold out people only, so the gap between the two is visible.</summary>
public sealed class CueProtocol
{
    private static readonly string[] Sync = ["sync_mismatch", "sync_judged"];

    /// <summary>The audio head's richer reading of the sync measure: two-sided (in a head that only meets audio fakes,
    /// good sync is evidence against them) and with the peak's prominence.</summary>
    private static readonly string[] SyncFull = ["sync_logit", "sync_judged", "sync_confidence"];
    /// <summary>The audio head's reading weighed by how much speech the sync measure rests on: a short clip's chance peak
    /// is weaker evidence than a long clip's steady one.</summary>
    private static readonly string[] SyncSpan = [.. SyncFull, "sync_span", "sync_logit_span"];
    private static readonly string[] Texture = ["texture_sharpness", "texture_motion", "texture_flicker"];
    private static readonly string[] Jitter = ["jitter_acceleration", "jitter_jerk", "jitter_reversals", "jitter_motion"];
    private static readonly string[] Consistency = ["consistency_median", "consistency_upper"];
    private static readonly string[] Resampling = ["resampling_scale", "resampling_saturation"];
    private static readonly string[] AudioFakes = ["swap", "shift"];
    private static readonly string[] GeneratorFakes = ["lipsync", "generated"];
    private static readonly string[] SelfBlendedFakes = [CueHeadSpec.SelfBlended];
    private static readonly string[] Change = [FaceCues.AppearancePrefix + "change"];
    private static readonly string[] ChangeShape = [.. Change, FaceCues.AppearancePrefix + "same_shape"];
    private static readonly string[] Tcr = [.. Texture, .. Consistency, .. Resampling];
    private static readonly string[] Head = ["head_jerk", "head_roll_speed"];
    private static readonly string[] HeadEyes = [.. Head, "head_eyes"];
    private static readonly string[] Jaw = ["jaw_follow"];
    private static readonly string[] Forehead = ["forehead_detail"];

    /// <summary>Head motion is a trace of generated heads only (lip-sync generators keep the source's head), so its head
    /// learns from those alone.</summary>
    private static readonly string[] GeneratedHeads = ["generated"];

    /// <summary>L2 penalty of heads over the frozen encoder's 512 mean features: of 1e-3, 1e-2 and 0.1, the strongest did
    /// best on held-out sources (512 features, ~200 training faces).</summary>
    private const double AppearanceL2 = 0.1;

    /// <summary>The shipped heads since stop 34 (sync; appearance change + same-shape likeness; texture + consistency +
    /// resampling + jaw + forehead; head motion), compared under both max-of-heads joins.</summary>
    private static readonly CueHeadSpec[] FourHeads =
        [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes), new("traces", [.. Tcr, .. Jaw, .. Forehead], GeneratorFakes), new("head", Head, GeneratedHeads)];

    /// <summary>Verdicts compared (the ablation): single cues, one logistic regression over everything, and an audio head
    /// beside a generator-trace head (noisy-OR). The protocol keeps the one with the best <see cref="Criterion"/>.</summary>
    public static IReadOnlyList<CueVariant> Variants { get; } =
    [
        new("sync", [new("all", Sync, [])]),
        new("texture", [new("traces", Texture, GeneratorFakes)]),
        new("jitter", [new("traces", Jitter, GeneratorFakes)]),
        new("consistency", [new("traces", Consistency, GeneratorFakes)]),
        new("resampling", [new("traces", Resampling, GeneratorFakes)]),
        new("traces (texture+jitter+consistency)", [new("traces", [.. Texture, .. Jitter, .. Consistency], GeneratorFakes)]),
        new("traces (texture+consistency+resampling)", [new("traces", [.. Texture, .. Consistency, .. Resampling], GeneratorFakes)]),
        new("traces (all four)", [new("traces", [.. Texture, .. Jitter, .. Consistency, .. Resampling], GeneratorFakes)]),
        new("appearance change", [new("traces", Change, GeneratorFakes)]),
        new("appearance change + same-shape likeness", [new("traces", ChangeShape, GeneratorFakes)]),
        new("appearance (ResNet18 mouth features)", [new("traces", FaceCues.AppearanceFeatures, GeneratorFakes, AppearanceL2)]),
        new("appearance, taught by self-blended mouths", [new("traces", FaceCues.AppearanceFeatures, SelfBlendedFakes, AppearanceL2)]),
        new("one logistic over all", [new("all", [.. FaceCues.AllFeatures.Where(f => !FaceCues.AppearanceFeatures.Contains(f))], [])]),
        new("sync, or texture", [new("audio", Sync, AudioFakes), new("traces", Texture, GeneratorFakes)]),
        new("sync, or texture+consistency", [new("audio", Sync, AudioFakes), new("traces", [.. Texture, .. Consistency], GeneratorFakes)]),
        new("sync, or traces", [new("audio", Sync, AudioFakes), new("traces", [.. Texture, .. Jitter, .. Consistency], GeneratorFakes)]),
        new("sync, or texture+consistency+resampling", [new("audio", Sync, AudioFakes), new("traces", [.. Texture, .. Consistency, .. Resampling], GeneratorFakes)]),
        new("sync, or all four traces", [new("audio", Sync, AudioFakes), new("traces", [.. Texture, .. Jitter, .. Consistency, .. Resampling], GeneratorFakes)]),
        new("sync (two-sided + peak), or texture+consistency+resampling", [new("audio", SyncFull, AudioFakes), new("traces", [.. Texture, .. Consistency, .. Resampling], GeneratorFakes)]),
        new("sync (two-sided + peak), or traces", [new("audio", SyncFull, AudioFakes), new("traces", [.. Texture, .. Jitter, .. Consistency], GeneratorFakes)]),
        new("sync (two-sided + peak), or texture+consistency+resampling+appearance change", [new("audio", SyncFull, AudioFakes), new("traces", [.. Tcr, .. Change], GeneratorFakes)]),
        new("sync (two-sided + peak), or texture+consistency+resampling, or appearance", [new("audio", SyncFull, AudioFakes), new("traces", Tcr, GeneratorFakes), new("appearance", [.. FaceCues.AppearanceFeatures, .. Change], GeneratorFakes, AppearanceL2)]),
        new("sync (two-sided + peak), or texture+consistency+resampling+appearance change, or appearance", [new("audio", SyncFull, AudioFakes), new("traces", [.. Tcr, .. Change], GeneratorFakes), new("appearance", FaceCues.AppearanceFeatures, GeneratorFakes, AppearanceL2)]),
        new("sync (two-sided + peak), or traces and appearance in one head", [new("audio", SyncFull, AudioFakes), new("traces", [.. Tcr, .. Change, .. FaceCues.AppearanceFeatures], GeneratorFakes, AppearanceL2)]),
        new("sync (two-sided + peak), or appearance change", [new("audio", SyncFull, AudioFakes), new("traces", Change, GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change, or texture+consistency+resampling", [new("audio", SyncFull, AudioFakes), new("change", Change, GeneratorFakes), new("traces", Tcr, GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness", [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling", [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes), new("traces", Tcr, GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness + sync (generators look more in sync than filmed speech), or texture+consistency+resampling", [new("audio", SyncFull, AudioFakes), new("change", [.. ChangeShape, "sync_logit", "sync_judged"], GeneratorFakes), new("traces", Tcr, GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness + sync with its peak, or texture+consistency+resampling", [new("audio", SyncFull, AudioFakes), new("change", [.. ChangeShape, .. SyncFull], GeneratorFakes), new("traces", Tcr, GeneratorFakes)]),
        new("sync (two-sided + peak), or traces and appearance change + same-shape likeness in one head", [new("audio", SyncFull, AudioFakes), new("traces", [.. Tcr, .. ChangeShape], GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change; the larger in units of the reals' spread", [new("audio", SyncFull, AudioFakes), new("change", Change, GeneratorFakes)], CueCombination.MaxOverReals),
        new("sync (two-sided + peak), or appearance change, or texture+consistency+resampling; the largest in units of the reals' spread", [new("audio", SyncFull, AudioFakes), new("change", Change, GeneratorFakes), new("traces", Tcr, GeneratorFakes)], CueCombination.MaxOverReals),
        new("head motion (generated heads)", [new("head", Head, GeneratedHeads)]),
        new("jaw follows the lips", [new("jaw", Jaw, GeneratorFakes)]),
        new("mouth against the forehead", [new("forehead", Forehead, GeneratorFakes)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling, or head motion (generated heads)",
            [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes), new("traces", Tcr, GeneratorFakes), new("head", Head, GeneratedHeads)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling, or head motion (generated heads); the largest in units of the reals' spread",
            [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes), new("traces", Tcr, GeneratorFakes), new("head", Head, GeneratedHeads)], CueCombination.MaxOverReals),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw, or head motion (generated heads); the largest in units of the reals' spread",
            [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes), new("traces", [.. Tcr, .. Jaw], GeneratorFakes), new("head", Head, GeneratedHeads)], CueCombination.MaxOverReals),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead, or head motion (generated heads); the largest in units of the reals' spread",
            FourHeads, CueCombination.MaxOverReals),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead, or head motion (generated heads); the largest in units of the reals' upper tail",
            FourHeads, CueCombination.MaxOverRealTail),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead, or head motion (generated heads); the largest in units of the reals' upper tail; families and sources weighed by 1/√ of their clips",
            FourHeads, CueCombination.MaxOverRealTail, Stratified: true),
        new("head motion and eye motion (generated heads)", [new("head", HeadEyes, GeneratedHeads)]),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead, or head and eye motion (generated heads); the largest in units of the reals' upper tail; families and sources weighed by 1/√ of their clips",
            [.. FourHeads[..3], new("head", HeadEyes, GeneratedHeads)], CueCombination.MaxOverRealTail, Stratified: true),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead taught by self-blended mouths too, or head motion (generated heads); the largest in units of the reals' upper tail; families and sources weighed by 1/√ of their clips",
            [FourHeads[0], FourHeads[1], FourHeads[2] with { FakeKinds = [.. GeneratorFakes, CueHeadSpec.SelfBlended] }, FourHeads[3]], CueCombination.MaxOverRealTail, Stratified: true),
        new("sync (two-sided + peak), or appearance change + same-shape likeness and texture+consistency+resampling+jaw+forehead, each taught by self-blended mouths too, or head motion (generated heads); the largest in units of the reals' upper tail; families and sources weighed by 1/√ of their clips",
            [FourHeads[0], .. FourHeads[1..3].Select(h => h with { FakeKinds = [.. GeneratorFakes, CueHeadSpec.SelfBlended] }), FourHeads[3]], CueCombination.MaxOverRealTail, Stratified: true),
        new("sync (two-sided + peak)", [new("audio", SyncFull, AudioFakes)]),
        new("sync (two-sided + peak) by its speech span", [new("audio", SyncSpan, AudioFakes)]),
        new("sync (two-sided + peak) by its speech span, or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead, or head motion (generated heads); the largest in units of the reals' upper tail",
            [new("audio", SyncSpan, AudioFakes), .. FourHeads[1..]], CueCombination.MaxOverRealTail),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling, or head motion (generated heads), or jaw follows the lips; the largest in units of the reals' spread",
            [new("audio", SyncFull, AudioFakes), new("change", ChangeShape, GeneratorFakes), new("traces", Tcr, GeneratorFakes), new("head", Head, GeneratedHeads), new("jaw", Jaw, GeneratorFakes)], CueCombination.MaxOverReals),
        new("sync (two-sided + peak), or texture+consistency+resampling+appearance change; the larger in units of the reals' spread", [new("audio", SyncFull, AudioFakes), new("traces", [.. Tcr, .. Change], GeneratorFakes)], CueCombination.MaxOverReals),
        new("sync (two-sided + peak), or appearance change + same-shape likeness, or texture+consistency+resampling+jaw+forehead, or head motion (generated heads); log-sum-exp in units of the reals' upper tail; families and sources weighed by 1/√ of their clips",
            FourHeads, CueCombination.SumOverRealTail, Stratified: true),
    ];

    /// <summary>Audio shifts of the test negatives, in frames (0.5 s and 1 s at 25 fps); positive = audio later.</summary>
    private const int HalfSecond = 13, OneSecond = 25;

    /// <summary>Shares of held-out reals each of <see cref="OperatingPoint.Names"/> may call manipulated, and at least
    /// inconclusive; declared before <see cref="Points"/>, which reads them.</summary>
    private static readonly (double Manipulated, double Flagged)[] PointRates = [(0.02, 0.10), (0.05, 0.20), (0.10, 0.30)];

    /// <summary>Operating points: the share of held-out reals that may be called manipulated, and called at least
    /// inconclusive.</summary>
    public static IReadOnlyList<(string Name, double Manipulated, double Flagged)> Points { get; } =
        [.. OperatingPoint.Names.Select((name, i) => (name, PointRates[i].Manipulated, PointRates[i].Flagged))];

    private readonly SyncFitter _fitter;
    private readonly int _folds;
    private readonly int _seed;

    /// <summary>Creates the protocol with <paramref name="folds"/> outer folds.</summary>
    public CueProtocol(int folds = 5, int seed = 7, SyncOptions? sync = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 3);
        _folds = folds;
        _seed = seed;
        _fitter = new SyncFitter(sync);
    }

    /// <summary>The sync measure's options for every fold's fit: its videos' sync input must carry audio features of
    /// <see cref="SyncOptions.Audio"/>.</summary>
    public SyncOptions SyncOptions => _fitter.Options;

    /// <summary>One scored sample: a video, or a swap / shift / late-audio copy of a real one.</summary>
    public sealed record Sample(int Video, string Kind, int Label, string Family, int Fold, FaceCues Cues)
    {
        /// <summary>The repository or footage origin of the video (of the real it was cut from, for a copy).</summary>
        public string Source { get; init; } = "-";

        /// <summary>The video's <see cref="CueVideo.FaceSize"/> (of the real it was cut from, for a copy).</summary>
        public double FaceSize { get; init; } = double.NaN;
    }

    /// <summary>Where a sample came from, as a <see cref="CueVariant.Stratified"/> fit weighs it: a generator fake's
    /// family, anything else's source (reals, their re-encoded copies, the swaps and shifts cut from them). The evaluation
    /// averages over families, and most fakes are of one (Wav2Lip: 35 of the 64 lip-sync fakes); most reals of a few sources.</summary>
    public static string Stratum(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return sample.Label == 1 && sample.Family != "-" ? "family " + sample.Family : "source " + sample.Source;
    }

    /// <summary>How the clips of the shortcut audit (<see cref="CueVideo.Audit"/>) were re-encoded.</summary>
    public const string AuditSetting = "360p, H.264 CRF 28";

    /// <summary>The score of a held-out video's audit copy (<see cref="CueVideo.Audit"/>) by the model that scored the
    /// video itself: <paramref name="Sample"/> is the video's index in <see cref="Scored.Samples"/>; <paramref name="Heads"/>
    /// each head's logit in its reals' units (<see cref="CueFusion.HeadUnits"/>).</summary>
    public sealed record AuditScore(int Sample, double Score, bool OutOfRange, IReadOnlyList<double> Heads);

    /// <summary>Out-of-fold probabilities of one variant, with the thresholds of the fold that scored each sample and
    /// whether that fold's model found it outside its reals' range (<see cref="CueFusion.OutOfRange"/>: inconclusive).</summary>
    public sealed record Scored(IReadOnlyList<Sample> Samples, IReadOnlyList<double> Scores, IReadOnlyList<IReadOnlyDictionary<string, OperatingPoint>> Points, IReadOnlyList<bool> OutOfRange)
    {
        /// <summary>The audit copies' scores, apart from the samples (they are never fitted, calibrated or thresholded on).</summary>
        public IReadOnlyList<AuditScore> Audit { get; init; } = [];

        /// <summary>The variant's heads, in the order of <see cref="HeadUnits"/>.</summary>
        public IReadOnlyList<string> HeadNames { get; init; } = [];

        /// <summary>Per sample, each head's logit in units of the reals its fold's model was fitted on
        /// (<see cref="CueFusion.HeadUnits"/>): which head spoke for a verdict, and which loses its footing on a re-encoded copy.</summary>
        public IReadOnlyList<IReadOnlyList<double>> HeadUnits { get; init; } = [];

        /// <summary>The verdict on sample <paramref name="i"/> at operating point <paramref name="point"/>, by its wire name
        /// (<c>manipulated</c>, <c>inconclusive</c>, <c>consistent</c>).</summary>
        public string Outcome(int i, string point) => Outcome(Scores[i], OutOfRange[i], Points[i][point]);

        /// <summary>The verdict on an audit copy at <paramref name="point"/>, by the thresholds of its original's fold.</summary>
        public string Outcome(AuditScore copy, string point)
        {
            ArgumentNullException.ThrowIfNull(copy);
            return Outcome(copy.Score, copy.OutOfRange, Points[copy.Sample][point]);
        }

        private static string Outcome(double score, bool outOfRange, OperatingPoint point) =>
            outOfRange ? "inconclusive"
            : score >= point.Manipulated ? "manipulated"
            : score >= point.Inconclusive ? "inconclusive"
            : "consistent";
    }

    /// <summary>Runs the protocol over <paramref name="videos"/> split into <paramref name="fold"/>s: the out-of-fold scores
    /// of every variant these videos can fit (each head needs fakes of a kind it learns from in every fold).</summary>
    public IReadOnlyDictionary<string, Scored> Run(IReadOnlyList<CueVideo> videos, IReadOnlyList<int> fold, IProgress<string>? progress = null)
    {
        var samples = new Dictionary<string, List<(Sample S, double Score, IReadOnlyDictionary<string, OperatingPoint> P, bool Out, double[] Heads)>>();
        var audits = new Dictionary<string, List<AuditScore>>();
        foreach (var variant in Variants) (samples[variant.Name], audits[variant.Name]) = ([], []);
        // A variant with a head that has no fakes to learn from in some fold — a dataset without generated heads cannot
        // fit the head taught by them alone — is not measured on these videos (left out of the result).
        var unfit = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < _folds; f++)
        {
            var train = Enumerable.Range(0, videos.Count).Where(i => fold[i] != f).ToList();
            var test = Enumerable.Range(0, videos.Count).Where(i => fold[i] == f).ToList();
            if (test.Count == 0) continue;
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"fold {f + 1}/{_folds}: fitting the sync measure on {train.Count(i => IsReal(videos[i]))} reals"));
            var scorer = new SyncScorer(FitSync(videos, train));
            var trainSamples = Samples(videos, train, fold, scorer, testNegatives: false);
            var testSamples = Samples(videos, test, fold, scorer, testNegatives: true);
            // The audit copies' cues, once per fold (the sync score is the costly part): the copy of the video whose own
            // sample (the first of that video) is test sample j.
            var auditCues = new Dictionary<int, FaceCues>();
            for (var j = 0; j < testSamples.Count; j++)
            {
                var s = testSamples[j];
                if (videos[s.Video].Audit is { } copy && s.Kind == videos[s.Video].Item.Kind) auditCues[j] = Cues(copy, scorer);
            }
            foreach (var variant in Variants)
            {
                if (unfit.Contains(variant.Name)) continue;
                if (!CanFit(variant, trainSamples))
                {
                    unfit.Add(variant.Name);
                    continue;
                }
                var fusion = Fit(variant, trainSamples);
                var points = InnerPoints(variant, trainSamples);
                var scored = samples[variant.Name];
                for (var j = 0; j < testSamples.Count; j++)
                {
                    var s = testSamples[j];
                    scored.Add((s, fusion.Probability(s.Cues), points, fusion.OutOfRange(s.Cues).Count > 0, fusion.HeadUnits(s.Cues)));
                    if (auditCues.TryGetValue(j, out var cues))
                        audits[variant.Name].Add(new AuditScore(scored.Count - 1, fusion.Probability(cues), fusion.OutOfRange(cues).Count > 0, fusion.HeadUnits(cues)));
                }
            }
        }
        return samples.Where(kv => !unfit.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => new Scored([.. kv.Value.Select(x => x.S)], [.. kv.Value.Select(x => x.Score)], [.. kv.Value.Select(x => x.P)], [.. kv.Value.Select(x => x.Out)])
        {
            Audit = audits[kv.Key],
            HeadNames = [.. Variants.First(v => v.Name == kv.Key).Heads.Select(h => h.Name)],
            HeadUnits = [.. kv.Value.Select(x => x.Heads)],
        });
    }

    /// <summary>The sync measure fitted on the reals among <paramref name="indices"/>.</summary>
    public SyncModel FitSync(IReadOnlyList<CueVideo> videos, IEnumerable<int> indices, string provenance = "") =>
        _fitter.Fit([.. indices.Where(i => IsRealFace(videos[i])).Select(i => videos[i].Track!)], _seed, provenance);

    /// <summary>The samples a set of videos gives: each video, and from each real with a face a swap (another real's audio,
    /// of another group in the same set) and a shift; test sets also get a late-audio real (3–7 frames, a capture offset,
    /// label 0) and fixed 0.5 s early / late and 1 s shifts instead of a random one.</summary>
    public List<Sample> Samples(IReadOnlyList<CueVideo> videos, IReadOnlyList<int> indices, IReadOnlyList<int> fold, SyncScorer scorer, bool testNegatives)
    {
        var random = new Random(_seed + (testNegatives ? 1 : 0) + (31 * fold[indices[0]]));
        var result = new List<Sample>();
        var reals = indices.Where(i => IsRealFace(videos[i])).ToList();
        foreach (var i in indices)
        {
            var v = videos[i];
            result.Add(new Sample(i, v.Item.Kind, v.Item.Label, v.Family, fold[i], Cues(v, scorer)));
            // A fake's lossy copy is fitted as the fake it is: were only the reals re-encoded, "compressed" would read as real.
            if (!testNegatives && v.Item.Label == 1 && v.Reencoded is { } fakeCopy)
                result.Add(new Sample(i, v.Item.Kind, 1, v.Family, fold[i], Cues(fakeCopy, scorer)));
            if (!reals.Contains(i)) continue;
            FaceCues With(SyncTrack t) => v.Traces.WithSync(scorer.Score(t));
            // The copy differs from its real in the mouth's pixels alone: its landmarks, head and sync are the real's.
            if (!testNegatives && v.SelfBlended is { Appearance.Frames: > 0 } blended)
            {
                result.Add(new Sample(i, CueHeadSpec.SelfBlended, 1, "-", fold[i], result[^1].Cues with
                {
                    Texture = blended.Texture, Consistency = blended.Consistency, Resampling = blended.Resampling, Appearance = blended.Appearance,
                }));
            }
            if (v.Reencoded is { } copy)
                result.Add(new Sample(i, CueHeadSpec.ReencodedReal, 0, "-", fold[i], Cues(copy, scorer)));
            var partners = reals.Where(j => videos[j].Item.Group != v.Item.Group).ToList();
            if (partners.Count > 0)
                result.Add(new Sample(i, "swap", 1, "-", fold[i], With(v.Track!.WithAudioFrom(videos[partners[random.Next(partners.Count)]].Track!))));
            if (testNegatives)
            {
                result.Add(new Sample(i, "shift-late-0.5s", 1, "-", fold[i], With(v.Track!.WithAudioShift(HalfSecond))));
                result.Add(new Sample(i, "shift-early-0.5s", 1, "-", fold[i], With(v.Track!.WithAudioShift(-HalfSecond))));
                result.Add(new Sample(i, "shift-1s", 1, "-", fold[i], With(v.Track!.WithAudioShift(random.Next(2) == 0 ? OneSecond : -OneSecond))));
                result.Add(new Sample(i, "late-audio-real", 0, "-", fold[i], With(v.Track!.WithAudioShift(random.Next(3, 8)))));
            }
            else
            {
                // Beyond the in-sync window: early by 8–25 frames, late by 13–25.
                var shift = random.Next(2) == 0 ? -random.Next(8, 26) : random.Next(13, 26);
                result.Add(new Sample(i, "shift", 1, "-", fold[i], With(v.Track!.WithAudioShift(shift))));
            }
        }
        return [.. result.Select(s => s with { Source = videos[s.Video].Source, FaceSize = videos[s.Video].FaceSize })];
    }

    /// <summary>Operating points from an inner cross-validation over the training folds: each inner fold's reals are
    /// scored by a fusion fitted without that fold, and the thresholds are the quantiles of those scores that call the
    /// wanted share of reals manipulated / at least inconclusive.</summary>
    public static IReadOnlyDictionary<string, OperatingPoint> InnerPoints(CueVariant variant, IReadOnlyList<Sample> train)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var realScores = new List<double>();
        foreach (var g in train.Select(s => s.Fold).Distinct())
        {
            var fit = train.Where(s => s.Fold != g).ToList();
            var held = train.Where(s => s.Fold == g && s.Label == 0 && s.Kind == "real").ToList();
            if (held.Count == 0 || !CanFit(variant, fit)) continue;
            var fusion = Fit(variant, fit);
            realScores.AddRange(held.Select(s => fusion.Probability(s.Cues)));
        }
        return PointsFrom(realScores);
    }

    /// <summary>Operating points from real videos' scores: the manipulated threshold leaves the point's share of them at
    /// or above it, the inconclusive bound its larger share.</summary>
    public static IReadOnlyDictionary<string, OperatingPoint> PointsFrom(IReadOnlyList<double> realScores)
    {
        var sorted = realScores.Order().ToArray();
        double Quantile(double share) => sorted.Length == 0 ? 0.5 : sorted[Math.Clamp((int)Math.Ceiling((1 - share) * sorted.Length), 0, sorted.Length - 1)];
        return Points.ToDictionary(p => p.Name, p =>
        {
            var manipulated = Quantile(p.Manipulated);
            var inconclusive = Math.Min(manipulated, Quantile(p.Flagged));
            return new OperatingPoint(manipulated, inconclusive,
                sorted.Length == 0 ? double.NaN : sorted.Count(s => s >= manipulated) / (double)sorted.Length,
                sorted.Length == 0 ? double.NaN : sorted.Count(s => s >= inconclusive && s < manipulated) / (double)sorted.Length);
        });
    }

    /// <summary>What the variant is chosen by, fixed before any run: the mean of the lip-sync families' average AUC, the
    /// generated-head families' average AUC, the swap AUC and the 0.5 s shift AUC (early and late), on held-out sources.</summary>
    public static double Criterion(Scored scored)
    {
        var table = Summary(scored);
        return (table.LipsyncFamilies + table.GeneratedFamilies + table.Kinds["swap"].Auc
            + ((table.Kinds["shift-late-0.5s"].Auc + table.Kinds["shift-early-0.5s"].Auc) / 2)) / 4;
    }

    /// <summary>Per kind and per family: AUC against the held-out reals and the share caught at the balanced point.</summary>
    public sealed record SummaryTable(
        IReadOnlyDictionary<string, (int Count, double Auc, double Caught)> Kinds,
        IReadOnlyList<(string Family, string Kind, int Count, double Auc, double Caught)> Families,
        double LipsyncFamilies, double GeneratedFamilies,
        IReadOnlyDictionary<string, (double Manipulated, double Inconclusive)> RealRates, double LateAudioManipulated)
    {
        /// <summary>Share of the held-out reals' re-encoded copies called manipulated at the balanced point (NaN without copies).</summary>
        public double ReencodedManipulated { get; init; } = double.NaN;

        /// <summary>The shortcut audit (null without audit copies).</summary>
        public AuditTable? Audit { get; init; }

        /// <summary>Family means (lip-sync, generated) with each fake ranked only against the held-out reals whose face is
        /// within <see cref="SizeMatch"/> of its size (<see cref="Sample.FaceSize"/>): what the ranking is worth where face size
        /// cannot help it. NaN without face sizes.</summary>
        public (double Lipsync, double Generated) SizeMatched { get; init; } = (double.NaN, double.NaN);

        /// <summary>Family means (lip-sync, generated) of face size alone as the score: how far the data lets size stand in
        /// for the evidence (0.5: not at all). NaN without face sizes.</summary>
        public (double Lipsync, double Generated) SizeAlone { get; init; } = (double.NaN, double.NaN);

        /// <summary>The held-out reals of each source at the balanced point, most reals first: a false-alarm rate per
        /// clip can hide that one kind of footage (a studio corpus, a broadcast) draws most of the false alarms.</summary>
        public IReadOnlyList<(string Source, int Reals, double Manipulated, double Inconclusive)> Sources { get; init; } = [];
    }

    /// <summary>The shortcut audit on held-out sources, over the <paramref name="Clips"/> videos that have an audit copy:
    /// each figure on the originals and on their copies (<see cref="AuditSetting"/>), scored by the same fold's model at
    /// the same thresholds.</summary>
    public sealed record AuditTable(
        int Clips, (double Original, double Copy) LipsyncFamilies, (double Original, double Copy) GeneratedFamilies,
        (double Original, double Copy) RealsManipulated, (double Original, double Copy) LipsyncCaught, (double Original, double Copy) GeneratedCaught)
    {
        /// <summary>The family means of each head alone (its logit in its reals' units) on the originals and the copies, for
        /// verdicts of more than one head: which evidence a lossy pass takes away.</summary>
        public IReadOnlyList<(string Head, (double Original, double Copy) LipsyncFamilies, (double Original, double Copy) GeneratedFamilies)> Heads { get; init; } = [];
    }

    /// <summary>The shortcut audit of <paramref name="scored"/> at <paramref name="point"/> (null without audit copies).</summary>
    public static AuditTable? SummarizeAudit(Scored scored, string point = "balanced")
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (scored.Audit.Count == 0) return null;
        var pairs = scored.Audit;
        string KindOf(AuditScore a) => scored.Samples[a.Sample].Kind;
        var reals = pairs.Where(a => KindOf(a) == "real").ToList();
        (double, double) FamilyMean(string kind, Func<AuditScore, double> original, Func<AuditScore, double> copy)
        {
            double Mean(Func<AuditScore, double> score) => pairs.Where(a => KindOf(a) == kind).GroupBy(a => scored.Samples[a.Sample].Family)
                .Select(g => reals.Count == 0 ? double.NaN : BinaryMetrics.Compute([.. reals.Concat(g).Select(score)], [.. reals.Select(_ => 0).Concat(g.Select(_ => 1))]).Auc)
                .DefaultIfEmpty(double.NaN).Average();
            return (Mean(original), Mean(copy));
        }
        double Original(AuditScore a) => scored.Scores[a.Sample];
        double Copy(AuditScore a) => a.Score;
        (double, double) Called(string kind)
        {
            var of = pairs.Where(a => KindOf(a) == kind).ToList();
            return of.Count == 0 ? (double.NaN, double.NaN)
                : (of.Count(a => scored.Outcome(a.Sample, point) == "manipulated") / (double)of.Count, of.Count(a => scored.Outcome(a, point) == "manipulated") / (double)of.Count);
        }
        return new AuditTable(pairs.Count, FamilyMean("lipsync", Original, Copy), FamilyMean("generated", Original, Copy), Called("real"), Called("lipsync"), Called("generated"))
        {
            Heads = scored.HeadNames.Count < 2 ? [] : [.. scored.HeadNames.Select((name, h) =>
                (name, FamilyMean("lipsync", a => scored.HeadUnits[a.Sample][h], a => a.Heads[h]), FamilyMean("generated", a => scored.HeadUnits[a.Sample][h], a => a.Heads[h])))],
        };
    }

    /// <summary>Largest ratio between a fake's face size and a real's that <see cref="SummaryTable.SizeMatched"/> compares.</summary>
    public const double SizeMatch = 1.25;

    /// <summary>Family means of the AUC of <paramref name="score"/> for fakes of <paramref name="kind"/> against the reals, each
    /// fake counted only against reals whose face size is within <see cref="SizeMatch"/> of its own when
    /// <paramref name="matched"/>; fakes and reals without a face size are left out (NaN when none is left).</summary>
    private static double SizeFamilies(Scored scored, IReadOnlyList<int> reals, string kind, Func<int, double> score, bool matched)
    {
        var sized = reals.Where(i => !double.IsNaN(scored.Samples[i].FaceSize)).ToList();
        var limit = Math.Log(SizeMatch);
        var means = new List<double>();
        foreach (var family in Enumerable.Range(0, scored.Samples.Count).Where(i => scored.Samples[i].Kind == kind && scored.Samples[i].Label == 1 && !double.IsNaN(scored.Samples[i].FaceSize)).GroupBy(i => scored.Samples[i].Family))
        {
            double wins = 0, pairs = 0;
            foreach (var f in family)
            {
                foreach (var r in sized)
                {
                    if (matched && Math.Abs(Math.Log(scored.Samples[f].FaceSize / scored.Samples[r].FaceSize)) > limit) continue;
                    var (a, b) = (score(f), score(r));
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                    pairs++;
                }
            }
            if (pairs > 0) means.Add(wins / pairs);
        }
        return means.Count == 0 ? double.NaN : means.Average();
    }

    /// <summary>Summarises out-of-fold scores.</summary>
    public static SummaryTable Summary(Scored scored, string point = "balanced")
    {
        var n = scored.Samples.Count;
        var reals = Enumerable.Range(0, n).Where(i => scored.Samples[i].Kind == "real").ToList();
        (int, double, double) Against(IReadOnlyList<int> fakes)
        {
            var idx = reals.Concat(fakes).ToList();
            var auc = fakes.Count == 0 ? double.NaN : BinaryMetrics.Compute([.. idx.Select(i => scored.Scores[i])], [.. idx.Select(i => scored.Samples[i].Label)]).Auc;
            var caught = fakes.Count == 0 ? double.NaN : fakes.Count(i => scored.Outcome(i, point) == "manipulated") / (double)fakes.Count;
            return (fakes.Count, auc, caught);
        }
        var kinds = new Dictionary<string, (int, double, double)>();
        foreach (var kind in scored.Samples.Where(s => s.Label == 1).Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal))
            kinds[kind] = Against([.. Enumerable.Range(0, n).Where(i => scored.Samples[i].Kind == kind && scored.Samples[i].Label == 1)]);
        var families = scored.Samples.Where(s => s.Label == 1 && s.Family != "-" && s.Kind is "lipsync" or "generated").Select(s => (s.Family, s.Kind)).Distinct()
            .OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Family, StringComparer.Ordinal)
            .Select(f =>
            {
                var (count, auc, caught) = Against([.. Enumerable.Range(0, n).Where(i => scored.Samples[i].Family == f.Family && scored.Samples[i].Kind == f.Kind)]);
                return (f.Family, f.Kind, count, auc, caught);
            }).ToList();
        var rates = Points.ToDictionary(p => p.Name, p =>
        {
            var m = reals.Count(i => scored.Outcome(i, p.Name) == "manipulated") / (double)Math.Max(1, reals.Count);
            var inc = reals.Count(i => scored.Outcome(i, p.Name) == "inconclusive") / (double)Math.Max(1, reals.Count);
            return (m, inc);
        });
        double Manipulated(string kind)
        {
            var of = Enumerable.Range(0, n).Where(i => scored.Samples[i].Kind == kind).ToList();
            return of.Count == 0 ? double.NaN : of.Count(i => scored.Outcome(i, point) == "manipulated") / (double)of.Count;
        }
        static double Mean(IEnumerable<double> x) => x.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();
        return new SummaryTable(kinds, families, Mean(families.Where(f => f.Kind == "lipsync").Select(f => f.auc)),
            Mean(families.Where(f => f.Kind == "generated").Select(f => f.auc)), rates, Manipulated("late-audio-real"))
        {
            ReencodedManipulated = Manipulated(CueHeadSpec.ReencodedReal),
            Audit = SummarizeAudit(scored, point),
            SizeMatched = (SizeFamilies(scored, reals, "lipsync", i => scored.Scores[i], matched: true), SizeFamilies(scored, reals, "generated", i => scored.Scores[i], matched: true)),
            SizeAlone = (SizeFamilies(scored, reals, "lipsync", i => scored.Samples[i].FaceSize, matched: false), SizeFamilies(scored, reals, "generated", i => scored.Samples[i].FaceSize, matched: false)),
            Sources = [.. reals.GroupBy(i => scored.Samples[i].Source)
                .Select(g => (g.Key, g.Count(), g.Count(i => scored.Outcome(i, point) == "manipulated") / (double)g.Count(), g.Count(i => scored.Outcome(i, point) == "inconclusive") / (double)g.Count()))
                .OrderByDescending(s => s.Item2).ThenBy(s => s.Key, StringComparer.Ordinal)],
        };
    }

    /// <summary>Markdown of the chosen variant on held-out sources beside the same-source split, per family, and the
    /// ablation of every variant; with <paramref name="partitions"/> (each variant's criterion on several partitions of
    /// the sources into folds, the reported one first) the ablation gives their mean and range.</summary>
    public static string Report(
        string chosen, IReadOnlyDictionary<string, Scored> heldOut, IReadOnlyDictionary<string, Scored>? sameSource, int folds,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? partitions = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var main = Summary(heldOut[chosen]);
        var same = sameSource is null ? null : Summary(sameSource[chosen]);
        static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);
        static string P(double v) => double.IsNaN(v) ? "–" : v.ToString("0%", CultureInfo.InvariantCulture);
        var dealt = partitions?.GetValueOrDefault(chosen) is { Count: > 1 } own ? own.Count : 1;
        text.AppendLine(inv, $"Kept: **{chosen}** ({folds} folds; every video scored by a model fitted without its source, its generator family and its person{(dealt > 1 ? $"; the best mean criterion over {dealt} partitions of the sources into folds, the first reported below" : "")}).").AppendLine();
        text.AppendLine("| real vs | n | AUC, held-out sources | caught at balanced | AUC, same-source split |").AppendLine("|---|---|---|---|---|");
        foreach (var (kind, (count, auc, caught)) in main.Kinds)
            text.AppendLine(inv, $"| {kind} | {count} | {F(auc)} | {P(caught)} | {(same is not null && same.Kinds.TryGetValue(kind, out var s) ? F(s.Auc) : "–")} |");
        text.AppendLine(inv, $"| lip-sync families (mean AUC) | {main.Families.Count(f => f.Kind == "lipsync")} | {F(main.LipsyncFamilies)} | | {(same is null ? "–" : F(same.LipsyncFamilies))} |");
        text.AppendLine(inv, $"| generated-head families (mean AUC) | {main.Families.Count(f => f.Kind == "generated")} | {F(main.GeneratedFamilies)} | | {(same is null ? "–" : F(same.GeneratedFamilies))} |");
        text.AppendLine().AppendLine("Real videos from held-out sources, per operating point (share called manipulated / inconclusive):").AppendLine();
        text.AppendLine("| operating point | manipulated | inconclusive | same-source split: manipulated |").AppendLine("|---|---|---|---|");
        foreach (var (name, _, _) in Points)
            text.AppendLine(inv, $"| {name} | {P(main.RealRates[name].Manipulated)} | {P(main.RealRates[name].Inconclusive)} | {(same is null ? "–" : P(same.RealRates[name].Manipulated))} |");
        if (main.Sources.Count > 1)
        {
            var flagged = main.Sources.Where(s => s.Manipulated > 0).ToList();
            text.AppendLine().AppendLine(inv, $"Per held-out real source at balanced: averaged over its {main.Sources.Count} sources, {P(main.Sources.Average(s => s.Manipulated))} of a source's reals called manipulated and {P(main.Sources.Average(s => s.Inconclusive))} inconclusive; {flagged.Count} of them with any real called manipulated{(flagged.Count == 0 ? "." : ":")}")
                .AppendLine();
            if (flagged.Count > 0)
            {
                text.AppendLine("| source | reals | manipulated | inconclusive |").AppendLine("|---|---|---|---|");
                foreach (var (source, reals, manipulated, inconclusive) in flagged)
                    text.AppendLine(inv, $"| {source} | {reals} | {P(manipulated)} | {P(inconclusive)} |");
            }
        }
        text.AppendLine(inv, $"\nGenuine clips whose audio runs 120–280 ms late (held-out reals, shifted 3–7 frames): {P(main.LateAudioManipulated)} called manipulated at balanced.");
        if (!double.IsNaN(main.ReencodedManipulated))
            text.AppendLine(inv, $"Re-encoded copies of the held-out reals (`{CueHeadSpec.ReencodedReal}`, fit-cues --reencoded): {P(main.ReencodedManipulated)} called manipulated at balanced.");
        if (!double.IsNaN(main.SizeAlone.Lipsync) || !double.IsNaN(main.SizeAlone.Generated))
        {
            text.AppendLine().AppendLine(inv, $"Face size (the median eye distance in the analysed frame; never fitted on) alone ranks lip-sync families {F(main.SizeAlone.Lipsync)} and generated-head families {F(main.SizeAlone.Generated)} against the held-out reals (0.5: size says nothing):")
                .AppendLine(inv, $"the fakes here were filmed larger. Each fake ranked only against held-out reals whose face is within ×{SizeMatch.ToString("0.##", inv)} of its size: lip-sync families {F(main.SizeMatched.Lipsync)} (against every real {F(main.LipsyncFamilies)}), generated {F(main.SizeMatched.Generated)} ({F(main.GeneratedFamilies)}).");
        }
        if (main.Audit is { } audit)
        {
            static string Row(string name, (double Original, double Copy) v, Func<double, string> format, Func<double, string> change) =>
                $"| {name} | {format(v.Original)} | {format(v.Copy)} | {change(v.Copy - v.Original)} |";
            static string PointChange(double v) => double.IsNaN(v) ? "–" : v.ToString("+0%;-0%;0%", CultureInfo.InvariantCulture);
            static string Signed(double v) => double.IsNaN(v) ? "–" : v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
            text.AppendLine().AppendLine(inv, $"Shortcut audit: {audit.Clips} held-out videos re-encoded to {AuditSetting} (fit-cues --audit; never fitted), each copy scored by the")
                .AppendLine("model and thresholds that scored its original:").AppendLine();
            text.AppendLine(inv, $"| | original | {AuditSetting} | change |").AppendLine("|---|---|---|---|");
            text.AppendLine(Row("lip-sync families (mean AUC)", audit.LipsyncFamilies, F, Signed));
            text.AppendLine(Row("generated-head families (mean AUC)", audit.GeneratedFamilies, F, Signed));
            text.AppendLine(Row("reals called manipulated (balanced)", audit.RealsManipulated, P, PointChange));
            text.AppendLine(Row("lip-sync fakes caught (balanced)", audit.LipsyncCaught, P, PointChange));
            text.AppendLine(Row("generated heads caught (balanced)", audit.GeneratedCaught, P, PointChange));
            foreach (var (head, lipsync, generated) in audit.Heads)
            {
                text.AppendLine(Row($"`{head}` head alone: lip-sync families", lipsync, F, Signed));
                text.AppendLine(Row($"`{head}` head alone: generated-head families", generated, F, Signed));
            }
        }
        text.AppendLine();
        text.AppendLine("Outcomes per kind and operating point (held-out sources; manipulated / inconclusive / consistent; a face outside the")
            .AppendLine("range of the reals its model was fitted on is inconclusive, `out_of_distribution`):").AppendLine();
        text.AppendLine(inv, $"| kind | n | outside the reals' range | {string.Join(" | ", OperatingPoint.Names)} |")
            .AppendLine(string.Concat(Enumerable.Repeat("|---", 3 + OperatingPoint.Names.Count)) + "|");
        var chosenScored = heldOut[chosen];
        foreach (var group in Enumerable.Range(0, chosenScored.Samples.Count).GroupBy(i => OutcomeKind(chosenScored.Samples[i].Kind)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var idx = group.ToList();
            string Shares(string point)
            {
                double Share(string outcome) => idx.Count(i => chosenScored.Outcome(i, point) == outcome) / (double)idx.Count;
                return $"{P(Share("manipulated"))} / {P(Share("inconclusive"))} / {P(Share("consistent"))}";
            }
            text.AppendLine(inv, $"| {group.Key} | {idx.Count} | {P(idx.Count(i => chosenScored.OutOfRange[i]) / (double)idx.Count)} | {string.Join(" | ", OperatingPoint.Names.Select(Shares))} |");
        }
        text.AppendLine();
        text.AppendLine("Per held-out generator family (its clips vs every held-out real):").AppendLine();
        text.AppendLine("| family | kind | clips | AUC | caught at balanced |").AppendLine("|---|---|---|---|---|");
        foreach (var (family, kind, count, auc, caught) in main.Families)
            text.AppendLine(inv, $"| {family} | {kind} | {count} | {F(auc)} | {P(caught)} |");
        text.AppendLine().AppendLine("Ablation (held-out sources; criterion = mean of lip-sync families, generated families, swap, 0.5 s shift):").AppendLine();
        var spread = dealt > 1 ? $" | criterion over {dealt} partitions: mean (min–max)" : "";
        text.AppendLine(inv, $"| features | lip-sync fam. | generated fam. | lip-sync / generated fam., same face size | swap | shift 0.5 s | shift 1 s | real → manipulated (balanced) | re-encoded real → manipulated | lip-sync fam. at {AuditSetting} | criterion{spread} |")
            .AppendLine(string.Concat(Enumerable.Repeat("|---", dealt > 1 ? 12 : 11)) + "|");
        foreach (var name in Variants.Select(v => v.Name).Where(heldOut.ContainsKey))
        {
            var t = Summary(heldOut[name]);
            var shift = (t.Kinds["shift-late-0.5s"].Auc + t.Kinds["shift-early-0.5s"].Auc) / 2;
            text.AppendLine(inv, $"| {name} | {F(t.LipsyncFamilies)} | {F(t.GeneratedFamilies)} | {F(t.SizeMatched.Lipsync)} / {F(t.SizeMatched.Generated)} | {F(t.Kinds["swap"].Auc)} | {F(shift)} | {F(t.Kinds["shift-1s"].Auc)} | {P(t.RealRates["balanced"].Manipulated)} | {P(t.ReencodedManipulated)} | {F(t.Audit?.LipsyncFamilies.Copy ?? double.NaN)} | {F(Criterion(heldOut[name]))}{(dealt > 1 && partitions!.TryGetValue(name, out var c) ? $" | {F(c.Average())} ({F(c.Min())}–{F(c.Max())})" : "")} |");
        }
        return text.ToString();
    }

    /// <summary>A source whose held-out reals draw false alarms is named in <see cref="Limitations"/> when it has at least
    /// this many reals and at least <see cref="NamedSourceShare"/> of them are called manipulated: one odd clip is noise, a
    /// kind of footage that draws them is a weak spot a user must know.</summary>
    public const int NamedSourceReals = 3;

    /// <summary>See <see cref="NamedSourceReals"/>.</summary>
    public const double NamedSourceShare = 0.25;

    /// <summary>A generator family of at least two held-out clips ranked under this AUC is named in <see cref="Limitations"/>.</summary>
    public const double WeakFamilyAuc = 0.7;

    /// <summary>The verdict's known weak spots in plain words, from its held-out figures at <paramref name="point"/>: how
    /// often it calls genuine footage manipulated (and which kinds of footage draw it), what share of unseen generators'
    /// fakes it catches, the families it barely ranks, what swapped audio and compression do — for the model's
    /// <see cref="CueFusion.Limitations"/>, which the case report and <c>GET /api/model</c> show.</summary>
    public static IReadOnlyList<string> Limitations(Scored scored, string point = "balanced")
    {
        ArgumentNullException.ThrowIfNull(scored);
        var inv = CultureInfo.InvariantCulture;
        static string P(double v) => v.ToString("0%", CultureInfo.InvariantCulture);
        var table = Summary(scored, point);
        var result = new List<string>();
        var (manipulated, inconclusive) = table.RealRates[point];
        var sources = table.Sources.Count > 1 ? string.Create(inv, $" (per source, {P(table.Sources.Average(x => x.Manipulated))} called manipulated on average over {table.Sources.Count} sources)") : "";
        result.Add(string.Create(inv, $"On real videos from sources it was not fitted on, the {point} point calls {P(manipulated)} manipulated and {P(inconclusive)} inconclusive{sources}."));
        var drawing = table.Sources.Where(x => x.Reals >= NamedSourceReals && x.Manipulated >= NamedSourceShare).Take(3).ToList();
        if (drawing.Count > 0)
        {
            result.Add(string.Create(inv, $"Some kinds of genuine footage draw most false alarms: {string.Join("; ", drawing.Select(x => $"{x.Source} ({P(x.Manipulated)} of {x.Reals} real clips called manipulated)"))}. Weigh a verdict on footage like it with care."));
        }
        string Caught(string kind) => table.Kinds.TryGetValue(kind, out var k) ? P(k.Caught) : "–";
        result.Add(string.Create(inv, $"Of fakes from generator families it was not fitted on, it calls {Caught("lipsync")} of lip-sync fakes and {Caught("generated")} of generated talking heads manipulated at the {point} point; most of the rest are inconclusive or consistent, so \"consistent\" is not proof that a video is genuine."));
        var weak = table.Families.Where(f => f.Count >= 2 && f.Auc < WeakFamilyAuc).ToList();
        if (weak.Count > 0)
            result.Add(string.Create(inv, $"It barely tells these generators' fakes from real videos: {string.Join(", ", weak.Select(f => $"{f.Family} (AUC {f.Auc:0.00}, {f.Count} clips)"))}."));
        var swaps = Enumerable.Range(0, scored.Samples.Count).Where(i => scored.Samples[i].Kind == "swap").ToList();
        if (swaps.Count > 0)
        {
            double Share(string outcome) => swaps.Count(i => scored.Outcome(i, point) == outcome) / (double)swaps.Count;
            result.Add(string.Create(inv, $"A soundtrack taken from another video: {P(Share("manipulated"))} called manipulated, {P(Share("inconclusive"))} inconclusive — the sync measure needs visible lips and enough speech to be sure."));
        }
        if (table.SizeMatched.Lipsync < table.LipsyncFamilies - 0.02 || table.SizeMatched.Generated < table.GeneratedFamilies - 0.02)
        {
            result.Add(string.Create(inv, $"Part of its ranking follows face size in the videos it was judged on (their fakes were filmed larger): against real faces of about the same size it ranks lip-sync fakes at AUC {table.SizeMatched.Lipsync:0.00} instead of {table.LipsyncFamilies:0.00} and generated heads at {table.SizeMatched.Generated:0.00} instead of {table.GeneratedFamilies:0.00}; expect more false alarms on large, close-up faces than its rates say."));
        }
        if (table.Audit is { } audit)
        {
            result.Add(string.Create(inv, $"Compression erases evidence: re-encoded to {AuditSetting}, its ranking of lip-sync fakes falls from AUC {audit.LipsyncFamilies.Original:0.00} to {audit.LipsyncFamilies.Copy:0.00} and of generated heads from {audit.GeneratedFamilies.Original:0.00} to {audit.GeneratedFamilies.Copy:0.00}; it catches {P(audit.LipsyncCaught.Copy)} of those lip-sync fakes instead of {P(audit.LipsyncCaught.Original)}."));
        }
        return result;
    }

    /// <summary>Writes every held-out sample of <paramref name="scored"/> as one CSV row — the video (named by
    /// <paramref name="video"/> from its index), kind, label, family, source, fold, score, whether it lay outside the reals'
    /// range, the outcome at each operating point, each head's logit in its reals' units, and its audit copy's score,
    /// outcome at balanced and heads (empty without a copy) — so that any figure of the report can be traced to its clips.</summary>
    public static void WriteScores(TextWriter writer, Scored scored, Func<int, string> video)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(video);
        var inv = CultureInfo.InvariantCulture;
        var heads = scored.HeadNames;
        writer.WriteLine(string.Join(',', ["video", "kind", "label", "family", "source", "fold", "score", "outside_reals_range", .. OperatingPoint.Names,
            .. heads.Select(h => "head_" + h), "audit_score", "audit_balanced", .. heads.Select(h => "audit_head_" + h)]));
        var copies = scored.Audit.ToDictionary(a => a.Sample);
        static string R(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        for (var i = 0; i < scored.Samples.Count; i++)
        {
            var s = scored.Samples[i];
            var copy = copies.GetValueOrDefault(i);
            writer.WriteLine(string.Join(',', [
                Csv.Quote(video(s.Video)), s.Kind, s.Label.ToString(inv), Csv.Quote(s.Family), Csv.Quote(s.Source), s.Fold.ToString(inv),
                R(scored.Scores[i]), scored.OutOfRange[i] ? "true" : "false", .. OperatingPoint.Names.Select(p => scored.Outcome(i, p)),
                .. heads.Select((_, h) => scored.HeadUnits.Count > i ? R(scored.HeadUnits[i][h]) : ""),
                copy is null ? "" : R(copy.Score), copy is null ? "" : scored.Outcome(copy, "balanced"),
                .. heads.Select((_, h) => copy is null || copy.Heads.Count <= h ? "" : R(copy.Heads[h]))]));
        }
    }

    /// <summary>The kinds of the outcome table: the 0.5 s shifts early and late as one.</summary>
    private static string OutcomeKind(string kind) => kind.StartsWith("shift-", StringComparison.Ordinal) && kind.EndsWith("-0.5s", StringComparison.Ordinal) ? "shift 0.5 s" : kind;

    /// <summary>Fits <paramref name="variant"/>'s verdict on <paramref name="samples"/>.</summary>
    public static CueFusion Fit(CueVariant variant, IReadOnlyList<Sample> samples)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(samples);
        return CueFusion.Fit(variant.Heads, [.. samples.Select(s => s.Cues)], [.. samples.Select(s => s.Label)], [.. samples.Select(s => s.Kind)], variant.Combination,
            variant.Stratified ? [.. samples.Select(Stratum)] : null);
    }

    /// <summary>A video's traces with its sync score by <paramref name="scorer"/> (none without a face).</summary>
    private static FaceCues Cues(CueVideo v, SyncScorer scorer) => v.Traces.WithSync(v.Track is null ? null : scorer.Score(v.Track));

    private static bool IsReal(CueVideo v) => v.Item.Label == 0 && v.Item.Kind == "real";

    /// <summary>A real video with a face: what the sync measure is fitted on and audio negatives are cut from.</summary>
    private static bool IsRealFace(CueVideo v) => IsReal(v) && v.Track is not null;

    /// <summary>True when every head of <paramref name="variant"/> has fakes of a kind it learns from among <paramref name="samples"/>.</summary>
    private static bool CanFit(CueVariant variant, IEnumerable<Sample> samples) =>
        variant.Heads.All(h => samples.Any(s => s.Label == 1 && h.Teaches(s.Kind)));

    /// <summary>Fewest real faces a fold's fitting side needs: the sync measure is fitted on them and every swap takes
    /// another real's audio.</summary>
    public const int MinFittingReals = 2;

    /// <summary>The first fold of <paramref name="fold"/> (0-based) whose fitting side — the videos outside it — holds
    /// fewer than <see cref="MinFittingReals"/> real faces, with how many it holds; null when every fold that holds videos
    /// has enough.</summary>
    public static (int Fold, int Reals)? TooFewReals(IReadOnlyList<CueVideo> videos, IReadOnlyList<int> fold)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(fold);
        foreach (var f in fold.Distinct().Order())
        {
            var reals = Enumerable.Range(0, videos.Count).Count(i => fold[i] != f && IsRealFace(videos[i]));
            if (reals < MinFittingReals) return (f, reals);
        }
        return null;
    }
}
