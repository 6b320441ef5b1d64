using LipSyncGuard.Detection;
namespace LipSyncGuard.Training;

/// <summary>Where a run writes and what it records about its data.</summary>
/// <param name="OutputDirectory">Weights folder (<c>best_model.safetensors</c>, <c>last.*</c>, card, metrics.csv, tensorboard/).</param>
/// <param name="Command">Command name for the card.</param>
/// <param name="DataDirectory">Data folder: the card names it relative to itself (<see cref="CardPaths.Relative"/>), <c>split.json</c>
/// lists the videos relative to it.</param>
/// <param name="Pretrained">Pretrained checkpoint and its key report, for the card.</param>
/// <param name="Resume">Continue from <c>last.*</c> in <paramref name="OutputDirectory"/>.</param>
public sealed record TrainingRun(string OutputDirectory, string Command, string DataDirectory, string? Pretrained = null, bool Resume = false)
{
    /// <summary>Where the pretrained weights lie and their hash, for the card (<see cref="CardPaths.Pretrained"/>).</summary>
    public PretrainedFile? PretrainedFile { get; init; }

    /// <summary>Best weights file.</summary>
    public string BestPath => Path.Combine(OutputDirectory, "best_model.safetensors");

    /// <summary>Last weights file.</summary>
    public string LastPath => Path.Combine(OutputDirectory, "last.safetensors");

    /// <summary>Last optimizer state.</summary>
    public string OptimizerPath => Path.Combine(OutputDirectory, "last.optimizer.bin");

    /// <summary>Last training state.</summary>
    public string StatePath => Path.Combine(OutputDirectory, TrainingState.FileName);

    /// <summary>Model card.</summary>
    public string CardPath => Path.Combine(OutputDirectory, DetectorCard.FileName);

    /// <summary>The train / validation split.</summary>
    public string SplitPath => Path.Combine(OutputDirectory, DataSplit.FileName);

    /// <summary>Per-epoch CSV.</summary>
    public string CsvPath => Path.Combine(OutputDirectory, "metrics.csv");
}
