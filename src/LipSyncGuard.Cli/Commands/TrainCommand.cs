using System.CommandLine;
using LipSyncGuard.Training;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync train</c>: trains the detector from scratch on a labelled dataset.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var flags = new TrainingFlags(epochs: 50, lr: 1e-3, output: "weights");
        var command = new Command("train", "Train the lip-sync detector (best_model.safetensors on validation loss, last.*, model card).");
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
            flags.RunAsync(parse, "train", flags.Options(parse, TrainingObjective.Detect), pretrained: null, prepare: null, select: null, cancellationToken));
        return command;
    }
}
