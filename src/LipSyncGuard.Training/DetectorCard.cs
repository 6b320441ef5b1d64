using System.Text.Json;
using System.Text.Json.Serialization;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;

namespace LipSyncGuard.Training;

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

    /// <summary>Metrics of every epoch run.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];

    /// <summary>The epoch whose weights are <c>best_model.safetensors</c> (lowest validation loss).</summary>
    public int BestEpoch { get; init; }

    /// <summary>Probability at or above which a window is called fake.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>How <see cref="Threshold"/> was chosen (<c>default</c>, <c>eer</c>, <c>fpr=0.05</c>).</summary>
    public string ThresholdMethod { get; init; } = "default";

    /// <summary>Evaluation metrics at calibration time (null until <c>evaluate</c> ran).</summary>
    public Data.BinaryMetrics? Calibration { get; init; }

    /// <summary>Pretrained weights the run started from, with the key report.</summary>
    public string? Pretrained { get; init; }

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
