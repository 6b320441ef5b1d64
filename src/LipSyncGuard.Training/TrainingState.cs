using System.Text.Json;
using System.Text.Json.Serialization;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training;

/// <summary>What <c>--resume</c> needs beyond the weights and optimizer state: the last completed epoch, the history
/// (which also replays the plateau scheduler exactly) and the torch RNG state. Written last, so it marks a complete save.</summary>
public sealed record TrainingState
{
    /// <summary>File name in the weights folder.</summary>
    public const string FileName = "last.state.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Last completed epoch.</summary>
    public int Epoch { get; init; }

    /// <summary>Best validation loss so far.</summary>
    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    /// <summary>Epoch of the best validation loss.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Metrics of the completed epochs.</summary>
    public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    /// <summary>torch's CPU generator state (base64).</summary>
    public string RngState { get; init; } = "";

    /// <summary>The settings of the run (a resume must not change the architecture or the objective).</summary>
    public TrainingOptions Settings { get; init; } = TrainingOptions.Default;

    /// <summary>Writes the state atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a state file.</summary>
    public static TrainingState Load(string path) =>
        JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"'{path}' is not a training state");
}
