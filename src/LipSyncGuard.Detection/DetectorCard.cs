using System.Text.Json;
using System.Text.Json.Serialization;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;

namespace LipSyncGuard.Detection;

/// <summary>The model card written beside the weights (<c>model_card.json</c>): what the network is, how and on what it
/// was trained, its metrics per epoch and the calibrated threshold.</summary>
public sealed record DetectorCard
{
    /// <summary>File name of the card in a weights folder.</summary>
    public const string FileName = "model_card.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Architecture name.</summary>
    public string Architecture { get; init; } = LipSyncNet.ArchitectureName;

    /// <summary>Network shape and window geometry.</summary>
    public LipSyncNetOptions Network { get; init; } = LipSyncNetOptions.Default;

    /// <summary>Parameters in the network.</summary>
    public long ParameterCount { get; init; }

    /// <summary>The command that trained it (<c>train</c>, <c>finetune</c>, <c>pretrain-sync</c>).</summary>
    public string Command { get; init; } = "";

    /// <summary>The training settings.</summary>
    public TrainingOptions Settings { get; init; } = TrainingOptions.Default;

    /// <summary>Data folder.</summary>
    public string DataDirectory { get; init; } = "";

    /// <summary>Groups in the training split.</summary>
    public IReadOnlyList<string> TrainGroups { get; init; } = [];

    /// <summary>Groups in the validation split.</summary>
    public IReadOnlyList<string> ValidationGroups { get; init; } = [];

    /// <summary>Window counts: train/validation × real/fake.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Windows per split side and kind (<c>train/real</c>, <c>train/shift</c>, …; audio-mismatch fakes share
    /// their real video).</summary>
    public IReadOnlyDictionary<string, int> Windows { get; init; } = new Dictionary<string, int>();

    /// <summary>Videos per split side and kind.</summary>
    public IReadOnlyDictionary<string, int> Videos { get; init; } = new Dictionary<string, int>();

    /// <summary>Where the training data came from, with licences (set by <c>lipsync card --merge</c>).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The commands that made this model (set by <c>lipsync card --merge</c>).</summary>
    public IReadOnlyList<string> Recipe { get; init; } = [];

    /// <summary>Known weak spots, in plain words (set by <c>lipsync card --merge</c>).</summary>
    public IReadOnlyList<string> Limitations { get; init; } = [];

    /// <summary>Metrics of every epoch run.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];

    /// <summary>The epoch whose weights are <c>best_model.safetensors</c> (lowest validation loss).</summary>
    public int BestEpoch { get; init; }

    /// <summary>Probability at or above which a window is called fake.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>How <see cref="Threshold"/> was chosen (<c>default</c>, <c>eer</c>, <c>fpr=0.05</c>).</summary>
    public string ThresholdMethod { get; init; } = "default";

    /// <summary>How the detector and the sync measure are combined into the verdict (null: the detector alone), fitted by
    /// <c>evaluate --fit-fusion</c> on validation videos; <see cref="Threshold"/> then applies to the fused score.</summary>
    public VerdictFusion? Fusion { get; init; }

    /// <summary>The mouth-texture cue fused into the verdict (null: none), fitted by <c>lipsync fit-texture</c> on the
    /// training groups.</summary>
    public TextureCue? Texture { get; init; }

    /// <summary>Evaluation metrics at calibration time (null until <c>evaluate</c> ran).</summary>
    public Data.BinaryMetrics? Calibration { get; init; }

    /// <summary>True once <c>evaluate --calibrate</c> fitted <see cref="Threshold"/> on held-out videos and recorded
    /// their metrics in <see cref="Calibration"/>. A card fresh from <c>train</c> / <c>finetune</c> has the default
    /// 0.5, which says nothing about where this network's scores fall, and no figure of how well it does.</summary>
    [JsonIgnore]
    public bool IsCalibrated => Calibration is not null;

    /// <summary>Video-level evaluations recorded by <c>evaluate --record NAME</c> (e.g. the held-out test groups, the
    /// AVLips check set), by name.</summary>
    public IReadOnlyDictionary<string, CardEvaluation> Evaluations { get; init; } = new Dictionary<string, CardEvaluation>();

    /// <summary>Pretrained weights the run started from, with the key report.</summary>
    public string? Pretrained { get; init; }

    /// <summary>Where the pretrained weights lie (relative) and their SHA-256; null when the run started from nothing
    /// (and in cards written before it was recorded).</summary>
    public PretrainedFile? PretrainedFile { get; init; }

    /// <summary>Precision notes (what <c>--half</c> did on this build).</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>Version of the preprocessing pipeline (assembly version + window settings).</summary>
    public string PipelineVersion { get; init; } = "";

    /// <summary>UTC time written.</summary>
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>Writes the card atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a card.</summary>
    public static DetectorCard Load(string path) =>
        JsonSerializer.Deserialize<DetectorCard>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"'{path}' is not a model card");
}

/// <summary>One recorded evaluation: video-level metrics overall and per fake kind at the card's threshold, and every
/// video's score.</summary>
public sealed record CardEvaluation(
    string DataDirectory, DateTime CreatedUtc, Data.BinaryMetrics Overall, IReadOnlyDictionary<string, Data.BinaryMetrics> PerKind,
    IReadOnlyDictionary<string, Data.BinaryMetrics> PerGenerator, IReadOnlyList<VideoScore> Videos)
{
    /// <summary>AUC per fake kind of each cue alone (<c>detector</c>, <c>sync</c>, <c>texture</c> when the card has one; an unjudged cue counts as 0.5) — the
    /// ablation behind the fused verdict.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> CueAuc { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>The sync measure that scored these videos (file name and its provenance); empty in older cards.</summary>
    public string SyncModel { get; init; } = "";
}
