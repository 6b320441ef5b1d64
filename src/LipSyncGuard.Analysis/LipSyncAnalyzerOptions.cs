using LipSyncGuard.Media;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>What the engine loads: the signal models and the sync measure's coefficients.</summary>
public sealed record LipSyncAnalyzerOptions
{
    /// <summary>The shipped sync coefficients, under <c>models/</c> of the repository or beside the program.</summary>
    public const string DefaultSyncModelFile = "sync-landmarks.json";

    /// <summary>The shipped cue verdict (<c>lipsync fit-cues</c>): the default scorer.</summary>
    public const string DefaultCuesFile = "lipsyncguard-cues.json";

    /// <summary>Value of <see cref="DetectorPath"/> that runs without a trained detector (sync-only mode).</summary>
    public const string NoDetector = "none";

    /// <summary>Models from their default places.</summary>
    public static LipSyncAnalyzerOptions Default { get; } = new();

    /// <summary>Face, landmark and speech models and decoding settings.</summary>
    public SignalExtractorOptions Signals { get; init; } = SignalExtractorOptions.Default;

    /// <summary>How an analysis with <paramref name="options"/> decodes its frames: a host that starts ffmpeg before the
    /// analyzer has loaded (<see cref="LipSyncAnalyzer.AnalyzeAsync(FrameStream, AnalysisOptions?, IProgress{AnalysisProgress}?, CancellationToken)"/>)
    /// starts it with these.</summary>
    public VideoDecodeOptions DecodeOptions(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ExtractorOptions(options.MaxSide).Decode;
    }

    /// <summary>The extractor settings for frames no larger than <paramref name="maxSide"/>.</summary>
    internal SignalExtractorOptions ExtractorOptions(int maxSide) => Signals with { MaxSide = maxSide };

    /// <summary>The fitted sync measure (<c>lipsync fit-sync</c> writes one); null looks in the default places.</summary>
    public string? SyncModelPath { get; init; }

    /// <summary>Trained detector weights (a model trained with <c>lipsync train</c> / <c>finetune</c>, its card beside it);
    /// null runs the shipped cue verdict (<see cref="CuesPath"/>), <see cref="NoDetector"/> the sync measure alone.</summary>
    public string? DetectorPath { get; init; }

    /// <summary>The cue verdict to load when no detector is asked for; null looks for the shipped one in the default places
    /// (sync-only mode when there is none). Its heads weigh the sync scores of the measure fitted with it, so the
    /// <see cref="DefaultSyncModelFile"/> beside a configured one is used unless <see cref="SyncModelPath"/> names another.</summary>
    public string? CuesPath { get; init; }

    /// <summary>Folder of the ImageNet ResNet18 mouth encoder a cue verdict with appearance features needs; null looks for
    /// <c>models/resnet18</c> in the default places.</summary>
    public string? EncoderDirectory { get; init; }

    /// <summary>The mouth encoder's folder: the configured one, else <c>models/resnet18</c> above the program or beside it.</summary>
    public string ResolveEncoderDirectory() => EncoderDirectory ?? Path.GetDirectoryName(FindModel(Path.Combine("resnet18", "ResNet18.onnx")))!;

    /// <summary>The cue verdict's operating point: <c>strict</c> (about 2 % of real videos from unseen sources called
    /// manipulated), <c>balanced</c> (5 %) or <c>sensitive</c> (10 %); each also sets where "inconclusive" starts.</summary>
    public string OperatingPoint { get; init; } = "balanced";

    /// <summary>Most mouth crops per face held in memory (3000 = 2 min at 25 fps, 83 MB per face at 96 px; crops are kept for
    /// every tracked face until selection): bounds memory on long videos. The rest go to a temporary file, unlinked at once
    /// and closed with the analysis, so the detector still scores every window of a face and the evidence strips reach any
    /// moment.</summary>
    public int CropFramesInMemory { get; init; } = 3000;

    /// <summary>Most frames of a face the trace cues (texture, consistency, resampling, appearance) measure: a longer face is
    /// measured on 24 runs spread evenly over all of it, so its cost stays bounded and no part of
    /// it is left out.</summary>
    public int MaxTraceFrames { get; init; } = 3000;

    /// <summary>Sessions of the mouth encoder that share a face's 16 crops (each single-threaded): the frame pass is over
    /// when the encoder runs, so on two cores two sessions halve its wait (~0.3 s per face) with the same features, for
    /// ~110 MB more peak memory (the second session). One per core, at most 2, by default; a host short of memory, or one
    /// that runs analyses side by side on every core, may set 1.</summary>
    public int EncoderSessions { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>These options for a host that runs <paramref name="analyses"/> analyses side by side (the service's
    /// analysis limit, a worker's slots): each face's encoder gets the cores the others leave, so concurrent analyses do
    /// not oversubscribe the cores or hold idle sessions (2 analyses on 2 cores: one session each).</summary>
    public LipSyncAnalyzerOptions ForConcurrentAnalyses(int analyses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(analyses, 1);
        return this with { EncoderSessions = Math.Clamp(Environment.ProcessorCount / analyses, 1, 2) };
    }

    /// <summary>Where evidence stops being reliable (the reasons that make a verdict inconclusive) and who counts as
    /// speaking.</summary>
    public ReliabilityOptions Reliability { get; init; } = ReliabilityOptions.Default;

    /// <summary>Options from the environment: <c>LIPSYNC_SYNC_MODEL</c> overrides the sync model path,
    /// <c>LIPSYNC_WEIGHTS</c> the model (<see cref="WithWeights"/>).</summary>
    public static LipSyncAnalyzerOptions FromEnvironment() => (Default with
    {
        SyncModelPath = Environment.GetEnvironmentVariable("LIPSYNC_SYNC_MODEL"),
        OperatingPoint = Environment.GetEnvironmentVariable("LIPSYNC_OPERATING_POINT") is { Length: > 0 } point ? point : "balanced",
    }).WithWeights(Environment.GetEnvironmentVariable("LIPSYNC_WEIGHTS") is { Length: > 0 } weights ? weights : null);

    /// <summary>These options judging with the model a user named (<c>--weights</c>, <c>LIPSYNC_WEIGHTS</c>,
    /// <c>LipSync:Weights</c>): a cue verdict (<c>.json</c>, what <c>lipsync fit-cues</c> writes) as
    /// <see cref="CuesPath"/>, <see cref="NoDetector"/> for the sync measure alone, anything else as trained detector
    /// weights; null keeps the shipped verdict.</summary>
    public LipSyncAnalyzerOptions WithWeights(string? weights) =>
        weights is null ? this
        : Path.GetExtension(weights).Equals(".json", StringComparison.OrdinalIgnoreCase) ? this with { CuesPath = weights, DetectorPath = null }
        : this with { DetectorPath = weights, CuesPath = null };

    /// <summary>The sync model file to load: the configured path, else <c>models/sync-landmarks.json</c> found above the
    /// program (a source checkout) or beside it (a published build).</summary>
    public string ResolveSyncModelPath() => SyncModelPath ?? FindModel(DefaultSyncModelFile);

    /// <summary>The detector weights to load, or null (cue or sync-only mode).</summary>
    public string? ResolveDetectorPath() => string.Equals(DetectorPath, NoDetector, StringComparison.OrdinalIgnoreCase) ? null : DetectorPath;

    /// <summary>The cue verdict to load, or null: none when a detector or sync-only mode was asked for, else the configured
    /// path, else the shipped <c>models/lipsyncguard-cues.json</c> when present.</summary>
    public string? ResolveCuesPath()
    {
        if (DetectorPath is not null) return null;
        if (CuesPath is not null) return CuesPath;
        var shipped = FindModel(DefaultCuesFile);
        return File.Exists(shipped) ? shipped : null;
    }

    private static string FindModel(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", file);
            if (File.Exists(candidate)) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "models", file);
    }
}
